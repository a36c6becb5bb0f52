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
    /// IT power one of the job's hosts draws while the run is on (the figure the energy is
    /// priced from, and what a power-aware policy adds to its site); nil when unknown.
    public var hostPower: Watts?

    public init(duration: SimDuration, energy: Joules, cost: Dollars, carbon: GramsCO2, hostPower: Watts? = nil) {
        self.duration = duration
        self.energy = energy
        self.cost = cost
        self.carbon = carbon
        self.hostPower = hostPower
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

/// The one place a run's energy, cost and carbon are estimated, so a better power or cost model
/// replaces this function and nothing else.
///
/// **Model.** The job's `hosts` each draw `hostPower` for the whole `duration` — the simulation
/// passes the activity power model's draw for the job's step on that pool (the figure its
/// energy accounting will use), or the catalog's typical busy power for a job without a step
/// model; facility energy is that IT energy × the site's PUE at that load and time. Cost is the chip-hours at the chip's
/// published on-demand price (`AcceleratorSpec.price`, which includes the power of a rented
/// chip); a chip without a published price pays its facility energy at the site's electricity
/// price instead. Carbon is facility energy × the site's grid intensity. Prices and intensities
/// are taken at `time` (the scheduling instant), not integrated over the run's hours.
public enum RunEstimator {
    public static func estimate(duration: SimDuration, chips: Int, hosts: Int, hostPower: Watts, pool: Pool, site: Site,
                                at time: SimTime) -> RunEstimate {
        let itPower = hostPower.times(hosts)
        let facility = site.pue.facilityPower(itLoad: itPower, at: time)
        let energy = Joules(facility.value * duration.seconds)
        let cost: Dollars
        if let price = pool.spec.price {
            cost = (price.onDemand * duration).times(chips)
        } else {
            cost = energy * site.electricityPrice.value(at: time)
        }
        let carbon = GramsCO2(energy.value * site.carbonIntensity.value(at: time).value)
        return RunEstimate(duration: duration, energy: energy, cost: cost, carbon: carbon, hostPower: hostPower)
    }
}
