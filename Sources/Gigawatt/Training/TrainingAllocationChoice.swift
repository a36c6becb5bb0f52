import Fleet
import Workloads

/// Turns "N chips of this pool" into the wiring the step-time model needs, or says why the
/// pool's platform cannot host that many chips as one job.
enum TrainingAllocationChoice {
    /// The allocation of `chips` chips of `pool`.
    static func allocation(_ chips: Int, in pool: Pool) -> Result<TrainingAllocation, AllocationProblem> {
        let spec = pool.spec
        switch pool.topology {
        case .gpu, .trainium:
            let domain = spec.scaleUpDomainChips.value
            guard chips < domain || chips % domain == 0 else {
                return .failure(AllocationProblem("\(chips) chips are not whole \(domain)-chip scale-up domains of \(spec.id)"))
            }
            return .success(.switched(spec, chips: chips))
        case .tpu(let fabric):
            return tpuSlices(chips, geometry: fabric.geometry, spec: spec)
        }
    }

    /// One slice of the most cube-like valid shape holding `chips`, or, beyond the largest slice,
    /// the fewest equal slices joined over DCN (multislice).
    static func tpuSlices(_ chips: Int, geometry: TPUPodGeometry, spec: AcceleratorSpec) -> Result<TrainingAllocation, AllocationProblem> {
        var count = 1
        while count <= min(chips, 4_096) {
            if chips % count == 0, chips / count <= geometry.maxSliceChips, let slice = bestSlice(chips / count, geometry) {
                if count > 1, let limit = geometry.maxMultisliceChips, chips > limit {
                    return .failure(AllocationProblem("\(chips) chips exceed the \(limit)-chip multislice limit of \(spec.id)"))
                }
                return .success(.tpu(spec, slice: slice, count: count))
            }
            count += 1
        }
        return .failure(AllocationProblem("no valid \(spec.id) slice shape (or equal multislice) holds \(chips) chips"))
    }

    /// The documented shape with `chips` chips, or for 3D tori the cube-multiple shape with the
    /// smallest longest side (shorter rings).
    private static func bestSlice(_ chips: Int, _ geometry: TPUPodGeometry) -> PodSlice? {
        if let shape = geometry.documentedShapes.first(where: { $0.chips == chips }), let slice = try? geometry.slice(shape) {
            return slice
        }
        guard geometry.dimensionality == 3, chips % TPUPodGeometry.chipsPerCube == 0 else { return nil }
        let cubes = chips / TPUPodGeometry.chipsPerCube
        var best: SliceShape?
        for a in 1...cubes where cubes % a == 0 {
            for b in a...cubes where (cubes / a) % b == 0 {
                let c = cubes / a / b
                guard c >= b else { continue }
                let shape = SliceShape(4 * a, 4 * b, 4 * c)
                if best == nil || shape.dimensions.max()! < best!.dimensions.max()! { best = shape }
            }
        }
        return best.flatMap { try? geometry.slice($0) }
    }
}

/// Why a pool cannot host a job (a reason for the results).
struct AllocationProblem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
