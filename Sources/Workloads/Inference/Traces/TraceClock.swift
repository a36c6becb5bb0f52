import SimKernel

/// Turns a trace's own timestamps into simulated arrival times: offsets from the first accepted
/// row, multiplied by `timeScale` (0.5 replays an hour in 30 minutes at twice the rate), added
/// to `origin`, and never going backwards.
struct TraceClock {
    let timeScale: Double
    let origin: SimTime
    private var first: Int64?
    private var last = Int64.min

    init(timeScale: Double, origin: SimTime) {
        precondition(timeScale > 0 && timeScale.isFinite, "timeScale must be positive (got \(timeScale))")
        self.timeScale = timeScale
        self.origin = origin
    }

    /// The arrival of a row stamped `nanoseconds` (trace time), or nil when it is earlier than
    /// the previous accepted row (the caller reports it as malformed).
    mutating func arrival(atTraceNanoseconds nanoseconds: Int64) -> SimTime? {
        guard nanoseconds >= last else { return nil }
        last = nanoseconds
        let start = first ?? nanoseconds
        first = start
        return origin + SimDuration(secondsRoundingUp: Double(nanoseconds - start) / 1e9 * timeScale)
    }
}
