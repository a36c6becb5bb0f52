import Fleet
import SimKernel

/// Identifies a job or service in the simulation, assigned in scenario order.
public struct JobID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (a: JobID, b: JobID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "job#\(rawValue)" }
}

/// One way a queued job could run: a pool and the gang it needs there.
public struct PlacementOption: Hashable, Sendable {
    public var pool: PoolID
    public var request: PlacementRequest
    /// The job's predicted run time on this pool (from the performance model), when known.
    public var predictedDuration: SimDuration?

    public init(pool: PoolID, request: PlacementRequest, predictedDuration: SimDuration? = nil) {
        self.pool = pool
        self.request = request
        self.predictedDuration = predictedDuration
    }
}

/// A job waiting to start, as a policy sees it.
public struct QueuedJob: Hashable, Sendable {
    public var id: JobID
    public var arrival: SimTime
    /// Larger runs first under priority policies.
    public var priority: Int
    public var tenant: String?
    /// The pools it may run on, in the job's order of preference; empty = it fits nowhere.
    public var options: [PlacementOption]

    public init(id: JobID, arrival: SimTime, priority: Int = 0, tenant: String? = nil, options: [PlacementOption]) {
        self.id = id
        self.arrival = arrival
        self.priority = priority
        self.tenant = tenant
        self.options = options
    }
}

/// A job holding chips now, as a policy sees it (for reservations: when its chips come back).
public struct RunningJob: Hashable, Sendable {
    public var id: JobID
    public var pool: PoolID
    /// Placement units (hosts) it holds.
    public var units: Int
    /// When it is expected to finish at its current rate.
    public var expectedEnd: SimTime

    public init(id: JobID, pool: PoolID, units: Int, expectedEnd: SimTime) {
        self.id = id
        self.pool = pool
        self.units = units
        self.expectedEnd = expectedEnd
    }
}

/// What a policy sees: the time, the queue in arrival order, the running jobs, and each pool's
/// free capacity.
///
/// Read-only for the policy: it may try placements on `scratch` copies (value types, so trying
/// costs no change to the fleet) to plan several starts in one round; the simulation then applies
/// the decisions to the real occupancy in the same order and gets the same placements.
public struct SchedulerView: Sendable {
    public var now: SimTime
    public var queue: [QueuedJob]
    /// Sorted by (expected end, id); empty unless the policy `usesRunningJobs`.
    public var running: [RunningJob]
    public var occupancy: [PoolID: PoolOccupancy]

    public init(now: SimTime, queue: [QueuedJob], running: [RunningJob] = [], occupancy: [PoolID: PoolOccupancy]) {
        self.now = now
        self.queue = queue
        self.running = running
        self.occupancy = occupancy
    }
}

/// What a policy asks the simulation to do.
public enum Decision: Hashable, Sendable {
    /// Start the job with this option now.
    case start(JobID, PlacementOption)
    /// Give up on the job, with the reason shown in the results.
    case reject(JobID, reason: String)
}

/// A scheduling policy: sees a read-only view, returns decisions; never touches the engine.
///
/// The simulation calls `decide` once per instant in which something changed (arrivals,
/// completions, failures, capacity), after all of that instant's events.
public protocol SchedulingPolicy: Sendable {
    /// The registry name (kebab-case), as written in scenario files.
    var name: String { get }
    /// Whether the policy reads `SchedulerView.running` (the simulation fills it only then: it
    /// costs a pass over the running jobs every round).
    var usesRunningJobs: Bool { get }
    mutating func decide(_ view: SchedulerView) -> [Decision]
}

extension SchedulingPolicy {
    public var usesRunningJobs: Bool { false }
}
