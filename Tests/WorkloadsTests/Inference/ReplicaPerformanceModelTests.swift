import Fleet
import SimKernel
import Testing
@testable import Workloads

@Suite("ReplicaPerformanceModel")
struct ReplicaPerformanceModelTests {
    /// A 1e9-parameter toy with round numbers: 2 layers, d 1024, 8 heads of 128 (MHA).
    /// KV per token = 2 · 2 · 8 · 128 · 2 B = 8,192 B.
    let toy = ModelShape(name: "toy", parameters: 1e9, layers: 2, hiddenSize: 1024, attentionHeads: 8,
                         kvHeads: 8, headDim: 128, vocabularySize: 1000)
    /// An H100 with round figures: 1 PFLOP/s, 1 TB/s HBM, 200 GB/s bidirectional scale-up.
    let chip = Catalog.builtIn["h100-sxm"]!
        .overriding(\.peakBF16, with: FlopsPerSecond(1e15))
        .overriding(\.hbmBandwidth, with: BytesPerSecond(1e12))
        .overriding(\.scaleUpBandwidth, with: BytesPerSecond(2e11))
    /// Efficiencies of one half, α = 10 µs, 1 ms per iteration.
    let calibration = PlatformCalibration(computeEfficiency: 0.5, bandwidthEfficiency: 0.5, linkEfficiency: 0.5,
                                          collectiveLatency: .microseconds(10), iterationOverhead: .milliseconds(1),
                                          source: "test")

    func model(tp: Int, parameters: Double? = nil) -> ReplicaPerformanceModel {
        var shape = toy
        if let parameters { shape.parameters = parameters; shape.activeParameters = parameters }
        let replica = InferenceReplicaSpec(model: shape, parallelism: ReplicaParallelism(tensor: tp))
        return ReplicaPerformanceModel(replica: replica, accelerator: chip, calibration: calibration)
    }

    @Test("a decode batch is memory-bound: weights + KV over HBM, plus all-reduces and overhead")
    func decodeRoofline() {
        var work = IterationWorkload()
        for _ in 0..<4 { work.addDecode(context: 1000) }
        let t = model(tp: 2).iterationTime(work)
        // FLOPs = 2 · 1e9 · 4 + 4 · 2 · 1024 · 4,000 = 8e9 + 32,768,000 = 8,032,768,000.
        #expect(t.flops == 8_032_768_000)
        // bytes = 2e9 weights + 4,000 · 8,192 read + 4 · 8,192 written = 2,032,800,768.
        #expect(t.bytes == 2_032_800_768)
        // compute = 8,032,768,000 / (2 · 1e15 · 0.5) = 8.032768 µs → 8,033 ns.
        #expect(t.computeTime == .nanoseconds(8_033))
        // memory = 2,032,800,768 / (2 · 1e12 · 0.5) = 2,032,800.768 ns → 2,032,801 ns.
        #expect(t.memoryTime == .nanoseconds(2_032_801))
        // all-reduce: one direction 1e11 · 0.5 = 5e10 B/s; payload 4 · 1024 · 2 = 8,192 B;
        // 2 per layer · 2 layers · (10 µs + 2 · ½ · 8,192 / 5e10 = 163.84 ns) = 40,655.36 ns.
        #expect(t.communicationTime == .nanoseconds(40_656))
        // total = 2,032,800.768 + 40,655.36 + 1,000,000 = 3,073,456.128 ns → 3,073,457 ns.
        #expect(t.total == .nanoseconds(3_073_457))
        #expect(t.bound == .memory)
    }

