import Fleet
import SimKernel

/// What checkpointing costs a training job, and the interval that balances that cost against
/// the work an interruption throws away.
///
/// **Size.** A checkpoint holds the BF16 weights (2 bytes per parameter) and the FP32 optimizer
/// state Adam needs to resume exactly — master weights, first and second moments (4 + 4 + 4):
/// 14 bytes per parameter (the mixed-precision layout of Rajbhandari et al. 2020, "ZeRO", §3.1,
/// minus the gradients, which are not saved). A 70B model: 70e9 × 14 = 980 GB.
///
/// **Write and restore** at the job's aggregate bandwidth, by default 2 TB/s: the sustained
/// throughput of the checkpoint storage behind Llama 3's 16K-GPU training (Dubey et al. 2024,
/// §3.3.1, "Tectonic … 2 TB/s sustained, 7 TB/s peak"). Writes are modelled as blocking: the
/// job makes no progress while it writes (asynchronous checkpointing would hide part of δ).
///
/// **Interval.** With write time δ and mean time between interruptions M, Young (1974) gives
/// τ = √(2δM); Daly (2006, "A higher order estimate of the optimum checkpoint interval") refines
/// it to τ = √(2δM) − δ for δ < 2M (and τ = M beyond), which is what `optimal` uses. τ is
/// progress time between the ends of consecutive writes.
public enum CheckpointCost {
    public static let bytesPerParameter = 14.0
    /// 2 TB/s (see the type's documentation).
    public static var defaultBandwidth: BytesPerSecond { BytesPerSecond(2e12) }

    /// Bytes one checkpoint of `model` holds.
    public static func size(of model: ModelShape) -> Bytes { Bytes(model.parameters * bytesPerParameter) }

    /// Seconds to write one checkpoint of `job` under `policy`.
    public static func writeSeconds(_ job: TrainingJob, policy: CheckpointPolicy) -> Double {
        size(of: job.model).value / (policy.writeBandwidth ?? defaultBandwidth).value
    }

    /// Seconds to read `job`'s checkpoint back on a restart.
    public static func restoreSeconds(_ job: TrainingJob, policy: CheckpointPolicy) -> Double {
        size(of: job.model).value / (policy.restoreBandwidth ?? defaultBandwidth).value
    }

    /// Daly's first-order optimum τ = √(2δM) − δ (δ < 2M), else M; infinite when nothing fails.
    public static func optimalInterval(writeSeconds delta: Double, meanTimeBetweenInterruptions m: Double) -> Double {
        guard m.isFinite else { return .infinity }
        guard delta < 2 * m else { return m }
        return (2 * delta * m).squareRoot() - delta
    }
}
