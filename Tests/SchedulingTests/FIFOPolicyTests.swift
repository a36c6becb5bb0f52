import Fleet
import SimKernel
import Testing
@testable import Scheduling

@Suite("FIFOPolicy")
struct FIFOPolicyTests {
    /// One pool of 4 units of 8 chips in one domain.
    private let pool = PoolID(0)
    private func view(_ jobs: [(Int, Int)], taken: Int = 0) -> SchedulerView {
        var occupancy = PoolOccupancy(hierarchy: UnitHierarchy(chipsPerUnit: 8, unitsPerDomain: 4, domainsPerGroup: 1, groups: 1))
        for unit in 0..<taken { occupancy.reserve(unit: unit) }
        let queue = jobs.map { id, chips in
            QueuedJob(id: JobID(id), arrival: .zero, options: [PlacementOption(pool: pool, request: PlacementRequest(chips: chips))])
        }
        return SchedulerView(now: .zero, queue: queue, occupancy: [pool: occupancy])
    }

    private func started(_ decisions: [Decision]) -> [Int] {
        decisions.compactMap { if case .start(let id, _) = $0 { return id.rawValue } else { return nil } }
    }

    @Test("jobs start in arrival order while they fit, and the first that does not blocks the rest")
    func headOfLineBlocking() {
        var policy = FIFOPolicy()
        // 32 chips: job 1 takes 16, job 2 wants 24 (only 16 left) and waits; job 3 (8) must not overtake.
        #expect(started(policy.decide(view([(1, 16), (2, 24), (3, 8)]))) == [1])
    }

    @Test("a job that can never fit is rejected with the reason and does not block")
    func rejection() {
        var policy = FIFOPolicy()
        let decisions = policy.decide(view([(1, 64), (2, 8)]))
        #expect(decisions.count == 2)
        guard case .reject(let id, let reason) = decisions[0] else {
            Issue.record("expected a rejection first, got \(decisions)")
            return
        }
        #expect(id == JobID(1) && reason.contains("needs 8 units but the pool has 4"))
        #expect(started(decisions) == [2])
    }

    @Test("several jobs start in one round when they all fit")
    func severalStarts() {
        var policy = FIFOPolicy()
        #expect(started(policy.decide(view([(1, 8), (2, 8), (3, 16)]))) == [1, 2, 3])
        #expect(started(policy.decide(view([(1, 8), (2, 8), (3, 16)], taken: 1))) == [1, 2])
    }
}
