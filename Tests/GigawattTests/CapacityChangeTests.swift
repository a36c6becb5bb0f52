import Fleet
import Gigawatt
import ScenarioFormat
import SimKernel
import Testing
import Workloads

@Suite("Capacity changes in a run")
struct CapacityChangeTests {
    private func scenario(capacity: String) throws -> Scenario {
        try ScenarioLoader.parse(text: """
            { name: "outage", seed: 1, horizon: "12 h",
              fleet: {
                sites: [{ name: "lab", pue: 1.0, electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh" }],
                pools: [{ name: "gpu", site: "lab", chip: "h100-sxm", hosts: 4 }],
                capacity: [\(capacity)],
              } }
            """, fileName: "outage.json5")
    }

    /// A 4-host job that checkpoints every 30 minutes of progress and would run ~`hours` hours.
    private func job(hours: Double) throws -> (TrainingJobSpec, Double) {
        var job = TrainingJob(model: .megatron1_7B, sequenceLength: 2048, globalBatch: 64, length: .steps(1),
                              parallelism: TrainingParallelism(data: 4, tensor: 8))
        let step = try StepTime.estimate(job, on: .switched(try Catalog.builtIn.spec("h100-sxm"), chips: 32)).step
        job.length = .steps(Int(hours * 3_600 / step))
        return (TrainingJobSpec(name: "big", job: job, checkpoint: CheckpointPolicy(interval: .every(.minutes(30)))), step)
    }

    @Test("an outage preempts the job, which resumes from its last checkpoint when the capacity is restored")
    func outageAndRestore() throws {
        // Timeline: big runs 0–1 h 10 min; an outage of 2 hosts then stops it (2 free hosts are
        // not enough for its 4), the progress since the 1 h checkpoint is lost; at 3 h the hosts
        // come back and it runs the rest.
        //   big: ███████·············██████████
        //        0      1h10         3h
        let (spec, step) = try job(hours: 2)
        let sink = TrainingResults()
        _ = Simulation.run(try scenario(capacity: """
            { pool: "gpu", at: "70 min", change: "outage", hosts: 2 },
            { pool: "gpu", at: "3 h", change: "restore", hosts: 2 }
            """), training: [spec], sink: sink)
        let big = try #require(sink.jobs["big"])
        #expect(big.outcome == .completed && big.preemptions == 1)
        #expect(big.start == .zero)  // the first start: its queue wait ended there
        // Kept: the steps of two whole 30-minute checkpoints = 2 × ⌊1,800 s / step⌋. Each
        // checkpoint write takes δ = 1.75e9 params × 14 B / 2 TB/s ≈ 12 ms (CheckpointCost), amortised
        // over its k steps; the restart at 3 h first reads the checkpoint back (δ again).
        let k = (1_800 / step).rounded(.down)
        let delta = CheckpointCost.writeSeconds(spec.job, policy: spec.checkpoint!)
        #expect(delta == spec.job.model.parameters * 14 / 2e12)
        let remaining = Double(spec.job.steps) - 2 * k
        let resumed = SimTime.zero + .hours(3) + SimDuration(secondsRoundingUp: delta)
        #expect(big.end == resumed + SimDuration(secondsRoundingUp: remaining / (1 / (step + delta / k))))
    }

    @Test("hosts out of service draw no power")
    func outageSavesPower() throws {
        let sink = AccountingSink()
        _ = Simulation.run(try scenario(capacity: """
            { pool: "gpu", at: "2 h", change: "outage", hosts: 3 },
            { pool: "gpu", at: "6 h", change: "restore", hosts: 1 }
            """), training: [], sink: sink)
        // Idle H100 host: 2,410 W (HostPowerModel); PUE 1. In service: 4 hosts for 2 h, 1 host
        // for 4 h, 2 hosts for 6 h = (8 + 4 + 12) host-hours × 2,410 W × 3,600 s.
        let site = try #require(sink.sites["lab"])
        #expect(abs(site.itEnergy.value - 24 * 2_410 * 3_600) < 1e-3)
    }

    @Test("a delivery adds hosts that new jobs can use")
    func delivery() throws {
        let (spec, _) = try job(hours: 1)
        var bigger = spec
        bigger.name = "eight-hosts"
        bigger.job.parallelism = TrainingParallelism(data: 8, tensor: 8)
        bigger.job.globalBatch = 128
        let sink = TrainingResults()
        _ = Simulation.run(try scenario(capacity: #"{ pool: "gpu", at: "1 h", change: "delivery", hosts: 4 }"#),
                           training: [bigger], sink: sink)
        let result = try #require(sink.jobs["eight-hosts"])
        #expect(result.outcome == .completed)
        #expect(result.start == SimTime.zero + .hours(1))
    }
}
