import Fleet
import SimKernel
import Testing
@testable import Scheduling

/// Properties every policy keeps on random job mixes (seeded, so a failure names its seed and
/// replays): the harness checks on every round that no unit is held twice, that every gang is
/// whole and that the occupancy index is consistent; these tests add liveness, the end states,
/// work conservation for the policies that promise it, and determinism.
@Suite("Policy properties on random workloads")
struct PolicyPropertyTests {
    /// A GPU-like pool (8-GPU hosts, 4 per leaf, 4 leaves), a TPU-like one (4-chip hosts, 16 per
    /// cube, 4 cubes per pod, 2 pods, whole cubes above one cube), a Trainium-like one (16-chip
    /// instances, 4 per UltraServer, 4 UltraServers).
    static let timeline = PolicyTimeline(hierarchies: [
        UnitHierarchy(chipsPerUnit: 8, unitsPerDomain: 4, domainsPerGroup: 4, groups: 1),
        UnitHierarchy(chipsPerUnit: 4, unitsPerDomain: 16, domainsPerGroup: 4, groups: 2, largePlacementsUseWholeDomains: true),
        UnitHierarchy(chipsPerUnit: 16, unitsPerDomain: 4, domainsPerGroup: 4, groups: 1),
    ])

    /// 40 jobs arriving over 30 minutes: 4 … 1,024 chips (the largest fit no pool and must be
    /// rejected), tight groups of 1, 4 or 8, one to three pools each with its own run time and
    /// price, priorities 0–3, tenants a–c.
    static func jobs(seed: UInt64) -> [PolicyTimeline.Job] {
        var random = RandomStream(seed: seed, key: StreamKey("policy-properties"))
        let sizes = [4, 8, 16, 32, 64, 128, 256, 1_024]
        return (0..<40).map { id in
            let pools = (0..<3).filter { _ in random.nextUnit() < 0.6 }
            let options = (pools.isEmpty ? [Int(random.nextIndex(below: 3))] : pools).map { pool in
                (pool: pool, steps: 1 + Int(random.nextIndex(below: 10)), cost: 1 + random.nextUnit() * 9)
            }
            return PolicyTimeline.Job(
                id: id, arrival: Int(random.nextIndex(below: 30)), chips: sizes[Int(random.nextIndex(below: UInt64(sizes.count)))],
                tightGroup: [1, 4, 8][Int(random.nextIndex(below: 3))], options: options,
                priority: Int(random.nextIndex(below: 4)), tenant: ["a", "b", "c"][Int(random.nextIndex(below: 3))])
        }
    }

    /// Every registered policy, plus the variants whose options change what they do.
    static func policies() -> [(String, any SchedulingPolicy)] {
        var noPreemption = PolicyParameters()
        noPreemption.preemption = false
        var weights = PolicyParameters()
        weights.tenantWeights = ["a": 4, "b": 2]
        var anyPlatform = PolicyParameters()
        anyPlatform.tolerance = 1e9
        var cost = PolicyParameters()
        cost.objective = .cost
        return PolicyRegistry.names.map { ($0, PolicyRegistry.policy(named: $0)!) } + [
            ("priority without preemption", PriorityPolicy(parameters: noPreemption)),
            ("fair-share weighted", FairSharePolicy(parameters: weights)),
            ("best-platform any platform", BestPlatformPolicy(parameters: anyPlatform)),
            ("best-platform cost", BestPlatformPolicy(parameters: cost)),
        ]
    }

    /// The policies that never leave a queued job waiting while one of its options fits: they
    /// scan the whole queue each round (no head-of-line blocking, no holding for a better pool).
    static let workConserving: Set<String> = [
        "shortest-remaining-first", "fair-share", "fair-share weighted", "power-aware",
        "priority without preemption", "best-platform any platform",
    ]

