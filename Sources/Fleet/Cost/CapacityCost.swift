import SimKernel

/// What a pool's capacity costs, apart from energy: rented by the chip-hour, or owned and
/// amortised.
///
/// A rented chip is paid for every hour it is in service, busy or idle, and its price includes
/// the provider's energy (the site meter still reports the energy, for carbon and for
/// comparison, but it is not added to a rented pool's cost). An owned chip costs its
/// amortised capex and maintenance every hour it is installed, plus the energy it draws at the
/// site's price at that hour.
public enum CapacityCost: Hashable, Sendable {
    case rented(Rental)
    case owned(Ownership)

    /// How a rented chip is contracted.
    public enum RentalTerm: String, Hashable, Sendable, CaseIterable {
        case onDemand = "on-demand"
        case committed1Year = "committed-1y"
        case committed3Year = "committed-3y"
        case spot
    }

    public struct Rental: Hashable, Sendable {
        public var term: RentalTerm
        /// Price per chip-hour.
        public var price: DollarsPerHour
        /// Spot only: the provider reclaims capacity as a Poisson process with this mean
        /// interval per pool; each reclaim stops one running job (chosen at random), which
        /// re-queues from its last checkpoint. Nil = never reclaimed.
        public var reclaimInterval: SimDuration?
        public init(term: RentalTerm, price: DollarsPerHour, reclaimInterval: SimDuration? = nil) {
            precondition(reclaimInterval == nil || term == .spot, "only spot capacity is reclaimed")
            self.term = term
            self.price = price
            self.reclaimInterval = reclaimInterval
        }
    }

    /// Owned capacity: capex per chip (its share of the server included) and per MW of the
    /// facility's IT capacity, straight-line over `lifetime`, plus maintenance per year as a
    /// fraction of the chip capex.
    public struct Ownership: Hashable, Sendable {
        public var capexPerChip: Dollars
        /// Facility capex (building, power and cooling) per MW of IT capacity.
        public var facilityCapexPerMegawatt: Dollars
        public var lifetime: SimDuration
        /// Maintenance per year as a fraction of the chip capex.
        public var maintenancePerYear: Double

        public init(capexPerChip: Dollars, facilityCapexPerMegawatt: Dollars, lifetime: SimDuration, maintenancePerYear: Double) {
            precondition(lifetime > .zero, "an amortisation lifetime is positive")
            self.capexPerChip = capexPerChip
            self.facilityCapexPerMegawatt = facilityCapexPerMegawatt
            self.lifetime = lifetime
            self.maintenancePerYear = maintenancePerYear
        }
    }

    /// The cost of one chip for one hour in service, energy excluded, for a chip whose share
    /// of IT capacity (chip peak plus its share of the host overhead) is `itCapacityPerChip`:
    /// rented, the price; owned, (capex + facility capex per W × IT capacity) / lifetime in hours
    /// + capex × maintenance / 8,760 h.
    public func perChipHour(itCapacityPerChip: Watts) -> DollarsPerHour {
        switch self {
        case .rented(let rental):
            return rental.price
        case .owned(let own):
            let hours = own.lifetime.seconds / 3_600
            let facility = own.facilityCapexPerMegawatt.value * itCapacityPerChip.value / 1e6
            return DollarsPerHour((own.capexPerChip.value + facility) / hours + own.capexPerChip.value * own.maintenancePerYear / 8_760)
        }
    }

    /// Whether the site's energy is paid on top of the capacity cost.
    public var paysEnergy: Bool {
        if case .owned = self { return true }
        return false
    }

    /// Dollars per million tokens for `cost` spent producing `tokens` (training or serving):
    /// the one rule both `$ per trained token` and an inference service's `$ per million
    /// served tokens` use. Nil when no token was produced.
    public static func dollarsPerMillionTokens(_ cost: Dollars, tokens: Double) -> Double? {
        tokens > 0 ? cost.value / tokens * 1e6 : nil
    }
}
