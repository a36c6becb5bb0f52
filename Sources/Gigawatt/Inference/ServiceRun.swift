import Scheduling
import SimKernel
import Workloads

/// One virtual engine of a replica: its queue and the batch it has in flight.
struct ReplicaLane {
    var queue: ReplicaQueue
    var batch: IterationBatch?
}

/// One replica of a service as the simulation runs it: its engine queues (one per pipeline
/// stage, `ReplicaQueue.virtualEngines`), its chips, and the batches in flight.
struct ServiceReplica {
    enum State: Equatable {
        /// Holding chips, loading the model: serves from `activeAt` on.
        case loading
        case active
        /// Scaled down: takes no new requests, gives its chips back once drained.
        case draining
        /// Its hardware failed: chips gone, requests sent elsewhere; the slot is released once the
        /// iterations it had in flight have ended (their events are discarded).
        case failed
        /// Chips given back; the slot may be reused.
        case released
    }
    /// What a replica does when prefill and decode are disaggregated.
    enum Role: Equatable {
        case colocated
        case prefill
        case decode
    }

    var lanes: [ReplicaLane]
    var pipeline: ReplicaPipeline
    /// The hosts the replica runs on; shared with other replicas of the service when `host` is set.
    var placement: Placement
    /// The replica's entry in `ServiceRun.sharedHosts` when several replicas share a host.
    var host: Int?
    var state: State
    var role: Role
    /// Lanes with a batch in flight; the replica is busy while any is.
    var lanesInFlight = 0
    /// Start of the current busy period.
    var busySince = SimTime.zero
    /// Prompt + output tokens of the requests assigned and not finished (the routing signal).
    var outstandingTokens = 0
    /// How many replicas have used this slot: a model-load event carries it, so one meant for a
    /// replica that failed while loading does not wake the replica reusing its slot.
    var generation: UInt32 = 0

    init(queues: [ReplicaQueue], placement: Placement, host: Int?, state: State, role: Role) {
        lanes = queues.map { ReplicaLane(queue: $0, batch: nil) }
        pipeline = ReplicaPipeline(stages: queues.count)
        self.placement = placement
        self.host = host
        self.state = state
        self.role = role
    }

    /// No batch in flight.
    var isIdle: Bool { lanesInFlight == 0 }
    /// Holding chips: loading, serving or draining.
    var isPlaced: Bool { state == .loading || state == .active || state == .draining }
    /// No batch in flight and nothing queued: a draining replica may give its chips back.
    var isDrained: Bool { isIdle && lanes.allSatisfy { $0.queue.isIdle } }

    /// The lane a new request joins: the one with the fewest unfinished sequences, the first on
    /// ties (vLLM V0 adds a request to the virtual engine's scheduler with the fewest).
    var laneForNewRequest: Int {
        var best = 0
        for l in lanes.indices.dropFirst() where lanes[l].queue.unfinishedCount < lanes[best].queue.unfinishedCount { best = l }
        return best
    }

    /// Prompt blocks of `blocks` the replica's prefix caches hold (the best lane's).
    func matchedPrefixBlocks(_ blocks: [UInt64]) -> Int {
        lanes.reduce(0) { max($0, $1.queue.prefixCache?.matchedBlocks(blocks) ?? 0) }
    }

    /// Prefix-cache statistics over the lanes (nil without a prefix cache).
    var prefixStatistics: PrefixCacheStatistics? {
        guard lanes[0].queue.prefixCache != nil else { return nil }
        var total = PrefixCacheStatistics()
        for lane in lanes { if let s = lane.queue.prefixCache?.statistics { total.add(s) } }
        return total
    }
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

/// A host that several replicas of one service share (replicas smaller than a host: a TP 1 or
/// TP 4 replica on an 8-GPU host), and how many of them are on it now.
struct SharedHost {
    var placement: Placement
    var occupants: Int
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
    /// Replicas one host holds: host chips / replica chips when a replica is smaller than a host
    /// and divides it, else 1 (a replica spans whole hosts). Set with the pool.
    var replicasPerHost = 1
    /// Hosts holding `replicasPerHost` > 1 replicas; an entry with no occupants is free for reuse.
    var sharedHosts: [SharedHost] = []
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
    /// Replica hardware failures: the stream they are drawn from (set when the run starts), the
    /// draw's epoch (a change of the placed replicas redraws; a stale event is ignored), whether
    /// the placed replicas changed this instant, and how many replicas failed.
    var failureStream: RandomStream?
    var failureEpoch: UInt64 = 0
    var failureRateChanged = false
    var replicaFailures = 0
    /// Roles of failed replicas whose replacement found no room yet (placed when a host returns).
    var pendingReplacements: [ServiceReplica.Role] = []
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
    func iterationTime(_ work: IterationWorkload) -> IterationTimeBreakdown { timing!.model.iterationTime(work) }

    /// Prefix-cache statistics over every replica, released ones included.
    var cacheStatistics: PrefixCacheStatistics {
        var total = metrics.releasedCache
        for replica in replicas where replica.state != .released && replica.state != .failed {
            if let s = replica.prefixStatistics { total.add(s) }
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
