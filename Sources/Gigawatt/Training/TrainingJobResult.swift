import SimKernel

/// What became of one training job by the end of the run: the per-job metrics of the summary.
public struct TrainingJobResult: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case completed
        case running
        case queued
        case rejected
        /// Arrives after the horizon.
        case notArrived = "not-arrived"
    }

    public var name: String
    public var outcome: Outcome
    /// Why it was rejected, or which pools it could not use.
    public var reason: String?
    public var pool: String?
    public var chip: String?
    public var chips: Int
    public var arrival: SimTime
    public var start: SimTime?
    public var end: SimTime?
    /// Steps done over steps asked for.
    public var progress: Double
    /// Step time on its allocation, seconds.
    public var stepSeconds: Double?
    /// Model FLOPs utilisation on its allocation.
    public var mfu: Double?
    public var tokensPerSecond: Double?
    /// Chips × time held over every attempt, in chip-hours (to the end or the horizon).
    public var chipHours: Double
    /// Times it was stopped to give its chips back (capacity loss) and queued again.
    public var preemptions: Int
    /// Times hardware failed under it.
    public var interruptions: Int = 0
    /// Progress thrown away by roll-backs to a checkpoint, in chip-hours.
    public var lostChipHours: Double = 0
    /// Useful work over held chip-time: the chip-hours of progress it kept over `chipHours`
    /// (checkpoint writes, restarts, restores and lost work are the rest); nil if it never ran.
    public var goodput: Double?

    /// Time from arrival to start (or to the horizon if it never started).
    public func queueWait(horizon: SimTime) -> SimDuration? {
        guard outcome != .notArrived, outcome != .rejected else { return nil }
        return (start ?? horizon) - arrival
    }

    /// Job completion time: arrival to end.
    public var completionTime: SimDuration? { end.map { $0 - arrival } }
}
