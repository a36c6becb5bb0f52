/// A folded-Clos (fat-tree) scale-out fabric sized for a number of NIC endpoints.
///
/// **Two tiers** (leaf/spine) while the leaves fit under one spine layer (leaves ≤ k):
/// - leaves L = ⌈endpoints / d⌉ (rail-optimised: rails × ⌈endpoints per rail / d⌉),
/// - leaf uplinks U = L × u, spines = ⌈U / k⌉ (each spine serves at most k leaf ports).
///
/// **Three tiers** beyond that: leaves are grouped into pods of k/2; each pod has u spines using
/// k/2 ports down and k/2 up (non-blocking above the leaf), pods = ⌈L / (k/2)⌉,
/// spines = pods × u, spine uplinks = U, cores = ⌈U / k⌉. At most k pods.
///
/// A single leaf needs no spine. Link counts: endpoints host-to-leaf links, U leaf-to-spine
/// links, and (three tiers) U spine-to-core links, all at the NIC line rate.
///
/// **Bisection bandwidth** (one direction) = min(endpoints, U) × line rate / 2: the traffic one
/// half of the endpoints can push to the other half, limited by the NICs or by the leaf uplinks
/// (oversubscription is applied only at the leaf).
public struct FatTree: Hashable, Sendable {
    public var endpoints: Int
    public var options: FabricOptions
    /// Per-direction rate of every link (the NIC rate).
    public var lineRate: BytesPerSecond
    public var leaves: Int
    public var spines: Int
    /// Core switches; 0 for a two-tier fabric.
    public var cores: Int
    public var leafUplinks: Int
    public var spineUplinks: Int

    /// - Parameters:
    ///   - endpoints: NIC ports to attach (one per accelerator for GPU and Trainium pools).
    ///   - rails: NICs per host; used only when `options.isRailOptimized`.
    /// - Throws: `FabricError.tooLarge` when even three tiers cannot hold the endpoints.
    public init(endpoints: Int, lineRate: BytesPerSecond, options: FabricOptions, rails: Int = 1) throws(FabricError) {
        precondition(endpoints >= 1, "a fabric needs at least one endpoint")
        let k = options.radix
        let (d, u) = options.leafPorts
        let leaves: Int
        if options.isRailOptimized && rails > 1 {
            let perRail = (endpoints + rails - 1) / rails
            leaves = rails * ((perRail + d - 1) / d)
        } else {
            leaves = (endpoints + d - 1) / d
        }
        self.endpoints = endpoints
        self.options = options
        self.lineRate = lineRate
        self.leaves = leaves
        if leaves == 1 {
            spines = 0; cores = 0; leafUplinks = 0; spineUplinks = 0
            return
        }
        leafUplinks = leaves * u
        if leaves <= k {
            spines = (leafUplinks + k - 1) / k
            cores = 0
            spineUplinks = 0
        } else {
            let podLeaves = k / 2
            let pods = (leaves + podLeaves - 1) / podLeaves
            guard pods <= k else {
                throw .tooLarge(endpoints: endpoints, maximum: k * podLeaves * d, radix: k)
            }
            spines = pods * u
            spineUplinks = leafUplinks
            cores = (spineUplinks + k - 1) / k
        }
    }

    public var tiers: Int { leaves == 1 ? 1 : (cores == 0 ? 2 : 3) }
    public var switches: Int { leaves + spines + cores }
    /// Physical links: host-to-leaf + leaf-to-spine + spine-to-core.
    public var links: Int { endpoints + leafUplinks + spineUplinks }

    /// One-direction bisection bandwidth (see the type's documentation).
    public var bisectionBandwidth: BytesPerSecond {
        let crossing = leaves == 1 ? endpoints : min(endpoints, leafUplinks)
        return lineRate.times(crossing) / 2
    }
}

/// Fabric sizing errors.
public enum FabricError: Error, Hashable, Sendable, CustomStringConvertible {
    case tooLarge(endpoints: Int, maximum: Int, radix: Int)

    public var description: String {
        switch self {
        case .tooLarge(let e, let max, let k):
            return "fabric of \(e) endpoints exceeds the \(max) a three-tier fat-tree of radix \(k) can hold; raise the radix or split the pool"
        }
    }
}
