/// Published rental prices per chip-hour at one date (USD; instance price divided by chips).
///
/// Cloud prices move: a snapshot is a dated input, not a property of the chip. Missing tiers are
/// nil (the provider does not publish them), never zero.
public struct PriceSnapshot: Hashable, Sendable, Codable {
    public var onDemand: DollarsPerHour
    public var committed1Year: DollarsPerHour?
    public var committed3Year: DollarsPerHour?
    /// Provider, region and instance, e.g. "Google Cloud us-central2-b".
    public var offering: String
    /// The snapshot date(s) as published, ISO-8601 where possible.
    public var date: String
    public var provenance: Provenance

    public init(onDemand: DollarsPerHour, committed1Year: DollarsPerHour? = nil, committed3Year: DollarsPerHour? = nil,
                offering: String, date: String, provenance: Provenance) {
        self.onDemand = onDemand
        self.committed1Year = committed1Year
        self.committed3Year = committed3Year
        self.offering = offering
        self.date = date
        self.provenance = provenance
    }

    enum CodingKeys: String, CodingKey {
        case onDemand = "on_demand_usd_per_chip_hour"
        case committed1Year = "committed_1y_usd_per_chip_hour"
        case committed3Year = "committed_3y_usd_per_chip_hour"
        case offering, date, provenance
    }
}
