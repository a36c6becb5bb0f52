import Fleet

/// What a run cost, per job, per pool, per site and in total, at the end of the run.
///
/// Capacity cost is the pool's `CapacityCost` (rented: price × chip-hours in service; owned:
/// amortised capex and maintenance × chip-hours installed and in service); energy cost is the
/// facility energy at the site's price at each instant, paid on top for owned pools and
/// included in the price for rented ones (`energyCostUSD` reports it either way, `totalUSD`
/// counts it only when paid). A job is charged its chips' capacity for the time it held them
/// and its hosts' energy; idle capacity is charged to the pool, not to any job.
public struct CostReport: Sendable, Equatable {
    /// One level's account: a job, a pool, a site or the whole run.
    public struct Account: Sendable, Equatable {
        public var name: String
        public var capacityUSD = 0.0
        /// Facility energy at the site's price, paid or not.
        public var energyCostUSD = 0.0
        /// The part of `energyCostUSD` paid on top of capacity (owned pools).
        public var energyPaidUSD = 0.0
        public var facilityEnergyJ = 0.0
        public var carbonGrams = 0.0
        /// Manufacturing emissions of the chip-hours, amortised (`EmbodiedCarbon`).
        public var embodiedCarbonGrams = 0.0
        /// Chip-hours in service (pool, site, total) or held (job).
        public var chipHours = 0.0
        /// Chip-hours of progress kept (`TrainingJobResult.goodput`'s numerator).
        public var usefulChipHours = 0.0
        /// Tokens trained (steps done × tokens per step).
        public var trainedTokens = 0.0

        public init(name: String) { self.name = name }

        public var totalUSD: Double { capacityUSD + energyPaidUSD }
        public var usdPerMillionTrainedTokens: Double? {
            CapacityCost.dollarsPerMillionTokens(Dollars(totalUSD), tokens: trainedTokens)
        }
        public var usdPerUsefulChipHour: Double? { usefulChipHours > 0 ? totalUSD / usefulChipHours : nil }

        /// Adds `other`'s totals to this one's.
        mutating func add(_ other: Account) {
            capacityUSD += other.capacityUSD
            energyCostUSD += other.energyCostUSD
            energyPaidUSD += other.energyPaidUSD
            facilityEnergyJ += other.facilityEnergyJ
            carbonGrams += other.carbonGrams
            embodiedCarbonGrams += other.embodiedCarbonGrams
            chipHours += other.chipHours
            usefulChipHours += other.usefulChipHours
            trainedTokens += other.trainedTokens
        }
    }

    public struct Pool: Sendable, Equatable {
        public var account: Account
        public var site: String
        /// "rented on-demand", "owned", or "none" (energy only).
        public var costModel: String
        /// Capacity cost of one chip-hour, USD (0 without a cost model).
        public var usdPerChipHour: Double
        /// Jobs the provider stopped by reclaiming spot capacity.
        public var spotReclaims = 0
    }

    public var jobs: [Account]
    public var pools: [Pool]
    public var sites: [Account]
    public var total: Account
}
