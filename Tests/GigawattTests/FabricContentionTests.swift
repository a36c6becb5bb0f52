import Fleet
@testable import Gigawatt
import ScenarioFormat
import Scheduling
import SimKernel
import Testing
import Workloads

@Suite("Scale-out link contention")
struct FabricContentionTests {
    /// 48 HGX H100 hosts on a radix-128 fabric at 4:1 oversubscription: leaves have d = 100
    /// ports down and u = 25 up (`FabricOptions.leafPorts`), so a leaf holds ⌊100 / 8⌋ = 12
    /// hosts (96 GPUs) and its uplinks carry 96 · L · 25/100 = 24 L, with L the H100's per-GPU
    /// NIC rate. Four leaves.
    private func scenario() throws -> Scenario {
        try ScenarioLoader.parse(text: """
            { name: "spine", seed: 1, horizon: "30 d",
              fleet: {
                sites: [{ name: "lab", pue: 1.0, electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh" }],
                pools: [{ name: "gpu", site: "lab", chip: "h100-sxm", hosts: 48, fabric: { switch_radix: 128, oversubscription: 4 } }],
              } }
            """, fileName: "spine.json5")
    }

    private var h100: AcceleratorSpec { get throws { try Catalog.builtIn.spec("h100-sxm") } }

    /// Megatron's 1.7B GPT, tensor-parallel in a host, data-parallel across `hosts` hosts, with
    /// no overlap so the gradient all-reduce over the scale-out fabric shows in the step time.
    private func job(_ name: String, hosts: Int, steps: Int, arrival: SimDuration = .zero) -> TrainingJobSpec {
        let job = TrainingJob(model: .megatron1_7B, sequenceLength: 2048, globalBatch: 16 * hosts, length: .steps(steps),
                              parallelism: TrainingParallelism(data: hosts, tensor: 8, microBatchSize: 1), overlap: .none)
        return TrainingJobSpec(name: name, job: job, arrival: SimTime.zero + arrival)
    }

    private func step(_ spec: TrainingJobSpec, share: Double) throws -> Double {
        try StepTime.estimate(spec.job, on: .switched(try h100, chips: spec.job.parallelism.chips),
                              scaleOutBandwidthShare: BytesPerSecond(share)).step
    }

    @Test("a leaf's uplink capacity is its chips' line rate scaled by the oversubscription")
    func uplinkCapacity() throws {
        let pool = try #require(try scenario().fleet.pools.first)
        let (hierarchy, _) = UnitHierarchy.of(pool)
        let fabric = try #require(ContendedFabric.of(pool, hierarchy: hierarchy))
        let line = try h100.scaleOutBandwidth.value.value
        #expect(hierarchy.unitsPerDomain == 12)
        #expect(fabric.uplinkCapacity == 96 * line * 25 / 100)  // = 24 L
        #expect(fabric.chipLineRate == line)
    }

    @Test("a non-blocking fabric is never contended")
    func nonBlocking() throws {
        let scenario = try ScenarioLoader.parse(text: """
            { name: "flat", seed: 1, horizon: "1 d",
              fleet: { sites: [{ name: "lab", pue: 1.0, electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh" }],
                       pools: [{ name: "gpu", site: "lab", chip: "h100-sxm", hosts: 48 }] } }
            """, fileName: "flat.json5")
        let pool = try #require(scenario.fleet.pools.first)
        #expect(ContendedFabric.of(pool, hierarchy: UnitHierarchy.of(pool).hierarchy) == nil)
    }

