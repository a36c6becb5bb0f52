/// A whole fleet: sites and the pools in them, with global chip numbering.
///
/// Pools are numbered in order and their chips take consecutive global indices, so "which pool
/// holds chip c" is a binary search over `chipOffsets` and nothing is stored per chip: a
/// 1,048,576-chip fleet is a few dozen values plus one aggregated link per scale-up domain.
public struct FleetDescription: Hashable, Sendable {
    public private(set) var sites: [Site]
    public private(set) var pools: [Pool]
    /// chipOffsets[p] = first global chip index of pool p; the last entry is the total.
    public private(set) var chipOffsets: [Int]
    /// How hardware interrupts running jobs; nil = it never fails (the scenario has no
    /// `fleet.failures`).
    public var failures: FailureModel?

    /// - Precondition: `sites[i].id == SiteID(i)`, `pools[i].id == PoolID(i)`, every pool's site exists.
    public init(sites: [Site], pools: [Pool]) {
        for (i, site) in sites.enumerated() {
            precondition(site.id == SiteID(i), "site \(i) has id \(site.id); ids follow declaration order")
        }
        var offsets = [0]
        for (i, pool) in pools.enumerated() {
            precondition(pool.id == PoolID(i), "pool \(i) has id \(pool.id); ids follow declaration order")
            precondition(pool.site.rawValue < sites.count, "pool \(pool.name) names missing \(pool.site)")
            offsets.append(offsets[i] + pool.chips)
        }
        self.sites = sites
        self.pools = pools
        self.chipOffsets = offsets
    }

    /// A fleet with no sites and no pools (a scenario without a `fleet` section).
    public static let empty = FleetDescription(sites: [], pools: [])

    /// Whether the fleet has no pools (it may still have sites).
    public var isEmpty: Bool { pools.isEmpty }

    public var totalChips: Int { chipOffsets.last! }

    /// Global chip indices of `pool`. O(1).
    public func chipRange(of pool: PoolID) -> Range<Int> {
        chipOffsets[pool.rawValue] ..< chipOffsets[pool.rawValue + 1]
    }

    /// The pool holding global chip `chip`. O(log pools).
    public func pool(ofChip chip: Int) -> PoolID {
        precondition(chip >= 0 && chip < totalChips, "chip \(chip) outside 0..<\(totalChips)")
        var lo = 0, hi = pools.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if chipOffsets[mid] <= chip { lo = mid } else { hi = mid - 1 }
        }
        return PoolID(lo)
    }

    /// The IT power tree of each site: site → pools → racks → hosts → chips, with the rack and
    /// pool caps (IT watts). The site node carries no cap: a site's cap and grid limit bound
    /// *facility* power (IT × PUE, `Site.facilityLimit`), which the power accounting applies
    /// after PUE.
    public func powerTrees() -> [PowerDomain] {
        sites.map { site in
            let children = pools.filter { $0.site == site.id }.map { PowerDomain.Group(count: 1, domain: $0.powerDomain) }
            return PowerDomain(level: .site, name: site.name, children: children)
        }
    }

    /// The fleet's links, aggregated as `FleetDescription+Links.swift` documents.
    public func links() -> LinkTable {
        var table = LinkTable()
        for pool in pools { appendLinks(of: pool, to: &table) }
        return table
    }
}
