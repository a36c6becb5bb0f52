import Testing
import Fleet
import Workloads

@Suite("StepTime")
struct StepTimeTests {
    @Test("the pipeline bubble is (p−1)/(m+p−1), divided by v when interleaved")
    func bubble() {
        // 7 / 31 = 0.22581; (7/12) / (24 + 7/12) = 0.023729
        #expect(abs(PipelineBubble.fraction(stages: 8, microBatches: 24) - 7.0 / 31) < 1e-12)
        #expect(abs(PipelineBubble.fraction(stages: 8, microBatches: 24, virtualStages: 12) - (7.0 / 12) / (24 + 7.0 / 12)) < 1e-12)
        #expect(PipelineBubble.fraction(stages: 1, microBatches: 4) == 0)
    }

    @Test("exposed communication is max(0, c − f·w)")
    func overlap() {
        #expect(CommunicationOverlap.exposed(3, window: 2, fraction: 0.5) == 2)
        #expect(CommunicationOverlap.exposed(1, window: 4, fraction: 1) == 0)
        #expect(CommunicationOverlap.exposed(1, window: 4, fraction: 0) == 1)
    }

    static let small = ModelShape(name: "one-b", parameters: 1e9, layers: 1, hiddenSize: 1024, attentionHeads: 8,
                                  kvHeads: 8, headDim: 128, vocabularySize: 1000)

    @Test("one A100, one micro-batch: the step is the compute term, by hand")
    func computeByHand() throws {
        let job = TrainingJob(model: Self.small, sequenceLength: 1024, globalBatch: 1, length: .steps(1),
                              parallelism: TrainingParallelism(data: 1, isAttentionFused: true),
                              efficiencyOverride: [.gpu: 0.5])
        let step = try StepTime.estimate(job, on: .switched(.a100SXM, chips: 1))
        let ridge = 312e12 / 2.039e12                                 // 153.02 FLOP/B
        // dense GEMM m = 1024, k = 1024, n = 4096 at 2 B: 2·1024·1024·4096 / (2·(1024² + 2·1024·4096)) = 455.1
        let dense = 1 / (2 + ridge / (2.0 * 1024 * 1024 * 4096 / (2 * (1024.0 * 1024 + 2 * 1024 * 4096))))
        let linear = 6e9 * 1024 / (dense * 312e12)                   // 6N × 1024 tokens ≈ 0.0460 s
        // attention core m = n = 1024, k = 128, fused: intensity 512; 12·1·1024·1024 FLOPs per token
        let attention = 12.0 * 1024 * 1024 * 1024 / (1 / (2 + ridge / 512) * 312e12)
        // activation traffic: 1024·1·1024·34 B produced × 2 (write, read) / 2.039e12 B/s
        let traffic = 1024.0 * 1024 * 34 * 2 / 2.039e12
        #expect(abs(step.step - (linear + attention + traffic)) < 1e-12)
        #expect(step.dataParallel == 0 && step.bubble == 0 && step.tensorParallel == 0)
        #expect(abs(step.gemmEfficiency - dense) < 1e-12)
    }

    @Test("the busiest pipeline stage holds ⌈L/(p·v)⌉·v whole layers")
    func busiestStage() {
        // DeepSeek-V3: 61 layers, 16 stages × 2 chunks → ⌈61/32⌉ = 2 per chunk → 4 (not 3.81)
        #expect(TrainingParallelism(data: 1, pipeline: 16, virtualStages: 2).layersOnBusiestStage(of: 61) == 4)
        // GPT-3 on NeMo's TP4 PP8 VP12: 96 / 96 = 1 per chunk → 12 = 96 / 8 exactly
        #expect(TrainingParallelism(data: 1, pipeline: 8, virtualStages: 12).layersOnBusiestStage(of: 96) == 12)
        #expect(TrainingParallelism(data: 1, pipeline: 4).layersOnBusiestStage(of: 10) == 3)
        #expect(TrainingParallelism(data: 1).layersOnBusiestStage(of: 61) == 61)
    }

    @Test("9 layers on 4 stages compute as long per micro-batch as on 3: the pipeline waits for its 3-layer stage")
    func unevenStages() {
        let model = ModelShape(name: "nine", parameters: 9e9, layers: 9, hiddenSize: 4096, attentionHeads: 32,
                               kvHeads: 32, headDim: 128, vocabularySize: 32_000)
        func job(_ stages: Int) -> TrainingJob {
            TrainingJob(model: model, sequenceLength: 2048, globalBatch: 8, length: .steps(1),
                        parallelism: TrainingParallelism(data: 1, pipeline: stages))
        }
        let peak = AcceleratorSpec.h100SXM.peakBF16.value
        let four = StepTime.computePerMicroBatch(job(4), spec: .h100SXM, peak: peak).seconds
        let three = StepTime.computePerMicroBatch(job(3), spec: .h100SXM, peak: peak).seconds
        let nine = StepTime.computePerMicroBatch(job(9), spec: .h100SXM, peak: peak).seconds
        #expect(abs(four / three - 1) < 1e-12)
        #expect(abs(three / nine - 3) < 1e-9)
    }

