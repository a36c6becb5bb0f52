import Fleet
import SimKernel

/// EASY backfilling (Lifka 1995; Mu'alem & Feitelson 2001): jobs start in arrival order while
/// they fit; the first that does not gets a *reservation* — the earliest time enough of its
/// pool's units come back, from the running jobs' expected ends — and later jobs may start now
/// ("backfill") only if they cannot delay it: they run on another pool, or finish (by their
/// predicted duration) before the reservation, or use only units the reserved job will not need.
///
/// The reservation counts units, not their topology (a backfilled job is checked against the
/// free units at the reservation time, not their exact shape): the standard EASY accounting.
public struct EASYBackfillPolicy: SchedulingPolicy {
    public let name = "easy-backfill"
    public var usesRunningJobs: Bool { true }

    public init() {}

    private struct Reservation {
        var pool: PoolID
        var time: SimTime
        /// Units free at `time` beyond what the reserved job needs.
        var spare: Int
    }

    public mutating func decide(_ view: SchedulerView) -> [Decision] {
        var scratch = view.occupancy
        // Free units per pool as plain numbers: most waiting jobs are turned away by this count
        // alone, without touching (and copying) a pool's index.
        // Indexed by pool id (ids are small and dense): a dictionary lookup per waiting job was
        // most of a round's cost.
        let slots = (view.occupancy.keys.map(\.rawValue).max() ?? -1) + 1
        var freeUnits = [Int?](repeating: nil, count: slots)
        var hierarchies = [UnitHierarchy?](repeating: nil, count: slots)
        for (id, pool) in view.occupancy {
            freeUnits[id.rawValue] = pool.freeUnits
            hierarchies[id.rawValue] = pool.hierarchy
        }
        var decisions: [Decision] = []
        var reservation: Reservation?
        /// Jobs started in this round: their units come back at now + predicted duration.
        var startedNow: [RunningJob] = []
        for job in view.queue {
            var started = false
            var mayFitLater = false
            var reasons: [String] = []
            for option in job.options {
                guard option.pool.rawValue < slots, let free = freeUnits[option.pool.rawValue],
                      let hierarchy = hierarchies[option.pool.rawValue] else { continue }
                let units = unitsNeeded(option, hierarchy)
                if units > free {
                    if units > hierarchy.units { reasons.append("\(option.pool): needs \(units) units but the pool has \(hierarchy.units)") } else { mayFitLater = true }
                    continue
                }
                guard var pool = scratch[option.pool] else { continue }
                if let r = reservation, r.pool == option.pool {
                    let end = view.now + (option.predictedDuration ?? SimDuration(nanoseconds: .max / 4))
                    guard end <= r.time || units <= r.spare else { mayFitLater = true; continue }
                }
                switch pool.place(option.request) {
                case .success(let placement):
                    scratch[option.pool] = pool
                    freeUnits[option.pool.rawValue] = free - placement.unitCount
                    decisions.append(.start(job.id, option))
                    startedNow.append(RunningJob(id: job.id, pool: option.pool, units: unitsNeeded(option, pool.hierarchy),
                                                 expectedEnd: view.now + (option.predictedDuration ?? SimDuration(nanoseconds: .max / 4))))
                    if let r = reservation, r.pool == option.pool,
                       view.now + (option.predictedDuration ?? .zero) > r.time {
                        reservation?.spare -= unitsNeeded(option, pool.hierarchy)
                    }
                    started = true
                case .failure(let refusal):
                    if refusal.isPermanent { reasons.append("\(option.pool): \(refusal)") } else { mayFitLater = true }
                }
                if started { break }
            }
            if started { continue }
            if !mayFitLater {
                decisions.append(.reject(job.id, reason: job.options.isEmpty ? "no pool it may run on" : reasons.joined(separator: "; ")))
                continue
            }
            if reservation == nil { reservation = reserve(job, view: view, startedNow: startedNow, scratch: scratch) }
        }
        return decisions
    }

    private func unitsNeeded(_ option: PlacementOption, _ h: UnitHierarchy) -> Int {
        let tight = (option.request.chipsPerTightGroup + h.chipsPerUnit - 1) / h.chipsPerUnit
        let units = (option.request.chips + h.chipsPerUnit - 1) / h.chipsPerUnit
        return (units + tight - 1) / tight * tight
    }

    /// The earliest time one of the job's pools frees enough units, from the expected ends of
    /// the jobs running (`view.running`, sorted by end) and of those started earlier in this
    /// round, merged in end order. O(running + started) per option.
    private func reserve(_ job: QueuedJob, view: SchedulerView, startedNow: [RunningJob], scratch: [PoolID: PoolOccupancy]) -> Reservation? {
        let started = startedNow.sorted { ($0.expectedEnd, $0.id) < ($1.expectedEnd, $1.id) }
        var best: Reservation?
        for option in job.options {
            guard let pool = scratch[option.pool] else { continue }
            let needed = unitsNeeded(option, pool.hierarchy)
            var free = pool.freeUnits
            var time = view.now
            var i = 0, j = 0
            while free < needed && (i < view.running.count || j < started.count) {
                let next: RunningJob
                if j >= started.count || (i < view.running.count && (view.running[i].expectedEnd, view.running[i].id) < (started[j].expectedEnd, started[j].id)) {
                    next = view.running[i]; i += 1
                } else {
                    next = started[j]; j += 1
                }
                guard next.pool == option.pool else { continue }
                free += next.units
                time = next.expectedEnd
            }
            guard free >= needed else { continue }
            if best == nil || time < best!.time { best = Reservation(pool: option.pool, time: time, spare: free - needed) }
        }
        return best
    }
}
