/// The slicing rules of one TPU generation: pod size, allowed slice shapes, ICI ports.
///
/// - 3D generations (v4, v5p, Ironwood): pods are 4x4x4 cubes joined by optical circuit
///   switches. A slice is a 3D torus when every dimension is a multiple of 4 [gcp-v4]; smaller
///   slices are the documented sub-cube meshes 2x2x1, 2x2x2, 2x2x4, 2x4x4 (listed for v4/v5p;
///   assumed for Ironwood, whose docs say it "shares many similarities with v5p" [gcp-7x]).
///   Any cube-multiple shape up to the largest single slice is accepted: the OCS can join cubes
///   in any arrangement, so no per-dimension limit is enforced. Maxima: v4 4096 [gcp-v4];
///   v5p 6144 = 16x16x24 of an 8960-chip pod, multislice to 18,432 [gcp-v5p]; Ironwood 9216 [gcp-7x].
/// - 2D generations (v5e, v6e): a 16x16 torus per pod; slices are exactly the documented shapes
///   1x1, 2x2, 2x4, 4x4, 4x8, 8x8, 8x16, 16x16 [gcp-v5e][gcp-v6e].
public struct TPUPodGeometry: Hashable, Sendable {
    public var generation: AcceleratorID
    /// 2 or 3.
    public var dimensionality: Int
    public var podChips: Int
    public var maxSliceChips: Int
    /// The documented multislice limit, nil when none is published.
    public var maxMultisliceChips: Int?
    /// 3D: the documented sub-cube (mesh) shapes; 2D: every documented shape.
    public var documentedShapes: [SliceShape]
    /// 2D: the pod edge (16); a dimension of this size wraps. Unused for 3D.
    public var podEdge: Int
    /// ICI ports per chip: 6 in 3D, 4 in 2D.
    public var iciPortsPerChip: Int { dimensionality * 2 }
    public var chipsPerHost: Int

    public static let cubeEdge = 4
    public static let chipsPerCube = 64

    static let subCubeShapes = [SliceShape(2, 2, 1), SliceShape(2, 2, 2), SliceShape(2, 2, 4), SliceShape(2, 4, 4)]
    static let twoDShapes = [SliceShape(1, 1), SliceShape(2, 2), SliceShape(2, 4), SliceShape(4, 4),
                             SliceShape(4, 8), SliceShape(8, 8), SliceShape(8, 16), SliceShape(16, 16)]

    /// The geometry for a TPU catalog entry; nil when the spec is not a TPU torus.
    ///
    /// Known generations get their documented limits; a custom TPU gets the generic rules of its
    /// topology kind with the pod size from `scaleUpDomainChips`.
    public init?(_ spec: AcceleratorSpec) {
        let pod = spec.scaleUpDomainChips.value
        generation = spec.id
        chipsPerHost = spec.chipsPerHost.value
        podChips = pod
        switch spec.topology.value {
        case .torus3DWithOCS:
            dimensionality = 3
            documentedShapes = Self.subCubeShapes
            podEdge = 0
            switch spec.id.rawValue {
            case "tpu-v5p": maxSliceChips = 6144; maxMultisliceChips = 18_432 // [gcp-v5p]
            default: maxSliceChips = pod; maxMultisliceChips = nil
            }
        case .torus2D:
            dimensionality = 2
            documentedShapes = Self.twoDShapes
            podEdge = 16
            maxSliceChips = pod
            maxMultisliceChips = nil
        default:
            return nil
        }
    }

    /// Checks `shape` against this generation's rules. O(documented shapes).
    public func validate(_ shape: SliceShape) throws(SliceShapeError) {
        guard shape.dimensions.count == dimensionality else {
            throw .wrongDimensionality(shape, expected: dimensionality, generation: generation)
        }
        if dimensionality == 2 {
            guard documentedShapes.contains(shape) else {
                throw .notDocumented(shape, generation: generation, valid: documentedShapes)
            }
            return
        }
        if documentedShapes.contains(shape) { return }
        guard shape.dimensions.allSatisfy({ $0 % Self.cubeEdge == 0 }) else {
            throw .notCubeMultiple(shape, generation: generation, smallShapes: documentedShapes)
        }
        guard shape.chips <= maxSliceChips else {
            throw .exceedsMaximumSlice(shape, maximumChips: maxSliceChips, generation: generation)
        }
    }

    /// The validated slice with its chip, cube, host and link counts.
    public func slice(_ shape: SliceShape) throws(SliceShapeError) -> PodSlice {
        try validate(shape)
        let wraps: [Bool]
        let cubes: Int?
        if dimensionality == 3 {
            let isTorus = shape.dimensions.allSatisfy { $0 % Self.cubeEdge == 0 }
            wraps = Array(repeating: isTorus, count: 3)
            cubes = isTorus ? shape.chips / Self.chipsPerCube : 1
        } else {
            wraps = shape.dimensions.map { $0 == podEdge }
            cubes = nil
        }
        let hosts = (shape.chips + chipsPerHost - 1) / chipsPerHost
        return PodSlice(generation: generation, shape: shape, wraps: wraps, cubes: cubes, hosts: hosts)
    }

    /// Parses and validates `text` in one step.
    public func slice(_ text: String) throws(SliceShapeError) -> PodSlice {
        try slice(SliceShape.parse(text))
    }

    /// ICI links in a whole pod when every chip uses every port: chips × ports / 2.
    public var podICILinks: Int { podChips * iciPortsPerChip / 2 }
}
