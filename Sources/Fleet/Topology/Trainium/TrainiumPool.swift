/// A Trainium pool: instances (hosts) grouped into UltraServers, on an EFA fabric.
///
/// - Trn1: 16-chip instances, 4x4 2D torus over NeuronLink-v2; the scale-up domain is the
///   instance (no UltraServer) [neuron-trn1-arch].
/// - Trn2: 16-chip instances (4x4 2D torus), 4 instances per 64-chip UltraServer with the chips
///   at the same coordinates joined in a ring across the instances [neuron-trn2-arch].
/// - Trn3: 4-chip servers, 36 per 144-chip Gen2 UltraServer, all-to-all through NeuronSwitch
///   [neuron-trn3-arch].
///
/// Chip c (pool-local) is in instance c / chipsPerInstance and UltraServer c / chipsPerUltraServer.
/// EFA: one fabric endpoint per chip at the per-chip scale-out rate (the instance's EFA total
/// divided by its chips), oversubscribed per `FabricOptions`.
public struct TrainiumPool: Hashable, Sendable {
    public var accelerator: AcceleratorID
    public var ultraServers: Int
    public var chipsPerInstance: Int
    public var chipsPerUltraServer: Int
    public var topology: TopologyKind
    public var scaleUpBandwidth: BytesPerSecond
    public var fabric: FatTree

    public init(spec: AcceleratorSpec, ultraServers: Int, fabric options: FabricOptions) throws(FabricError) {
        precondition(spec.platform == .trainium, "\(spec.id) is not a Trainium chip")
        precondition(ultraServers >= 1, "a Trainium pool needs at least one UltraServer")
        let perUS = spec.scaleUpDomainChips.value
        let perInstance = spec.chipsPerHost.value
        precondition(perUS % perInstance == 0, "\(spec.id): UltraServer of \(perUS) is not whole instances of \(perInstance)")
        accelerator = spec.id
        self.ultraServers = ultraServers
        chipsPerInstance = perInstance
        chipsPerUltraServer = perUS
        topology = spec.topology.value
        scaleUpBandwidth = spec.scaleUpBandwidth.value
        fabric = try FatTree(endpoints: ultraServers * perUS, lineRate: spec.scaleOutBandwidth.value,
                             options: options, rails: 1)
    }

    public var chips: Int { ultraServers * chipsPerUltraServer }
    public var instances: Int { chips / chipsPerInstance }
    public var instancesPerUltraServer: Int { chipsPerUltraServer / chipsPerInstance }

    public func instance(ofChip chip: Int) -> Int { chip / chipsPerInstance }
    public func ultraServer(ofChip chip: Int) -> Int { chip / chipsPerUltraServer }
    /// Pool-local instance indices of UltraServer `u`.
    public func instances(inUltraServer u: Int) -> Range<Int> {
        u * instancesPerUltraServer ..< (u + 1) * instancesPerUltraServer
    }
    public func chips(inUltraServer u: Int) -> Range<Int> { u * chipsPerUltraServer ..< (u + 1) * chipsPerUltraServer }

    /// NeuronLink links in one UltraServer.
    ///
    /// Torus (Trn1/Trn2): a 16-chip 4x4 torus has 2 × 16 = 32 links per instance; with n > 1
    /// instances, each of the 16 chip positions forms a ring of n links (n = 2: 1 link).
    /// Trn2: 4 × 32 + 16 × 4 = 192. NeuronSwitch (Trn3): one chip-to-switch link per chip.
    public var neuronLinksPerUltraServer: Int {
        switch topology {
        case .neuronSwitch:
            return chipsPerUltraServer
        default:
            let n = instancesPerUltraServer
            let torus = chipsPerInstance == 16 ? 32 : chipsPerInstance // 4x4 torus; else a ring
            let ring = n == 1 ? 0 : (n == 2 ? 1 : n)
            return n * torus + chipsPerInstance * ring
        }
    }
}
