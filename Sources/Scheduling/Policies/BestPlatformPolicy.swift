/// Each job on the platform that minimises a chosen objective — run time, cost, energy or
/// carbon — among the options it may use (its allowed platforms and chips, with their
/// efficiency factors already in the predicted durations).
///
/// Options are ranked by `RunEstimate.value(for:)` (the simulation's `RunEstimator`: the
/// performance model's duration, the catalog's power and price, the site's price and carbon at
/// the scheduling instant); ties keep the job's own order. The queue is served in arrival order:
/// a job starts on the best-ranked option that fits now *and* is within (1 + tolerance) of its
/// best option; if none is, it waits for a good enough pool to free up, without blocking the
/// jobs behind it. With tolerance 0 a job only ever runs on its best platform; a large tolerance
/// turns the policy into "best platform that is free now".
///
/// `time` ranks by run time alone, not by the wait for the pool: with tolerance 0 a job waits for
/// the fastest platform even when a slower one is free (a tolerance lets it take the slower one).
///
/// Options without an estimate (none computed) rank after those with one, and are acceptable
/// only when no option has an estimate. A job's ranking is computed once and kept while it waits
/// (its options and estimates do not change in the queue).
public struct BestPlatformPolicy: SchedulingPolicy {
    public let name = "best-platform"
    public var parameters: PolicyParameters
    /// Each queued job's acceptable options, ranked once: a job's options and estimates are
    /// fixed while it waits, and ranking every waiting job every round was most of a round's cost.
    private var ranking: [JobID: [PlacementOption]] = [:]

    public init(parameters: PolicyParameters = PolicyParameters()) { self.parameters = parameters }

    /// The options worth taking, best first: those within tolerance of the best.
    public func acceptable(_ job: QueuedJob) -> [PlacementOption] {
        let objective = parameters.objective
        let valued = job.options.enumerated().compactMap { entry -> (Double, Int, PlacementOption)? in
            guard let value = entry.element.estimate?.value(for: objective) else { return nil }
            return (value, entry.offset, entry.element)
        }
        guard let best = valued.map(\.0).min() else { return job.options }
        let bound = best * (1 + parameters.tolerance)
        return valued.filter { $0.0 <= bound }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }

    public mutating func decide(_ view: SchedulerView) -> [Decision] {
        var scratch = ScratchFleet(view.occupancy)
        var decisions: [Decision] = []
        for job in view.queue {
            let good: [PlacementOption]
            if let cached = ranking[job.id] {
                good = cached
            } else {
                good = acceptable(job)
                ranking[job.id] = good
            }
            // Most of a long queue cannot start on a good option now: skip those at once.
            guard job.options.isEmpty || good.contains(where: scratch.hasRoomByCount) else { continue }
            var trial = scratch.start(job, options: good)
            if case .impossible = trial {
                // The good options can never hold the job (too small a pool): fall back to all
                // of them in rank order, so the job runs somewhere or is rejected for a reason.
                trial = scratch.start(job, options: ranked(job))
            }
            switch trial {
            case .started(let option):
                decisions.append(.start(job.id, option))
                ranking[job.id] = nil
            case .impossible(let why):
                decisions.append(.reject(job.id, reason: why))
                ranking[job.id] = nil
            case .waiting: continue
            }
        }
        return decisions
    }

    /// Every option, best first (those without an estimate last, in the job's order).
    private func ranked(_ job: QueuedJob) -> [PlacementOption] {
        job.options.enumerated().sorted {
            ($0.element.estimate?.value(for: parameters.objective) ?? .infinity, $0.offset)
                < ($1.element.estimate?.value(for: parameters.objective) ?? .infinity, $1.offset)
        }.map(\.element)
    }
}
