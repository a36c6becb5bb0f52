import Fleet
import SimKernel

/// The exact energy, cost and carbon account of one site.
///
/// IT power is piecewise constant (it changes only when work starts or stops), and so are PUE,
/// price and carbon intensity between hour boundaries; the simulation updates the meter at every
/// such change, so each integral is exact: facility energy = ∫ IT × PUE dt, cost = ∫ facility ×
/// price dt, carbon = ∫ facility × intensity dt.
struct SiteMeter {
    let site: Site
    private(set) var itPower = Watts.zero
    private(set) var itEnergy = StepIntegral()
    private(set) var facilityEnergy = StepIntegral()
    private(set) var cost = StepIntegral()
    private(set) var carbon = StepIntegral()

    init(site: Site) { self.site = site }

    /// Sets the IT power from `time` on (and re-reads PUE, price and carbon at `time`).
    mutating func update(itPower power: Watts, at time: SimTime) {
        itPower = power
        let facility = site.pue.facilityPower(itLoad: power, at: time).value
        let ignore: (Int, Double) -> Void = { _, _ in }
        itEnergy.set(rate: power.value, at: time, closing: ignore)
        facilityEnergy.set(rate: facility, at: time, closing: ignore)
        cost.set(rate: facility * site.electricityPrice.value(at: time).value, at: time, closing: ignore)
        carbon.set(rate: facility * site.carbonIntensity.value(at: time).value, at: time, closing: ignore)
    }

    /// Brings every integral up to `time`.
    mutating func advance(to time: SimTime) {
        let ignore: (Int, Double) -> Void = { _, _ in }
        itEnergy.advance(to: time, closing: ignore)
        facilityEnergy.advance(to: time, closing: ignore)
        cost.advance(to: time, closing: ignore)
        carbon.advance(to: time, closing: ignore)
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
