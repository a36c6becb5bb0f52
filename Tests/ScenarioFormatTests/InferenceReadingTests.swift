import Fleet
import SimKernel
import Testing
import Workloads
@testable import ScenarioFormat

@Suite("WorkloadsReading inference services")
struct InferenceReadingTests {
    static let minimal = #"name: "chat", model: "llama-2-70b", parallelism: { tensor: 8 }, replicas: 2, requests: { arrival: "poisson", rate: 5 }"#

    @Test("a full service reads into the expected spec")
    func fullService() throws {
        let report = WorkloadsReadingTests.scenario("""
        { inference: [
            { name: "chat", model: "llama-2-70b", precision: "fp8", parallelism: { tensor: 4 }, chips_per_replica: 4,
              platforms: ["h100-sxm"], autoscaling: { min: 2, max: 6, target_utilization: 0.7, scale_up_delay: "90 s" },
              batching: { token_budget: 4096, chunk_size: "none", max_batch_size: 128, on_kv_full: "wait" },
              slo: { ttft: "500 ms", tpot: "50 ms" }, prefix_cache: { capacity_tokens: 100000, block_tokens: 512 },
              routing: "prefix-affinity",
              requests: { arrival: "diurnal", rate: "7200/h", peak_to_trough: 4, prompt_tokens: 1000, output_tokens: { distribution: "exponential", mean: 200 } } },
        ] }
        """)
        #expect(rendered(report.diagnostics) == [])
        let spec = try #require(report.scenario?.inference.first)
        #expect(spec.name == "chat")
        #expect(spec.replica.precision == .fp8)
        #expect(spec.replica.parallelism == ReplicaParallelism(tensor: 4))
        #expect(spec.platforms == [.chip(AcceleratorID("h100-sxm"))])
        #expect(spec.scaling == .autoscaled(AutoscalingPolicy(minReplicas: 2, maxReplicas: 6, target: .utilization(0.7), scaleUpDelay: .seconds(90))))
        #expect(spec.replica.batching == BatchingPolicy(tokenBudget: 4096, prefillChunkSize: nil, maxBatchSize: 128, preemption: .wait))
        #expect(spec.slo == LatencySLO(timeToFirstToken: .milliseconds(500), timePerOutputToken: .milliseconds(50)))
        // 100,000 tokens in 512-token blocks: 195 whole blocks.
        #expect(spec.replica.prefixCache == PrefixCacheConfiguration(capacityBlocks: 195, blockTokens: 512))
        #expect(spec.routing == .prefixAffinity)
        guard case .synthetic(let process, let lengths, _, _) = spec.requests else { Issue.record("not synthetic"); return }
        #expect(abs(process.meanRate - 2) < 1e-9)  // 7200/h = 2/s, the diurnal curve's mean
        #expect(lengths.prompt == .constant(1000))
        #expect(spec.fidelity == .iteration)
    }

    @Test("a trace source resolves its file next to the scenario and checks that it opens")
    func traceSource() {
        let report = WorkloadsReadingTests.scenario("""
        { inference: [{ name: "a", model: "llama-2-70b", parallelism: { tensor: 8 }, replicas: 1,
                        requests: { trace: { format: "azure-llm-2023", file: "no-such.csv" } } }] }
        """)
        #expect(report.scenario == nil)
        #expect(rendered(report.diagnostics).first?.contains("workloads.inference[0].requests.trace.file: trace file 'no-such.csv': cannot read trace") == true)
    }

