import Fleet
import Gigawatt
import ScenarioFormat
import Scheduling
import SimKernel
import Testing
import Workloads

/// Collects job results and the run's totals.
private final class RunRecords: TelemetrySink {
    var jobs: [String: TrainingJobResult] = [:]
    var order: [String] = []
    var totals: RunTotals?
    func record(_ record: TelemetryRecord) {
        switch record {
        case .trainingJob(let job):
            jobs[job.name] = job
            order.append(job.name)
        case .runFinished(let totals): self.totals = totals
        default: break
        }
    }
}

@Suite("Scheduling policies in a run")
struct SchedulingPolicyRunTests {
    /// One site with 4 HGX H100 hosts (32 GPUs).
    private func scenario(horizon: String = "30 d") throws -> Scenario {
        try ScenarioLoader.parse(text: """
            { name: "policies", seed: 3, horizon: "\(horizon)",
              fleet: {
                sites: [{ name: "lab", pue: 1.0, electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh" }],
                pools: [{ name: "gpu", site: "lab", chip: "h100-sxm", hosts: 4 }],
              } }
            """, fileName: "policies.json5")
    }

    /// Megatron's 1.7B GPT, 8-way tensor parallel inside a host, on `hosts` hosts.
    private func job(_ name: String, hosts: Int, steps: Int, at arrival: SimDuration = .zero, priority: Int = 0,
                     tenant: String? = nil, checkpointEvery: SimDuration? = nil) -> TrainingJobSpec {
        let job = TrainingJob(model: .megatron1_7B, sequenceLength: 2048, globalBatch: 16 * hosts, length: .steps(steps),
                              parallelism: TrainingParallelism(data: hosts, tensor: 8, microBatchSize: 1))
        return TrainingJobSpec(name: name, job: job, priority: priority, tenant: tenant, arrival: SimTime.zero + arrival,
                               checkpoint: checkpointEvery.map { CheckpointPolicy(interval: .every($0)) })
    }

    private func step(hosts: Int) throws -> Double {
        try StepTime.estimate(job("x", hosts: hosts, steps: 1).job, on: .switched(try Catalog.builtIn.spec("h100-sxm"), chips: 8 * hosts)).step
    }

    private func run(_ jobs: [TrainingJobSpec], policy: any SchedulingPolicy, horizon: String = "30 d") throws -> RunRecords {
        let records = RunRecords()
        var simulation = Simulation(scenario: try scenario(horizon: horizon), training: jobs, policy: policy, sink: records)
        while !simulation.isComplete { simulation.advance() }
        _ = simulation.finish()
        return records
    }

    @Test("priority: a high-priority job stops a low one, which resumes from its checkpoint when the chips come back")
    func preemptionInARun() throws {
        //   low:  ████████··········██████████
        //   high: ········██████████
        //         0      1 h       high ends
        let lowSteps = Int(3 * 3_600 / (try step(hosts: 4)))
        let highSteps = Int(3_600 / (try step(hosts: 2)))
        let jobs = [job("low", hosts: 4, steps: lowSteps, checkpointEvery: .minutes(30)),
                    job("high", hosts: 2, steps: highSteps, at: .hours(1), priority: 5)]
        let records = try run(jobs, policy: PriorityPolicy())
        let low = try #require(records.jobs["low"]), high = try #require(records.jobs["high"])
        #expect(high.start == SimTime.zero + .hours(1) && high.outcome == .completed)
        #expect(low.outcome == .completed && low.preemptions == 1)
        // It restarts when high ends, not before (the 2 hosts high leaves free are not enough).
        #expect(low.end! > high.end!)
        // Progress since the 1 h checkpoint (at most one checkpoint interval) was lost.
        #expect(low.lostChipHours >= 0 && low.lostChipHours <= 0.5 * 32 + 1e-9)
        // FIFO keeps high waiting until low ends instead.
        let fifo = try run(jobs, policy: FIFOPolicy())
        #expect(fifo.jobs["low"]!.preemptions == 0 && fifo.jobs["high"]!.start == fifo.jobs["low"]!.end)
    }

    @Test("fragmentation: free chips that cannot hold the smallest queued gang, averaged over the run")
    func fragmentation() throws {
        // A (1 host, ~2 h) runs; B (4 hosts) waits for it: the 3 free hosts (24 GPUs) cannot hold
        // B. When A ends B starts and the queue empties. Mean over a 10 h horizon = 24 × tA / 10 h.
        let aSteps = Int(2 * 3_600 / (try step(hosts: 1)))
        let records = try run([job("A", hosts: 1, steps: aSteps), job("B", hosts: 4, steps: 10)], policy: FIFOPolicy(), horizon: "10 h")
        let totals = try #require(records.totals)
        let aEnd = try #require(records.jobs["A"]?.end)
        #expect(totals.peakStrandedChips == 24)
        #expect(abs(totals.meanStrandedChips - 24 * (aEnd - SimTime.zero).seconds / 36_000) < 1e-9)
    }

    @Test("every policy runs a mixed workload to the end, deterministically", arguments: PolicyRegistry.names)
    func everyPolicy(name: String) throws {
        // 24 jobs of 1–4 hosts, two tenants, three priorities, arriving every 10 minutes.
        let jobs = (0..<24).map { i in
            job("j\(i)", hosts: 1 + i % 4, steps: 200 + 50 * (i % 5), at: .minutes(Int64(10 * i)), priority: i % 3,
                tenant: i % 2 == 0 ? "a" : "b", checkpointEvery: .minutes(5))
        }
        let first = try run(jobs, policy: PolicyRegistry.policy(named: name)!, horizon: "2 d")
        let second = try run(jobs, policy: PolicyRegistry.policy(named: name)!, horizon: "2 d")
        #expect(first.jobs == second.jobs && first.order == second.order && first.totals == second.totals)
        #expect(first.jobs.count == 24)
        #expect(first.jobs.values.allSatisfy { $0.outcome == .completed }, "\(first.jobs.values.filter { $0.outcome != .completed }.map(\.name))")
    }
}
