import SimKernel
/// One platform's hardware at one site: a TPU pod set, a GPU cluster or a Trainium pool.
///
/// Holds the catalog spec it was built from (so a scenario's overrides travel with it), its
/// topology as counts, how hosts are grouped into racks for the power tree, optional power caps,
/// and its capacity over time.
public struct Pool: Hashable, Sendable {
    public var id: PoolID
    public var name: String
    public var spec: AcceleratorSpec
    public var site: SiteID
    public var topology: PoolTopology
    /// Hosts per rack, for the power tree (see `defaultHostsPerRack`).
    public var hostsPerRack: Int
    /// Caps by level (rack, host, pool); nil = uncapped.
    public var poolCap: Watts?
    public var rackCap: Watts?
    /// What the pool's capacity costs besides energy; nil = not modelled (energy cost only).
    public var cost: CapacityCost? = nil
    /// Power outside the hosts, drawn whenever the pool is in service, busy or not: the
    /// scale-out fabric (switches, optics) per chip in service, and the pool's storage. Zero
    /// unless the scenario gives them (no source in the reference splits them out).
    public var networkPowerPerChip = Watts.zero
    public var storagePower = Watts.zero
    /// Manufacturing emissions per chip, spread over its lifetime; nil = not counted.
    public var embodiedCarbon: EmbodiedCarbon? = nil
    /// How `poolCap` (IT power) is enforced; nil = reported, not enforced. Rack caps are not
    /// enforced in this version.
    public var capPolicy: PowerCapPolicy? = nil
    /// When set, hosts with no work are powered off (they draw nothing) and a job starting on
    /// them waits this long for them to boot, drawing idle power meanwhile; nil = idle hosts stay on.
    public var bootDelay: SimDuration? = nil
    /// Chips in service over time; by default the installed size throughout.
    public var capacity: CapacityTimeline
    /// TPU pools only: the slice shapes the pool is carved into (like a GKE node pool's
    /// topology), each valid for the generation; empty = any shape the generation allows.
    public var sliceShapes: [SliceShape]

    public init(id: PoolID, name: String, spec: AcceleratorSpec, site: SiteID, topology: PoolTopology,
                hostsPerRack: Int? = nil, poolCap: Watts? = nil, rackCap: Watts? = nil,
                capacity: CapacityTimeline? = nil, sliceShapes: [SliceShape] = []) {
        self.id = id
        self.name = name
        self.spec = spec
        self.site = site
        self.topology = topology
        self.hostsPerRack = hostsPerRack ?? Pool.defaultHostsPerRack(spec)
        precondition(self.hostsPerRack >= 1, "hostsPerRack must be positive")
        self.poolCap = poolCap
        self.rackCap = rackCap
        self.capacity = capacity ?? CapacityTimeline(initialChips: topology.chips)
        if !sliceShapes.isEmpty {
            guard case .tpu(let tpu) = topology else {
                preconditionFailure("slice shapes apply to TPU pools only (pool \(name))")
            }
            for shape in sliceShapes {
                do { try tpu.geometry.validate(shape) } catch {
                    preconditionFailure("pool \(name): \(error)")
                }
            }
        }
        self.sliceShapes = sliceShapes
    }

    public var chips: Int { topology.chips }

    /// Rack grouping when the scenario gives none. NVL72: 18 compute trays per rack
    /// [autopilotr-b200]. Otherwise assumptions, not catalog figures: a TPU 3D rack holds one
    /// 4x4x4 cube (16 hosts of 4), a 2D TPU rack 8 hosts, a Trainium rack one UltraServer,
    /// an HGX rack 4 hosts.
    public static func defaultHostsPerRack(_ spec: AcceleratorSpec) -> Int {
        let perHost = spec.chipsPerHost.value
        switch spec.topology.value {
        case .nvLinkRack: return spec.scaleUpDomainChips.value / perHost
        case .torus3DWithOCS: return max(1, TPUPodGeometry.chipsPerCube / perHost)
        case .torus2D: return 8
        case .neuronLinkTorus, .neuronSwitch: return max(1, spec.scaleUpDomainChips.value / perHost)
        case .nvSwitchHost, .xgmiMesh: return 4
        }
    }
}