    @Test("every job ends finished or rejected, never lost or twice, and work-conserving policies never idle",
          arguments: 0..<20)
    func endStatesAndWorkConservation(seed: UInt64) {
        let jobs = Self.jobs(seed: seed)
        for (name, policy) in Self.policies() {
            // 40 jobs of at most 10 minutes, all arrived by 30: 1,000 minutes is ample for every
            // policy to finish everything that fits somewhere.
            let outcome = Self.timeline.run(policy, jobs: jobs, steps: 1_000, checkIdle: Self.workConserving.contains(name))
            #expect(outcome.finished.isDisjoint(with: outcome.rejected), "\(name) seed \(seed)")
            #expect(outcome.finished.union(outcome.rejected) == Set(jobs.map(\.id)), "\(name) seed \(seed)")
            #expect(outcome.queuedAtEnd.isEmpty && outcome.runningAtEnd.isEmpty, "\(name) seed \(seed)")
            // Rejected exactly when no option can hold the job even on an empty pool.
            #expect(outcome.rejected == Self.neverFitting(jobs), "\(name) seed \(seed)")
            if Self.workConserving.contains(name) { #expect(outcome.idleRounds == 0, "\(name) seed \(seed) idled") }
        }
    }

    /// The jobs none of whose options fits an empty pool (1,024 chips fit none of these pools of
    /// 128, 512 and 256 chips; other shapes fail on tight groups or whole cubes).
    static func neverFitting(_ jobs: [PolicyTimeline.Job]) -> Set<Int> {
        Set(jobs.filter { job in
            job.options.allSatisfy { option in
                var empty = PoolOccupancy(hierarchy: timeline.hierarchies[option.pool])
                if case .failure(let refusal) = empty.place(PlacementRequest(chips: job.chips, chipsPerTightGroup: job.tightGroup)) {
                    return refusal.isPermanent
                }
                return false
            }
        }.map(\.id))
    }

    @Test("the same workload gives the same decisions, round for round", arguments: 0..<5)
    func determinism(seed: UInt64) {
        let jobs = Self.jobs(seed: seed)
        for (name, policy) in Self.policies() {
            let first = Self.timeline.run(policy, jobs: jobs, steps: 200)
            let second = Self.timeline.run(policy, jobs: jobs, steps: 200)
            #expect(first == second, "\(name) seed \(seed)")
            #expect(!first.decisions.isEmpty)
        }
    }

    @Test("under the horizon, jobs still waiting are reported queued, not lost", arguments: 0..<5)
    func horizonCut(seed: UInt64) {
        let jobs = Self.jobs(seed: seed)
        for (name, policy) in Self.policies() {
            let outcome = Self.timeline.run(policy, jobs: jobs, steps: 20)
            let arrived = Set(jobs.filter { $0.arrival < 20 }.map(\.id))
            let states = [outcome.finished, outcome.rejected, outcome.queuedAtEnd, outcome.runningAtEnd]
            #expect(states.reduce(0) { $0 + $1.count } == arrived.count, "\(name) seed \(seed): a job in two states or none")
            #expect(states.reduce(Set<Int>()) { $0.union($1) } == arrived, "\(name) seed \(seed)")
        }
    }
}

@Suite("EASY backfill never delays the reserved head")
struct EASYReservationPropertyTests {
    /// One pool of 16 hosts in one domain: any free hosts hold any gang, so a reservation by
    /// counts (EASY's accounting) is exact, and the harness's run times equal the predictions.
    static let timeline = PolicyTimeline(hierarchies: [UnitHierarchy(chipsPerUnit: 8, unitsPerDomain: 16, domainsPerGroup: 1, groups: 1)])

    static func jobs(seed: UInt64) -> [PolicyTimeline.Job] {
        var random = RandomStream(seed: seed, key: StreamKey("easy-reservation"))
        return (0..<30).map { id in
            PolicyTimeline.Job(id: id, arrival: Int(random.nextIndex(below: 20)), chips: 8 * (1 + Int(random.nextIndex(below: 16))),
                               options: [(pool: 0, steps: 1 + Int(random.nextIndex(below: 12)), cost: 1)])
        }
    }

    @Test("the head's reservation never moves later, and it starts by the first one", arguments: 0..<30)
    func headNeverDelayed(seed: UInt64) {
        let jobs = Self.jobs(seed: seed)
        let units = Dictionary(uniqueKeysWithValues: jobs.map { ($0.id, $0.chips / 8) })
        // Per head job: the reservation first seen, and the latest.
        var firstReservation: [Int: Int] = [:]
        var violations: [String] = []
        var lastReservation: [Int: Int] = [:]
        let outcome = Self.timeline.run(EASYBackfillPolicy(), jobs: jobs, steps: 400) { step, queue, running in
            guard let head = queue.first else { return }
            // Earliest step at which enough hosts are free, from the running jobs' ends.
            var free = 16 - running.reduce(0) { $0 + $1.units }
            var reservation = step
            for job in running.sorted(by: { $0.end < $1.end }) where free < units[head]! {
                free += job.units
                reservation = job.end
            }
            if firstReservation[head] == nil { firstReservation[head] = reservation }
            if let last = lastReservation[head], reservation > last {
                violations.append("job \(head): reservation moved from \(last) to \(reservation) at \(step)")
            }
            lastReservation[head] = reservation
        }
        #expect(violations.isEmpty, "seed \(seed): \(violations)")
        for (head, reserved) in firstReservation {
            let row = outcome.rows[jobs.firstIndex { $0.id == head }!]
            let start = row.firstIndex { $0.isNumber }.map { row.distance(from: row.startIndex, to: $0) }
            #expect(start != nil && start! <= reserved, "seed \(seed): job \(head) reserved at \(reserved), started at \(String(describing: start))")
        }
        #expect(outcome.finished.count == jobs.count)
    }
}
