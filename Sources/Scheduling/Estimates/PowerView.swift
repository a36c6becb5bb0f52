import Fleet

/// The power figures a power-aware policy needs: how much facility power each site may still
/// draw under its cap, and what one more busy unit of a pool adds to it.
public struct PowerView: Hashable, Sendable {
    /// Per pool (indexed by pool id): its site (an index into `headroom`), the facility watts
    /// one unit (host) adds going from idle to the catalog's typical busy power (for work
    /// without a power estimate), its idle IT draw, and the facility watts per IT watt there now.
    public var poolSite: [Int]
    public var wattsPerBusyUnit: [Watts]
    public var idleWattsPerUnit: [Watts]
    public var facilityPerITWatt: [Double]
    /// Per site: the cap (or grid limit) minus the current facility power; nil = no limit.
    public var headroom: [Watts?]
    /// Per site: the limit itself (the smaller of cap and grid limit); nil = none.
    public var limit: [Watts?]

    /// `idleWattsPerUnit` and `facilityPerITWatt` default to none and 1 (then every option
    /// without an estimate adds `wattsPerBusyUnit`).
    public init(poolSite: [Int], wattsPerBusyUnit: [Watts], idleWattsPerUnit: [Watts]? = nil, facilityPerITWatt: [Double]? = nil,
                headroom: [Watts?], limit: [Watts?]) {
        precondition(poolSite.count == wattsPerBusyUnit.count, "one site and one unit power per pool")
        precondition(headroom.count == limit.count, "one headroom and one limit per site")
        self.poolSite = poolSite
        self.wattsPerBusyUnit = wattsPerBusyUnit
        self.idleWattsPerUnit = idleWattsPerUnit ?? poolSite.map { _ in .zero }
        self.facilityPerITWatt = facilityPerITWatt ?? poolSite.map { _ in 1 }
        precondition(self.idleWattsPerUnit.count == poolSite.count && self.facilityPerITWatt.count == poolSite.count,
                     "one idle power and one PUE per pool")
        self.headroom = headroom
        self.limit = limit
    }

    /// The facility power `units` more busy units of `pool` add at the catalog's typical power.
    public func added(units: Int, pool: PoolID) -> Watts { wattsPerBusyUnit[pool.rawValue].times(units) }

    /// The facility power `units` hosts add running `option`: its estimated host power above
    /// idle × the site's facility watts per IT watt, or the typical figure without an estimate.
    public func added(units: Int, option: PlacementOption) -> Watts {
        let pool = option.pool.rawValue
        guard let host = option.estimate?.hostPower else { return added(units: units, pool: option.pool) }
        return ((host - idleWattsPerUnit[pool]) * facilityPerITWatt[pool]).times(units)
    }

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
