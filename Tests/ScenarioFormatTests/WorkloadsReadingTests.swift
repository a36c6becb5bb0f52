import Fleet
import SimKernel
import Testing
import Workloads
@testable import ScenarioFormat

@Suite("WorkloadsReading")
struct WorkloadsReadingTests {
    /// A scenario with `workloads` set to `section` (a JSON5 object), on one GPU pool.
    static func scenario(_ section: String) -> ScenarioLoader.Report {
        let text = """
        { name: "w", seed: 5, horizon: "1 d",
          fleet: { sites: [{ name: "s", pue: 1.2, electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh" }],
                   pools: [{ name: "g", site: "s", chip: "h100-sxm", hosts: 4 }] },
          workloads: \(section),
        }
        """
        return ScenarioLoader.check(text: text, fileName: "w.json5")
    }

    @Test("a full job reads into the expected spec")
    func fullJob() throws {
        let report = Self.scenario("""
        { training: [
            { name: "llm", model: "llama-2-70b", tokens: "2T", sequence_length: 4096, global_batch: 1024,
              precision: "fp8", parallelism: { data: 64, tensor: 8, pipeline: 4, zero: 1, micro_batch_size: 1,
              virtual_stages: 2, recompute: "selective", sequence_parallel: true }, chips: 2048,
              platforms: ["h100-sxm", "tpu"], efficiency: { gpu: 0.55 }, overlap: "full",
              priority: 1, tenant: "research", arrival: "2 h",
              checkpoint: { interval: "optimal", write: "100 GB/s", restore: "200 GB/s" }, preemptible: true },
        ] }
        """)
        #expect(rendered(report.diagnostics) == [])
        let spec = try #require(report.scenario?.training.first)
        let expected = TrainingJobSpec(
            name: "llm",
            job: TrainingJob(model: .llama2_70B, sequenceLength: 4096, globalBatch: 1024, length: .tokens(2e12),
                             precision: .fp8,
                             parallelism: TrainingParallelism(data: 64, tensor: 8, pipeline: 4, zeroStage: .optimizer,
                                                              virtualStages: 2, recomputation: .selective,
                                                              isSequenceParallel: true),
                             overlap: .full, efficiencyOverride: [.gpu: 0.55]),
            platforms: [.chip("h100-sxm"), .platform(.tpu)], priority: 1, tenant: "research",
            arrival: .zero + .hours(2),
            checkpoint: CheckpointPolicy(interval: .optimal, writeBandwidth: BytesPerSecond(100e9),
                                         restoreBandwidth: BytesPerSecond(200e9)),
            isPreemptible: true)
        #expect(spec == expected)
        #expect(spec.chips == 2048)
    }

    @Test("data is derived from chips, and an inline model reads its shape")
    func derivedData() throws {
        let report = Self.scenario("""
        { training: [
            { name: "m", model: { parameters: "8B", layers: 32, hidden: 4096, heads: 32, kv_heads: 8 },
              steps: 100, sequence_length: 2048, global_batch: 64, parallelism: { tensor: 4 }, chips: 32 },
        ] }
        """)
        let spec = try #require(report.scenario?.training.first)
        #expect(spec.job.parallelism.data == 8)  // 32 chips / tensor 4
        #expect(spec.job.model.parameters == 8e9 && spec.job.model.kvHeads == 8 && spec.job.model.vocabularySize == 32_000)
        #expect(spec.job.length == .steps(100))
        #expect(spec.platforms.isEmpty && spec.checkpoint == nil && !spec.isPreemptible)
    }

    static let job = #"name: "j", model: "gpt-3-175b", steps: 10, sequence_length: 2048, global_batch: 64"#