    @Test("mistakes are reported with position, path and what was expected", arguments: [
        (#"{ inference: [{ \#(minimal), routing: "random" }] }"#,
         "w.json5:4:159: error: workloads.inference[0].routing: unknown routing policy 'random'"),
        (#"{ inference: [{ \#(minimal), autoscaling: { min: 1, max: 3, target_queue: 4 } }] }"#,
         "w.json5:4:163: error: workloads.inference[0].autoscaling: give either 'replicas' or 'autoscaling', not both"),
        (#"{ inference: [{ name: "c", model: "llama-2-70b", replicas: 1 }] }"#,
         "w.json5:4:28: error: workloads.inference[0].requests: missing required key 'requests'"),
        (#"{ inference: [{ name: "c", model: "llama-2-70b", replicas: 1, platforms: ["h100-sxm"], requests: { arrival: "poisson", rate: 5 } }] }"#,
         "w.json5:4:28: error: workloads.inference[0].parallelism: the weights (138.0 GB per chip at 1 chips per replica) leave no room for KV cache"),
        (#"{ inference: [{ \#(minimal), chips_per_replica: 4 }] }"#,
         "w.json5:4:169: error: workloads.inference[0].chips_per_replica: 4 chips per replica does not equal tensor 8"),
        (#"{ inference: [{ \#(minimal), batching: { schedule: "prefill-first", chunk_size: 512 } }] }"#,
         "w.json5:4:201: error: workloads.inference[0].batching.chunk_size: schedule \"prefill-first\" runs prompts whole"),
        (#"{ inference: [{ name: "c", model: "llama-2-70b", parallelism: { tensor: 8 }, replicas: 1, fidelity: "fluid", requests: { arrival: "poisson", rate: 5, count: 100 } }] }"#,
         "w.json5:4:114: error: workloads.inference[0].fidelity: fluid fidelity serves a rate, not a number of requests"),
        (#"{ inference: [{ \#(minimal), batching: { schedule: "fifo" } }] }"#,
         "w.json5:4:172: error: workloads.inference[0].batching.schedule: unknown iteration schedule 'fifo'"),
        (#"{ inference: [{ \#(minimal), batching: { on_kv_full: "drop" } }] }"#,
         "w.json5:4:174: error: workloads.inference[0].batching.on_kv_full: unknown KV-full policy 'drop'"),
        (#"{ inference: [{ name: "c", model: "llama-2-70b", parallelism: { tensor: 8 }, replicas: 1, requests: { arrival: "gamma", rate: "5/fortnight", cv: 2 } }] }"#,
         "w.json5:4:140: error: workloads.inference[0].requests.rate: expected a rate ≥ 0 in requests per second"),
        (#"{ inference: [{ \#(minimal), classes: [{ name: "a", share: 0.5 }, { name: "b", share: 0.3 }] }] }"#,
         "w.json5:4:159: error: workloads.inference[0].classes: class shares must add up to 1 (got 0.8)"),
        (#"{ inference: [{ \#(minimal), fidelity: "fluid", classes: [{ name: "a", share: 1 }] }] }"#,
         "w.json5:4:160: error: workloads.inference[0].fidelity: fluid fidelity does not model priority classes"),
        ("{ inference: {} }",
         "w.json5:4:27: error: workloads.inference: expected an array of inference services"),
    ])
    func mistakes(text: String, expected: String) {
        let report = WorkloadsReadingTests.scenario(text)
        #expect(report.scenario == nil)
        let messages = rendered(report.diagnostics)
        #expect(messages.contains { $0.hasPrefix(expected) }, "\(messages)")
    }

    /// The keys the reader accepts at `path`, from its unknown-key message.
    static func acceptedKeys(_ text: String) -> [String]? {
        let report = WorkloadsReadingTests.scenario(text)
        guard let message = rendered(report.diagnostics).first(where: { $0.contains("unknown key 'zzz'") }),
              let range = message.range(of: "(valid keys: ") else { return nil }
        return message[range.upperBound...].dropLast().components(separatedBy: ", ")
    }

    @Test("prefill-first batching processes prompts whole unless told otherwise")
    func prefillFirst() throws {
        let report = WorkloadsReadingTests.scenario(#"{ inference: [{ \#(Self.minimal), batching: { schedule: "prefill-first", max_batch_size: 128 } }] }"#)
        #expect(rendered(report.diagnostics) == [])
        let batching = try #require(report.scenario?.inference.first?.replica.batching)
        #expect(batching == BatchingPolicy(prefillChunkSize: nil, maxBatchSize: 128, schedule: .prefillFirst))
    }

    @Test("InferenceSchema lists exactly the keys the reader accepts, in its order", arguments: [
        ("inference[]", #"{ inference: [{ \#(minimal), zzz: 1 }] }"#),
        ("inference[].parallelism", #"{ inference: [{ name: "c", model: "llama-2-70b", parallelism: { zzz: 1 }, replicas: 1, requests: { arrival: "poisson", rate: 1 } }] }"#),
        ("inference[].batching", #"{ inference: [{ \#(minimal), batching: { zzz: 1 } }] }"#),
        ("inference[].slo", #"{ inference: [{ \#(minimal), slo: { zzz: 1 } }] }"#),
        ("inference[].classes[]", #"{ inference: [{ \#(minimal), classes: [{ name: "a", share: 1, zzz: 1 }] }] }"#),
        ("inference[].prefix_cache", #"{ inference: [{ \#(minimal), prefix_cache: { capacity_tokens: 1000, zzz: 1 } }] }"#),
        ("inference[].autoscaling", #"{ inference: [{ name: "c", model: "llama-2-70b", parallelism: { tensor: 8 }, autoscaling: { min: 1, max: 2, target_queue: 1, zzz: 1 }, requests: { arrival: "poisson", rate: 1 } }] }"#),
        ("inference[].requests.trace", #"{ inference: [{ name: "c", model: "llama-2-70b", parallelism: { tensor: 8 }, replicas: 1, requests: { trace: { format: "mooncake", file: "none", zzz: 1 } } }] }"#),
        ("inference[].disaggregation", #"{ inference: [{ name: "c", model: "llama-2-70b", parallelism: { tensor: 8 }, disaggregation: { prefill_replicas: 1, decode_replicas: 1, zzz: 1 }, requests: { arrival: "poisson", rate: 1 } }] }"#),
        ("inference[].requests.shared_prefix", #"{ inference: [{ name: "c", model: "llama-2-70b", parallelism: { tensor: 8 }, replicas: 1, requests: { arrival: "poisson", rate: 1, shared_prefix: { tokens: 8, zzz: 1 } } }] }"#),
    ])
    func schemaMatchesReader(path: String, text: String) throws {
        let accepted = try #require(Self.acceptedKeys(text), "no unknown-key message for \(path)")
        let listed = try #require(InferenceSchema.keys(at: path)).map(\.name)
        #expect(Set(accepted) == Set(listed), "\(path): reader \(accepted), schema \(listed)")
    }
}
