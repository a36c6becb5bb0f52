/// A data-centre site: facility efficiency, grid connection, and the price and carbon of its power.
public struct Site: Hashable, Sendable {
    public var id: SiteID
    public var name: String
    public var pue: PUEModel
    /// The most the grid connection can deliver (facility power); nil = unlimited.
    public var gridLimit: Watts?
    /// A site-level cap on facility power set by policy (below the grid limit); nil = none.
    public var powerCap: Watts?
    public var electricityPrice: HourlySeries<DollarsPerJoule>
    public var carbonIntensity: HourlySeries<GramsCO2PerJoule>
    /// IANA time-zone identifier, e.g. "America/Chicago" (for reporting local hours).
    public var timeZoneIdentifier: String
    /// How the site's facility power is capped and what enforces it; nil = caps are reported
    /// (`powerCap`, `gridLimit`) but not enforced.
    public var capPolicy: PowerCapPolicy? = nil

    public init(id: SiteID, name: String, pue: PUEModel, gridLimit: Watts? = nil, powerCap: Watts? = nil,
                electricityPrice: HourlySeries<DollarsPerJoule>, carbonIntensity: HourlySeries<GramsCO2PerJoule>,
                timeZoneIdentifier: String) {
        self.id = id
        self.name = name
        self.pue = pue
        self.gridLimit = gridLimit
        self.powerCap = powerCap
        self.electricityPrice = electricityPrice
        self.carbonIntensity = carbonIntensity
        self.timeZoneIdentifier = timeZoneIdentifier
    }

    /// The effective facility-power limit: the smaller of the grid limit and the cap.
    public var facilityLimit: Watts? {
        switch (gridLimit, powerCap) {
        case let (g?, c?): return min(g, c)
        case let (g?, nil): return g
        case let (nil, c?): return c
        case (nil, nil): return nil
        }
    }
}
