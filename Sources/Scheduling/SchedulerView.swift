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
    /// What a whole run on this pool is expected to cost (energy, money, carbon), when known.
    public var estimate: RunEstimate?

    public init(pool: PoolID, request: PlacementRequest, predictedDuration: SimDuration? = nil, estimate: RunEstimate? = nil) {
        self.pool = pool
        self.request = request
        self.predictedDuration = predictedDuration
        self.estimate = estimate
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
    /// The share of its work still to do (1 for a job that never ran; less after a preemption
    /// that kept a checkpoint): an option's remaining time is its predicted duration × this.
    public var remainingFraction: Double

    public init(id: JobID, arrival: SimTime, priority: Int = 0, tenant: String? = nil, options: [PlacementOption],
                remainingFraction: Double = 1) {
        self.id = id
        self.arrival = arrival
        self.priority = priority
        self.tenant = tenant
        self.options = options
        self.remainingFraction = remainingFraction
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
    public var priority: Int
    public var tenant: String?
    /// Whether the job said it may be stopped for other work (`preemptible` in the scenario).
    public var isPreemptible: Bool
    /// When its current attempt began (preempting the newest loses the least work).
    public var started: SimTime
    /// The units it holds, so a policy can release them on a scratch copy to plan a preemption;
    /// nil when the simulation does not say.
    public var placement: Placement?

    public init(id: JobID, pool: PoolID, units: Int, expectedEnd: SimTime, priority: Int = 0, tenant: String? = nil,
                isPreemptible: Bool = false, started: SimTime = .zero, placement: Placement? = nil) {
        self.id = id
        self.pool = pool
        self.units = units
        self.expectedEnd = expectedEnd
        self.priority = priority
        self.tenant = tenant
        self.isPreemptible = isPreemptible
        self.started = started
        self.placement = placement
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
    /// Sites' power headroom and what a busy unit adds; nil unless the policy `usesPowerView`.
    public var power: PowerView?

    public init(now: SimTime, queue: [QueuedJob], running: [RunningJob] = [], occupancy: [PoolID: PoolOccupancy],
                power: PowerView? = nil) {
        self.now = now
        self.queue = queue
        self.running = running
        self.occupancy = occupancy
        self.power = power
    }
}

/// What a policy asks the simulation to do.
public enum Decision: Hashable, Sendable {
    /// Start the job with this option now.
    case start(JobID, PlacementOption)
    /// Give up on the job, with the reason shown in the results.
    case reject(JobID, reason: String)
    /// Stop a running job and queue it again (it resumes from its last checkpoint), to free its
    /// units for the decisions after this one. Applied in order, so a policy lists a preemption
    /// before the start it makes room for: the preemptions directly before a start are its
    /// room, and when a power cap refuses that start they are not carried out.
    case preempt(JobID, reason: String)
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
    /// Whether the policy reads `SchedulerView.power` (filled only then).
    var usesPowerView: Bool { get }
    mutating func decide(_ view: SchedulerView) -> [Decision]
}

extension SchedulingPolicy {
    public var usesRunningJobs: Bool { false }
    public var usesPowerView: Bool { false }
}
