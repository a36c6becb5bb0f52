/// Several identical slices joined over the data-centre network (DCN).
///
/// Inside a slice traffic uses ICI; between slices it crosses DCN at the per-chip scale-out
/// bandwidth, so a collective over a multislice is limited by `dcnBandwidth`.
public struct TPUMultislice: Hashable, Sendable {
    public var slice: PodSlice
    public var sliceCount: Int
    /// DCN bandwidth of one slice: its chips × per-chip scale-out bandwidth (one direction).
    public var dcnBandwidthPerSlice: BytesPerSecond

    /// - Throws: `.invalidMultislice` when `sliceCount` < 1 or the total exceeds the generation's
    ///   documented multislice limit (v5p: 18,432 chips [gcp-v5p]).
    public init(slice: PodSlice, count: Int, geometry: TPUPodGeometry, spec: AcceleratorSpec) throws(SliceShapeError) {
        guard count >= 1 else { throw .invalidMultislice("slice count must be at least 1 (got \(count))") }
        if let limit = geometry.maxMultisliceChips, slice.chips * count > limit {
            throw .invalidMultislice("\(count) × \(slice.shape) = \(slice.chips * count) chips exceeds the \(geometry.generation) limit of \(limit)")
        }
        self.slice = slice
        self.sliceCount = count
        self.dcnBandwidthPerSlice = spec.scaleOutBandwidth.value.times(slice.chips)
    }

    public var chips: Int { slice.chips * sliceCount }
    public var hosts: Int { slice.hosts * sliceCount }
    public var iciLinks: Int { slice.iciLinks * sliceCount }
}
