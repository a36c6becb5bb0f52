import Fleet
import SimKernel
import Testing
@testable import Scheduling

@Suite("EASYBackfillPolicy")
struct EASYBackfillPolicyTests {
    private let pool = PoolID(0)

    /// A pool of `units` hosts of 8 chips in one domain, the first `busy` held by a running job
    /// that ends at `runningEnd`; queued jobs given as (id, hosts, predicted minutes).
    private func view(units: Int, busy: Int, runningEnd: Int64, queue: [(Int, Int, Int64)]) -> SchedulerView {
        var occupancy = PoolOccupancy(hierarchy: UnitHierarchy(chipsPerUnit: 8, unitsPerDomain: units, domainsPerGroup: 1, groups: 1))
        for unit in 0..<busy { occupancy.reserve(unit: unit) }
        let jobs = queue.map { id, hosts, minutes in
            QueuedJob(id: JobID(id), arrival: .zero, options: [PlacementOption(
                pool: pool, request: PlacementRequest(chips: 8 * hosts), predictedDuration: .minutes(minutes))])
        }
        let running = [RunningJob(id: JobID(99), pool: pool, units: busy, expectedEnd: SimTime.zero + .minutes(runningEnd))]
        return SchedulerView(now: .zero, queue: jobs, running: running, occupancy: [pool: occupancy])
    }

    private func started(_ decisions: [Decision]) -> [Int] {
        decisions.compactMap { if case .start(let id, _) = $0 { return id.rawValue } else { return nil } }
    }

    @Test("a short job backfills ahead of a blocked head; a long one that would delay the head does not")
    func backfill() {
        // 6 hosts, 4 busy until minute 10. Head 1 needs 6 hosts: reserved at minute 10, no spare.
        // Job 2 (2 hosts, 20 min) would still run at minute 10: it waits. Job 3 (2 hosts, 5 min)
        // ends by minute 5: it starts now.
        //   running: ████████··
        //   job 1:   ··········██████   (reserved at 10)
        //   job 3:   █████
        var policy = EASYBackfillPolicy()
        let decisions = policy.decide(view(units: 6, busy: 4, runningEnd: 10, queue: [(1, 6, 30), (2, 2, 20), (3, 2, 5)]))
        #expect(started(decisions) == [3])
        // FIFO starts nothing here: the head blocks everyone.
        var fifo = FIFOPolicy()
        #expect(started(fifo.decide(view(units: 6, busy: 4, runningEnd: 10, queue: [(1, 6, 30), (2, 2, 20), (3, 2, 5)]))).isEmpty)
    }

    @Test("a long job may backfill into units the reserved head will not need")
    func spareUnits() {
        // 8 hosts, 4 busy until minute 10; the head needs 6, so at minute 10 there are 2 spare.
        // Job 2 (2 hosts, 60 min) uses those 2 spare hosts: it starts without delaying the head.
        var policy = EASYBackfillPolicy()
        #expect(started(policy.decide(view(units: 8, busy: 4, runningEnd: 10, queue: [(1, 6, 30), (2, 2, 60), (3, 2, 60)]))) == [2])
    }

    @Test("backfilling never delays the reserved head, over random queues", arguments: 0..<50)
    func neverDelaysHead(seed: UInt64) {
        var rng = RandomStream(seed: seed, key: StreamKey("easy"))
        let units = 4 + Int(rng.nextIndex(below: 12))
        let busy = Int(rng.nextIndex(below: UInt64(units)))
        let end = Int64(1 + rng.nextIndex(below: 60))
        let queue = (1...8).map { ($0, 1 + Int(rng.nextIndex(below: UInt64(units))), Int64(1 + rng.nextIndex(below: 90))) }
        var policy = EASYBackfillPolicy()
        let startedIDs = Set(started(policy.decide(view(units: units, busy: busy, runningEnd: end, queue: queue))))
        // The head: the first job in queue order that did not start (all fit the pool).
        guard let head = queue.first(where: { !startedIDs.contains($0.0) }) else { return }
        // Earliest minute at which `head` has room, given which queued jobs run from minute 0.
        func earliestStart(with jobs: [(Int, Int, Int64)]) -> Int64 {
            let times = ([0, end] + jobs.map(\.2)).sorted()
            for t in times {
                let held = (t < end ? busy : 0) + jobs.filter { $0.2 > t }.map(\.1).reduce(0, +)
                if units - held >= head.1 { return t }
            }
            return .max
        }
        // With only the jobs ahead of it (what FIFO would have started), versus with every job
        // the policy started, backfilled ones included: the head must not start later.
        let ahead = queue.filter { $0.0 < head.0 && startedIDs.contains($0.0) }
        let all = queue.filter { startedIDs.contains($0.0) }
        #expect(earliestStart(with: all) <= earliestStart(with: ahead), "seed \(seed): head \(head) delayed")
    }
}
