import Fleet
import Foundation
import Gigawatt
import ScenarioFormat
import SimKernel
import Testing
import Workloads

/// Runs scenarios with one inference service and hands back what it emitted.
struct InferenceRun {
    var requests: [InferenceRequestResult] = []
    var intervals: [InferenceInterval] = []
    var services: [InferenceServiceResult] = []
    var siteIntervals: [SiteInterval] = []

    /// `service` is the body of one `workloads.inference` entry; the fleet is `hosts` HGX H100 hosts.
    /// `fleetExtra` is added to the fleet object (such as `failures: { … }`).
    static func run(service: String, hosts: Int = 1, horizon: String = "10 min", interval: SimDuration? = nil,
                    seed: UInt64 = 1, fleetExtra: String = "") throws -> InferenceRun {
        let text = """
        { name: "inference-test", seed: \(seed), horizon: "\(horizon)",
          fleet: { sites: [{ name: "s", pue: 1.2, electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh" }],
                   pools: [{ name: "h100", site: "s", chip: "h100-sxm", hosts: \(hosts) }], \(fleetExtra) },
          workloads: { inference: [{ \(service) }] } }
        """
        let scenario = try ScenarioLoader.parse(text: text, fileName: "inference-test.json5")
        let sink = RecordingSink()
        var simulation = Simulation(scenario: scenario, interval: interval, sink: sink)
        while !simulation.isComplete { simulation.advance() }
        _ = simulation.finish()
        var run = InferenceRun()
        for record in sink.records {
            switch record {
            case .inferenceRequest(let r): run.requests.append(r)
            case .inferenceInterval(let i): run.intervals.append(i)
            case .inferenceService(let s): run.services.append(s)
            case .siteInterval(let i): run.siteIntervals.append(i)
            default: break
            }
        }
        return run
    }

