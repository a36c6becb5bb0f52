import Fleet
import SimKernel
import Testing
@testable import Scheduling

/// A tiny step-by-step world for testing policies without the engine: jobs arrive at whole
/// steps (one step = one minute), run for a whole number of steps on the pool they were
/// started on, and free their units at the start of the step they end. Every round the policy's
/// decisions are applied to real `PoolOccupancy`s and checked (no unit held twice, gangs whole,
/// the index's invariants), and each job's state is drawn, one character per step:
///
/// `' '` not arrived or finished, `.` queued, a digit: running on that pool, `x` rejected.
struct PolicyTimeline {
    struct Job {
        var id: Int
        var arrival: Int
        var chips: Int
        var tightGroup = 1
        /// (pool, steps on that pool, estimate figures for best-platform: cost, energy, carbon).
        var options: [(pool: Int, steps: Int, cost: Double)]
        var priority = 0
        var tenant: String?
    }

    let hierarchies: [UnitHierarchy]
    /// Per pool: the facility watts one busy unit adds, and its site's limit (for power-aware).
    var wattsPerUnit: Double = 1_000
    var siteLimit: Double?

    /// What happened in a run: the drawing and the facts the properties are checked against.
    struct Outcome: Equatable {
        var rows: [String]
        var finished: Set<Int> = []
        var rejected: Set<Int> = []
        var queuedAtEnd: Set<Int> = []
        var runningAtEnd: Set<Int> = []
        var preemptions = 0
        /// Rounds after which a queued job could still have started on an option (idle capacity).
        var idleRounds = 0
        var decisions: [String] = []
        var timeline: String { rows.joined(separator: "\n") }
    }

    private struct Running {
        var pool: Int
        var placement: Placement
        var start: Int
        var end: Int
        var steps: Int
    }

    /// What the policy is about to see in one round: the step, the queue (ids in order) and the
    /// running jobs (pool, units, end step).
    typealias RoundObserver = (_ step: Int, _ queue: [Int], _ running: [(pool: Int, units: Int, end: Int)]) -> Void

