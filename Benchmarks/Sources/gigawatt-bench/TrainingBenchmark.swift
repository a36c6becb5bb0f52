import BenchmarkSupport
import Fleet
import Foundation
import Gigawatt
import Scheduling
import ScenarioFormat
import SimKernel
import Workloads

/// Many training jobs on a large fleet over a month: the scheduler, placement and fluid-progress
/// paths under load.
///
/// Target (issue "Training jobs"): 10,000 jobs on a 100,000-chip fleet over 30 simulated days in
/// under 10 s of wall time and under 1 GiB.
struct TrainingBenchmark {
    var jobs: Int
    var seed: UInt64
    var policy: String
    /// A site power cap in MW and its action (`--cap-mw`, `--cap-action`): the power-cap paths
    /// under load (every instant re-solves the clock and re-times the running jobs).
    var capMegawatts: UInt64? = nil
    var capAction = "throttle"

    /// 100,000 GPUs at one site: 6,250 HGX H100 hosts and 6,250 HGX B200 hosts of 8 each.
    static let scenarioText = """
        { name: "bench-training", seed: 1, horizon: "30 d",
          fleet: {
            sites: [{ name: "site", pue: 1.15, electricity_price: "$0.07/kWh", carbon_intensity: "400 gCO2/kWh" }],
            pools: [
              { name: "h100", site: "site", chip: "h100-sxm", hosts: 6250 },          // 50,000 GPUs
              { name: "b200", site: "site", chip: "b200", hosts: 6250 },              // 50,000 GPUs
            ],
          } }
        """

    func run() throws {
        var text = Self.scenarioText
        if let capMegawatts {
            text = text.replacingOccurrences(of: #"carbon_intensity: "400 gCO2/kWh" }"#,
                                             with: #"carbon_intensity: "400 gCO2/kWh", power_cap: "\#(capMegawatts) MW", cap_action: "\#(capAction)" }"#)
        }
        let scenario = try ScenarioLoader.parse(text: text, fileName: "bench-training.json5")
        var rng = RandomStream(seed: seed, key: StreamKey("bench-training"))
        let sizes = [1, 1, 1, 2, 2, 4, 4, 8, 16, 32, 64, 128]  // hosts of 8 GPUs
        var inputs: [TrainingJobSpec] = []
        inputs.reserveCapacity(jobs)
        for index in 0..<jobs {
            let hosts = sizes[Int(rng.nextIndex(below: UInt64(sizes.count)))]
            let steps = 2_000 + Int(rng.nextIndex(below: 800_000))
            let job = TrainingJob(model: .megatron1_7B, sequenceLength: 2048, globalBatch: 64 * hosts, length: .steps(steps),
                                  parallelism: TrainingParallelism(data: hosts, tensor: 8))
            let arrival = SimTime.zero + SimDuration(seconds: 25 * 86_400 * rng.nextUnit())
            inputs.append(TrainingJobSpec(name: "job-\(index)", job: job, arrival: arrival))
        }
        inputs.sort { $0.arrival < $1.arrival }
        final class Count: TelemetrySink {
            var completed = 0, other = 0
            func record(_ record: TelemetryRecord) {
                if case .trainingJob(let job) = record { if job.outcome == .completed { completed += 1 } else { other += 1 } }
            }
        }
        let count = Count()
        let start = DispatchTime.now().uptimeNanoseconds
        guard let chosen = PolicyRegistry.policy(named: policy) else {
            throw CReference.Failure.runFailed("unknown policy '\(policy)' (policies: \(PolicyRegistry.names.joined(separator: ", ")))")
        }
        var simulation = Simulation(scenario: scenario, training: inputs, policy: chosen, sink: count)
        while !simulation.isComplete { simulation.advance() }
        let totals = simulation.finish()
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let peak = ProcessMemory.peakResidentText()
        let capped = capMegawatts.map { ", site cap \($0) MW (\(capAction))" } ?? ""
        print("training: \(jobs) jobs on 100,000 GPUs (6,250 H100 + 6,250 B200 hosts), 30 simulated days, policy \(policy), seed \(seed)\(capped)")
        print("  completed \(count.completed), not completed \(count.other), events \(totals.eventsProcessed)")
        print("  wall \(String(format: "%.3f", wall)) s (target < 10 s), \(String(format: "%.0f", Double(totals.eventsProcessed) / wall)) events/s, peak RSS \(peak) (target < 1 GiB)")
    }
}
