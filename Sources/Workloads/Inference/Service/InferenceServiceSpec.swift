import Fleet
import SimKernel

/// One inference service as a scenario describes it: what it serves (the replica), where it may
/// run, how many replicas, how requests reach them, what latency it promises, and at which
/// fidelity it is simulated.
public struct InferenceServiceSpec: Hashable, Sendable {
    public var name: String
    /// One replica: model, formats, parallelism, batching, KV and prefix caches.
    public var replica: InferenceReplicaSpec
    /// Chips or platform kinds the replicas may use (empty: any pool that holds the weights).
    public var platforms: [PlatformChoice]
    /// A fixed replica count, or the autoscaler's bounds and rule.
    public var scaling: ReplicaScaling
    public var routing: RoutingPolicy
    public var slo: LatencySLO
    public var requests: RequestSourceSpec
    public var fidelity: InferenceFidelity
    /// Separate prefill and decode replica groups, or nil for colocated replicas.
    public var disaggregation: Disaggregation?
    /// Priority classes requests are drawn into (empty: one class with `slo`).
    public var classes: [RequestClass]

    public init(name: String, replica: InferenceReplicaSpec, platforms: [PlatformChoice] = [],
                scaling: ReplicaScaling, routing: RoutingPolicy = .leastOutstandingTokens, slo: LatencySLO = LatencySLO(),
                requests: RequestSourceSpec, fidelity: InferenceFidelity = .iteration, disaggregation: Disaggregation? = nil,
                classes: [RequestClass] = []) {
        self.name = name
        self.replica = replica
        self.platforms = platforms
        self.scaling = scaling
        self.routing = routing
        self.slo = slo
        self.requests = requests
        self.fidelity = fidelity
        self.disaggregation = disaggregation
        self.classes = classes
    }

    /// The SLO of requests of class `index`.
    public func slo(ofClass index: Int) -> LatencySLO { classes.isEmpty ? slo : classes[index].slo }

    /// Whether replicas may run on chips of `spec`.
    public func mayRun(on spec: AcceleratorSpec) -> Bool {
        platforms.isEmpty || platforms.contains { $0.admits(spec) }
    }

    /// Replicas placed at the start of the run.
    public var initialReplicas: Int {
        switch scaling {
        case .fixed(let n): return n
        case .autoscaled(let a): return a.minReplicas
        }
    }
}

/// How a service is simulated. Serialized names are the raw values.
public enum InferenceFidelity: String, Hashable, Sendable, CaseIterable {
    /// One event per engine iteration per replica, one record per request.
    case iteration
    /// A fluid queue per time step, no event per request (fleet-scale studies).
    case fluid
}

/// Which replica an arriving request goes to. Serialized names are the raw values.
public enum RoutingPolicy: String, Hashable, Sendable, CaseIterable {
    /// Replicas in turn.
    case roundRobin = "round-robin"
    /// The replica with the fewest prompt + output tokens still to process (ties: lowest index).
    case leastOutstandingTokens = "least-outstanding-tokens"
    /// The replica whose prefix cache holds the longest prefix of the prompt; with no match,
    /// or when that replica holds more than twice the least-loaded one's outstanding tokens
    /// plus one token budget, least-outstanding-tokens (SGLang's cache-aware router does the same
    /// balance check).
    case prefixAffinity = "prefix-affinity"
}

/// Latency objectives; a request attains the SLO when every objective given holds.
public struct LatencySLO: Hashable, Sendable {
    /// Time to first token: arrival to the end of the iteration that completes the prompt.
    public var timeToFirstToken: SimDuration?
    /// Time per output token after the first: (completion − first token) / (output − 1).
    public var timePerOutputToken: SimDuration?
    /// Arrival to the last token.
    public var endToEnd: SimDuration?

    public init(timeToFirstToken: SimDuration? = nil, timePerOutputToken: SimDuration? = nil, endToEnd: SimDuration? = nil) {
        self.timeToFirstToken = timeToFirstToken
        self.timePerOutputToken = timePerOutputToken
        self.endToEnd = endToEnd
    }

    /// Whether a request with these latencies attains every objective.
    public func isMet(ttft: SimDuration, tpot: SimDuration?, e2e: SimDuration) -> Bool {
        if let t = timeToFirstToken, ttft > t { return false }
        if let t = timePerOutputToken, let tpot, tpot > t { return false }
        if let t = endToEnd, e2e > t { return false }
        return true
    }
}