    @Test("a long prefill is compute-bound and pays the causal attention quadratic")
    func prefillRoofline() {
        var work = IterationWorkload()
        work.addPrefill(tokens: 4096)
        let t = model(tp: 2).iterationTime(work)
        // attention positions Σ 1…4096 = 4096 · 4097 / 2 = 8,390,656;
        // FLOPs = 2 · 1e9 · 4096 + 4 · 2 · 1024 · 8,390,656 = 8.192e12 + 68,736,253,952 = 8,260,736,253,952.
        #expect(t.flops == 8_260_736_253_952)
        // compute = 8,260,736,253,952 / 1e15 s = 8,260,736.25 ns → 8,260,737 ns.
        #expect(t.computeTime == .nanoseconds(8_260_737))
        // memory = (2e9 + 4096 · 8,192 = 2,033,554,432) / 1e12 s = 2,033,554.432 ns.
        #expect(t.memoryTime == .nanoseconds(2_033_555))
        // all-reduce payload 4096 · 1024 · 2 = 8,388,608 B → 167,772.16 ns; 4 · (10,000 + 167,772.16) = 711,088.64 ns.
        #expect(t.communicationTime == .nanoseconds(711_089))
        // total = 8,260,736.254 + 711,088.64 + 1,000,000 = 9,971,824.894 ns → 9,971,825 ns.
        #expect(t.total == .nanoseconds(9_971_825))
        #expect(t.bound == .compute)
    }

    @Test("a tiny model on many chips is bound by collective latency")
    func communicationBound() {
        var work = IterationWorkload()
        work.addDecode(context: 10)
        // 1e6 parameters on TP 8: memory ≈ 2e6 / (8 · 5e11) = 0.5 µs; 4 all-reduces ≥ 40 µs.
        let t = model(tp: 8, parameters: 1e6).iterationTime(work)
        #expect(t.bound == .communication)
    }

    @Test("a chunk after cached context reads that context's KV and attends past it")
    func chunkAfterContext() {
        var work = IterationWorkload()
        work.addPrefill(tokens: 2, priorContext: 3)
        // positions 4 and 5: 2 · 3 + 2 · 3 / 2 = 9.
        #expect(work.prefillAttendedPositions == 9)
        #expect(work.prefillContextTokens == 3)
        // bytes = 2e9 + 3 · 8,192 read + 2 · 8,192 written = 2,000,040,960.
        #expect(model(tp: 1).bytes(work) == 2_000_040_960)
    }

    @Test("an empty iteration takes no time")
    func empty() {
        #expect(model(tp: 2).iterationTime(IterationWorkload()).total == .zero)
    }

    @Test("FP8 compute uses the chip's FP8 peak; a chip without FP8 falls back to BF16")
    func precisionPeaks() {
        let h100 = Catalog.builtIn["h100-sxm"]!, a100 = Catalog.builtIn["a100-sxm"]!
        #expect(InferencePrecision.fp8.peakRate(on: h100) == h100.peakFP8!.value)
        #expect(InferencePrecision.fp8.peakRate(on: a100) == a100.peakBF16.value)
        #expect(InferencePrecision(weights: .int8).compute == .bf16)
    }

    /// Vidur's A100 profile (mlp.csv, Llama-2-70B) times the four linear layers of one layer at
    /// TP 4 at 0.284 ms for 1 token and 7.216 ms for 4,096 tokens. Our GPU calibration on the
    /// same weights (855,638,016 linear parameters per layer / 4 = 213,909,504 per chip):
    /// 1 token → 2 B · 213,909,504 / (2.039e12 · 0.72) = 0.2914 ms (+2.6%);
    /// 4,096 tokens → 2 · 4096 · 213,909,504 / (312e12 · 0.75) = 7.488 ms (+3.8%).
    @Test("the GPU calibration reproduces Vidur's measured A100 linear-layer times within 10%")
    func vidurLinearLayers() {
        let a100 = Catalog.builtIn["a100-sxm"]!
        let cal = PlatformCalibration.gpu
        let linearParameters: Double = 855_638_016  // 2 · 8192² + 2 · 8192 · 1024 + 3 · 8192 · 28672
        let perChip = linearParameters / 4
        let oneToken = 2 * perChip / (a100.hbmBandwidth.value.value * cal.bandwidthEfficiency)
        let manyTokens = 2 * 4096 * perChip / (a100.peakBF16.value.value * cal.computeEfficiency)
        #expect(abs(oneToken / 0.284e-3 - 1) < 0.10)
        #expect(abs(manyTokens / 7.216e-3 - 1) < 0.10)
    }
}
