import Fleet
import SimKernel

/// The exact energy, cost and carbon account of one site.
///
/// IT power is piecewise constant (it changes only when work starts or stops), and so are PUE,
/// price and carbon intensity between hour boundaries; the simulation updates the meter at every
/// such change, so each integral is exact: facility energy = ∫ IT × PUE dt, cost = ∫ facility ×
/// price dt, carbon = ∫ facility × intensity dt.
///
/// With an interval, every integral is also split at interval boundaries and each completed
/// interval is reported (`SiteInterval`), so the time series is the same integral cut into
/// pieces and adds up to the totals.
struct SiteMeter {
    let site: Site
    let interval: SimDuration
    private(set) var itPower = Watts.zero
    private(set) var itEnergy: StepIntegral
    private(set) var facilityEnergy: StepIntegral
    private(set) var cost: StepIntegral
    private(set) var carbon: StepIntegral
    /// ∫ (busy hosts / installed hosts) dt: the time-average is the site's utilisation.
    private(set) var utilization: StepIntegral

    init(site: Site, interval: SimDuration) {
        self.site = site
        self.interval = interval
        itEnergy = StepIntegral(interval: interval)
        facilityEnergy = StepIntegral(interval: interval)
        cost = StepIntegral(interval: interval)
        carbon = StepIntegral(interval: interval)
        utilization = StepIntegral(interval: interval)
    }

    /// Sets IT power and utilisation from `time` on (and re-reads PUE, price and carbon at
    /// `time`); returns the intervals completed on the way.
    mutating func update(itPower power: Watts, utilization busyFraction: Double, at time: SimTime) -> [SiteInterval] {
        let closed = advance(to: time)
        itPower = power
        let facility = site.pue.facilityPower(itLoad: power, at: time).value
        let none: (Int, Double) -> Void = { _, _ in preconditionFailure("advanced already") }
        itEnergy.set(rate: power.value, at: time, closing: none)
        facilityEnergy.set(rate: facility, at: time, closing: none)
        cost.set(rate: facility * site.electricityPrice.value(at: time).value, at: time, closing: none)
        carbon.set(rate: facility * site.carbonIntensity.value(at: time).value, at: time, closing: none)
        utilization.set(rate: busyFraction, at: time, closing: none)
        return closed
    }

    /// Brings every integral up to `time`; returns the intervals completed on the way.
    mutating func advance(to time: SimTime) -> [SiteInterval] {
        var it: [Double] = [], facility: [Double] = [], dollars: [Double] = [], grams: [Double] = [], busy: [Double] = []
        var indices: [Int] = []
        itEnergy.advance(to: time) { index, value in indices.append(index); it.append(value) }
        facilityEnergy.advance(to: time) { facility.append($1) }
        cost.advance(to: time) { dollars.append($1) }
        carbon.advance(to: time) { grams.append($1) }
        utilization.advance(to: time) { busy.append($1) }
        return indices.indices.map { k in
            let start = SimTime(nanoseconds: Int64(indices[k]) * interval.nanoseconds)
            return SiteInterval(site: site.name, start: start, end: start + interval, itEnergy: Joules(it[k]),
                                facilityEnergy: Joules(facility[k]), cost: Dollars(dollars[k]), carbonGrams: grams[k],
                                busyHostSeconds: busy[k])
        }
    }

    /// The interval in progress up to `time` (the last, partial row at the horizon), or nil
    /// when `time` is on a boundary.
    func openInterval(endingAt time: SimTime) -> SiteInterval? {
        let start = SimTime(nanoseconds: time.nanoseconds / interval.nanoseconds * interval.nanoseconds)
        guard start < time else { return nil }
        return SiteInterval(site: site.name, start: start, end: time, itEnergy: Joules(itEnergy.openIntervalTotal),
                            facilityEnergy: Joules(facilityEnergy.openIntervalTotal), cost: Dollars(cost.openIntervalTotal),
                            carbonGrams: carbon.openIntervalTotal, busyHostSeconds: utilization.openIntervalTotal)
    }

    /// The next hour boundary after `time` at which PUE, price or carbon intensity may change.
    func nextSeriesChange(after time: SimTime) -> SimTime? {
        [site.electricityPrice.nextChange(after: time), site.carbonIntensity.nextChange(after: time),
         site.pue.nextChange(after: time)].compactMap { $0 }.min()
    }

    var totals: SiteEnergyTotals {
        SiteEnergyTotals(site: site.name, itEnergy: Joules(itEnergy.total), facilityEnergy: Joules(facilityEnergy.total),
                         cost: Dollars(cost.total), carbonGrams: carbon.total,
                         peakFacilityPower: Watts(facilityEnergy.peakRate), peakITPower: Watts(itEnergy.peakRate))
    }
}

/// A site's energy account at the end of a run.
public struct SiteEnergyTotals: Sendable, Equatable {
    public var site: String
    public var itEnergy: Joules
    public var facilityEnergy: Joules
    public var cost: Dollars
    public var carbonGrams: Double
    /// The largest facility power held for a non-zero time.
    public var peakFacilityPower: Watts
    public var peakITPower: Watts
}

/// One site's account over one interval of the time series.
public struct SiteInterval: Sendable, Equatable {
    public var site: String
    public var start: SimTime
    public var end: SimTime
    public var itEnergy: Joules
    public var facilityEnergy: Joules
    public var cost: Dollars
    public var carbonGrams: Double
    /// ∫ busy fraction dt over the interval; divided by its length, the utilisation.
    public var busyHostSeconds: Double

    public var length: SimDuration { end - start }
    public var averageITPower: Watts { Watts(itEnergy.value / length.seconds) }
    public var averageFacilityPower: Watts { Watts(facilityEnergy.value / length.seconds) }
    public var utilization: Double { busyHostSeconds / length.seconds }
}
