import Fleet
import Gigawatt
import ScenarioFormat
import SimKernel
import Testing
import Workloads

@Suite("Hardware failures and checkpoints")
struct FailureTests {
    /// 8 HGX H100 hosts; hardware failing at `chipMTBF` per chip, no restart or repair delay
    /// unless given.
    private func scenario(seed: UInt64, chipMTBF: String, restart: String = "0 s", repair: String = "0 s",
                          horizon: String = "60 d") throws -> Scenario {
        try ScenarioLoader.parse(text: """
            { name: "failures", seed: \(seed), horizon: "\(horizon)",
              fleet: {
                sites: [{ name: "lab", pue: 1.0, electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh" }],
                pools: [{ name: "gpu", site: "lab", chip: "h100-sxm", hosts: 8 }],
                failures: { chip_mtbf: "\(chipMTBF)", restart: "\(restart)", repair: "\(repair)" },
              } }
            """, fileName: "failures.json5")
    }

    /// Megatron's 1.7B GPT on 4 hosts (32 GPUs) for about `hours` hours of progress.
    private func job(hours: Double, checkpoint: CheckpointPolicy?) throws -> (TrainingJobSpec, step: Double) {
        var job = TrainingJob(model: .megatron1_7B, sequenceLength: 2048, globalBatch: 64, length: .steps(1),
                              parallelism: TrainingParallelism(data: 4, tensor: 8))
        let step = try StepTime.estimate(job, on: .switched(try Catalog.builtIn.spec("h100-sxm"), chips: 32)).step
        job.length = .steps(Int(hours * 3_600 / step))
        return (TrainingJobSpec(name: "job", job: job, checkpoint: checkpoint), step)
    }

    @Test("the default chip MTBF is Llama 3's 419 interruptions in 54 days on 16,384 H100s")
    func llama3Rate() {
        // 16,384 × 54 × 24 h / 419 = 50,677.0 GPU-hours per interruption.
        #expect(abs(FailureModel.llama3ChipMTBF.seconds / 3_600 - 50_677.0) < 0.01)
        let model = FailureModel()
        // The whole 16,384-GPU job: one interruption per 50,677 / 16,384 = 3.09 h.
        let perHour = model.rate(chips: 16_384, hosts: 2_048, platform: .gpu) * 3_600
        #expect(abs(1 / perHour - 3.093) < 0.001)
        #expect(model.provenance(for: .gpu).hasPrefix("cited"))
        #expect(model.provenance(for: .tpu).hasPrefix("estimate"))
    }

    @Test("Daly's interval by hand, and no checkpoints when nothing fails")
    func dalyInterval() {
        // δ = 60 s, M = 3,600 s: √(2 · 60 · 3,600) − 60 = √432,000 − 60 = 657.27 − 60 = 597.27 s.
        #expect(abs(CheckpointCost.optimalInterval(writeSeconds: 60, meanTimeBetweenInterruptions: 3_600) - 597.27) < 0.01)
        // δ ≥ 2M: checkpoint every M.
        #expect(CheckpointCost.optimalInterval(writeSeconds: 100, meanTimeBetweenInterruptions: 40) == 40)
        #expect(CheckpointCost.optimalInterval(writeSeconds: 60, meanTimeBetweenInterruptions: .infinity) == .infinity)
        // A 70B model's checkpoint: 69e9 × 14 B = 966 GB, 0.48 s at 2 TB/s.
        #expect(CheckpointCost.size(of: .llama2_70B).value == ModelShape.llama2_70B.parameters * 14)
    }

