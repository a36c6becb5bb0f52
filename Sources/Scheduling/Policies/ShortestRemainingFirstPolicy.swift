import SimKernel

/// Shortest remaining time first (non-preemptive): the queue is served in order of each job's
/// remaining predicted run time — its shortest option's predicted duration × the share of its
/// work still to do — ties in arrival order; each job starts on the first of its options that
/// fits now, and a job that does not fit waits without blocking shorter-or-longer jobs behind it.
///
/// Minimises mean waiting time when predictions are right (Smith's rule with equal weights);
/// long jobs can starve under a steady stream of short ones, as with any SRPT-like order. A job
/// without a prediction sorts last.
public struct ShortestRemainingFirstPolicy: SchedulingPolicy {
    public let name = "shortest-remaining-first"

    public init() {}

    /// The job's remaining time on its fastest option, in nanoseconds; Int64.max without one.
    public static func remaining(_ job: QueuedJob) -> Int64 {
        let shortest = job.options.compactMap(\.predictedDuration).min()
        guard let shortest else { return .max }
        let nanoseconds = (Double(shortest.nanoseconds) * job.remainingFraction).rounded(.up)
        return nanoseconds < 9.2e18 ? Int64(nanoseconds) : .max
    }

    public mutating func decide(_ view: SchedulerView) -> [Decision] {
        var scratch = ScratchFleet(view.occupancy)
        var decisions: [Decision] = []
        // Indices, not jobs, are sorted; ties in queue (arrival) order.
        let remaining = view.queue.map(Self.remaining)
        let order = view.queue.indices.sorted { (remaining[$0], $0) < (remaining[$1], $1) }
        for position in order {
            let job = view.queue[position]
            switch scratch.start(job) {
            case .started(let option): decisions.append(.start(job.id, option))
            case .impossible(let why): decisions.append(.reject(job.id, reason: why))
            case .waiting: continue
            }
        }
        return decisions
    }
}
