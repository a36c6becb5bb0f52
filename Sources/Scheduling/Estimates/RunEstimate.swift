import Fleet
import SimKernel

/// What one whole run of a job on one pool is expected to take and cost: the figures
/// `best-platform` ranks a job's options by.
public struct RunEstimate: Hashable, Sendable {
    public var duration: SimDuration
    /// Facility energy (IT × PUE) of the hosts the job holds.
    public var energy: Joules
    /// Money: the rental price of the chip-hours where the chip has a published price, else the
    /// facility energy at the site's electricity price (see `RunEstimator`).
    public var cost: Dollars
    public var carbon: GramsCO2

    public init(duration: SimDuration, energy: Joules, cost: Dollars, carbon: GramsCO2) {
        self.duration = duration
        self.energy = energy
        self.cost = cost
        self.carbon = carbon
    }

    /// The figure an objective minimises (seconds, joules, dollars or grams).
    public func value(for objective: PlatformObjective) -> Double {
        switch objective {
        case .time: return duration.seconds
        case .energy: return energy.value
        case .cost: return cost.value
        case .carbon: return carbon.value
        }
    }
}

/// What `best-platform` minimises.
public enum PlatformObjective: String, CaseIterable, Hashable, Sendable {
    /// Run time on the option (the performance model's duration).
    case time
    case cost
    case energy
    case carbon
}

/// The one place a run's energy, cost and carbon are estimated from the catalog, so a better
/// power or cost model (another branch improves both) replaces this function and nothing else.
///
/// **Model (this version).** The job's `hosts` draw the host's busy power (`HostPowerModel`:
/// chips at typical power plus overhead) for the whole `duration`; facility energy is that IT
/// energy × the site's PUE at that load and time. Cost is the chip-hours at the chip's
/// published on-demand price (`AcceleratorSpec.price`, which includes the power of a rented
/// chip); a chip without a published price pays its facility energy at the site's electricity
/// price instead. Carbon is facility energy × the site's grid intensity. Prices and intensities
/// are taken at `time` (the scheduling instant), not integrated over the run's hours.
public enum RunEstimator {
    public static func estimate(duration: SimDuration, chips: Int, hosts: Int, pool: Pool, site: Site, at time: SimTime) -> RunEstimate {
        let itPower = HostPowerModel(spec: pool.spec).busy.times(hosts)
        let facility = site.pue.facilityPower(itLoad: itPower, at: time)
        let energy = Joules(facility.value * duration.seconds)
        let cost: Dollars
        if let price = pool.spec.price {
            cost = (price.onDemand * duration).times(chips)
        } else {
            cost = energy * site.electricityPrice.value(at: time)
        }
        let carbon = GramsCO2(energy.value * site.carbonIntensity.value(at: time).value)
        return RunEstimate(duration: duration, energy: energy, cost: cost, carbon: carbon)
    }
}
