import Testing
import Fleet
import Workloads

@Suite("Activation memory and the per-chip footprint")
struct MemoryTests {
    static let gpt3 = ModelShape.gpt3_175B

    @Test("Korthikanti: s·b·h·(34 + 5·a·s/h) without parallelism")
    func plain() {
        // sbh = 2048 × 1 × 12288 = 25,165,824; 34 + 5 × 96 × 2048 / 12288 = 34 + 80 = 114
        let b = ActivationMemory.perLayer(model: Self.gpt3, sequenceLength: 2048, microBatch: 1, tensor: 1,
                                          isSequenceParallel: false, includesScores: true)
        #expect(b.value == 25_165_824 * 114)
    }

    @Test("tensor parallel 8: 10 + 24/t + 5·a·s/(h·t); with sequence parallel 34/t + 5·a·s/(h·t)")
    func tensorParallel() {
        // 10 + 3 + 10 = 23; 4.25 + 10 = 14.25
        let tp = ActivationMemory.perLayer(model: Self.gpt3, sequenceLength: 2048, microBatch: 1, tensor: 8,
                                           isSequenceParallel: false, includesScores: true)
        let sp = ActivationMemory.perLayer(model: Self.gpt3, sequenceLength: 2048, microBatch: 1, tensor: 8,
                                           isSequenceParallel: true, includesScores: true)
        #expect(tp.value == 25_165_824 * 23)
        #expect(sp.value == 25_165_824 * 14.25)
    }

    @Test("full recomputation keeps only the 2·s·b·h layer input")
    func full() {
        let p = TrainingParallelism(data: 1, recomputation: .full)
        let b = ActivationMemory.storedPerLayer(model: Self.gpt3, sequenceLength: 2048, parallelism: p)
        #expect(b.value == 2 * 25_165_824)
    }

    @Test("1F1B holds min(m, p) micro-batches; interleaving adds (p − 1)/(p·v)")
    func inFlight() {
        #expect(ActivationMemory.microBatchesInFlight(pipeline: 8, microBatches: 128, virtualStages: 1) == 8)
        #expect(ActivationMemory.microBatchesInFlight(pipeline: 8, microBatches: 4, virtualStages: 1) == 4)
        // 8 × (1 + 7 / 96) = 8.5833
        #expect(abs(ActivationMemory.microBatchesInFlight(pipeline: 8, microBatches: 128, virtualStages: 12) - 8.58333) < 1e-4)
    }

    static func job(zero: ZeROStage) -> TrainingJob {
        let model = ModelShape(name: "one-b", parameters: 1e9, layers: 8, hiddenSize: 1024, attentionHeads: 8,
                               kvHeads: 8, vocabularySize: 1000)
        return TrainingJob(model: model, sequenceLength: 1024, globalBatch: 4, length: .steps(1),
                           parallelism: TrainingParallelism(data: 4, zeroStage: zero))
    }

    @Test("model state is 2 + 2 + 12 bytes per parameter, sharded by ZeRO stage")
    func zeroStages() {
        // 1e9 params, d = 4. Stage 0: 2, 2, 12 GB. Stage 1: optimizer / 4 = 3 GB.
        // Stage 2: gradients 0.5 GB too. Stage 3: weights 0.5 GB too.
        let s0 = MemoryFootprint.of(Self.job(zero: .none))
        #expect(s0.weights.value == 2e9 && s0.gradients.value == 2e9 && s0.optimizer.value == 12e9)
        let s1 = MemoryFootprint.of(Self.job(zero: .optimizer))
        #expect(s1.weights.value == 2e9 && s1.gradients.value == 2e9 && s1.optimizer.value == 3e9)
        let s2 = MemoryFootprint.of(Self.job(zero: .gradients))
        #expect(s2.gradients.value == 0.5e9 && s2.optimizer.value == 3e9)
        let s3 = MemoryFootprint.of(Self.job(zero: .weights))
        #expect(s3.weights.value == 0.5e9 && s3.gradients.value == 0.5e9 && s3.optimizer.value == 3e9)
    }

    @Test("GPT-3 on one 8-GPU node does not fit, and the shortfall names each part")
    func shortfall() throws {
        let job = TrainingJob(model: .gpt3_175B, sequenceLength: 2048, globalBatch: 8, length: .steps(1),
                              parallelism: TrainingParallelism(data: 1, tensor: 8, recomputation: .full))
        // 175e9 / 8 = 21.875e9 params per GPU × 16 B = 350 GB of model state vs 80 GB
        let s = try #require(MemoryFootprint.shortfall(job, on: .a100SXM))
        #expect(s.footprint.weights.value == 43.75e9)
        #expect(s.footprint.optimizer.value == 262.5e9)
        #expect(s.deficit.value > 270e9)
        #expect(s.description.contains("a100-sxm") && s.description.contains("optimizer 262.5 GB"))
        #expect(throws: StepTimeError.self) { try StepTime.estimate(job, on: .switched(.a100SXM, chips: 8)) }
    }
}