/// A service's replica count: fixed, or an autoscaler's rule.
public enum ReplicaScaling: Hashable, Sendable {
    case fixed(Int)
    case autoscaled(AutoscalingPolicy)
}

/// Scale-out rule evaluated every `evaluationInterval`: the desired replica count is
/// ceil(active · measured / target) — the Kubernetes HPA rule — for the measured signal
/// (busy-time utilisation over the last interval, or waiting requests per replica), clamped to
/// [min, max]. A new replica holds its chips from the decision on but serves only after
/// `scaleUpDelay` (provisioning + model load); a replica scaled down stops receiving requests
/// and gives its chips back once drained. Scale-down waits `scaleDownCooldown` after any change.
public struct AutoscalingPolicy: Hashable, Sendable {
    public enum Target: Hashable, Sendable {
        /// Utilisation of the active replicas, in (0, 1]: at iteration fidelity their busy-time
        /// fraction (which continuous batching keeps near 1 whenever there is work, so a queue
        /// target is usually the better signal); at fluid fidelity the offered load over capacity.
        case utilization(Double)
        /// Waiting requests per active replica.
        case queuePerReplica(Double)
    }
    public var minReplicas: Int
    public var maxReplicas: Int
    public var target: Target
    public var evaluationInterval: SimDuration
    public var scaleUpDelay: SimDuration
    public var scaleDownCooldown: SimDuration

    /// - Precondition: 1 ≤ min ≤ max, positive interval, non-negative delays.
    public init(minReplicas: Int, maxReplicas: Int, target: Target, evaluationInterval: SimDuration = .seconds(30),
                scaleUpDelay: SimDuration = .seconds(120), scaleDownCooldown: SimDuration = .minutes(5)) {
        precondition(minReplicas >= 1 && maxReplicas >= minReplicas, "autoscaling needs 1 ≤ min ≤ max")
        precondition(evaluationInterval > .zero && scaleUpDelay >= .zero && scaleDownCooldown >= .zero,
                     "autoscaling needs a positive interval and non-negative delays")
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
        self.target = target
        self.evaluationInterval = evaluationInterval
        self.scaleUpDelay = scaleUpDelay
        self.scaleDownCooldown = scaleDownCooldown
    }

    /// The replica count the rule asks for, given the active count and the measured signal.
    public func desiredReplicas(active: Int, utilization: Double, waitingPerReplica: Double) -> Int {
        let ratio: Double
        switch target {
        case .utilization(let t): ratio = utilization / t
        case .queuePerReplica(let t): ratio = waitingPerReplica / t
        }
        // A 10% dead band around the target, as the HPA's default tolerance, avoids flapping.
        var desired = active
        if ratio > 1.1 || ratio < 0.9 { desired = Int((Double(max(active, 1)) * ratio).rounded(.up)) }
        return min(max(desired, minReplicas), maxReplicas)
    }
}

/// Prefill/decode disaggregation (Splitwise, DistServe): prompts run on a prefill group, their
/// KV cache is sent over the scale-out link to a decode replica, which generates the rest.
public struct Disaggregation: Hashable, Sendable {
    public var prefillReplicas: Int
    public var decodeReplicas: Int
    /// Bandwidth of one KV transfer (per request, the link between the two replicas).
    public var transferBandwidth: BytesPerSecond
    /// Fixed cost of one transfer (connection setup, metadata).
    public var transferLatency: SimDuration

    public init(prefillReplicas: Int, decodeReplicas: Int, transferBandwidth: BytesPerSecond,
                transferLatency: SimDuration = .microseconds(100)) {
        precondition(prefillReplicas >= 1 && decodeReplicas >= 1, "disaggregation needs ≥ 1 replica per group")
        self.prefillReplicas = prefillReplicas
        self.decodeReplicas = decodeReplicas
        self.transferBandwidth = transferBandwidth
        self.transferLatency = transferLatency
    }
}

/// A priority class of a service's requests: a share of the traffic, drawn per request, admitted
/// before lower-priority classes when replicas are busy, with its own SLO.
public struct RequestClass: Hashable, Sendable {
    public var name: String
    /// Fraction of requests in the class; the shares of a service sum to 1.
    public var share: Double
    /// Higher is admitted first.
    public var priority: Int
    public var slo: LatencySLO

    public init(name: String, share: Double, priority: Int = 0, slo: LatencySLO = LatencySLO()) {
        precondition(share > 0 && share <= 1, "a class share is in (0, 1]")
        self.name = name
        self.share = share
        self.priority = priority
        self.slo = slo
    }
}
