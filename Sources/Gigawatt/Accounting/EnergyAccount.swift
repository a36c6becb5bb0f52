import SimKernel

/// The exact energy, energy-cost, carbon and capacity-cost account of one part of a site (a
/// pool, a job), integrated like `SiteMeter`: every rate is piecewise constant between the
/// updates the simulation makes at each change, so each total is exact.
struct EnergyAccount {
    private var lastUpdate = SimTime.zero
    private var itWatts = 0.0, facilityWatts = 0.0, dollarsPerSecond = 0.0, gramsPerSecond = 0.0
    private var capacityDollarsPerSecond = 0.0, chips = 0.0
    private(set) var itEnergy = 0.0
    private(set) var facilityEnergy = 0.0
    /// Facility energy at the site's price at each instant, USD.
    private(set) var energyCost = 0.0
    private(set) var carbonGrams = 0.0
    /// Capacity (rental or amortised ownership) cost, USD.
    private(set) var capacityCost = 0.0
    /// ∫ chips dt: chip-seconds in service (a pool) or held (a job).
    private(set) var chipSeconds = 0.0

    /// Adds the time since the last update at the rates then in force.
    mutating func integrate(to time: SimTime) {
        let dt = (time - lastUpdate).seconds
        if dt > 0 {
            itEnergy += itWatts * dt
            facilityEnergy += facilityWatts * dt
            energyCost += dollarsPerSecond * dt
            carbonGrams += gramsPerSecond * dt
            capacityCost += capacityDollarsPerSecond * dt
            chipSeconds += chips * dt
        }
        lastUpdate = time
    }

    /// Sets the rates from `time` on: IT power, facility power (IT × the site's PUE), the price
    /// ($/J) and carbon intensity (g/J) in force, chips and their capacity cost per chip-hour.
    /// - Precondition: `integrate(to: time)` came first.
    mutating func set(it: Double, facility: Double, price: Double, intensity: Double, chips count: Double,
                      perChipHour: Double, at time: SimTime) {
        precondition(lastUpdate == time, "an account's rates change only where it was integrated to")
        itWatts = it
        facilityWatts = facility
        dollarsPerSecond = facility * price
        gramsPerSecond = facility * intensity
        chips = count
        capacityDollarsPerSecond = count * perChipHour / 3_600
    }

    /// Stops every rate from `time` on.
    mutating func stop(at time: SimTime) {
        integrate(to: time)
        set(it: 0, facility: 0, price: 0, intensity: 0, chips: 0, perChipHour: 0, at: time)
    }
}
