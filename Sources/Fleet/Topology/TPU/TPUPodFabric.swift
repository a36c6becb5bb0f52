/// A TPU pool: whole pods (a 3D OCS torus or a 16x16 2D torus each) joined by DCN.
///
/// Counts only: chip c (pool-local) is in pod c / podChips. Slices are carved out of pods by the
/// scheduler using `geometry`; this value describes the installed hardware.
public struct TPUPodFabric: Hashable, Sendable {
    public var geometry: TPUPodGeometry
    public var pods: Int
    /// Per-direction capacity of one ICI link: chip bidirectional ICI / (2 × ports).
    public var iciLinkCapacity: BytesPerSecond
    /// DCN bandwidth of one pod: chips × per-chip scale-out, one direction.
    public var dcnBandwidthPerPod: BytesPerSecond

    public init(spec: AcceleratorSpec, pods: Int) {
        guard let geometry = TPUPodGeometry(spec) else { preconditionFailure("\(spec.id) is not a TPU torus") }
        precondition(pods >= 1, "a TPU pool needs at least one pod")
        self.geometry = geometry
        self.pods = pods
        iciLinkCapacity = spec.scaleUpBandwidth.value / Double(2 * geometry.iciPortsPerChip)
        dcnBandwidthPerPod = spec.scaleOutBandwidth.value.times(geometry.podChips)
    }

    public var chips: Int { pods * geometry.podChips }
    public var hosts: Int { chips / geometry.chipsPerHost }
    /// 4x4x4 cubes (3D generations); nil for 2D.
    public var cubes: Int? { geometry.dimensionality == 3 ? chips / TPUPodGeometry.chipsPerCube : nil }
    public var iciLinks: Int { pods * geometry.podICILinks }
    public func pod(ofChip chip: Int) -> Int { chip / geometry.podChips }
}
