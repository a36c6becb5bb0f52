import Fleet
import Scheduling
import SimKernel

/// One pool's oversubscribed scale-out fabric, seen as the resources jobs contend for: the
/// uplinks of each placement domain (a leaf, a rail group of leaves, an NVLink rack's leaves,
/// an UltraServer's leaves).
///
/// **Capacity.** A domain of `c` chips has one NIC port per chip at line rate `L` (per
/// direction). Its leaves have d ports down and u up (`FabricOptions.leafPorts`), so its
/// uplinks carry at most `c · L · u / d`: with k = 64 and 3:1 oversubscription (d = 48, u = 16)
/// a 48-chip leaf has 16 · L of uplink. A non-blocking fabric (u ≥ d) never binds and a
/// one-leaf fabric has no uplinks: neither is modelled as contended.
///
/// **Demand.** A job whose gang spans several domains exchanges its scale-out traffic among all
/// its chips. Under uniform traffic (every chip sends equally to every other, the average of a
/// ring and a tree over the gang), a chip in domain l sends the fraction (N − n_l) / N of its
/// traffic out of l, so at a per-chip rate x the job loads l's uplinks with
/// `n_l · (N − n_l) / N · x`. A job inside one domain never touches the uplinks.
///
/// **Sharing.** Per-chip rates are weighted max-min fair (`FairShareProblem`, weight 1 per
/// chip: the share each NIC's flows would get), each capped at the line rate L.
///
/// TPU pools are not contended here: their DCN is sized at every chip's full scale-out rate
/// (`TPUPodFabric.dcnBandwidthPerPod`), so nothing can oversubscribe it.
struct ContendedFabric: Equatable {
    let unitsPerDomain: Int
    let chipsPerUnit: Int
    /// Per-direction capacity of one domain's uplinks, B/s.
    let uplinkCapacity: Double
    /// A chip's NIC rate per direction, B/s: the most one chip's flows may get.
    let chipLineRate: Double

    /// The contended fabric of `pool` placed with `hierarchy`, or nil when nothing can contend.
    static func of(_ pool: Pool, hierarchy: UnitHierarchy) -> ContendedFabric? {
        let fabric: FatTree
        switch pool.topology {
        case .gpu(let cluster): fabric = cluster.fabric
        case .trainium(let trainium): fabric = trainium.fabric
        case .tpu: return nil
        }
        let (down, up) = fabric.options.leafPorts
        guard fabric.tiers > 1, up < down else { return nil }
        let chipsPerDomain = hierarchy.unitsPerDomain * hierarchy.chipsPerUnit
        let line = fabric.lineRate.value
        return ContendedFabric(unitsPerDomain: hierarchy.unitsPerDomain, chipsPerUnit: hierarchy.chipsPerUnit,
                               uplinkCapacity: Double(chipsPerDomain) * line * Double(up) / Double(down),
                               chipLineRate: line)
    }

    /// Chips of `placement` in each domain it touches, in domain order.
    func chipsPerDomain(of placement: Placement) -> [(domain: Int, chips: Int)] {
        var result: [(domain: Int, chips: Int)] = []
        for run in placement.unitRuns {
            var unit = run.lowerBound
            while unit < run.upperBound {
                let domain = unit / unitsPerDomain
                let end = min(run.upperBound, (domain + 1) * unitsPerDomain)
                let chips = (end - unit) * chipsPerUnit
                if let last = result.last, last.domain == domain {
                    result[result.count - 1].chips += chips
                } else {
                    result.append((domain, chips))
                }
                unit = end
            }
        }
        return result
    }
}

/// The jobs whose gangs span domains of contended fabrics, and their fair per-chip shares.
///
/// Pools have separate fabrics, and within a pool a job's share depends only on the jobs it is
/// connected to through shared leaves (transitively): a start or an end re-solves just that
/// connected component, so the cost of a change grows with the jobs it can affect, not with
/// every contending job of the fleet.
struct FabricContention {
    private let fabrics: [ContendedFabric?]
    /// Per pool: job index → its chips per touched domain (only jobs spanning ≥ 2 domains).
    private var flows: [[Int: [(domain: Int, chips: Int)]]]
    /// Per pool: domain → the contending jobs touching it.
    private var jobsOnDomain: [[Int: Set<Int>]]

    init(fabrics: [ContendedFabric?]) {
        self.fabrics = fabrics
        flows = Array(repeating: [:], count: fabrics.count)
        jobsOnDomain = Array(repeating: [:], count: fabrics.count)
    }

    /// Registers a started job; true when it contends (`shares(affectedBy:inPool:)` must then
    /// be re-solved).
    mutating func join(job: Int, pool: Int, placement: Placement) -> Bool {
        guard let fabric = fabrics[pool] else { return false }
        let spread = fabric.chipsPerDomain(of: placement)
        guard spread.count > 1 else { return false }
        flows[pool][job] = spread
        for (domain, _) in spread { jobsOnDomain[pool][domain, default: []].insert(job) }
        return true
    }

    /// Removes a job that stopped and returns the domains it touched (nil when it was not
    /// contending): the jobs left on them may speed up.
    mutating func leave(job: Int, pool: Int) -> [Int]? {
        guard let spread = flows[pool].removeValue(forKey: job) else { return nil }
        for (domain, _) in spread {
            jobsOnDomain[pool][domain]?.remove(job)
            if jobsOnDomain[pool][domain]?.isEmpty == true { jobsOnDomain[pool].removeValue(forKey: domain) }
        }
        return spread.map(\.domain)
    }

    /// The domains a contending job touches.
    func domains(ofJob job: Int, inPool pool: Int) -> [Int] {
        flows[pool][job]?.map(\.domain) ?? []
    }

    /// Every contending job of `pool` connected (through shared domains) to `domains`, with
    /// its fair per-chip rate (B/s), in job order.
    func shares(around domains: [Int], inPool pool: Int) -> [(job: Int, share: Double)] {
        guard let fabric = fabrics[pool] else { return [] }
        var component = Set<Int>()
        var seenDomains = Set<Int>()
        var frontier = domains
        while let domain = frontier.popLast() {
            guard seenDomains.insert(domain).inserted else { continue }
            for job in jobsOnDomain[pool][domain] ?? [] where component.insert(job).inserted {
                frontier += flows[pool][job]!.map(\.domain)
            }
        }
        return solve(jobs: component.sorted(), fabric: fabric, pool: pool)
    }

    /// Every contending job of `pool` with its fair per-chip rate (B/s), in job order.
    func shares(inPool pool: Int) -> [(job: Int, share: Double)] {
        guard let fabric = fabrics[pool] else { return [] }
        return solve(jobs: flows[pool].keys.sorted(), fabric: fabric, pool: pool)
    }

    private func solve(jobs: [Int], fabric: ContendedFabric, pool: Int) -> [(job: Int, share: Double)] {
        var problem = FairShareProblem()
        var resourceOfDomain: [Int: Int] = [:]
        for job in jobs {
            let spread = flows[pool][job]!
            let total = Double(spread.reduce(0) { $0 + $1.chips })
            var uses: [(resource: Int, coefficient: Double)] = []
            for (domain, chips) in spread {
                let resource = resourceOfDomain[domain] ?? {
                    let index = problem.addResource(capacity: fabric.uplinkCapacity)
                    resourceOfDomain[domain] = index
                    return index
                }()
                let n = Double(chips)
                uses.append((resource, n * (total - n) / total))
            }
            problem.addFlow(uses: uses, cap: fabric.chipLineRate)
        }
        let rates = problem.solve().rates
        return zip(jobs, rates).map { ($0, $1) }
    }
}
