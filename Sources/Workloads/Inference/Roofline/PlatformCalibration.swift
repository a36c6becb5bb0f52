import Fleet
import SimKernel

/// The efficiency constants that turn a chip's peaks into a serving engine's achieved rates.
///
/// One calibration per platform family, never per row of a table: the point of a roofline is
/// that the same few constants explain every batch size. Each constant says where it comes from.
public struct PlatformCalibration: Hashable, Sendable {
    /// Achieved / peak FLOP/s for large matrix multiplies (model FLOPs utilisation of prefill).
    public var computeEfficiency: Double
    /// Achieved / peak HBM bandwidth when streaming weights and KV (memory-bandwidth utilisation).
    public var bandwidthEfficiency: Double
    /// Achieved ring bus bandwidth / one-direction scale-up link bandwidth for large messages.
    public var linkEfficiency: Double
    /// Fixed cost of one collective (launch + synchronisation), the α of α–β.
    public var collectiveLatency: SimDuration
    /// Fixed cost of one engine iteration: scheduling, sampling, input preparation.
    public var iterationOverhead: SimDuration
    /// Where the numbers come from.
    public var source: String

    public init(computeEfficiency: Double, bandwidthEfficiency: Double, linkEfficiency: Double,
                collectiveLatency: SimDuration, iterationOverhead: SimDuration, source: String) {
        precondition([computeEfficiency, bandwidthEfficiency, linkEfficiency].allSatisfy { $0 > 0 && $0 <= 1 },
                     "efficiencies must be in (0, 1]")
        self.computeEfficiency = computeEfficiency
        self.bandwidthEfficiency = bandwidthEfficiency
        self.linkEfficiency = linkEfficiency
        self.collectiveLatency = collectiveLatency
        self.iterationOverhead = iterationOverhead
        self.source = source
    }

    /// NVIDIA/AMD GPUs, calibrated on Vidur's A100 profiles for Llama-2-70B
    /// (`shared/reference/vidur/profiling`):
    /// - compute 0.75: the four linear layers at 2048–4096 tokens run at 221–243 TFLOP/s,
    ///   71–78% of 312 (mlp.csv, TP 1–8);
    /// - bandwidth 0.72: the same layers at 1–32 tokens stream weights at 1.34–1.62 TB/s,
    ///   66–79% of 2.039 TB/s (1.42–1.51 TB/s at TP 4); decode attention reaches 1.2–1.5 TB/s at
    ///   batch ≥ 32 (attention.csv);
    /// - link 0.58: all-reduce of 64 MiB on 8 GPUs takes 675 µs, bus bandwidth
    ///   2·7/8·64 MiB / 675 µs = 174 GB/s of NVLink3's 300 GB/s per direction (network/a100_dgx);
    /// - α 10 µs: Vidur measures 18–64 µs for ≤ 1 MB through torch.distributed without CUDA
    ///   graphs; engines replaying CUDA graphs with a custom all-reduce reach about 5–10 µs
    ///   (from memory, unverified) — we take 10 µs;
    /// - overhead 1 ms per iteration: an estimate (Vidur profiles CPU overhead separately and
    ///   those files are not in the reference).
    public static let gpu = PlatformCalibration(
        computeEfficiency: 0.75, bandwidthEfficiency: 0.72, linkEfficiency: 0.58,
        collectiveLatency: .microseconds(10), iterationOverhead: .milliseconds(1),
        source: "Vidur A100 Llama-2-70B profiles (mlp.csv, attention.csv, a100_dgx/all_reduce.csv)")

    /// Google TPUs. Compute 0.76 is the large-batch prefill MFU of PaLM 540B inference on TPU v4
    /// (Pope et al., MLSys 2023; validation.md §5). No TPU bandwidth or link measurement is in
    /// the reference: those reuse the GPU values (an estimate).
    public static let tpu = PlatformCalibration(
        computeEfficiency: 0.76, bandwidthEfficiency: 0.72, linkEfficiency: 0.58,
        collectiveLatency: .microseconds(10), iterationOverhead: .milliseconds(1),
        source: "compute: Pope et al. 2023 (76% prefill MFU, TPU v4); rest: GPU values, estimate")

    /// AWS Trainium: no serving measurement is in the reference; the GPU values are an estimate.
    public static let trainium = PlatformCalibration(
        computeEfficiency: 0.75, bandwidthEfficiency: 0.72, linkEfficiency: 0.58,
        collectiveLatency: .microseconds(10), iterationOverhead: .milliseconds(1),
        source: "GPU values (Vidur A100 profiles), an estimate for Trainium")

    /// The built-in calibration of a platform family.
    public static func builtIn(for platform: PlatformKind) -> PlatformCalibration {
        switch platform {
        case .gpu: return .gpu
        case .tpu: return .tpu
        case .trainium: return .trainium
        }
    }
}
