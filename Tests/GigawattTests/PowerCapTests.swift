import Fleet
import Foundation
import Gigawatt
import ScenarioFormat
import Scheduling
import SimKernel
import Testing
import Workloads

/// Collects power samples, job results and cap reports.
final class CapSink: TelemetrySink {
    var samples: [SitePowerSample] = []
    var jobs: [String: TrainingJobResult] = [:]
    var caps: [PowerCapReport] = []
    var sites: [String: SiteEnergyTotals] = [:]
    func record(_ record: TelemetryRecord) {
        switch record {
        case .sitePower(let sample): samples.append(sample)
        case .trainingJob(let job): jobs[job.name] = job
        case .powerCap(let report): caps.append(report)
        case .siteEnergy(let totals): sites[totals.site] = totals
        default: break
        }
    }

    /// The facility power in force after each instant: the last sample at each time.
    var powerAfterEachInstant: [(time: SimTime, watts: Double)] {
        var result: [(SimTime, Double)] = []
        for sample in samples {
            if let last = result.last, last.0 == sample.time { result.removeLast() }
            result.append((sample.time, sample.facilityPower))
        }
        return result
    }
}

@Suite("Power caps")
struct PowerCapTests {
    static let h100 = try! Catalog.builtIn.spec("h100-sxm")

    /// A Megatron 1.7B job on `hosts` H100 hosts lasting about `minutes` at full clock; its
    /// exact nominal duration (steps × step) and the power of one of its hosts at full clock.
    struct Job {
        var spec: TrainingJobSpec
        var seconds: Double
        var hostWatts: Double
        var chips: Int { spec.job.parallelism.chips }
    }

    static func job(_ name: String, hosts: Int, minutes: Double, priority: Int = 0) throws -> Job {
        var job = TrainingJob(model: .megatron1_7B, sequenceLength: 2048, globalBatch: 16 * hosts, length: .steps(1),
                              parallelism: TrainingParallelism(data: hosts, tensor: 8))
        let step = try StepTime.estimate(job, on: .switched(h100, chips: 8 * hosts))
        let steps = Int(minutes * 60 / step.step)
        job.length = .steps(steps)
        // Host: 2,410 W idle + (10,200 − 2,410) W × d(activity) (ActivityPowerModelTests).
        return Job(spec: TrainingJobSpec(name: name, job: job, priority: priority), seconds: Double(steps) * step.step,
                   hostWatts: 2_410 + 7_790 * ActivityPowerModel.calibrated.dynamicShare(step.activity))
    }

    static func scenario(hosts: Int, cap: Double, action: String, windows: String = "") throws -> Scenario {
        try ScenarioLoader.parse(text: """
            { name: "capped", seed: 1, horizon: "3 h",
              fleet: {
                sites: [{ name: "lab", pue: 1.2, electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh",
                          power_cap: "\(cap) W", cap_action: "\(action)" \(windows) }],
                pools: [{ name: "gpu", site: "lab", chip: "h100-sxm", hosts: \(hosts) }],
              } }
            """, fileName: "capped.json5")
    }

