import SimKernel

/// The roofline of one iteration, term by term, with the term that sets its length.
public struct IterationTimeBreakdown: Hashable, Sendable {
    /// What limits an iteration.
    public enum Bound: String, Hashable, Sendable, CaseIterable {
        case compute
        case memory
        case communication
    }

    /// FLOPs of the iteration (linear layers + attention).
    public var flops: Double
    /// HBM bytes moved (weights + KV read + KV written).
    public var bytes: Double
    /// FLOPs over the effective compute rate.
    public var computeTime: SimDuration
    /// Bytes over the effective HBM bandwidth.
    public var memoryTime: SimDuration
    /// Collectives on the scale-up links (tensor all-reduces, pipeline sends, expert all-to-alls).
    public var communicationTime: SimDuration
    /// Fixed per-iteration cost.
    public var overhead: SimDuration
    /// max(compute, memory) + communication + overhead, rounded up to the nanosecond: the
    /// latency of one batch through every pipeline stage.
    public var total: SimDuration
    /// One pipeline stage's share: (max(compute, memory) + per-layer collectives) / stages. A
    /// stage is busy this long per batch (equal to `total` − `overhead` without pipelining).
    public var stage: SimDuration
    /// One stage-to-stage send (zero without pipeline stages).
    public var stageSend: SimDuration

    /// The largest of compute, memory and communication time.
    public var bound: Bound {
        if communicationTime > max(computeTime, memoryTime) { return .communication }
        return computeTime >= memoryTime ? .compute : .memory
    }
}
