import Fleet
import Gigawatt
import ScenarioFormat
import SimKernel
import Testing
import Workloads

/// Collects the cost report and the site totals.
final class CostSink: TelemetrySink {
    var report: CostReport?
    var sites: [String: SiteEnergyTotals] = [:]
    var jobs: [String: TrainingJobResult] = [:]
    func record(_ record: TelemetryRecord) {
        switch record {
        case .costs(let report): self.report = report
        case .siteEnergy(let totals): sites[totals.site] = totals
        case .trainingJob(let job): jobs[job.name] = job
        default: break
        }
    }
}

@Suite("Cost accounting")
struct CostTests {
    static let owned = #"{ owned: true, capex_per_chip: "$30000", facility_capex_per_mw: "$10000000", lifetime: "1825 d", maintenance_per_year: "5 %" }"#

    static func scenario(cost: String) throws -> Scenario {
        try ScenarioLoader.parse(text: """
            { name: "cost", seed: 1, horizon: "2 h",
              fleet: {
                sites: [{ name: "lab", pue: 1.2, electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh" }],
                pools: [{ name: "gpu", site: "lab", chip: "h100-sxm", hosts: 4, cost: \(cost) }],
              } }
            """, fileName: "cost.json5")
    }

    @Test("owned capacity: amortised capex, maintenance and energy per job and per pool, to the cent and gram")
    func ownedTwoJobs() throws {
        let a = try PowerCapTests.job("A", hosts: 2, minutes: 30), b = try PowerCapTests.job("B", hosts: 1, minutes: 50)
        let sink = CostSink()
        _ = Simulation.run(try Self.scenario(cost: Self.owned), training: [a.spec, b.spec], sink: sink)
        let report = try #require(sink.report)
        // Per chip-hour: (capex $30,000 + $10M/MW × 1,275 W of IT per chip (10,200 W / 8) = $12,750)
        // over 1,825 d = 43,800 h, plus 5 %/y × $30,000 over 8,760 h:
        // 42,750 / 43,800 + 1,500 / 8,760 = 0.97602739… + 0.17123287… = $1.14726027/chip-h.
        let rate = 42_750.0 / 43_800 + 1_500.0 / 8_760
        let pool = try #require(report.pools.first)
        #expect(abs(pool.usdPerChipHour - rate) < 1e-12)
        // Capacity: 32 chips in service for 2 h. Energy: the site's facility energy at $0.08/kWh.
        let site = try #require(sink.sites["lab"])
        let energy = site.facilityEnergy.value * 0.08 / 3.6e6
        #expect(abs(pool.account.capacityUSD - 64 * rate) < 0.005)
        #expect(abs(pool.account.totalUSD - (64 * rate + energy)) < 0.005)
        #expect(abs(pool.account.carbonGrams - site.facilityEnergy.value * 400 / 3.6e6) < 0.5)
        // Job A: 16 chips × d_A; its 2 hosts at P_A × PUE 1.2 for d_A at $0.08/kWh and 400 g/kWh.
        let jobA = try #require(report.jobs.first { $0.name == "A" })
        let eA = 2 * a.hostWatts * 1.2 * a.seconds
        #expect(abs(jobA.capacityUSD - 16 * a.seconds / 3_600 * rate) < 0.005)
        #expect(abs(jobA.energyCostUSD - eA * 0.08 / 3.6e6) < 0.005)
        #expect(abs(jobA.carbonGrams - eA * 400 / 3.6e6) < 0.5)
        #expect(abs(jobA.facilityEnergyJ - eA) < 1)
        // Per trained token and per useful chip-hour: the same total over each.
        let tokens = Double(a.spec.job.steps) * Double(a.spec.job.tokensPerStep)
        #expect(abs(jobA.trainedTokens - tokens) < 1e-6 * tokens)
        #expect(abs(jobA.usdPerMillionTrainedTokens! - jobA.totalUSD / tokens * 1e6) < 1e-9)
        #expect(abs(jobA.usdPerUsefulChipHour! - jobA.totalUSD / (16 * a.seconds / 3_600)) < 1e-6)
    }

