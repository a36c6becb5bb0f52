import Fleet
import Gigawatt
import ScenarioFormat
import SimKernel
import Testing
import Workloads

/// Collects per-site energy totals and training results.
final class AccountingSink: TelemetrySink {
    var sites: [String: SiteEnergyTotals] = [:]
    var jobs: [String: TrainingJobResult] = [:]
    func record(_ record: TelemetryRecord) {
        switch record {
        case .siteEnergy(let totals): sites[totals.site] = totals
        case .trainingJob(let job): jobs[job.name] = job
        default: break
        }
    }
}

@Suite("Energy, cost and carbon accounting")
struct EnergyAccountingTests {
    private func scenario(price: String) throws -> Scenario {
        try ScenarioLoader.parse(text: """
            { name: "energy", seed: 1, horizon: "2 h",
              fleet: {
                sites: [{ name: "lab", pue: 1.2, electricity_price: \(price), carbon_intensity: "400 gCO2/kWh" }],
                pools: [{ name: "gpu", site: "lab", chip: "h100-sxm", hosts: 4 }],
              } }
            """, fileName: "energy.json5")
    }

    private func job(_ name: String, hosts: Int, minutes: Double) throws -> TrainingJobSpec {
        var job = TrainingJob(model: .megatron1_7B, sequenceLength: 2048, globalBatch: 16 * hosts, length: .steps(1),
                              parallelism: TrainingParallelism(data: hosts, tensor: 8))
        let step = try StepTime.estimate(job, on: .switched(try Catalog.builtIn.spec("h100-sxm"), chips: 8 * hosts)).step
        job.length = .steps(Int(minutes * 60 / step))
        return TrainingJobSpec(name: name, job: job)
    }

    /// What one H100 host draws running `job(_:hosts:minutes:)` at full clock: the activity
    /// model on its step breakdown, P = 2,410 + (10,200 − 2,410) · d (ActivityPowerModelTests
    /// checks d by hand).
    private func busyHostWatts(hosts: Int) throws -> Double {
        let job = TrainingJob(model: .megatron1_7B, sequenceLength: 2048, globalBatch: 16 * hosts, length: .steps(1),
                              parallelism: TrainingParallelism(data: hosts, tensor: 8))
        let step = try StepTime.estimate(job, on: .switched(try Catalog.builtIn.spec("h100-sxm"), chips: 8 * hosts))
        return 2_410 + (10_200 - 2_410) * ActivityPowerModel.calibrated.dynamicShare(step.activity)
    }

    @Test("a two-job, two-hour run matches the hand calculation to the joule, cent and gram")
    func twoJobsTwoHours() throws {
        let sink = AccountingSink()
        _ = Simulation.run(try scenario(price: #""$0.08/kWh""#),
                           training: [try job("A", hosts: 2, minutes: 30), try job("B", hosts: 1, minutes: 50)], sink: sink)
        let a = try #require(sink.jobs["A"]), b = try #require(sink.jobs["B"])
        let dA = (a.end! - a.start!).seconds, dB = (b.end! - b.start!).seconds
        // H100 host: 8 × 700 W + 4,600 W overhead = 10,200 W at peak [hpctech-h100][latif-h100-node];
        // idle at 2.41/10.2 of it = 2,410 W (HostPowerModel); busy at its job's activity.
        // IT energy = 4 hosts idle for 7,200 s + the busy premium of 3 host-runs:
        //   4 × 2,410 × 7,200 + 2 × (P_A − 2,410) × dA + (P_B − 2,410) × dB
        let pA = try busyHostWatts(hosts: 2), pB = try busyHostWatts(hosts: 1)
        let it = 4 * 2_410 * 7_200 + 2 * (pA - 2_410) * dA + (pB - 2_410) * dB
        let facility = it * 1.2
        let site = try #require(sink.sites["lab"])
        #expect(abs(site.itEnergy.value - it) < 1)
        #expect(abs(site.facilityEnergy.value - facility) < 1)
        // $0.08/kWh = 0.08 / 3.6e6 $/J; 400 g/kWh = 400 / 3.6e6 g/J.
        #expect(abs(site.cost.value - facility * 0.08 / 3.6e6) < 0.01)
        #expect(abs(site.carbonGrams - facility * 400 / 3.6e6) < 1)
        // Peak: both jobs running, 3 hosts busy and 1 idle: (2·P_A + P_B + 2,410) × 1.2.
        #expect(abs(site.peakFacilityPower.value - (2 * pA + pB + 2_410) * 1.2) < 1e-6)
    }

    @Test("an hourly price applies hour by hour")
    func hourlyPrice() throws {
        let sink = AccountingSink()
        _ = Simulation.run(try scenario(price: #"["$0.05/kWh", "$0.10/kWh"]"#), sink: sink)
        let site = try #require(sink.sites["lab"])
        // Idle all along: 4 × 2,410 W × 1.2 = 11,568 W for 1 h at $0.05/kWh and 1 h at $0.10/kWh:
        // 11.568 kWh × 0.05 + 11.568 kWh × 0.10 = $1.7352.
        #expect(abs(site.cost.value - 1.7352) < 1e-9)
        #expect(abs(site.facilityEnergy.value - 11_568 * 7_200) < 1e-6)
    }

    @Test("energy equals the integral of power over random job mixes", arguments: 0..<10)
    func energyIsIntegralOfPower(seed: UInt64) throws {
        var rng = RandomStream(seed: seed, key: StreamKey("energy-property"))
        let sink = AccountingSink()
        var jobs: [TrainingJobSpec] = []
        for index in 0..<6 {
            var input = try job("j\(index)", hosts: 1 + Int(rng.nextIndex(below: 4)), minutes: 5 + 40 * rng.nextUnit())
            input.arrival = SimTime.zero + .minutes(Int64(rng.nextIndex(below: 90)))
            jobs.append(input)
        }
        _ = Simulation.run(try scenario(price: #""$0.08/kWh""#), training: jobs, sink: sink)
        // Rebuild IT power from the job intervals by hand: idle baseline plus each job's busy
        // premium over the time it held its hosts (clipped to the horizon).
        let horizon = 7_200.0
        var it = 4 * 2_410 * horizon
        for result in sink.jobs.values {
            guard let start = result.start else { continue }
            let end = result.end?.seconds ?? horizon
            it += Double(result.chips / 8) * (try busyHostWatts(hosts: result.chips / 8) - 2_410) * (end - start.seconds)
        }
        let site = try #require(sink.sites["lab"])
        #expect(abs(site.itEnergy.value - it) < 1e-6 * it)
    }
}
