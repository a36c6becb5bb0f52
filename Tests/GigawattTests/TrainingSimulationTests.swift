import Fleet
import Gigawatt
import ScenarioFormat
import SimKernel
import Testing
import Workloads

/// Collects training results in memory.
final class TrainingResults: TelemetrySink {
    var jobs: [String: TrainingJobResult] = [:]
    func record(_ record: TelemetryRecord) {
        if case .trainingJob(let job) = record { jobs[job.name] = job }
    }
}

@Suite("Training jobs in the simulation")
struct TrainingSimulationTests {
    /// One site with 4 HGX H100 hosts (32 GPUs).
    private func scenario(horizon: String = "30 d") throws -> Scenario {
        try ScenarioLoader.parse(text: """
            { name: "train", seed: 7, horizon: "\(horizon)",
              fleet: {
                sites: [{ name: "lab", pue: 1.2, electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh" }],
                pools: [{ name: "gpu", site: "lab", chip: "h100-sxm", hosts: 4 }],
              } }
            """, fileName: "train.json5")
    }

    /// Megatron's 1.7B GPT, 8-way tensor parallel inside a host, `data` hosts.
    private func job(_ name: String, hosts: Int, steps: Int, arrival: SimDuration = .zero) -> TrainingJobSpec {
        let job = TrainingJob(model: .megatron1_7B, sequenceLength: 2048, globalBatch: 16 * hosts, length: .steps(steps),
                              parallelism: TrainingParallelism(data: hosts, tensor: 8, microBatchSize: 1))
        return TrainingJobSpec(name: name, job: job, arrival: SimTime.zero + arrival)
    }

    private func step(hosts: Int) throws -> Double {
        let h100 = try Catalog.builtIn.spec("h100-sxm")
        return try StepTime.estimate(job("x", hosts: hosts, steps: 1).job, on: .switched(h100, chips: 8 * hosts)).step
    }

    @Test("FIFO timeline: a job waits for room, the one behind it waits too, both start when it frees")
    func fifoTimeline() throws {
        // A (2 hosts) starts at 0; B (3 hosts) does not fit beside A and waits; C (1 host) would
        // fit but may not overtake B. When A ends, B and C start together.
        //   A: ████████
        //   B: ········██████████
        //   C: ········███
        let results = TrainingResults()
        let jobs = [job("A", hosts: 2, steps: 200), job("B", hosts: 3, steps: 100), job("C", hosts: 1, steps: 50)]
        _ = Simulation.run(try scenario(), training: jobs, sink: results)
        let a = try #require(results.jobs["A"]), b = try #require(results.jobs["B"]), c = try #require(results.jobs["C"])
        // A ends when its 200 steps are done, rounded up to the next nanosecond.
        let aEnd = SimTime.zero + SimDuration(secondsRoundingUp: 200 * (try step(hosts: 2)))
        #expect(a.outcome == .completed && a.start == .zero && a.end == aEnd)
        #expect(b.start == aEnd && c.start == aEnd)
        #expect(b.end == aEnd + SimDuration(secondsRoundingUp: 100 * (try step(hosts: 3))))
        #expect(b.queueWait(horizon: .zero) == aEnd - .zero)
        // Work is conserved: every completed job did all its steps, and held its chips exactly
        // from start to end.
        for result in [a, b, c] {
            #expect(result.progress == 1)
            #expect(abs(result.chipHours - Double(result.chips) * (result.end! - result.start!).seconds / 3_600) < 1e-9)
        }
    }

    @Test("a job too large for every pool is rejected at arrival with the reason")
    func rejectedJob() throws {
        let results = TrainingResults()
        _ = Simulation.run(try scenario(), training: [job("huge", hosts: 8, steps: 10)], sink: results)
        let huge = try #require(results.jobs["huge"])
        #expect(huge.outcome == .rejected)
        #expect(huge.reason?.contains("needs 8 units but the pool has 4") == true)
    }

    @Test("a job that does not fit a platform's memory is rejected naming the shortfall")
    func memoryShortfall() throws {
        // GPT-3 175B on 8 H100s (80 GB each) with no sharding: weights alone are 350 GB in BF16.
        let gpt3 = TrainingJob(model: .gpt3_175B, sequenceLength: 2048, globalBatch: 8, length: .steps(1),
                               parallelism: TrainingParallelism(data: 1, tensor: 8))
        let results = TrainingResults()
        _ = Simulation.run(try scenario(), training: [TrainingJobSpec(name: "gpt3", job: gpt3)], sink: results)
        let result = try #require(results.jobs["gpt3"])
        #expect(result.outcome == .rejected)
        #expect(result.reason?.contains("gpu: does not fit: needs") == true)
        #expect(result.reason?.contains("of HBM (short by") == true)
    }

    @Test("at the horizon, unfinished jobs report their state and exact progress")
    func horizonState() throws {
        let results = TrainingResults()
        let stepSeconds = try step(hosts: 4)
        // 1,000,000 steps will not finish in an hour; a second job queues behind it all along;
        // a third arrives after the horizon.
        let jobs = [job("long", hosts: 4, steps: 1_000_000), job("waiting", hosts: 1, steps: 1),
                    job("late", hosts: 1, steps: 1, arrival: .hours(2))]
        _ = Simulation.run(try scenario(horizon: "1 h"), training: jobs, sink: results)
        let long = try #require(results.jobs["long"])
        #expect(long.outcome == .running)
        // Progress = (3,600 s / step seconds) / 1,000,000 steps.
        #expect(abs(long.progress - 3_600 / stepSeconds / 1_000_000) < 1e-12)
        #expect(results.jobs["waiting"]?.outcome == .queued)
        #expect(results.jobs["late"]?.outcome == .notArrived)
    }

    @Test("the same jobs give identical results on every run")
    func deterministic() throws {
        func once() throws -> [String: TrainingJobResult] {
            let results = TrainingResults()
            let jobs = (0..<20).map { job("j\($0)", hosts: 1 + $0 % 4, steps: 10 + 7 * $0, arrival: .minutes(Int64($0 % 5))) }
            _ = Simulation.run(try scenario(), training: jobs, sink: results)
            return results.jobs
        }
        #expect(try once() == once())
    }
}