    @Test("shares by hand: one spanning job is capped at line rate, two on the same leaves split the uplinks")
    func handShares() throws {
        // Leaves of 12 hosts × 8 GPUs, uplinks 24 L. A job with 4 hosts in each of leaves 0
        // and 1 has n = 32 GPUs per leaf of N = 64, so it loads each leaf's uplinks with
        // 32 · 32/64 = 16 per unit of per-GPU rate.
        //   alone:  16 x ≤ 24 L → x = 1.5 L, capped at L.
        //   two:    32 x ≤ 24 L → x = 0.75 L each.
        //   three:  48 x ≤ 24 L → x = 0.5 L each.
        let line = 50e9
        let fabric = ContendedFabric(unitsPerDomain: 12, chipsPerUnit: 8, uplinkCapacity: 24 * line, chipLineRate: line)
        var contention = FabricContention(fabrics: [fabric])
        func spanning(_ first: Int) -> Placement {
            Placement(unitRuns: [first..<(first + 4), (first + 12)..<(first + 16)], domains: [0, 1], groups: [0])
        }
        #expect(fabric.chipsPerDomain(of: spanning(0)).map(\.chips) == [32, 32])
        let joined1 = contention.join(job: 0, pool: 0, placement: spanning(0))
        #expect(joined1)
        #expect(contention.shares(inPool: 0).map(\.share) == [line])
        let joined2 = contention.join(job: 1, pool: 0, placement: spanning(4))
        #expect(joined2)
        #expect(contention.shares(inPool: 0).map(\.share) == [0.75 * line, 0.75 * line])
        let joined3 = contention.join(job: 2, pool: 0, placement: spanning(8))
        #expect(joined3)
        #expect(contention.shares(inPool: 0).map(\.share) == [0.5 * line, 0.5 * line, 0.5 * line])
        let left = contention.leave(job: 1, pool: 0)
        #expect(left == [0, 1])
        #expect(contention.shares(around: [1], inPool: 0).map(\.job) == [0, 2])
        #expect(contention.shares(inPool: 0).map(\.job) == [0, 2])
        #expect(contention.shares(inPool: 0).map(\.share) == [0.75 * line, 0.75 * line])
        // A job inside one leaf never contends.
        let inside = Placement(unitRuns: [20..<23], domains: [1], groups: [0])
        let joined5 = contention.join(job: 3, pool: 0, placement: inside)
        #expect(!joined5)
        // A job on other leaves is a separate component: re-solving around leaf 0 leaves it out.
        let far = Placement(unitRuns: [24..<28, 36..<40], domains: [2, 3], groups: [0])
        let joined6 = contention.join(job: 4, pool: 0, placement: far)
        #expect(joined6)
        #expect(contention.shares(around: [0], inPool: 0).map(\.job) == [0, 2])
        #expect(contention.shares(around: [3], inPool: 0).map(\.job) == [4])
    }

    @Test("a third job arriving on shared leaves slows both running jobs at that instant; work is conserved")
    func thirdJobChangesRates() throws {
        // Placement (emptiest leaves first): A (18 hosts) takes leaf 3 whole and 6 hosts of
        // leaf 2; B (18 hosts) leaf 0 whole and 6 hosts of leaf 1; C (12 hosts, at 1 h) finds
        // no leaf with 12 free and spans the 6 free hosts of leaves 1 and 2.
        // Loads per unit per-GPU rate: A and B put 96 · 48/144 = 32 on each of their leaves;
        // C puts 48 · 48/96 = 24 on leaves 1 and 3.
        //   0–1 h:  A and B alone on their leaves: 32 x ≤ 24 L → x = 0.75 L each.
        //   from 1 h: leaf 2 carries A and C, leaf 1 B and C; by symmetry one level t:
        //           (32 + 24) t = 24 L → t = 3L/7 for all three.
        let line = try h100.scaleOutBandwidth.value.value
        let a = job("A", hosts: 18, steps: 20_000), b = job("B", hosts: 18, steps: 20_000)
        let c = job("C", hosts: 12, steps: 200_000, arrival: .hours(1))
        let results = TrainingResults()
        _ = Simulation.run(try scenario(), training: [a, b, c], sink: results)
        let ra = try #require(results.jobs["A"]), rb = try #require(results.jobs["B"]), rc = try #require(results.jobs["C"])
        #expect(ra.start == .zero && rb.start == .zero && rc.start == SimTime.zero + .hours(1))

        let before = try step(a, share: 0.75 * line), after = try step(a, share: 3 * line / 7)
        #expect(after > before)
        // A: 3,600 s at 1/before steps per second, the rest at 1/after (exact fluid progress);
        // B is A's twin; C runs at 3L/7 until A and B finish (both end together).
        let doneByOneHour = 3_600 / before
        let aEnd = SimTime.zero + .hours(1) + SimDuration(secondsRoundingUp: (20_000 - doneByOneHour) / (1 / after))
        #expect(ra.end == aEnd && rb.end == aEnd)
        #expect(ra.stepSeconds == after)
        #expect(ra.outcome == .completed && rb.outcome == .completed && rc.outcome == .completed)
        // C outlives A and B; once they are gone it has leaves 1 and 2 to itself:
        // 24 x ≤ 24 L → x = L, its full line rate.
        let cShared = try step(c, share: 3 * line / 7), cAlone = try step(c, share: line)
        let cDoneAtAEnd = (aEnd - (SimTime.zero + .hours(1))).seconds / cShared
        #expect(cDoneAtAEnd < 200_000)
        let cEnd = aEnd + SimDuration(secondsRoundingUp: (Double(c.job.steps) - cDoneAtAEnd) / (1 / cAlone))
        #expect(rc.end == cEnd)
    }
}
