import Fleet

/// Strict priority classes with preemption: the queue is served highest priority first (ties
/// in queue order, which is arrival order), each job on the first of its options that fits now. A job that does not
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
        // Highest priority first, ties in queue (arrival) order; indices, not jobs, are sorted
        // (moving the jobs themselves was a round's largest cost on a long queue).
        let priorities = view.queue.map(\.priority)
        let order = view.queue.indices.sorted { (priorities[$1], $0) < (priorities[$0], $1) }
        // Per pool (indexed by pool id), the jobs that may be stopped, in the order they would
        // be: lowest priority, then newest attempt, then highest id. Each list is consumed from
        // its front (`taken`) as victims are chosen.
        let slots = (view.occupancy.keys.map(\.rawValue).max() ?? -1) + 1
        var victims = Victims(lists: Array(repeating: [], count: slots), taken: Array(repeating: 0, count: slots))
        if parameters.preemption {
            for job in view.running where job.placement != nil && (job.isPreemptible || !parameters.preemptibleOnly)
                && job.pool.rawValue < slots {
                victims.lists[job.pool.rawValue].append(job)
            }
            for pool in 0..<slots {
                victims.lists[pool].sort { ($0.priority, $1.started, $1.id) < ($1.priority, $0.started, $0.id) }
            }
        }
        for position in order {
            let job = view.queue[position]
            switch scratch.start(job) {
            case .started(let option):
                decisions.append(.start(job.id, option))
            case .impossible(let why):
                decisions.append(.reject(job.id, reason: why))
            case .waiting:
                // Nothing lower to stop on any pool: skip the per-option work.
                guard parameters.preemption, victims.lowestPriority < job.priority else { continue }
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

    /// The stoppable running jobs of each pool, best victim first, and how many of each list
    /// this round has already chosen.
    private struct Victims {
        var lists: [[RunningJob]]
        var taken: [Int]

        /// The lowest priority among the victims not yet chosen (Int.max when none).
        var lowestPriority: Int {
            var lowest = Int.max
            for pool in lists.indices where taken[pool] < lists[pool].count {
                lowest = min(lowest, lists[pool][taken[pool]].priority)
            }
            return lowest
        }
    }

    /// Stops the fewest victims (in victim order) on the option's pool that let the job fit;
    /// returns them, or nil (and changes nothing) when even all lower-priority victims do not.
    private func makeRoom(for job: QueuedJob, option: PlacementOption, victims: inout Victims,
                          scratch: inout ScratchFleet) -> [JobID]? {
        let index = option.pool.rawValue
        guard index < victims.lists.count, let hierarchy = scratch.hierarchy(of: option.pool) else { return nil }
        let candidates = victims.lists[index][victims.taken[index]...]
        guard let first = candidates.first, first.priority < job.priority else { return nil }
        let needed = ScratchFleet.unitsNeeded(option.request, on: hierarchy)
        // Enough units by count first, so a hopeless attempt costs no copy of the pool.
        var count = 0
        var free = scratch.freeUnits(of: option.pool)
        var position = candidates.startIndex
        while free < needed, position < candidates.endIndex, candidates[position].priority < job.priority {
            free += candidates[position].units
            count += 1
            position += 1
        }
        guard free >= needed else { return nil }
        var trial = scratch
        var taken = 0
        while true {
            if case .placed = trial.place(option) {
                scratch = trial
                victims.taken[index] += taken
                return candidates.prefix(taken).map(\.id)
            }
            // The count sufficed but not the shape: stop one more (still lower priority only).
            let next = candidates.startIndex + taken
            guard next < candidates.endIndex, candidates[next].priority < job.priority else { return nil }
            trial.release(candidates[next].placement!, pool: option.pool)
            taken += 1
            // Releasing fewer than `count` victims cannot be enough by count: skip the tries.
            while taken < count {
                trial.release(candidates[candidates.startIndex + taken].placement!, pool: option.pool)
                taken += 1
            }
        }
    }
}
