import Scheduling
import SimKernel
import Workloads

/// One replica of a service as the simulation runs it: its engine queue, its chips, and the
/// iteration in flight.
struct ServiceReplica {
    enum State: Equatable {
        /// Holding chips, loading the model: serves from `activeAt` on.
        case loading
        case active
        /// Scaled down: takes no new requests, gives its chips back once drained.
        case draining
        /// Chips given back; the slot may be reused.
        case released
    }
    /// What a replica does when prefill and decode are disaggregated.
    enum Role: Equatable {
        case colocated
        case prefill
        case decode
    }

    var queue: ReplicaQueue
    var placement: Placement
    var state: State
    var role: Role
    /// The batch of the iteration in flight, and when it started.
    var batch: IterationBatch?
    var busySince = SimTime.zero
    /// Prompt + output tokens of the requests assigned and not finished (the routing signal).
    var outstandingTokens = 0

    var isIdle: Bool { batch == nil }
}

/// A value that is piecewise constant in time and its exact integral (replica counts, queue
/// lengths): the integral is updated at every change, never sampled.
struct CountIntegral {
    private(set) var value = 0
    private var last = SimTime.zero
    /// ∫ value dt in value·nanoseconds, since the start and since the last `takeInterval`.
    private(set) var total: Double = 0
    private var sinceMark: Double = 0
    private var sinceScalingMark: Double = 0

    mutating func add(_ delta: Int, at time: SimTime) {
        advance(to: time)
        value += delta
    }

    mutating func advance(to time: SimTime) {
        let area = Double(value) * Double((time - last).nanoseconds)
        total += area
        sinceMark += area
        sinceScalingMark += area
        last = time
    }

    /// The integral since the previous call (value·seconds), restarting the count.
    mutating func takeInterval(at time: SimTime) -> Double {
        advance(to: time)
        defer { sinceMark = 0 }
        return sinceMark / 1e9
    }

    /// The integral since the previous call (value·seconds), for the autoscaler's own window.
    mutating func takeScalingInterval(at time: SimTime) -> Double {
        advance(to: time)
        defer { sinceScalingMark = 0 }
        return sinceScalingMark / 1e9
    }
}

/// Counters of one service that restart at every interval (time series) or evaluation (autoscaler).
struct ServiceWindow {
    var arrivals = 0
    var completions = 0
    var outputTokens = 0
    /// Busy replica-seconds.
    var busySeconds = 0.0
}

/// A service's running totals.
struct ServiceMetrics {
    var arrived = 0
    var completed = 0
    var rejected = 0
    var metSLO = 0
    var promptTokens = 0.0
    var outputTokens = 0.0
    var preemptions = 0
    var peakReplicas = 0
    var busySeconds = 0.0
    var ttft = LatencyHistogram()
    var tpot = LatencyHistogram()
    var e2e = LatencyHistogram()
    /// Prefix-cache statistics of replicas already released.
    var releasedCache = PrefixCacheStatistics()
    /// Per priority class (empty without classes).
    var classes: [ClassMetrics] = []
}

/// One priority class's running totals.
struct ClassMetrics {
    var completed = 0
    var rejected = 0
    var metSLO = 0
    var ttft = LatencyHistogram()
    var tpot = LatencyHistogram()
}

/// A KV cache on its way from a prefill replica to a decode replica (disaggregation).
struct KVTransfer {
    var request: InferenceRequest
    var decodeReplica: Int
    var cachedTokens: Int
    var preemptions: Int
}

/// A replica performance model behind a reference.
final class IterationTiming {
    let model: ReplicaPerformanceModel
    init(_ model: ReplicaPerformanceModel) { self.model = model }
}

/// One inference service while it runs at iteration fidelity.
struct ServiceRun {
    let spec: InferenceServiceSpec
    /// The performance model on the chosen pool's chip (nil when no pool could hold a replica),
    /// boxed so the hot path reaches it through one reference instead of copying its specs.
    var timing: IterationTiming?
    var model: ReplicaPerformanceModel? {
        get { timing?.model }
        set { timing = newValue.map(IterationTiming.init) }
    }
    var pool: Int?
    var placementProblem: String?
    var replicas: [ServiceReplica] = []
    /// Indices of the replicas that take new requests (the prefill group when disaggregated).
    var routable: [Int] = []
    /// The decode group's active replicas when disaggregated.
    var decodeGroup: [Int] = []
    var source: InferenceRequestSource?
    /// The next request, read ahead so that its arrival event can be scheduled.
    var pending: InferenceRequest?
    /// First-token times of requests in flight (bounded by what runs, not by the trace).
    var firstTokens: [RequestID: SimTime] = [:]
    var nextRoundRobin = 0
    var metrics = ServiceMetrics()
    var window = ServiceWindow()
    var scaleWindow = ServiceWindow()
    var waiting = CountIntegral()
    var running = CountIntegral()
    var activeReplicas = CountIntegral()
    var placedReplicas = CountIntegral()
    var intervalStart = SimTime.zero
    var lastScaleChange = SimTime.zero
    /// KV transfers in flight, by slot (the event payload); freed slots are reused.
    var transfers: [KVTransfer?] = []
    var freeTransferSlots: [Int] = []
    var skippedTraceLines = 0
    /// Original output lengths of requests on their prefill replica (disaggregation).
    var outputLengths: [RequestID: Int] = [:]
    /// What the prefill replica did for requests now decoding: cached prompt tokens, preemptions.
    var prefillResults: [RequestID: (cachedTokens: Int, preemptions: Int)] = [:]
    /// Fluid fidelity: the service's entry in `World.fluidModels`, the requests queued beyond
    /// capacity, and the served-request remainder carried between steps so counts stay whole.
    var fluidEntry: Int?
    var backlog = 0.0
    var fluidCarry = 0.0

    init(spec: InferenceServiceSpec) {
        self.spec = spec
        metrics.classes = Array(repeating: ClassMetrics(), count: spec.classes.count)
    }

    /// The roofline time of an iteration (read in place: the model is not copied per iteration).
    func iterationTime(_ work: IterationWorkload) -> SimDuration { timing!.model.iterationTime(work).total }

    /// Prefix-cache statistics over every replica, released ones included.
    var cacheStatistics: PrefixCacheStatistics {
        var total = metrics.releasedCache
        for replica in replicas where replica.state != .released {
            if let s = replica.queue.prefixCache?.statistics { total.add(s) }
        }
        return total
    }
}

extension PrefixCacheStatistics {
    mutating func add(_ other: PrefixCacheStatistics) {
        requests += other.requests
        blocksLookedUp += other.blocksLookedUp
        blocksHit += other.blocksHit
        promptTokens += other.promptTokens
        cachedTokens += other.cachedTokens
        evictedBlocks += other.evictedBlocks
    }
}
