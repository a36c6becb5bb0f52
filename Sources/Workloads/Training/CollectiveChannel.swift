import Fleet
import SimKernel

/// What one chip sees of a network level during a collective: its per-direction bandwidth and
/// the latency of one step (one hop or one switch traversal).
public struct CollectiveChannel: Hashable, Sendable {
    /// Per chip, per direction.
    public var bandwidth: BytesPerSecond
    public var latency: SimDuration

    public init(bandwidth: BytesPerSecond, latency: SimDuration) {
        precondition(bandwidth.value > 0, "a channel needs positive bandwidth (got \(bandwidth))")
        self.bandwidth = bandwidth
        self.latency = latency
    }

    /// α + bytes/β in seconds.
    public func transfer(_ bytes: Bytes) -> Double { latency.seconds + bytes / bandwidth }
}