    /// Writes a Mooncake-format trace (timestamp ms, input, output, hash ids) to a temporary file.
    static func trace(_ rows: [(ms: Int, input: Int, output: Int, hashes: [Int])]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gigawatt-inference-\(UUID().uuidString).jsonl")
        let lines = rows.map { #"{"timestamp": \#($0.ms), "input_length": \#($0.input), "output_length": \#($0.output), "hash_ids": \#($0.hashes)}"# }
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}

@Suite("Inference simulation")
struct InferenceSimulationTests {
    static let h100 = Catalog.builtIn["h100-sxm"]!
    static let replica = InferenceReplicaSpec(model: .llama2_70B, parallelism: ReplicaParallelism(tensor: 8))
    static let base = #"model: "llama-2-70b", parallelism: { tensor: 8 }"#

    @Test("a lone request's first token comes after its prefill iteration, then one decode iteration per token")
    func loneRequestMatchesTheRoofline() throws {
        let file = try InferenceRun.trace([(0, 1000, 5, [])])
        let run = try InferenceRun.run(service: #"name: "one", \#(Self.base), replicas: 1, requests: { trace: { format: "mooncake", file: "\#(file)" } }"#)
        let model = ReplicaPerformanceModel(replica: Self.replica, accelerator: Self.h100)
        var prefill = IterationWorkload()
        prefill.addPrefill(tokens: 1000)
        // Hand roofline: prefill of 1,000 tokens (token 1), then decodes at contexts 1000 … 1003 (tokens 2–5).
        var expected = model.iterationTime(prefill).total
        let ttft = expected
        for context in 1000..<1004 {
            var decode = IterationWorkload()
            decode.addDecode(context: context)
            expected += model.iterationTime(decode).total
        }
        let result = try #require(run.requests.first)
        #expect(run.requests.count == 1)
        #expect(result.ttft == ttft)
        #expect(result.e2e == expected)
        #expect(result.outcome == .completed)
        #expect(run.services.first?.completed == 1)
        #expect(run.services.first?.outputTokens == 5)
    }

    @Test("a synthetic source with a count stops after that many requests")
    func requestCount() throws {
        let run = try InferenceRun.run(service: #"name: "n", \#(Self.base), replicas: 1, requests: { arrival: "poisson", rate: 10, count: 50, prompt_tokens: 100, output_tokens: 5 }"#,
                                       horizon: "1 h")
        let service = try #require(run.services.first)
        #expect(service.arrived == 50)
        #expect(service.completed == 50)
    }

    @Test("prefix-cache hits are counted on a hand-made trace: repeats skip all but the last prompt token")
    func prefixCacheAccounting() throws {
        // Three prompts of 3 blocks × 512 tokens; the 2nd repeats the 1st's blocks, the 3rd shares
        // only block 1. Hits: 2nd skips min(3 × 512, 1536 − 1) = 1535 tokens, 3rd skips 512.
        let file = try InferenceRun.trace([(0, 1536, 4, [1, 2, 3]), (10_000, 1536, 4, [1, 2, 3]), (20_000, 1536, 4, [1, 9, 10])])
        let run = try InferenceRun.run(service: #"""
            name: "cached", \#(Self.base), replicas: 1, prefix_cache: { capacity_tokens: 100000, block_tokens: 512 },
            requests: { trace: { format: "mooncake", file: "\#(file)" } }
            """#)
        #expect(run.requests.map(\.cachedTokens) == [0, 1535, 512])
        let service = try #require(run.services.first)
        #expect(service.cachedPromptTokens == 2047)
        #expect(abs((service.prefixCacheHitRate ?? 0) - 2047.0 / (3 * 1536)) < 1e-12)
        // The cached prompt is cheaper: its first token comes sooner.
        #expect(run.requests[1].ttft! < run.requests[0].ttft!)
    }

    /// A workspace that leaves `tokens` tokens of KV per replica (TP 8, BF16: 40,960 B per token per chip).
    static func workspace(leaving tokens: Int) -> Double {
        let budget = KVCacheBudget(replica: replica, accelerator: h100)
        return budget.usableMemoryPerChip.value - budget.weightsPerChip.value - Double(tokens) * budget.bytesPerTokenPerChip.value
    }

    @Test("a full KV cache preempts and recomputes in recompute mode, and makes requests wait in wait mode", arguments: ["recompute", "wait"])
    func kvFull(mode: String) throws {
        // 3,000 tokens of KV (187 blocks of 16): four requests of 500 + 400 tokens need 3,600 at their end.
        let rows = (0..<4).map { _ in (ms: 0, input: 500, output: 400, hashes: [Int]()) }
        let file = try InferenceRun.trace(rows)
        let run = try InferenceRun.run(service: #"""
            name: "tight", \#(Self.base), replicas: 1, activation_workspace: \#(Self.workspace(leaving: 3000)),
            batching: { on_kv_full: "\#(mode)" }, requests: { trace: { format: "mooncake", file: "\#(file)" } }
            """#)
        let service = try #require(run.services.first)
        #expect(service.completed == 4)
        if mode == "recompute" {
            #expect(service.preemptions > 0)
            #expect(run.requests.contains { $0.preemptions > 0 })
        } else {
            #expect(service.preemptions == 0)
            // 900-token reservations: three fit (2,700 ≤ 2,992 tokens of whole blocks), the 4th waits for one to finish.
            let sorted = run.requests.sorted { $0.firstToken! < $1.firstToken! }
            #expect(sorted[3].firstToken! >= sorted.prefix(3).map(\.completion!).min()!)
        }
    }

    @Test("every arrival is accounted for: completed + rejected + unfinished, one row per finished request")
    func accounting() throws {
        let run = try InferenceRun.run(service: #"""
            name: "chat", \#(Self.base), replicas: 1, requests: { arrival: "poisson", rate: 4, prompt_tokens: 800, output_tokens: 150 }
            """#, horizon: "5 min")
        let service = try #require(run.services.first)
        #expect(service.arrived > 1_000)
        #expect(service.arrived == service.completed + service.rejected + service.unfinished)
        #expect(run.requests.count == service.completed + service.rejected)
        // Output tokens: every completed request's 150, plus the tokens of those still running.
        #expect(service.outputTokens >= Double(150 * service.completed))
        #expect(run.intervals.count == 5)  // one per minute
    }

    @Test("the same seed gives the same request results")
    func deterministic() throws {
        let service = #"name: "chat", \#(Self.base), replicas: 1, requests: { arrival: "gamma", rate: 3, cv: 2 }"#
        let a = try InferenceRun.run(service: service, horizon: "2 min")
        let b = try InferenceRun.run(service: service, horizon: "2 min")
        #expect(a.requests == b.requests && a.services == b.services)
        #expect(!a.requests.isEmpty)
    }

    @Test("disaggregated: the decode replica starts after the KV transfer of prompt × KV bytes over the link")
    func disaggregatedLoneRequest() throws {
        let file = try InferenceRun.trace([(0, 2000, 3, [])])
        let run = try InferenceRun.run(service: #"""
            name: "split", \#(Self.base), disaggregation: { prefill_replicas: 1, decode_replicas: 1, transfer_bandwidth: "50 GB/s", transfer_latency: "100 us" },
            requests: { trace: { format: "mooncake", file: "\#(file)" } }
            """#, hosts: 2)
        let model = ReplicaPerformanceModel(replica: Self.replica, accelerator: Self.h100)
        var prefill = IterationWorkload()
        prefill.addPrefill(tokens: 2000)
        let ttft = model.iterationTime(prefill).total
        // 2,000 tokens × 327,680 B = 655.36 MB over 50 GB/s = 13.1072 ms, + 100 µs.
        let transfer = SimDuration.microseconds(100) + SimDuration(secondsRoundingUp: 2000 * 327_680 / 50e9)
        var expected = ttft + transfer
        for context in 2000..<2002 {
            var decode = IterationWorkload()
            decode.addDecode(context: context)
            expected += model.iterationTime(decode).total
        }
        let result = try #require(run.requests.first)
        #expect(result.ttft == ttft)
        #expect(result.e2e == expected)
        #expect(result.replica == 1)  // the decode replica
    }

    @Test("the autoscaler answers a step in load: a replica placed at an evaluation serves one scale-up delay later")
    func autoscalingStep() throws {
        // 0.5 requests/s for 5 minutes, then 12/s: the queue per replica passes the target of 2.
        let run = try InferenceRun.run(service: #"""
            name: "elastic", \#(Self.base),
            autoscaling: { min: 1, max: 4, target_queue: 2, interval: "10 s", scale_up_delay: "60 s", scale_down_cooldown: "10 min" },
            requests: { arrival: "rate-curve", curve: [{ at: "0 s", rate: 0.5 }, { at: "5 min", rate: 12 }], prompt_tokens: 2000, output_tokens: 300 }
            """#, hosts: 4, horizon: "10 min", interval: .seconds(5))
        let placed = try #require(run.intervals.first { $0.placedReplicas > 1 })
        let serving = try #require(run.intervals.first { $0.activeReplicas > 1 })
        #expect(placed.end > .zero + .minutes(5))          // nothing before the step
        #expect(placed.end <= .zero + .minutes(5) + .seconds(30))  // within a few evaluations of it
        // Placement and activation are both seen at the close of a 5 s interval.
        let delay = serving.end - placed.end
        #expect(delay >= .seconds(55) && delay <= .seconds(65), "\(delay)")
        #expect(run.intervals.allSatisfy { $0.activeReplicas <= 4 && $0.placedReplicas <= 4 })
        #expect(try #require(run.services.first).peakReplicas > 1)
    }

    @Test("under overload the high-priority class waits less and keeps its SLO better; per-class counts add up")
    func priorityClasses() throws {
        // One replica offered ~1.3× what it serves at these lengths: a queue builds, and the
        // interactive class (priority 1) overtakes the batch class in it.
        let run = try InferenceRun.run(service: #"""
            name: "mixed", \#(Self.base), replicas: 1, batching: { max_batch_size: 32 },
            classes: [{ name: "interactive", share: 0.3, priority: 1, slo: { ttft: "1 s" } },
                      { name: "batch", share: 0.7, slo: { ttft: "1 s" } }],
            requests: { arrival: "poisson", rate: 12, prompt_tokens: 1000, output_tokens: 200 }
            """#, horizon: "5 min")
        let service = try #require(run.services.first)
        #expect(service.classes.map(\.name) == ["interactive", "batch"])
        #expect(service.classes.reduce(0) { $0 + $1.completed } == service.completed)
        let interactive = service.classes[0], batch = service.classes[1]
        #expect(try #require(interactive.ttft.p50) < #require(batch.ttft.p50))
        #expect(try #require(interactive.sloAttainment) > #require(batch.sloAttainment))
        #expect(service.unfinished > 0)  // overloaded: the queue is still there at the end
    }
}