    @Test("rented capacity pays the price for every chip-hour in service and no energy on top")
    func rentedSpot() throws {
        let sink = CostSink()
        _ = Simulation.run(try Self.scenario(cost: #"{ rented: "spot", price: "$2/chip-h" }"#), sink: sink)
        let pool = try #require(sink.report?.pools.first)
        // 32 chips × 2 h × $2 = $128; the energy is reported but included in the price.
        #expect(abs(pool.account.totalUSD - 128) < 1e-9)
        #expect(pool.account.energyPaidUSD == 0)
        #expect(pool.account.energyCostUSD > 0)
        #expect(pool.costModel == "rented spot")
    }

    @Test("a rented term without a price uses the catalog's; spot without one is a located error")
    func catalogPrices() throws {
        let sink = CostSink()
        _ = Simulation.run(try Self.scenario(cost: #"{ rented: "on-demand" }"#), sink: sink)
        let pool = try #require(sink.report?.pools.first)
        #expect(abs(pool.usdPerChipHour - AcceleratorSpec.h100SXM.price!.onDemand.value) < 1e-12)
        #expect(throws: ScenarioError.self) { try Self.scenario(cost: #"{ rented: "spot" }"#) }
    }

    @Test("spot capacity is reclaimed as a Poisson process: each reclaim stops a job, the same way on every run")
    func spotReclaims() throws {
        let text = """
            { name: "spot", seed: 7, horizon: "100 h",
              fleet: {
                sites: [{ name: "lab", pue: 1.2, electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh" }],
                pools: [{ name: "gpu", site: "lab", chip: "h100-sxm", hosts: 1,
                          cost: { rented: "spot", price: "$2/chip-h", reclaim_every: "1 h" } }],
              } }
            """
        // One job longer than the horizon, restarted at once after every reclaim: it is always
        // running, so reclaims are a Poisson process of rate 1/h over 100 h: 100 ± 4σ (σ = 10).
        let job = try PowerCapTests.job("long", hosts: 1, minutes: 200 * 60).spec
        var counts: [Int] = []
        for _ in 0..<2 {
            let sink = CostSink()
            _ = Simulation.run(try ScenarioLoader.parse(text: text, fileName: "spot.json5"), training: [job], sink: sink)
            let pool = try #require(sink.report?.pools.first)
            #expect(sink.jobs["long"]?.preemptions == pool.spotReclaims)
            counts.append(pool.spotReclaims)
        }
        #expect(counts[0] == counts[1])
        #expect(counts[0] >= 60 && counts[0] <= 140, "\(counts[0]) reclaims")
        #expect(throws: ScenarioError.self) { try Self.scenario(cost: #"{ rented: "on-demand", reclaim_every: "1 h" }"#) }
    }

    @Test("with power-down, idle hosts draw nothing and a job first waits for its hosts to boot at idle power")
    func powerDown() throws {
        let scenario = try ScenarioLoader.parse(text: """
            { name: "off", seed: 1, horizon: "2 h",
              fleet: {
                sites: [{ name: "lab", pue: 1.0, electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh" }],
                pools: [{ name: "gpu", site: "lab", chip: "h100-sxm", hosts: 4, power_down: { boot: "5 min" } }],
              } }
            """, fileName: "off.json5")
        let job = try PowerCapTests.job("A", hosts: 2, minutes: 30)
        let sink = CostSink()
        _ = Simulation.run(scenario, training: [job.spec], sink: sink)
        // A starts at 0, its 2 hosts boot for 300 s at 2,410 W each, then run d_A at P_A; the
        // other 2 hosts, and all 4 afterwards, are off. It ends at 300 s + d_A.
        let result = try #require(sink.jobs["A"])
        #expect(abs(result.end!.seconds - (300 + job.seconds)) < 1e-6)
        let site = try #require(sink.sites["lab"])
        #expect(abs(site.itEnergy.value - (2 * 2_410 * 300 + 2 * job.hostWatts * job.seconds)) < 1e-3)
    }

    @Test("fabric and storage power draw while in service; embodied carbon is spread over the chips' lifetime")
    func overheadsAndEmbodied() throws {
        let scenario = try ScenarioLoader.parse(text: """
            { name: "extras", seed: 1, horizon: "2 h",
              fleet: {
                sites: [{ name: "lab", pue: 1.2, electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh" }],
                pools: [{ name: "gpu", site: "lab", chip: "h100-sxm", hosts: 4, network_power_per_chip: "25 W", storage_power: "1 kW",
                          embodied_carbon: { per_chip_kg: 1500, lifetime: "1825 d" } }],
              } }
            """, fileName: "extras.json5")
        let sink = CostSink()
        _ = Simulation.run(scenario, training: [], sink: sink)
        // Idle: 4 × 2,410 W + 32 chips × 25 W + 1,000 W = 11,440 W of IT for 7,200 s.
        let site = try #require(sink.sites["lab"])
        #expect(abs(site.itEnergy.value - 11_440 * 7_200) < 1e-6)
        // 32 chips × 7,200 s × 1.5e6 g / (1,825 × 86,400 s) = 2,191.78… g.
        let pool = try #require(sink.report?.pools.first)
        #expect(abs(pool.account.embodiedCarbonGrams - 32 * 7_200 * 1.5e6 / (1_825 * 86_400)) < 1e-9)
        #expect(abs(sink.report!.total.embodiedCarbonGrams - pool.account.embodiedCarbonGrams) < 1e-9)
    }

    @Test("cost, energy and carbon add up from pools to sites to the total, and pools match the site meters",
          arguments: 0..<6)
    func levelsAddUp(seed: UInt64) throws {
        var rng = RandomStream(seed: seed, key: StreamKey("cost-property"))
        let scenario = try ScenarioLoader.parse(text: """
            { name: "two-sites", seed: 1, horizon: "3 h",
              fleet: {
                sites: [{ name: "east", pue: { curve: [[0.2, 1.3], [1.0, 1.1]] }, electricity_price: ["$0.05/kWh", "$0.11/kWh", "$0.07/kWh"],
                          carbon_intensity: ["300 gCO2/kWh", "500 gCO2/kWh"] },
                        { name: "west", pue: 1.15, electricity_price: "$0.06/kWh", carbon_intensity: "100 gCO2/kWh",
                          power_cap: "60 kW", cap_action: "throttle" }],
                pools: [{ name: "e1", site: "east", chip: "h100-sxm", hosts: 4, cost: \(Self.owned) },
                        { name: "e2", site: "east", chip: "h100-sxm", hosts: 2, cost: { rented: "on-demand" } },
                        { name: "w1", site: "west", chip: "h100-sxm", hosts: 6, cost: \(Self.owned) }],
              } }
            """, fileName: "two-sites.json5")
        var jobs: [TrainingJobSpec] = []
        for index in 0..<8 {
            var job = try PowerCapTests.job("j\(index)", hosts: 1 + Int(rng.nextIndex(below: 2)), minutes: 10 + 60 * rng.nextUnit()).spec
            job.arrival = SimTime.zero + .minutes(Int64(rng.nextIndex(below: 120)))
            jobs.append(job)
        }
        let sink = CostSink()
        _ = Simulation.run(scenario, training: jobs, sink: sink)
        let report = try #require(sink.report)
        func close(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-9 * max(1, abs(y)) }
        for site in report.sites {
            let pools = report.pools.filter { $0.site == site.name }.map(\.account)
            #expect(close(pools.map(\.totalUSD).reduce(0, +), site.totalUSD))
            #expect(close(pools.map(\.carbonGrams).reduce(0, +), site.carbonGrams))
            let meter = try #require(sink.sites[site.name])
            // The pools' facility energy, cost and carbon are the site meter's, split by IT share.
            #expect(close(site.facilityEnergyJ, meter.facilityEnergy.value))
            #expect(close(site.energyCostUSD, meter.cost.value))
            #expect(close(site.carbonGrams, meter.carbonGrams))
        }
        #expect(close(report.sites.map(\.totalUSD).reduce(0, +), report.total.totalUSD))
        #expect(close(report.sites.map(\.facilityEnergyJ).reduce(0, +), report.total.facilityEnergyJ))
        // Jobs never account for more than their pools (idle hosts are the pool's).
        for pool in report.pools {
            let poolJobs = report.jobs.filter { job in sink.jobs[job.name]?.pool == pool.account.name }
            #expect(poolJobs.map(\.facilityEnergyJ).reduce(0, +) <= pool.account.facilityEnergyJ * (1 + 1e-12))
        }
    }
}