    func run(_ policy: any SchedulingPolicy, jobs: [Job], steps: Int, checkIdle: Bool = false,
             observe: RoundObserver? = nil) -> Outcome {
        var policy = policy
        var pools = hierarchies.map { PoolOccupancy(hierarchy: $0) }
        var owner = hierarchies.map { [Int?](repeating: nil, count: $0.units) }
        var remaining = [Int: Double]()  // share of work left
        var running = [Int: Running]()
        var queue: [Int] = []
        var outcome = Outcome(rows: Array(repeating: "", count: jobs.count))
        let byID = Dictionary(uniqueKeysWithValues: jobs.map { ($0.id, $0) })
        let index = Dictionary(uniqueKeysWithValues: jobs.enumerated().map { ($0.element.id, $0.offset) })
        for job in jobs { remaining[job.id] = 1 }
        func queued(_ id: Int) -> QueuedJob {
            let job = byID[id]!
            return QueuedJob(id: JobID(id), arrival: SimTime.zero + .minutes(Int64(job.arrival)), priority: job.priority,
                             tenant: job.tenant, options: job.options.map { option in
                                 PlacementOption(pool: PoolID(option.pool),
                                                 request: PlacementRequest(chips: job.chips, chipsPerTightGroup: job.tightGroup),
                                                 predictedDuration: .minutes(Int64(option.steps)),
                                                 estimate: RunEstimate(duration: .minutes(Int64(option.steps)), energy: Joules(option.cost * 2),
                                                                       cost: Dollars(option.cost), carbon: GramsCO2(option.cost * 3)))
                             }, remainingFraction: remaining[id]!)
        }
        func release(_ id: Int) {
            let run = running.removeValue(forKey: id)!
            pools[run.pool].release(run.placement)
            for r in run.placement.unitRuns { for u in r { owner[run.pool][u] = nil } }
        }
        let lastArrival = jobs.map(\.arrival).max() ?? 0
        for t in 0..<steps {
            // Nothing more can happen once everything has arrived and left.
            if t > lastArrival && queue.isEmpty && running.isEmpty { break }
            for (id, run) in running.sorted(by: { $0.key < $1.key }) where run.end == t {
                release(id)
                remaining[id] = 0
                outcome.finished.insert(id)
            }
            for job in jobs where job.arrival == t { queue.append(job.id) }
            queue.sort { (byID[$0]!.arrival, $0) < (byID[$1]!.arrival, $1) }
            var rejectedNow: Set<Int> = []
            observe?(t, queue, running.sorted { $0.key < $1.key }.map { ($0.value.pool, $0.value.placement.unitCount, $0.value.end) })
            let busyUnits = running.values.reduce(0) { $0 + $1.placement.unitCount }
            let power = PowerView(poolSite: hierarchies.map { _ in 0 }, wattsPerBusyUnit: hierarchies.map { _ in Watts(wattsPerUnit) },
                                  headroom: [siteLimit.map { Watts($0 - Double(busyUnits) * wattsPerUnit) }],
                                  limit: [siteLimit.map { Watts($0) }])
            let view = SchedulerView(
                now: SimTime.zero + .minutes(Int64(t)), queue: queue.map(queued),
                running: running.sorted { ($0.value.end, $0.key) < ($1.value.end, $1.key) }.map { id, run in
                    RunningJob(id: JobID(id), pool: PoolID(run.pool), units: run.placement.unitCount,
                               expectedEnd: SimTime.zero + .minutes(Int64(run.end)), priority: byID[id]!.priority,
                               tenant: byID[id]!.tenant, isPreemptible: true, started: SimTime.zero + .minutes(Int64(run.start)),
                               placement: run.placement)
                },
                occupancy: Dictionary(uniqueKeysWithValues: pools.enumerated().map { (PoolID($0.offset), $0.element) }),
                power: policy.usesPowerView ? power : nil)
            for decision in policy.decide(view) {
                switch decision {
                case .start(let id, let option):
                    outcome.decisions.append("\(t) start \(id.rawValue) on \(option.pool.rawValue)")
                    #expect(queue.contains(id.rawValue), "started \(id), which is not queued")
                    let p = option.pool.rawValue
                    guard case .success(let placement) = pools[p].place(option.request) else {
                        Issue.record("\(policy.name) started \(id) on pool \(p) without room")
                        continue
                    }
                    #expect(placement.unitCount == ScratchFleet.unitsNeeded(option.request, on: hierarchies[p]), "gang not whole")
                    for r in placement.unitRuns {
                        for u in r {
                            #expect(owner[p][u] == nil, "unit \(u) of pool \(p) double-booked")
                            owner[p][u] = id.rawValue
                        }
                    }
                    let steps = byID[id.rawValue]!.options.first { $0.pool == p }!.steps
                    let left = Int((remaining[id.rawValue]! * Double(steps) - 1e-9).rounded(.up))
                    running[id.rawValue] = Running(pool: p, placement: placement, start: t, end: t + max(1, left), steps: steps)
                    queue.removeAll { $0 == id.rawValue }
                case .reject(let id, let reason):
                    outcome.decisions.append("\(t) reject \(id.rawValue)")
                    #expect(queue.contains(id.rawValue) && !reason.isEmpty)
                    queue.removeAll { $0 == id.rawValue }
                    outcome.rejected.insert(id.rawValue)
                    rejectedNow.insert(id.rawValue)
                case .preempt(let id, _):
                    outcome.decisions.append("\(t) preempt \(id.rawValue)")
                    guard let run = running[id.rawValue] else {
                        Issue.record("preempted \(id), which is not running")
                        continue
                    }
                    // Checkpoints every step: the steps run so far are kept.
                    remaining[id.rawValue]! -= Double(t - run.start) / Double(run.steps)
                    release(id.rawValue)
                    queue.append(id.rawValue)
                    outcome.preemptions += 1
                }
            }
            for pool in pools { pool.checkInvariants() }
            for p in pools.indices {
                #expect(pools[p].freeUnits == owner[p].filter { $0 == nil }.count, "free count disagrees with the owners")
            }
            if checkIdle {
                var scratch = ScratchFleet(Dictionary(uniqueKeysWithValues: pools.enumerated().map { (PoolID($0.offset), $0.element) }))
                if queue.contains(where: { if case .started = scratch.start(queued($0)) { return true } else { return false } }) {
                    outcome.idleRounds += 1
                }
            }
            for job in jobs {
                let row = index[job.id]!
                let c: Character
                if let run = running[job.id] { c = Character(String(run.pool)) }
                else if rejectedNow.contains(job.id) { c = "x" }
                else if queue.contains(job.id) { c = "." }
                else { c = " " }
                outcome.rows[row].append(c)
            }
        }
        outcome.queuedAtEnd = Set(queue)
        outcome.runningAtEnd = Set(running.keys)
        outcome.rows = outcome.rows.map { String($0.reversed().drop { $0 == " " }.reversed()) }
        return outcome
    }
}
