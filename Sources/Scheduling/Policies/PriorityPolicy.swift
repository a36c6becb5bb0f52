import Fleet

/// Strict priority classes with preemption: the queue is served highest priority first (ties
/// in arrival order), each job on the first of its options that fits now. A job that does not
/// fit may stop running jobs of *lower* priority on one of its pools — lowest priority first,
/// then the most recently started (the least work lost since a checkpoint) — when stopping
/// them makes room; the victims go back to the queue and resume from their last checkpoint.
///
/// A job that can neither fit nor preempt waits without blocking the jobs behind it (they may
/// use capacity it cannot). Equal priorities never preempt each other, so there is no
/// ping-pong: a stopped job can only come back when higher-priority work leaves.
public struct PriorityPolicy: SchedulingPolicy {
    public let name = "priority"
    public var usesRunningJobs: Bool { parameters.preemption }
    public var parameters: PolicyParameters

    public init(parameters: PolicyParameters = PolicyParameters()) { self.parameters = parameters }

    public mutating func decide(_ view: SchedulerView) -> [Decision] {
        var scratch = ScratchFleet(view.occupancy)
        var decisions: [Decision] = []
        let order = view.queue.sorted { ($1.priority, $0.arrival, $0.id) < ($0.priority, $1.arrival, $1.id) }
        // Per pool, the jobs that may be stopped, in the order they would be: lowest priority,
        // then newest attempt, then highest id.
        var victims: [PoolID: [RunningJob]] = [:]
        if parameters.preemption {
            for job in view.running where job.placement != nil && (job.isPreemptible || !parameters.preemptibleOnly) {
                victims[job.pool, default: []].append(job)
            }
            for pool in victims.keys {
                victims[pool]!.sort { ($0.priority, $1.started, $1.id) < ($1.priority, $0.started, $0.id) }
            }
        }
        for job in order {
            switch scratch.start(job) {
            case .started(let option):
                decisions.append(.start(job.id, option))
            case .impossible(let why):
                decisions.append(.reject(job.id, reason: why))
            case .waiting:
                guard parameters.preemption else { continue }
                for option in job.options {
                    if let stopped = makeRoom(for: job, option: option, victims: &victims, scratch: &scratch) {
                        for victim in stopped {
                            decisions.append(.preempt(victim, reason: "priority \(job.priority) \(job.id) needs its chips"))
                        }
                        decisions.append(.start(job.id, option))
                        break
                    }
                }
            }
        }
        return decisions
    }

    /// Stops the fewest victims (in victim order) on the option's pool that let the job fit;
    /// returns them, or nil (and changes nothing) when even all lower-priority victims do not.
    private func makeRoom(for job: QueuedJob, option: PlacementOption, victims: inout [PoolID: [RunningJob]],
                          scratch: inout ScratchFleet) -> [JobID]? {
        guard let pool = scratch[option.pool], let candidates = victims[option.pool] else { return nil }
        let needed = ScratchFleet.unitsNeeded(option.request, on: pool.hierarchy)
        // Enough units by count first, so a hopeless attempt costs no copy of the pool.
        var count = 0
        var free = pool.freeUnits
        while free < needed, count < candidates.count, candidates[count].priority < job.priority {
            free += candidates[count].units
            count += 1
        }
        guard free >= needed else { return nil }
        var trial = scratch
        var taken = 0
        while taken <= candidates.count {
            if case .placed = trial.place(option) {
                scratch = trial
                victims[option.pool]!.removeFirst(taken)
                return candidates.prefix(taken).map(\.id)
            }
            // The count sufficed but not the shape: stop one more (still lower priority only).
            guard taken < candidates.count, candidates[taken].priority < job.priority else { return nil }
            trial.release(candidates[taken].placement!, pool: option.pool)
            taken += 1
            // Releasing fewer than `count` victims cannot be enough by count: skip the tries.
            while taken < count { trial.release(candidates[taken].placement!, pool: option.pool); taken += 1 }
        }
        return nil
    }
}