    @Test("mistakes are reported with file, location, path and what was expected", arguments: [
        ("{ training: [{ \(job), chips: 100, parallelism: { data: 8, tensor: 8 } }] }",
         ["w.json5:4:120: error: workloads.training[0].chips: 100 chips does not equal data 8 × tensor 8 × pipeline 1 = 64"]),
        ("{ training: [{ \(job), parallelism: { tensor: 8 }, chips: 12 }] }",
         ["w.json5:4:148: error: workloads.training[0].chips: 12 chips is not a multiple of tensor 8 × pipeline 1 = 8"]),
        ("{ training: [{ \(job), parallelism: { data: 3 } }] }",
         ["w.json5:4:109: error: workloads.training[0].global_batch: 64 sequences is not a multiple of data 3 × micro_batch_size 1"]),
        ("{ training: [{ \(job), parallelism: { data: 2, tensor: 5 } }] }",
         ["w.json5:4:145: error: workloads.training[0].parallelism.tensor: 5 must divide 96 attention heads"]),
        (#"{ training: [{ name: "j", model: "llama-2-7b", steps: 1, sequence_length: 8, global_batch: 8 }] }"#,
         ["w.json5:4:47: error: workloads.training[0].model: unknown model 'llama-2-7b'; did you mean 'llama-2-70b'? (valid: gpt-3-175b, llama-2-70b, palm-540b, megatron-1.7b, megatron-1t, deepseek-v3)"]),
        (#"{ training: [{ \#(job), platforms: ["tpu-v5"] }] }"#,
         ["w.json5:4:125: error: workloads.training[0].platforms[0]: unknown chip or platform 'tpu-v5'; did you mean 'tpu-v4'? (valid: tpu, gpu, trainium, tpu-v4, tpu-v5e, tpu-v5p, tpu-v6e, tpu-v7, a100-sxm, h100-sxm, h200, b200, gb200, mi300x, trn1, trn2, trn3)"]),
        (#"{ training: [{ \#(job), checkpoint: { interval: "0 s" }, prority: 1 }] }"#,
         ["w.json5:4:137: error: workloads.training[0].checkpoint.interval: expected a positive duration, got \"0 s\"",
          "w.json5:4:146: error: workloads.training[0].prority: unknown key 'prority'; did you mean 'priority'? (valid keys: name, model, tokens, steps, sequence_length, global_batch, precision, parallelism, chips, overlap, platforms, efficiency, priority, tenant, arrival, checkpoint, preemptible)"]),
        (#"{ training: [{ name: "j", model: "gpt-3-175b", sequence_length: 8, global_batch: 8 }] }"#,
         ["w.json5:4:27: error: workloads.training[0]: missing required key 'tokens' or 'steps' (how long to train: tokens such as \"2T\", or optimizer steps)"]),
        ("{ training: [{ \(job), arrival: \"2 d\" }] }",
         ["w.json5:4:122: warning: workloads.training[0].arrival: the job arrives at 2 d, after the horizon (1 d); it will not run"]),
        (#"{ training_streams: [{ name: "s", count: 3, arrival: { process: "poisson", rate: "4/h" }, chips: { choices: [8, 12] }, steps: 10, template: { model: "gpt-3-175b", sequence_length: 2048, parallelism: { tensor: 8 } } }] }"#,
         ["w.json5:4:111: error: workloads.training_streams[0].chips: a job of 12 chips: 12 chips is not a multiple of tensor 8 × pipeline 1 = 8"]),
        (#"{ training_streams: [{ name: "s", count: 3, arrival: { process: "poisson", rate: "4/h", mean_interarrival: "1 h" }, chips: 8, steps: 10, tokens: "1B", template: { model: "gpt-3-175b", sequence_length: 2048 } }] }"#,
         ["w.json5:4:121: error: workloads.training_streams[0].arrival.mean_interarrival: give either 'rate' or 'mean_interarrival', not both",
          "w.json5:4:147: error: workloads.training_streams[0].steps: give one of 'tokens', 'steps' or 'duration', not 'tokens' and 'steps'"]),
    ])
    func diagnostics(section: String, expected: [String]) {
        #expect(rendered(Self.scenario(section).diagnostics) == expected)
    }

    static let streams = """
        { name: "a", count: 50, arrival: { process: "poisson", mean_interarrival: "10 min" }, chips: { choices: [8, 16] },
          tokens: { distribution: "log-normal", mean: "2B", sd: "1B" },
          template: { model: "megatron-1.7b", sequence_length: 2048, batch_per_replica: 4 } },
        """

    @Test("stream jobs expand with the scenario seed, and adding a stream changes no other stream's jobs")
    func streamIndependence() throws {
        let one = try #require(Self.scenario("{ training_streams: [\(Self.streams)] }").scenario)
        let two = try #require(Self.scenario("""
            { training_streams: [
                { name: "b", count: 20, arrival: { process: "periodic", interval: "1 h" }, chips: 8, duration: "2 h",
                  template: { model: "megatron-1.7b", sequence_length: 2048 } },
                \(Self.streams)
            ] }
            """).scenario)
        let a1 = one.trainingJobs().filter { $0.stream == "a" }
        let a2 = two.trainingJobs().filter { $0.stream == "a" }
        #expect(a1.count == 50 && a1 == a2)
        #expect(a1 == one.trainingJobs())
        #expect(one.with(seed: 6).trainingJobs() != a1)
        let b = two.trainingJobs().filter { $0.stream == "b" }
        #expect(b.map(\.arrival) == (0..<20).map { SimTime.zero + .hours(Int64($0)) })
        #expect(b.allSatisfy { $0.fixedDuration == .hours(2) && $0.chips == 8 })
    }
}
