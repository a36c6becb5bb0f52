import Fleet

/// The power figures a power-aware policy needs: how much facility power each site may still
/// draw under its cap, and what one more busy unit of a pool adds to it.
public struct PowerView: Hashable, Sendable {
    /// Per pool (indexed by pool id): its site (an index into `headroom`) and the facility
    /// watts one unit (host) adds when it goes from idle to busy.
    public var poolSite: [Int]
    public var wattsPerBusyUnit: [Watts]
    /// Per site: the cap (or grid limit) minus the current facility power; nil = no limit.
    public var headroom: [Watts?]
    /// Per site: the limit itself (the smaller of cap and grid limit); nil = none.
    public var limit: [Watts?]

    public init(poolSite: [Int], wattsPerBusyUnit: [Watts], headroom: [Watts?], limit: [Watts?]) {
        precondition(poolSite.count == wattsPerBusyUnit.count, "one site and one unit power per pool")
        precondition(headroom.count == limit.count, "one headroom and one limit per site")
        self.poolSite = poolSite
        self.wattsPerBusyUnit = wattsPerBusyUnit
        self.headroom = headroom
        self.limit = limit
    }

    /// The facility power `units` more busy units of `pool` add.
    public func added(units: Int, pool: PoolID) -> Watts { wattsPerBusyUnit[pool.rawValue].times(units) }

    /// Whether the site of `pool` can take `watts` more while keeping `reserveFraction` of its
    /// limit free.
    public func admits(_ watts: Watts, pool: PoolID, keeping reserveFraction: Double = 0) -> Bool {
        let site = poolSite[pool.rawValue]
        guard let room = headroom[site], let cap = limit[site] else { return true }
        return watts + cap * reserveFraction <= room
    }

    /// Books `watts` on the site of `pool` (a start planned in this round).
    public mutating func consume(_ watts: Watts, pool: PoolID) {
        let site = poolSite[pool.rawValue]
        if let room = headroom[site] { headroom[site] = room - watts }
    }
}
