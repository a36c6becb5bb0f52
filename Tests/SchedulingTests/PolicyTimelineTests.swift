import Fleet
import SimKernel
import Testing
@testable import Scheduling

/// Hand-made schedules, one per policy, drawn as timelines: one row per job, one character per
/// minute (' ' not there, '.' queued, a digit: running on that pool, 'x' rejected). Every
/// expected row is derived in the comment above it.
@Suite("Policies as timelines")
struct PolicyTimelineTests {
    /// Pools of `units` hosts of 8 chips, one domain each.
    private func pools(_ units: Int...) -> PolicyTimeline {
        PolicyTimeline(hierarchies: units.map { UnitHierarchy(chipsPerUnit: 8, unitsPerDomain: $0, domainsPerGroup: 1, groups: 1) })
    }

    private typealias Job = PolicyTimeline.Job

    @Test("priority: a high-priority arrival stops lower-priority work, which resumes from its checkpoint")
    func priorityPreempts() {
        // 4 hosts. Job 1 (priority 0, 4 hosts, 6 min) runs from 0; job 2 (priority 5, 2 hosts,
        // 2 min) arrives at 2 and stops it; job 1 (checkpointing every minute) has 4 minutes
        // left and restarts when job 2 ends at 4.
        let jobs = [Job(id: 1, arrival: 0, chips: 32, options: [(0, 6, 1)]),
                    Job(id: 2, arrival: 2, chips: 16, options: [(0, 2, 1)], priority: 5)]
        let outcome = pools(4).run(PriorityPolicy(), jobs: jobs, steps: 12)
        #expect(outcome.timeline == """
            00..0000
              00
            """)
        #expect(outcome.preemptions == 1)
        // Without preemption job 2 waits for job 1 to end at 6.
        var parameters = PolicyParameters()
        parameters.preemption = false
        #expect(pools(4).run(PriorityPolicy(parameters: parameters), jobs: jobs, steps: 12).timeline == """
            000000
              ....00
            """)
    }

    @Test("priority: equal priorities never preempt, and higher priority goes first in the queue")
    func priorityOrder() {
        // 2 hosts busy with job 1 (priority 1) until 3; jobs 2 (priority 1) and 3 (priority 2)
        // arrive at 1, both 2 hosts: neither may stop job 1 (2 is not higher; 3 is higher, and
        // stops it). So: 3 preempts 1 at 1, runs 1–2; then 1 (queued earlier, same priority as 2,
        // earlier arrival) resumes at 3 with 2 minutes left; 2 runs after it.
        let jobs = [Job(id: 1, arrival: 0, chips: 16, options: [(0, 3, 1)], priority: 1),
                    Job(id: 2, arrival: 1, chips: 16, options: [(0, 1, 1)], priority: 1),
                    Job(id: 3, arrival: 1, chips: 16, options: [(0, 2, 1)], priority: 2)]
        let outcome = pools(2).run(PriorityPolicy(), jobs: jobs, steps: 10)
        #expect(outcome.timeline == """
            0..00
             ....0
             00
            """)
        #expect(outcome.preemptions == 1)
    }

    @Test("priority with preemptible_only: only jobs marked preemptible are stopped")
    func preemptibleOnly() {
        var parameters = PolicyParameters()
        parameters.preemptibleOnly = true
        // One view: job 1 (not marked preemptible) holds all 4 hosts; job 2 (priority 5) must wait,
        // and without the option it stops job 1 and starts in its place.
        let hierarchy = UnitHierarchy(chipsPerUnit: 8, unitsPerDomain: 4, domainsPerGroup: 1, groups: 1)
        var occupancy = PoolOccupancy(hierarchy: hierarchy)
        guard case .success(let placement) = occupancy.place(PlacementRequest(chips: 32)) else {
            Issue.record("an empty pool of 4 hosts holds 32 chips")
            return
        }
        let running = RunningJob(id: JobID(1), pool: PoolID(0), units: 4, expectedEnd: SimTime.zero + .minutes(6),
                                 isPreemptible: false, placement: placement)
        let queued = QueuedJob(id: JobID(2), arrival: .zero, priority: 5,
                               options: [PlacementOption(pool: PoolID(0), request: PlacementRequest(chips: 16))])
        let view = SchedulerView(now: .zero, queue: [queued], running: [running], occupancy: [PoolID(0): occupancy])
        var strict = PriorityPolicy(parameters: parameters)
        #expect(strict.decide(view).isEmpty)
        var any = PriorityPolicy()
        #expect(any.decide(view) == [.preempt(JobID(1), reason: "priority 5 job#2 needs its chips"),
                                     .start(JobID(2), PlacementOption(pool: PoolID(0), request: PlacementRequest(chips: 16)))])
    }

    @Test("shortest-remaining-first: shortest first, and a short job passes a wide one that waits")
    func shortestRemainingFirst() {
        // 2 hosts, all at 0: job 1 (1 host, 4 min), 2 (1 host, 2 min), 3 (1 host, 1 min), 4 (2 hosts,
        // 3 min). Order 3, 2, 4, 1: 3 and 2 start; at 1 one host frees — 4 needs two, 1 fits and
        // starts; 4 starts at 5 when 1 ends.
        let jobs = [Job(id: 1, arrival: 0, chips: 8, options: [(0, 4, 1)]),
                    Job(id: 2, arrival: 0, chips: 8, options: [(0, 2, 1)]),
                    Job(id: 3, arrival: 0, chips: 8, options: [(0, 1, 1)]),
                    Job(id: 4, arrival: 0, chips: 16, options: [(0, 3, 1)])]
        #expect(pools(2).run(ShortestRemainingFirstPolicy(), jobs: jobs, steps: 10).timeline == """
            .0000
            00
            0
            .....000
            """)
    }

    @Test("fair-share: chips split by tenant weight, 3 to 1")
    func fairShare() {
        // 4 hosts, tenants a (weight 3) and b (weight 1), four 1-host 2-minute jobs each. At 0,
        // chips per weight: a 0, b 0 → a (8/3); b 0 → b (8); a 2.7 → a (16/3); a 5.3 → a (8);
        // four hosts: a 3, b 1. At 2: a's last job and b's three.
        var parameters = PolicyParameters()
        parameters.tenantWeights = ["a": 3, "b": 1]
        let jobs = (1...8).map { Job(id: $0, arrival: 0, chips: 8, options: [(0, 2, 1)], tenant: $0 <= 4 ? "a" : "b") }
        #expect(pools(4).run(FairSharePolicy(parameters: parameters), jobs: jobs, steps: 6).timeline == """
            00
            00
            00
            ..00
            00
            ..00
            ..00
            ..00
            """)
    }

    @Test("best-platform: the fast pool for time, the cheap pool for cost, waiting unless within tolerance")
    func bestPlatform() {
        // Two pools of 4 hosts. Each job: pool 0 in 2 min at $10, pool 1 in 4 min at $4.
        // Jobs 1 and 2 take 2 hosts, job 3 all 4.
        let jobs = [Job(id: 1, arrival: 0, chips: 16, options: [(0, 2, 10), (1, 4, 4)]),
                    Job(id: 2, arrival: 0, chips: 16, options: [(0, 2, 10), (1, 4, 4)]),
                    Job(id: 3, arrival: 0, chips: 32, options: [(0, 2, 10), (1, 4, 4)])]
        var parameters = PolicyParameters()
        parameters.objective = .time
        // Time: all on pool 0; job 3 waits for it (pool 1 is twice as slow) until 2.
        #expect(pools(4, 4).run(BestPlatformPolicy(parameters: parameters), jobs: jobs, steps: 10).timeline == """
            00
            00
            ..00
            """)
        // Cost: all on pool 1; job 3 waits until 4, since $10 is more than $4 × (1 + 0).
        parameters.objective = .cost
        #expect(pools(4, 4).run(BestPlatformPolicy(parameters: parameters), jobs: jobs, steps: 10).timeline == """
            1111
            1111
            ....1111
            """)
        // With tolerance 2 ($10 ≤ $4 × 3) job 3 takes the free fast pool at once.
        parameters.tolerance = 2
        #expect(pools(4, 4).run(BestPlatformPolicy(parameters: parameters), jobs: jobs, steps: 10).timeline == """
            1111
            1111
            00
            """)
    }

    @Test("power-aware: work waits while starting it would take the site over its limit")
    func powerAware() {
        // 4 hosts, each busy host adds 1 kW; site limit 2.5 kW. Jobs 1–3 take 1 host for 2 min,
        // job 4 takes 2 hosts for 1 min. At 0: 1 (1 kW), 2 (2 kW) start; 3 would make 3 kW. At 2:
        // 3 starts (1 kW); 4 would make 3 kW. At 4: 4 starts.
        var timeline = pools(4)
        timeline.siteLimit = 2_500
        let jobs = [Job(id: 1, arrival: 0, chips: 8, options: [(0, 2, 1)]),
                    Job(id: 2, arrival: 0, chips: 8, options: [(0, 2, 1)]),
                    Job(id: 3, arrival: 0, chips: 8, options: [(0, 2, 1)]),
                    Job(id: 4, arrival: 0, chips: 16, options: [(0, 1, 1)])]
        #expect(timeline.run(PowerAwarePolicy(), jobs: jobs, steps: 10).timeline == """
            00
            00
            ..00
            ....0
            """)
        // Keeping 30 % (750 W) free: one host at a time (1 kW + 750 W ≤ 2.5 kW; 2 kW + 750 W is not).
        // Job 4 (2 kW + 750 W) can never start under this cap: it waits, never rejected.
        var parameters = PolicyParameters()
        parameters.powerReserve = 0.3
        let held = timeline.run(PowerAwarePolicy(parameters: parameters), jobs: jobs, steps: 8)
        #expect(held.timeline == """
            00
            ..00
            ....00
            ........
            """)
        #expect(held.queuedAtEnd == [4] && held.rejected.isEmpty)
    }

    @Test("a job larger than every pool is rejected with a reason by every policy")
    func rejection() {
        let jobs = [Job(id: 1, arrival: 0, chips: 64, options: [(0, 2, 1)]), Job(id: 2, arrival: 0, chips: 8, options: [(0, 1, 1)])]
        for name in PolicyRegistry.names {
            let outcome = pools(4).run(PolicyRegistry.policy(named: name)!, jobs: jobs, steps: 3)
            #expect(outcome.rejected == [1] && outcome.finished == [2], "\(name)")
            #expect(outcome.timeline == "x\n0", "\(name)")
        }
    }
}
