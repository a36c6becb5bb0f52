/// A GPU pool: NVLink scale-up domains (8-GPU HGX hosts or 72-GPU NVL72 racks) on a fat-tree.
///
/// Stored as counts, never per GPU: GPU g (0-based within the pool) lives in host
/// g / gpusPerHost and scale-up domain g / gpusPerDomain. One NIC per GPU at the catalog's
/// scale-out rate (the reference's 8 × 400 Gb/s per HGX node, 4 per GB200 tray), so the fabric
/// has one endpoint per GPU and, when rail-optimised, one rail per GPU of a host.
public struct GPUCluster: Hashable, Sendable {
    public var accelerator: AcceleratorID
    public var scaleUpDomains: Int
    public var gpusPerDomain: Int
    public var gpusPerHost: Int
    /// Per-GPU NVLink bandwidth, total of both directions (catalog convention).
    public var scaleUpBandwidth: BytesPerSecond
    public var fabric: FatTree

    /// - Throws: `FabricError` when the fabric cannot be built at this size.
    public init(spec: AcceleratorSpec, scaleUpDomains: Int, fabric options: FabricOptions) throws(FabricError) {
        precondition(spec.platform == .gpu, "\(spec.id) is not a GPU")
        precondition(scaleUpDomains >= 1, "a GPU cluster needs at least one scale-up domain")
        let perDomain = spec.scaleUpDomainChips.value
        let perHost = spec.chipsPerHost.value
        precondition(perDomain % perHost == 0, "\(spec.id): scale-up domain of \(perDomain) is not whole hosts of \(perHost)")
        accelerator = spec.id
        self.scaleUpDomains = scaleUpDomains
        gpusPerDomain = perDomain
        gpusPerHost = perHost
        scaleUpBandwidth = spec.scaleUpBandwidth.value
        fabric = try FatTree(endpoints: scaleUpDomains * perDomain, lineRate: spec.scaleOutBandwidth.value,
                             options: options, rails: perHost)
    }

    public var gpus: Int { scaleUpDomains * gpusPerDomain }
    public var hosts: Int { gpus / gpusPerHost }
    public var hostsPerDomain: Int { gpusPerDomain / gpusPerHost }

    /// The scale-up domain holding pool-local GPU `gpu`. O(1).
    public func scaleUpDomain(ofGPU gpu: Int) -> Int { gpu / gpusPerDomain }
    /// The host holding pool-local GPU `gpu`. O(1).
    public func host(ofGPU gpu: Int) -> Int { gpu / gpusPerHost }
    /// Pool-local GPU indices of domain `d`.
    public func gpus(inDomain d: Int) -> Range<Int> { d * gpusPerDomain ..< (d + 1) * gpusPerDomain }
}
