import Fleet
import Gigawatt
import ScenarioFormat
import SimKernel
import Testing
import Workloads

/// Records everything the accounting emits, for property checks.
final class LedgerSink: TelemetrySink {
    var samples: [SitePowerSample] = []
    var intervals: [SiteInterval] = []
    var totals: [String: SiteEnergyTotals] = [:]
    var report: CostReport?
    func record(_ record: TelemetryRecord) {
        switch record {
        case .sitePower(let s): samples.append(s)
        case .siteInterval(let i): intervals.append(i)
        case .siteEnergy(let t): totals[t.site] = t
        case .costs(let r): report = r
        default: break
        }
    }
}

@Suite("Power accounting properties")
struct PowerPropertyTests {
    @Test("energy is the integral of the power stream, and the series adds up to the totals, under random caps and prices",
          arguments: 0..<8)
    func energyIsIntegralOfPower(seed: UInt64) throws {
        var rng = RandomStream(seed: seed, key: StreamKey("power-property"))
        let actions = ["throttle", "hold", "preempt"]
        let action = actions[Int(rng.nextIndex(below: 3))]
        // Above what idle hosts draw (10 × 2,410 W × PUE ≤ 1.4 = 33.7 kW) even in the window (× 0.8).
        let cap = 50_000 + 50_000 * rng.nextUnit()
        let prices = (0..<5).map { _ in "\"$\(Int(20 + rng.nextIndex(below: 100)))/MWh\"" }.joined(separator: ", ")
        let scenario = try ScenarioLoader.parse(text: """
            { name: "prop", seed: 1, horizon: "4 h",
              fleet: {
                sites: [{ name: "s", pue: { curve: [[0.2, 1.4], [1.0, 1.1]] }, electricity_price: [\(prices)],
                          carbon_intensity: ["200 gCO2/kWh", "600 gCO2/kWh", "350 gCO2/kWh"],
                          power_cap: "\(cap) W", cap_action: "\(action)",
                          cap_windows: [{ from: "1 h", to: "2 h", cap: "\(cap * 0.8) W" }] }],
                pools: [{ name: "p", site: "s", chip: "h100-sxm", hosts: 10, cost: { rented: "on-demand" } }],
              } }
            """, fileName: "prop.json5")
        var jobs: [TrainingJobSpec] = []
        for index in 0..<8 {
            var job = try PowerCapTests.job("j\(index)", hosts: 1 + Int(rng.nextIndex(below: 3)), minutes: 10 + 80 * rng.nextUnit(),
                                            priority: Int(rng.nextIndex(below: 3))).spec
            job.arrival = SimTime.zero + .minutes(Int64(rng.nextIndex(below: 150)))
            jobs.append(job)
        }
        let sink = LedgerSink()
        var simulation = Simulation(scenario: scenario, training: jobs, interval: .minutes(10), sink: sink)
        while !simulation.isComplete { simulation.advance() }
        _ = simulation.finish()
        // ∫ power dt from the sample stream: each sample holds until the next (the last to the horizon).
        var it = 0.0, facility = 0.0
        for (k, sample) in sink.samples.enumerated() {
            let end = k + 1 < sink.samples.count ? sink.samples[k + 1].time : SimTime.zero + .hours(4)
            it += sample.itPower * (end - sample.time).seconds
            facility += sample.facilityPower * (end - sample.time).seconds
        }
        let totals = try #require(sink.totals["s"])
        // 1e-9 relative: the same integral summed in a different order.
        #expect(abs(totals.itEnergy.value - it) <= 1e-9 * it)
        #expect(abs(totals.facilityEnergy.value - facility) <= 1e-9 * facility)
        let sum = { (f: (SiteInterval) -> Double) in sink.intervals.map(f).reduce(0, +) }
        #expect(abs(sum { $0.facilityEnergy.value } - totals.facilityEnergy.value) <= 1e-9 * totals.facilityEnergy.value)
        #expect(abs(sum { $0.cost.value } - totals.cost.value) <= 1e-9 * totals.cost.value)
        #expect(abs(sum { $0.carbonGrams } - totals.carbonGrams) <= 1e-9 * totals.carbonGrams)
        if action != "hold" {
            // Throttle and preempt keep every instant's final power under the cap then in force.
            var last: [SimTime: Double] = [:]
            for sample in sink.samples { last[sample.time] = sample.facilityPower }
            for (time, watts) in last {
                let inWindow = time >= SimTime.zero + .hours(1) && time < SimTime.zero + .hours(2)
                #expect(watts <= (inWindow ? cap * 0.8 : cap) * (1 + 1e-9), "\(action): \(watts) W at \(time)")
            }
        }
        let report = try #require(sink.report)
        #expect(abs(report.total.facilityEnergyJ - totals.facilityEnergy.value) <= 1e-9 * totals.facilityEnergy.value)
        #expect(abs(report.total.carbonGrams - totals.carbonGrams) <= 1e-9 * totals.carbonGrams)
    }
}
