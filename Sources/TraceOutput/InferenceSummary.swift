import Gigawatt

/// The `inference` section of summary.json: every service's totals, plus the fleet-wide sums
/// a cost model needs (tokens served and chip-seconds held; price × chip-seconds / tokens is the
/// cost per token once chip prices are known).
struct InferenceSummary: Encodable {
    var outputTokens = 0.0
    var promptTokens = 0.0
    var chipSeconds = 0.0
    var capacityCostUSD = 0.0
    var services: [ServiceSummary] = []

    enum CodingKeys: String, CodingKey {
        case outputTokens = "output_tokens"
        case promptTokens = "prompt_tokens"
        case chipSeconds = "chip_seconds"
        case capacityCostUSD = "capacity_cost_usd"
        case services
    }

    mutating func add(_ s: InferenceServiceResult) {
        outputTokens += s.outputTokens
        promptTokens += s.promptTokens
        chipSeconds += s.chipSeconds
        capacityCostUSD += s.capacityCostUSD
        services.append(ServiceSummary(s))
    }

    struct Latency: Encodable {
        var p50: Double?
        var p90: Double?
        var p99: Double?
        var mean: Double?
        init(_ p: LatencyPercentiles) { p50 = p.p50; p90 = p.p90; p99 = p.p99; mean = p.mean }
        enum CodingKeys: String, CodingKey {
            case p50 = "p50_s", p90 = "p90_s", p99 = "p99_s", mean = "mean_s"
        }
    }

    struct ServiceSummary: Encodable {
        var name: String
        var fidelity: String
        var pool: String?
        var chip: String?
        var chipsPerReplica: Int
        var placementProblem: String?
        var initialReplicas: Int
        var peakReplicas: Int
        var arrived: Int
        var completed: Int
        var rejected: Int
        var unfinished: Int
        var promptTokens: Double
        var outputTokens: Double
        var cachedPromptTokens: Double
        var outputTokensPerSecond: Double
        var ttft: Latency
        var tpot: Latency
        var e2e: Latency
        var sloAttainment: Double?
        var prefixCacheHitRate: Double?
        var utilization: Double
        var chipSeconds: Double
        var capacityCostUSD: Double
        var usdPerMillionOutputTokens: Double?
        var preemptions: Int
        var replicaFailures: Int
        var meanWaiting: Double
        var skippedTraceLines: Int
        var classes: [ClassSummary]?

        init(_ s: InferenceServiceResult) {
            name = s.name; fidelity = s.fidelity; pool = s.pool; chip = s.chip; chipsPerReplica = s.chipsPerReplica
            placementProblem = s.placementProblem; initialReplicas = s.initialReplicas; peakReplicas = s.peakReplicas
            arrived = s.arrived; completed = s.completed; rejected = s.rejected; unfinished = s.unfinished
            promptTokens = s.promptTokens; outputTokens = s.outputTokens; cachedPromptTokens = s.cachedPromptTokens
            outputTokensPerSecond = s.outputTokensPerSecond
            ttft = Latency(s.ttft); tpot = Latency(s.tpot); e2e = Latency(s.e2e)
            sloAttainment = s.sloAttainment; prefixCacheHitRate = s.prefixCacheHitRate; utilization = s.utilization
            chipSeconds = s.chipSeconds; capacityCostUSD = s.capacityCostUSD; usdPerMillionOutputTokens = s.usdPerMillionOutputTokens
            preemptions = s.preemptions; replicaFailures = s.replicaFailures; meanWaiting = s.meanWaiting
            skippedTraceLines = s.skippedTraceLines
            classes = s.classes.isEmpty ? nil : s.classes.map(ClassSummary.init)
        }

        enum CodingKeys: String, CodingKey {
            case name, fidelity, pool, chip, arrived, completed, rejected, unfinished, utilization, preemptions, ttft, tpot, e2e, classes
            case chipsPerReplica = "chips_per_replica"
            case placementProblem = "placement_problem"
            case initialReplicas = "initial_replicas"
            case peakReplicas = "peak_replicas"
            case promptTokens = "prompt_tokens"
            case outputTokens = "output_tokens"
            case cachedPromptTokens = "cached_prompt_tokens"
            case outputTokensPerSecond = "output_tokens_per_s"
            case sloAttainment = "slo_attainment"
            case prefixCacheHitRate = "prefix_cache_hit_rate"
            case chipSeconds = "chip_seconds"
            case capacityCostUSD = "capacity_cost_usd"
            case usdPerMillionOutputTokens = "usd_per_million_output_tokens"
            case meanWaiting = "mean_waiting"
            case replicaFailures = "replica_failures"
            case skippedTraceLines = "skipped_trace_lines"
        }
    }

    struct ClassSummary: Encodable {
        var name: String
        var priority: Int
        var completed: Int
        var rejected: Int
        var sloAttainment: Double?
        var ttft: Latency
        var tpot: Latency

        init(_ c: InferenceClassResult) {
            name = c.name; priority = c.priority; completed = c.completed; rejected = c.rejected
            sloAttainment = c.sloAttainment; ttft = Latency(c.ttft); tpot = Latency(c.tpot)
        }

        enum CodingKeys: String, CodingKey {
            case name, priority, completed, rejected, ttft, tpot
            case sloAttainment = "slo_attainment"
        }
    }
}