    @Test("throttling keeps facility power at or under the cap and stretches completion by 1/f, phase by phase")
    func throttleStretchesExactly() throws {
        let a = try Self.job("A", hosts: 2, minutes: 30), b = try Self.job("B", hosts: 1, minutes: 50)
        // 3 hosts idle: 7,230 W. Dynamic with both running: D = 2 (P_A − 2,410) + (P_B − 2,410).
        // Cap = 1.2 × (7,230 + D / 2), so both run at f with f³ = 1/2.
        let dynamic = 2 * (a.hostWatts - 2_410) + (b.hostWatts - 2_410)
        let cap = 1.2 * (7_230 + dynamic / 2)
        let sink = CapSink()
        _ = Simulation.run(try Self.scenario(hosts: 3, cap: cap, action: "throttle"), training: [a.spec, b.spec], sink: sink)
        for (time, watts) in sink.powerAfterEachInstant {
            // 1e-9 relative: the meter sums the same terms in another order than the solver.
            #expect(watts <= cap * (1 + 1e-9), "facility \(watts) W over the cap \(cap) W at \(time)")
        }
        let f = cbrt(0.5)
        let resultA = try #require(sink.jobs["A"]), resultB = try #require(sink.jobs["B"])
        // A runs at f throughout: it ends at T_A = d_A / f.
        let endA = a.seconds / f
        #expect(abs(resultA.end!.seconds - endA) < 1e-6)
        // B alone fits the cap (P_B − 2,410 ≤ D / 2), so it finishes its rest at full clock:
        // done by T_A is T_A · f of work; end = T_A + (d_B − T_A · f).
        #expect(abs(resultB.end!.seconds - (endA + b.seconds - endA * f)) < 1e-6)
        let report = try #require(sink.caps.first)
        #expect(abs(report.lowestClock - f) < 1e-9)  // the solver aims 1e-12 under the cap
        #expect(abs(report.timeAtCapSeconds - endA) < 1e-6)
        // Avoided: 1.2 × D × (1 − f³) over T_A; delayed: 24 chips × (1 − f) over T_A.
        #expect(abs(report.energyAvoided.value - 1.2 * dynamic * 0.5 * endA) < 1e-3)
        #expect(abs(report.delayedChipHours - 24 * (1 - f) * endA / 3_600) < 1e-9)
        #expect(report.timeOverCapSeconds == 0)
    }