    @Test("an efficiency override equal to the calibrated ceiling changes nothing, in FP8 too; half of it doubles the compute")
    func efficiencyOverride() throws {
        var job = TrainingJob(model: Self.small, sequenceLength: 1024, globalBatch: 8, length: .steps(1), precision: .fp8,
                              parallelism: TrainingParallelism(data: 8, microBatchSize: 1, isAttentionFused: true))
        let allocation = TrainingAllocation.switched(.h100SXM, chips: 8)
        let calibrated = try StepTime.estimate(job, on: allocation)
        job.efficiencyOverride = [.gpu: ComputeEfficiency.ceiling(for: .gpu, precision: .fp8)]
        let same = try StepTime.estimate(job, on: allocation)
        #expect(same == calibrated)
        job.efficiencyOverride = [.gpu: ComputeEfficiency.ceiling(for: .gpu, precision: .fp8) / 2]
        let halved = try StepTime.estimate(job, on: allocation)
        #expect(halved.compute > calibrated.compute * 1.5)
        #expect(halved.rawDataParallel == calibrated.rawDataParallel)
    }

    static let dataParallelJob = TrainingJob(
        model: Self.small, sequenceLength: 1024, globalBatch: 32, length: .steps(10),
        parallelism: TrainingParallelism(data: 16, tensor: 1, microBatchSize: 2), overlap: .none)

    @Test("data-parallel gradients use the hierarchical NVLink-then-network all-reduce")
    func dataParallelByHand() throws {
        let step = try StepTime.estimate(Self.dataParallelJob, on: .switched(.h100SXM, chips: 16))
        // 1e9 params × 2 B = 2 GB; 8 local ranks on NVLink at 450 GB/s per direction, 2 hosts on
        // 400 Gb/s = 50 GB/s: 2 × 7/8 × 2e9/4.5e11 + 2 × 1/2 × 2.5e8/5e10 = 7.7778 ms + 5 ms
        // latencies: 14 × 1 µs (NVLink) + 2 × 6 µs (NIC-leaf-spine-leaf-NIC)
        let expected = 2 * 0.875 * 2e9 / 4.5e11 + 2.5e8 / 5e10 + 14e-6 + 12e-6
        #expect(abs(step.rawDataParallel - expected) < 1e-12)
        #expect(step.dataParallel == step.rawDataParallel)
    }

    @Test("a smaller scale-out share slows exposed gradient reduction, and only that")
    func contention() throws {
        let allocation = TrainingAllocation.switched(.h100SXM, chips: 16)
        let full = try StepTime.estimate(Self.dataParallelJob, on: allocation)
        let half = try StepTime.estimate(Self.dataParallelJob, on: allocation,
                                         scaleOutBandwidthShare: .gigabytesPerSecond(25))
        // the network term doubles: 5 ms → 10 ms
        #expect(abs((half.rawDataParallel - full.rawDataParallel) - 5e-3) < 1e-9)
        #expect(half.compute == full.compute)
        #expect(half.step > full.step)
    }

    @Test("tensor-parallel all-reduces: 4 per layer per micro-batch of s·b·h 16-bit values")
    func tensorParallel() throws {
        let job = TrainingJob(model: Self.small, sequenceLength: 1024, globalBatch: 1, length: .steps(1),
                              parallelism: TrainingParallelism(data: 1, tensor: 8), overlap: .none)
        let step = try StepTime.estimate(job, on: .switched(.h100SXM, chips: 8))
        // 1024 × 1024 × 2 B = 2 MiB; ring over 8 at 450 GB/s: 2 × 7/8 × 2097152 / 4.5e11 + 14 µs; × 4
        let one = 2 * 0.875 * 2_097_152 / 4.5e11 + 14e-6
        #expect(abs(step.rawTensorParallel - 4 * one) < 1e-12)
        #expect(step.tensorParallel == step.rawTensorParallel)
    }

    @Test("MFU is model FLOPs over chips × peak × step; tokens/s is tokens per step over the step")
    func rates() throws {
        let step = try StepTime.estimate(Self.dataParallelJob, on: .switched(.h100SXM, chips: 16))
        let modelFLOPs = (6e9 + 12.0 * 1024 * 1024) * 32 * 1024
        #expect(abs(step.mfu - modelFLOPs / (16 * 989.4e12 * step.step)) < 1e-12)
        #expect(abs(step.tokensPerSecond - 32 * 1024 / step.step) < 1e-6)
    }

    @Test("bad input is reported, not trapped")
    func errors() {
        let wrongChips = TrainingAllocation.switched(.h100SXM, chips: 8)
        #expect(throws: StepTimeError.chipCountMismatch(job: 16, allocation: 8)) {
            try StepTime.estimate(Self.dataParallelJob, on: wrongChips)
        }
        var fp8 = Self.dataParallelJob
        fp8.precision = .fp8
        #expect(throws: StepTimeError.unsupportedPrecision(.fp8, accelerator: "a100-sxm")) {
            try StepTime.estimate(fp8, on: .switched(.a100SXM, chips: 16))
        }
        var odd = Self.dataParallelJob
        odd.globalBatch = 33
        #expect(throws: StepTimeError.self) { try StepTime.estimate(odd, on: .switched(.h100SXM, chips: 16)) }
        #expect(!odd.issues().isEmpty)
    }
}
