import SimKernel

/// A typed record the simulation emits as it runs. Sinks (in `TraceOutput`) turn records into
/// files while the run goes on, so memory does not grow with the length of the run.
public enum TelemetryRecord: Sendable, Equatable {
    case runStarted(RunStarted)
    /// The fleet as built from the scenario, once, right after `runStarted`.
    case fleetDescribed(FleetInventory)
    /// A training job completed or was rejected (when it happens), or its state at the horizon.
    case trainingJob(TrainingJobResult)
    /// A site's power from `time` on (it holds until the next sample of the same site).
    case sitePower(SitePowerSample)
    /// One site's account over one interval of the time series, when the interval closes.
    case siteInterval(SiteInterval)
    /// A site's energy, cost and carbon over the run, at the end.
    case siteEnergy(SiteEnergyTotals)
    /// A pool's capacity changed (when it happens).
    case poolCapacity(PoolCapacityChange)
    /// An inference request completed or was rejected (when it happens).
    case inferenceRequest(InferenceRequestResult)
    /// One inference service over one interval of the time series, when the interval closes.
    case inferenceInterval(InferenceInterval)
    /// An inference service's totals, at the end.
    case inferenceService(InferenceServiceResult)
    /// What a capped domain's power cap did over the run, at the end (after `siteEnergy`).
    case powerCap(PowerCapReport)
    /// A capped domain's limit, clock factor or waiting work changed (when it happens).
    case powerCapState(PowerCapSample)
    /// Cost, energy and carbon per job, pool, site and in total, at the end (after `powerCap`).
    case costs(CostReport)
    case runFinished(RunTotals)
}

/// Receives telemetry records in simulated-time order.
public protocol TelemetrySink: AnyObject {
    func record(_ record: TelemetryRecord)
}

/// What a run is: the first record of every run.
public struct RunStarted: Sendable, Equatable {
    public var scenarioName: String
    public var seed: UInt64
    public var horizon: SimDuration
    public var version: String
}

/// Totals at the end of a run.
public struct RunTotals: Sendable, Equatable {
    /// The simulated time covered (the horizon for a complete run).
    public var simulatedTime: SimDuration
    /// Events the engine handled.
    public var eventsProcessed: UInt64
    /// Free chips that could not host the smallest queued gang, averaged over the run and at
    /// their worst (sampled after every scheduling round).
    public var meanStrandedChips = 0.0
    public var peakStrandedChips = 0
}

/// A sink that forwards every record to several sinks, in order.
public final class TelemetryFanOut: TelemetrySink {
    private let sinks: [any TelemetrySink]
    public init(_ sinks: [any TelemetrySink]) { self.sinks = sinks }
    public func record(_ record: TelemetryRecord) {
        for sink in sinks { sink.record(record) }
    }
}

/// A capped domain's state from `time` on.
public struct PowerCapSample: Sendable, Equatable {
    /// The site the domain is at (the trace's process).
    public var site: String
    /// The capped domain: the site's name, or "pool NAME".
    public var domain: String
    public var time: SimTime
    /// The cap in force, W (facility for a site, IT for a pool); nil when none is.
    public var limit: Double?
    /// The clock factor of its throttled work (1 when not throttling).
    public var clock: Double
    /// Jobs waiting for the cap (held or preempted).
    public var waitingJobs: Int
}

/// A site's IT and facility power from a point in time on.
public struct SitePowerSample: Sendable, Equatable {
    public var site: String
    public var time: SimTime
    public var itPower: Double
    public var facilityPower: Double
}

/// A pool's installed or in-service chips from `time` on, after a capacity change (a delivery,
/// a retirement, an outage or a restore). Chips installed but not available are out of service.
public struct PoolCapacityChange: Sendable, Equatable {
    public var pool: String
    public var time: SimTime
    public var installedChips: Int
    public var availableChips: Int

    public init(pool: String, time: SimTime, installedChips: Int, availableChips: Int) {
        self.pool = pool
        self.time = time
        self.installedChips = installedChips
        self.availableChips = availableChips
    }
}
