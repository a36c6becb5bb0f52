/// Power of a host between idle and peak, from the activity of the work it runs.
///
/// **Model.** A host draws `idle + (peak − idle) · d`, where the dynamic share d ∈ [0, 1] is
/// the time-weighted draw of its phases:
///
///     d = compute · (c₀ + c₁ · u) + memory · m + communication · x
///
/// with u the achieved fraction of peak FLOP/s while computing. Switching power grows with the
/// work the math units do (c₁ · u) on top of a floor for a clocked, busy chip (c₀: issue logic,
/// caches, HBM traffic of any kernel); memory-bound kernels keep HBM and the memory system busy
/// but leave the math units mostly idle (m = c₀: no §14 measurement isolates HBM's own draw, so
/// a memory-bound span is charged the floor of a clocked chip — unverified); communication
/// kernels keep the chip clocked and the links and NICs busy but do no math (x = c₀); idle
/// phases (bubbles) add nothing. The
/// host overhead (CPUs, NICs, fans) follows the same share: the whole-node measurements the
/// model is calibrated on include it.
///
/// **Calibration** (validation.md §14; `PowerValidation` prints every check):
/// - c₀ and c₁ are fitted to two training measurements: TPU v4 at a mean 170 W between its
///   90 W minimum and 192 W maximum in large-scale training [gcp-v4] (PaLM 540B, u ≈ 0.60), and
///   8×H100 nodes at a mean 6.85 kW AC in MLPerf GPT-3 at 64 nodes [mlperf-train-v4.0-power]
///   (u ≈ 0.37 of the FP8 peak) against the 2.41 kW idle and 10.2 kW rating of the node.
/// - Out of sample: the 8×H100 node's measured maximum of ~8.4 kW [latif-h100-node], and an
///   8×H200 system serving Llama 2 70B at a ~6.16–6.30 kW median [mlperf-inf-v4.1-power]; the
///   latter is a MaxQ run (GPUs under a lowered power limit), so the unthrottled model is
///   expected above it.
/// Per-chip coefficients would fit each chip better; one set for every chip is the honest
/// default until more measurements exist (§14: idle power of H100/B200/TPU v5+ is unverified).
public struct ActivityPowerModel: Hashable, Sendable {
    /// c₀: dynamic share of a chip computing at zero utilisation.
    public var computeFloor: Double
    /// c₁: dynamic share added per unit of FLOP utilisation.
    public var computeSlope: Double
    /// m: dynamic share while memory-bound.
    public var memoryBound: Double
    /// x: dynamic share while waiting on exposed communication.
    public var communication: Double

    public init(computeFloor: Double, computeSlope: Double, memoryBound: Double, communication: Double) {
        self.computeFloor = computeFloor
        self.computeSlope = computeSlope
        self.memoryBound = memoryBound
        self.communication = communication
    }

    /// The calibration described in the type's documentation.
    public static let calibrated = ActivityPowerModel(computeFloor: 0.20, computeSlope: 0.94, memoryBound: 0.20, communication: 0.20)

    /// d for `activity`, clamped to 0 … 1.
    public func dynamicShare(_ activity: ChipActivity) -> Double {
        let d = activity.compute * (computeFloor + computeSlope * activity.computeUtilization)
            + activity.memory * memoryBound + activity.communication * communication
        return min(1, max(0, d))
    }
}

extension HostPowerModel {
    /// Power of one host running work of `activity` at clock factor `clock` (1 = nominal).
    ///
    /// Dynamic power scales with f³ under a clock cap (frequency and voltage lowered together,
    /// P_dyn ∝ C·V²·f with V ∝ f), the idle floor not at all: `idle + (P(activity) − idle) · f³`.
    public func power(_ activity: ChipActivity, clock: Double = 1, model: ActivityPowerModel = .calibrated) -> Watts {
        let dynamic = (peak - idle) * model.dynamicShare(activity)
        return idle + dynamic * (clock * clock * clock)
    }

    /// Power of one host whose unthrottled draw is `busy`, at clock factor `clock`.
    public func throttled(_ busy: Watts, clock: Double) -> Watts {
        idle + (busy - idle) * (clock * clock * clock)
    }
}
