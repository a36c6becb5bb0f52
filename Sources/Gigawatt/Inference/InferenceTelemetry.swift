import SimKernel

/// One request as a service finished (or rejected) it: the per-request row of `requests.csv`.
public struct InferenceRequestResult: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case completed
        /// Its prompt + output KV exceeds the replica's whole cache: it could never run.
        case rejected
    }
    public var service: String
    public var request: UInt64
    public var outcome: Outcome
    /// The replica that served it (the decode replica when disaggregated).
    public var replica: Int
    public var arrival: SimTime
    public var firstToken: SimTime?
    public var completion: SimTime?
    public var promptTokens: Int
    public var outputTokens: Int
    /// Prompt tokens skipped thanks to the prefix cache.
    public var cachedTokens: Int
    public var preemptions: Int
    /// Whether every objective of the service's SLO held (false when rejected).
    public var metSLO: Bool

    /// Time to first token.
    public var ttft: SimDuration? { firstToken.map { $0 - arrival } }
    /// Time per output token after the first, nil for a one-token output.
    public var tpot: SimDuration? {
        guard let firstToken, let completion, outputTokens > 1 else { return nil }
        return .nanoseconds((completion - firstToken).nanoseconds / Int64(outputTokens - 1))
    }
    /// Arrival to last token.
    public var e2e: SimDuration? { completion.map { $0 - arrival } }
}

/// One service over one interval of the time series (`inference.csv`), when the interval closes.
public struct InferenceInterval: Sendable, Equatable {
    public var service: String
    public var start: SimTime
    public var end: SimTime
    public var arrivals: Int
    public var completions: Int
    /// Output tokens emitted in the interval.
    public var outputTokens: Int
    /// Requests waiting (not admitted) and running at the interval's end, over all replicas.
    public var waiting: Int
    public var running: Int
    /// Replicas serving at the end, and replicas holding chips (serving, loading or draining).
    public var activeReplicas: Int
    public var placedReplicas: Int
    /// Busy-time fraction of the serving replicas over the interval.
    public var utilization: Double
}

/// A service's totals at the end of the run (the `inference.services[]` entry of summary.json).
public struct InferenceServiceResult: Sendable, Equatable {
    public var name: String
    public var fidelity: String
    public var pool: String?
    public var chip: String?
    public var chipsPerReplica: Int
    /// Why fewer replicas than asked were placed, if so.
    public var placementProblem: String?
    public var initialReplicas: Int
    public var peakReplicas: Int
    public var arrived: Int
    public var completed: Int
    public var rejected: Int
    /// Requests still waiting or running at the horizon.
    public var unfinished: Int
    public var promptTokens: Double
    public var outputTokens: Double
    public var cachedPromptTokens: Double
    /// Output tokens per second over the simulated time.
    public var outputTokensPerSecond: Double
    public var ttft: LatencyPercentiles
    public var tpot: LatencyPercentiles
    public var e2e: LatencyPercentiles
    /// Completed requests meeting every SLO objective / completed + rejected (nil with none).
    public var sloAttainment: Double?
    /// Share of looked-up prompt tokens served from the prefix cache (nil without a cache).
    public var prefixCacheHitRate: Double?
    /// Busy-time fraction of the serving replicas over the run.
    public var utilization: Double
    /// Chip-seconds the replicas held (the seam for cost per token: price × chip-seconds / tokens).
    public var chipSeconds: Double
    /// Capacity cost of those chip-seconds at the pool's cost model (rental, or amortised
    /// ownership), USD; 0 when the pool has none. Energy bought on top for owned pools is in the
    /// pool's cost account, not here.
    public var capacityCostUSD: Double = 0
    /// `capacityCostUSD` per million output tokens (nil without output tokens or a cost model).
    public var usdPerMillionOutputTokens: Double? {
        outputTokens > 0 && capacityCostUSD > 0 ? capacityCostUSD / outputTokens * 1e6 : nil
    }
    public var preemptions: Int
    /// Replicas lost to hardware failures (with the fleet's failure model; 0 without).
    public var replicaFailures: Int = 0
    /// Mean queue length (waiting requests) over the run, time-weighted from the intervals.
    public var meanWaiting: Double
    /// Malformed trace lines skipped.
    public var skippedTraceLines: Int
    /// Per priority class, in the service's order (empty without classes).
    public var classes: [InferenceClassResult] = []
}

/// One priority class of a service at the end of the run.
public struct InferenceClassResult: Sendable, Equatable {
    public var name: String
    public var priority: Int
    public var completed: Int
    public var rejected: Int
    /// Completed requests meeting the class's SLO over completed + rejected (nil with none).
    public var sloAttainment: Double?
    public var ttft: LatencyPercentiles
    public var tpot: LatencyPercentiles
}