    @Test("a pool's IT cap throttles the pool's jobs alone, with no PUE in the solve")
    func poolCap() throws {
        let a = try Self.job("A", hosts: 2, minutes: 30), b = try Self.job("B", hosts: 1, minutes: 50)
        let dynamic = 2 * (a.hostWatts - 2_410) + (b.hostWatts - 2_410)
        // IT cap = 7,230 + D / 2: f³ = 1/2 while both run, as in the site test but before PUE.
        let cap = 7_230 + dynamic / 2
        let scenario = try ScenarioLoader.parse(text: """
            { name: "pool-capped", seed: 1, horizon: "3 h",
              fleet: {
                sites: [{ name: "lab", pue: 1.2, electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh" }],
                pools: [{ name: "gpu", site: "lab", chip: "h100-sxm", hosts: 3, power_cap: "\(cap) W", cap_action: "throttle" }],
              } }
            """, fileName: "pool-capped.json5")
        let sink = CapSink()
        _ = Simulation.run(scenario, training: [a.spec, b.spec], sink: sink)
        for sample in sink.samples { #expect(sample.itPower <= cap * (1 + 1e-9) || sample.time == .zero) }
        let f = cbrt(0.5), endA = a.seconds / f
        #expect(abs(try #require(sink.jobs["A"]?.end).seconds - endA) < 1e-6)
        #expect(abs(try #require(sink.jobs["B"]?.end).seconds - (endA + b.seconds - endA * f)) < 1e-6)
        let report = try #require(sink.caps.first)
        #expect(report.domain == "pool gpu")
        #expect(abs(report.lowestClock - f) < 1e-9)  // the solver aims 1e-12 under the cap
    }

    @Test("throttling by priority slows the lowest priority alone while that is enough")
    func throttleByPriority() throws {
        let a = try Self.job("A", hosts: 2, minutes: 30, priority: 1), b = try Self.job("B", hosts: 1, minutes: 50)
        let dA = 2 * (a.hostWatts - 2_410), dB = b.hostWatts - 2_410
        // Cap = 1.2 × (7,230 + D_A + D_B / 2): A keeps full clock, B alone runs at f_B with f_B³ = 1/2.
        let cap = 1.2 * (7_230 + dA + dB / 2)
        let sink = CapSink()
        _ = Simulation.run(try Self.scenario(hosts: 3, cap: cap, action: "throttle", windows: #", throttle_by: "priority""#),
                           training: [a.spec, b.spec], sink: sink)
        for (_, watts) in sink.powerAfterEachInstant { #expect(watts <= cap * (1 + 1e-9)) }
        let f = cbrt(0.5)
        // A is untouched; B runs at f until A ends at d_A, then at full clock.
        #expect(abs(try #require(sink.jobs["A"]?.end).seconds - a.seconds) < 1e-6)
        #expect(abs(try #require(sink.jobs["B"]?.end).seconds - (a.seconds + b.seconds - a.seconds * f)) < 1e-6)
        #expect(abs(try #require(sink.caps.first).lowestClock - f) < 1e-9)  // the solver aims 1e-12 under the cap
    }

    @Test("hold admits nothing that would exceed the cap until the running work ends")
    func holdWaitsForHeadroom() throws {
        let a = try Self.job("A", hosts: 2, minutes: 30), b = try Self.job("B", hosts: 1, minutes: 50)
        // Room for A alone: cap halfway between A running and A + B running.
        let cap = 1.2 * (7_230 + 2 * (a.hostWatts - 2_410) + (b.hostWatts - 2_410) / 2)
        let sink = CapSink()
        _ = Simulation.run(try Self.scenario(hosts: 3, cap: cap, action: "hold"), training: [a.spec, b.spec], sink: sink)
        let resultA = try #require(sink.jobs["A"]), resultB = try #require(sink.jobs["B"])
        #expect(resultA.start == .zero)
        #expect(resultB.start == resultA.end)
        for (_, watts) in sink.powerAfterEachInstant { #expect(watts <= cap) }
        let report = try #require(sink.caps.first)
        let wait = resultA.end!.seconds
        #expect(abs(report.timeAtCapSeconds - wait) < 1e-9)
        // B's 8 chips waited for A; its host would have drawn P_B − 2,410 W more, × PUE 1.2.
        #expect(abs(report.delayedChipHours - 8 * wait / 3_600) < 1e-9)
        #expect(abs(report.energyAvoided.value - 1.2 * (b.hostWatts - 2_410) * wait) < 1e-3)
    }

    @Test("under hold, a priority preemption the cap would refuse does not happen: the victim keeps running")
    func holdKeepsVictims() throws {
        // B (priority 0, 2 hosts) runs from 0; A (priority 1, 3 hosts) arrives at 10 min. The
        // priority policy stops B to make room for A, but the cap admits only 2 busy hosts, so A
        // is refused — and B must not have been stopped for nothing.
        let b = try Self.job("B", hosts: 2, minutes: 60)
        var a = try Self.job("A", hosts: 3, minutes: 30, priority: 1).spec
        a.arrival = SimTime.zero + .minutes(10)
        let cap = 1.2 * (7_230 + 2 * (b.hostWatts - 2_410) + 1)  // 3 idle hosts + B: room for B alone
        let sink = CapSink()
        var simulation = Simulation(scenario: try Self.scenario(hosts: 3, cap: cap, action: "hold"), training: [b.spec, a],
                                    policy: PriorityPolicy(), sink: sink)
        while !simulation.isComplete { simulation.advance() }
        _ = simulation.finish()
        let resultB = try #require(sink.jobs["B"]), resultA = try #require(sink.jobs["A"])
        #expect(resultB.preemptions == 0)
        #expect(resultB.start == .zero)
        let endB = try #require(resultB.end)
        #expect(abs(endB.seconds - b.seconds) < 1e-6)
        #expect(resultA.start.map { $0 >= endB } ?? true)
        for (_, watts) in sink.powerAfterEachInstant { #expect(watts <= cap) }
    }

    @Test("a job held at arrival counts as waiting from its arrival, even when no power changes then")
    func holdCountsFromArrival() throws {
        let a = try Self.job("A", hosts: 2, minutes: 30)
        var b = try Self.job("B", hosts: 1, minutes: 50).spec
        b.arrival = SimTime.zero + .minutes(10)
        let cap = 1.2 * (7_230 + 2 * (a.hostWatts - 2_410) + 1)  // room for A only
        let sink = CapSink()
        _ = Simulation.run(try Self.scenario(hosts: 3, cap: cap, action: "hold"), training: [a.spec, b], sink: sink)
        let endA = try #require(sink.jobs["A"]?.end).seconds
        #expect(sink.jobs["B"]?.start?.seconds == endA)
        // B's 8 chips wait from 600 s to A's end.
        #expect(abs(try #require(sink.caps.first).delayedChipHours - 8 * (endA - 600) / 3_600) < 1e-9)
    }

    @Test("preempt stops the lowest-priority job when a demand-response window lowers the cap")
    func preemptInWindow() throws {
        let a = try Self.job("A", hosts: 2, minutes: 30, priority: 1), b = try Self.job("B", hosts: 1, minutes: 50)
        let both = 1.2 * (7_230 + 2 * (a.hostWatts - 2_410) + (b.hostWatts - 2_410))
        let onlyA = 1.2 * (7_230 + 2 * (a.hostWatts - 2_410))
        let window = #", cap_windows: [{ from: "10 min", to: "20 min", cap: "\#(onlyA + 1) W" }]"#
        let sink = CapSink()
        _ = Simulation.run(try Self.scenario(hosts: 3, cap: both + 1, action: "preempt", windows: window),
                           training: [a.spec, b.spec], sink: sink)
        let resultA = try #require(sink.jobs["A"]), resultB = try #require(sink.jobs["B"])
        // A is untouched; B (priority 0, no checkpoints) loses its first 10 minutes and restarts
        // from zero when the window closes at 20 min: it ends at 20 min + d_B.
        #expect(abs(resultA.end!.seconds - a.seconds) < 1e-6)
        #expect(resultB.preemptions == 1)
        #expect(abs(resultB.end!.seconds - (1_200 + b.seconds)) < 1e-6)
        let report = try #require(sink.caps.first)
        #expect(report.preemptions == 1)
        #expect(abs(report.lostChipHours - 8 * 600 / 3_600) < 1e-9)
        #expect(abs(report.timeAtCapSeconds - 600) < 1e-9)
        for (time, watts) in sink.powerAfterEachInstant where time >= SimTime.zero + .minutes(10) && time < SimTime.zero + .minutes(20) {
            #expect(watts <= onlyA + 1)
        }
    }

    @Test("cap fields are checked with their location: windows need an action, an action needs a cap, windows end after they start",
          arguments: [
              (#"power_cap: "1 MW", cap_windows: [{ from: "1 h", to: "2 h", cap: "1 kW" }]"#, "cap_windows needs cap_action"),
              (#"cap_action: "throttle""#, "cap_action needs something to enforce"),
              (#"power_cap: "1 MW", cap_action: "hold", cap_windows: [{ from: "2 h", to: "1 h", cap: "1 kW" }]"#, "ends after it starts"),
              (#"power_cap: "1 MW", cap_action: "slow""#, "cap action"),
              (#"power_cap: "1 MW", cap_action: "hold", throttle_by: "priority""#, "throttle_by applies"),
          ])
    func capFieldErrors(fields: String, message: String) {
        do {
            _ = try ScenarioLoader.parse(text: """
                { name: "bad", seed: 1, horizon: "1 h",
                  fleet: { sites: [{ name: "s", pue: 1.1, electricity_price: 0, carbon_intensity: 0, \(fields) }] } }
                """, fileName: "bad.json5")
            Issue.record("accepted: \(fields)")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
            #expect("\(error)".contains("bad.json5:2:"), "\(error)")
        }
    }

    @Test("under throttling, power never exceeds the cap over random job mixes", arguments: 0..<8)
    func throttleNeverExceeds(seed: UInt64) throws {
        var rng = RandomStream(seed: seed, key: StreamKey("cap-property"))
        var jobs: [TrainingJobSpec] = []
        for index in 0..<6 {
            var job = try Self.job("j\(index)", hosts: 1 + Int(rng.nextIndex(below: 3)), minutes: 5 + 40 * rng.nextUnit()).spec
            job.arrival = SimTime.zero + .minutes(Int64(rng.nextIndex(below: 90)))
            jobs.append(job)
        }
        // Between idle (8 × 2,410 W × 1.2 = 23,136 W) and everything busy at peak (97,920 W),
        // above what the minimum clock f = 0.1 can reach (idle + 0.1³ of the dynamic part).
        let cap = 25_000 + 50_000 * rng.nextUnit()
        let sink = CapSink()
        _ = Simulation.run(try Self.scenario(hosts: 8, cap: cap, action: "throttle"), training: jobs, sink: sink)
        for (time, watts) in sink.powerAfterEachInstant {
            #expect(watts <= cap * (1 + 1e-9), "facility \(watts) W over the cap \(cap) W at \(time)")
        }
        let site = try #require(sink.sites["lab"])
        #expect(site.peakFacilityPower.value <= cap * (1 + 1e-9))
    }
}
