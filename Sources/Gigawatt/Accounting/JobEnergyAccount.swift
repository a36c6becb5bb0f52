import SimKernel

/// A site's running integrals of its facility-per-IT factor φ = PUE(load) and of φ × price and
/// φ × carbon intensity: K(t) = ∫ φ dt, and so on. A part of the site drawing a constant IT
/// power P over [t₀, t₁] has facility energy P · (K(t₁) − K(t₀)), energy cost P · (K_$(t₁) −
/// K_$(t₀)) and carbon P · (K_g(t₁) − K_g(t₀)), exactly, however often φ, the price or the
/// intensity changed in between. So a job's account is touched only when its own power changes.
struct SiteFactorIntegral {
    struct Value { var facility = 0.0, cost = 0.0, carbon = 0.0 }
    private var last = SimTime.zero
    private var rate = Value()
    private var total = Value()

    /// K, K_$, K_g at `time` (at or after the last update). O(1).
    func value(at time: SimTime) -> Value {
        let dt = (time - last).seconds
        return Value(facility: total.facility + rate.facility * dt, cost: total.cost + rate.cost * dt,
                     carbon: total.carbon + rate.carbon * dt)
    }

    /// From `time` on: φ = `facilityPerIT`, at `price` $/J and `intensity` g/J.
    mutating func set(facilityPerIT phi: Double, price: Double, intensity: Double, at time: SimTime) {
        total = value(at: time)
        last = time
        rate = Value(facility: phi, cost: phi * price, carbon: phi * intensity)
    }
}

/// One job's energy, cost and carbon while it runs, integrated through its site's
/// `SiteFactorIntegral`: opened when it starts (or its clock changes), closed when it stops.
struct JobEnergyAccount {
    private var openSince: SimTime?
    private var itWatts = 0.0, chips = 0.0, capacityPerChipHour = 0.0
    private var factorsAtOpen = SiteFactorIntegral.Value()
    private(set) var totals = Totals()
    /// The pool the job last drew on (its costs and tokens are that pool's); nil before it ran.
    private(set) var pool: Int?

    struct Totals {
        var itEnergy = 0.0, facilityEnergy = 0.0, energyCost = 0.0, carbonGrams = 0.0
        var capacityCost = 0.0, chipSeconds = 0.0
    }

    mutating func open(itWatts it: Double, chips count: Double, perChipHour: Double, pool: Int, at time: SimTime,
                       factors: SiteFactorIntegral.Value) {
        precondition(openSince == nil, "a job's energy account is opened twice")
        self.pool = pool
        openSince = time
        itWatts = it
        chips = count
        capacityPerChipHour = perChipHour
        factorsAtOpen = factors
    }

    /// The totals including the open period up to `time`.
    func totals(at time: SimTime, factors: SiteFactorIntegral.Value) -> Totals {
        guard let since = openSince else { return totals }
        var t = totals
        let dt = (time - since).seconds
        t.itEnergy += itWatts * dt
        t.facilityEnergy += itWatts * (factors.facility - factorsAtOpen.facility)
        t.energyCost += itWatts * (factors.cost - factorsAtOpen.cost)
        t.carbonGrams += itWatts * (factors.carbon - factorsAtOpen.carbon)
        t.capacityCost += chips * capacityPerChipHour * dt / 3_600
        t.chipSeconds += chips * dt
        return t
    }

    mutating func close(at time: SimTime, factors: SiteFactorIntegral.Value) {
        totals = totals(at: time, factors: factors)
        openSince = nil
    }
}