    @Test("observed interruptions match rate × chip-hours held, over many seeds")
    func interruptionCount() throws {
        // 32 GPUs at 1,000 h per chip: λ = 0.032 per hour held. A job far longer than the
        // 10-day horizon holds its chips the whole time (restart and repair are instant and the
        // pool has spare hosts), so each run expects 0.032 × 240 = 7.7 interruptions. Over 200
        // seeds the total is Poisson with mean m = Σ λ · chip-hours / 32; accept |n − m| ≤ 4√m.
        let (spec, _) = try job(hours: 10_000, checkpoint: CheckpointPolicy(interval: .every(.hours(1))))
        var observed = 0
        var chipHours = 0.0
        for seed in 1...200 {
            let sink = TrainingResults()
            _ = Simulation.run(try scenario(seed: UInt64(seed), chipMTBF: "1000 h", horizon: "10 d"), training: [spec], sink: sink)
            let result = try #require(sink.jobs["job"])
            observed += result.interruptions
            chipHours += result.chipHours
        }
        let expected = chipHours / 1_000
        #expect(abs(chipHours - 200 * 240 * 32) < 1)  // held for the whole horizon in every run
        #expect(abs(Double(observed) - expected) <= 4 * expected.squareRoot(), "observed \(observed), expected \(expected)")
    }

    @Test("Daly's interval loses the least time in a sweep of checkpoint intervals")
    func dalyMinimisesLostTime() throws {
        // M = 1/λ = 2 h for 32 GPUs at 64 h per chip; δ = 120 s per checkpoint (write bandwidth
        // set from the checkpoint size). τ* = √(2 · 120 · 7,200) − 120 = 1,194.5 s. Expected
        // waste per hour of work ≈ δ/τ + τ/(2M): 0.100 + 0.083 at τ*, 0.050 + 0.166 at 2τ*,
        // 0.201 + 0.041 at τ*/2 — differences of hours over 100 h of work, far above the noise
        // of 60 seeds (the same seeds for every interval).
        let probe = try job(hours: 1, checkpoint: nil).0
        let size = CheckpointCost.size(of: probe.job.model).value
        let policy = { (interval: CheckpointPolicy.Interval) in
            CheckpointPolicy(interval: interval, writeBandwidth: BytesPerSecond(size / 120), restoreBandwidth: BytesPerSecond(size * 1e6))
        }
        let optimal = CheckpointCost.optimalInterval(writeSeconds: 120, meanTimeBetweenInterruptions: 7_200)
        #expect(abs(optimal - 1_194.5) < 0.1)
        var meanEnd: [Double: Double] = [:]
        for factor in [0.25, 0.5, 1, 2, 4] {
            let interval: CheckpointPolicy.Interval = factor == 1 ? .optimal : .every(SimDuration(seconds: optimal * factor))
            let (spec, _) = try job(hours: 100, checkpoint: policy(interval))
            var total = 0.0
            for seed in 1...60 {
                let sink = TrainingResults()
                _ = Simulation.run(try scenario(seed: UInt64(seed), chipMTBF: "64 h"), training: [spec], sink: sink)
                let result = try #require(sink.jobs["job"])
                #expect(result.outcome == .completed)
                total += result.end?.seconds ?? .infinity
            }
            meanEnd[factor] = total / 60
        }
        let best = meanEnd.min { $0.value < $1.value }!.key
        #expect(best == 1, "mean completion by interval factor: \(meanEnd.sorted { $0.key < $1.key })")
    }

    @Test("an interruption rolls back to the checkpoint, costs restart and restore, and takes a host to repair")
    func singleInterruption() throws {
        // With a 10 h chip MTBF the 32-GPU job (λ = 3.2/h) is interrupted within its first
        // hours; every interruption is counted, and the work it lost is at most one
        // checkpoint interval of the 4-host job.
        let (spec, step) = try job(hours: 3, checkpoint: CheckpointPolicy(interval: .every(.minutes(10))))
        let sink = TrainingResults()
        _ = Simulation.run(try scenario(seed: 3, chipMTBF: "10 h", restart: "5 min", repair: "1 h"), training: [spec], sink: sink)
        let result = try #require(sink.jobs["job"])
        #expect(result.outcome == .completed)
        #expect(result.interruptions > 0)
        let perCheckpoint = (600 / step).rounded(.down) * step * 32 / 3_600  // chip-hours of one interval
        #expect(result.lostChipHours <= Double(result.interruptions) * perCheckpoint + 1e-9)
        // Held chip-time covers the work kept, the lost work, the checkpoints and restarts.
        let goodput = try #require(result.goodput)
        #expect(goodput > 0 && goodput < 1)
        #expect(result.chipHours > 3 * 32)
    }
}
