import BenchmarkSupport
import Fleet
import Foundation
import Gigawatt
import Scheduling
import ScenarioFormat
import SimKernel
import Workloads

/// Every scheduling policy under load, two ways:
///
/// 1. **One round**: a policy's `decide` on a view of 10,000 queued jobs (each allowed on all
///    three platforms) with the fleet half full of running jobs — the cost the simulation pays
///    every instant something changes. Median of repetitions.
/// 2. **A month**: 10,000 training jobs (priorities 0–3, four tenants) arriving over 25 days on
///    the same fleet, simulated for 30 days — wall time, events/s and the outcome counts.
///
/// Fleet: ~100,000 chips at one site: 4,000 HGX H100 hosts (32,000 GPUs), 136 TPU v6e pods
/// (34,816 chips) and 2,080 Trn1 instances (33,280 chips), with a 50 MW facility power cap
/// (below what the fleet draws fully busy, so `power-aware` holds work; the other policies
/// ignore the cap).
struct SchedulingBenchmark {
    var jobs: Int
    var seed: UInt64
    var repetitions: Int
    var policies: [String]
    var skipMonth: Bool
    /// Fleet size multiplier: `scale` copies of each pool (one pool's fabric has a size limit),
    /// and the cap `scale` times larger; 10 gives ~1,000,000 chips. Queued jobs in the round
    /// still have one option per platform (on a copy drawn per job), so only the fleet grows.
    var scale: Int = 1

    func scenarioText() -> String {
        let pools = (0..<scale).map { k in """
              { name: "h100-\(k)", site: "site", chip: "h100-sxm", hosts: 4000 },
              { name: "v6e-\(k)", site: "site", chip: "tpu-v6e", pods: 136 },
              { name: "trn1-\(k)", site: "site", chip: "trn1", instances: 2080 },
            """ }.joined(separator: "\n")
        return """
        { name: "bench-scheduling", seed: 1, horizon: "30 d",
          fleet: {
            sites: [{ name: "site", pue: 1.15, electricity_price: "$0.07/kWh", carbon_intensity: "400 gCO2/kWh",
                      power_cap: "\(50 * scale) MW" }],
            pools: [
        \(pools)
            ],
          } }
        """
    }

    /// The variants measured: every registered policy with default options, best-platform per objective.
    static func policy(_ name: String) -> (any SchedulingPolicy)? {
        var parameters = PolicyParameters()
        switch name {
        case "best-platform-cost": parameters.objective = .cost; return BestPlatformPolicy(parameters: parameters)
        case "fair-share": parameters.tenantWeights = ["t0": 4, "t1": 2, "t2": 1, "t3": 1]; return FairSharePolicy(parameters: parameters)
        default: return PolicyRegistry.policy(named: name, parameters: parameters)
        }
    }

    static let defaultPolicies = PolicyRegistry.names + ["best-platform-cost"]

    func run() throws {
        let scenario = try ScenarioLoader.parse(text: scenarioText(), fileName: "bench-scheduling.json5")
        let chips = scenario.fleet.pools.reduce(0) { $0 + $1.chips }
        print("scheduling: \(jobs) jobs on \(chips) chips (H100 + TPU v6e + Trn1), seed \(seed), release build")
        let view = roundView(scenario)
        let busy = view.occupancy.values.reduce(0) { $0 + $1.hierarchy.units - $1.freeUnits }
        print("  one round: \(view.queue.count) queued, \(view.running.count) running on \(busy) busy units; median of \(repetitions)")
        for name in policies {
            guard let policy = Self.policy(name) else { throw CReference.Failure.runFailed("unknown policy '\(name)'") }
            var walls: [Double] = []
            var decisions = 0
            for _ in 0..<repetitions {
                var fresh = policy
                let start = DispatchTime.now().uptimeNanoseconds
                decisions = fresh.decide(policy.usesPowerView ? view : view.withoutPower).count
                walls.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            print("    \(name.padding(toLength: 26, withPad: " ", startingAt: 0)) \(String(format: "%8.2f", median(walls) * 1e3)) ms, \(decisions) decisions")
        }
        guard !skipMonth else { return }
        let inputs = monthJobs()
        print("  30 simulated days, \(inputs.count) jobs arriving over 25 days:")
        final class Count: TelemetrySink {
            var completed = 0, rejected = 0, other = 0
            var totals: RunTotals?
            func record(_ record: TelemetryRecord) {
                switch record {
                case .trainingJob(let job):
                    switch job.outcome {
                    case .completed: completed += 1
                    case .rejected: rejected += 1
                    default: other += 1
                    }
                case .runFinished(let totals): self.totals = totals
                default: break
                }
            }
        }
        for name in policies {
            let count = Count()
            let start = DispatchTime.now().uptimeNanoseconds
            var simulation = Simulation(scenario: scenario, training: inputs, policy: Self.policy(name)!, sink: count)
            while !simulation.isComplete { simulation.advance() }
            let totals = simulation.finish()
            let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            print("    \(name.padding(toLength: 26, withPad: " ", startingAt: 0)) \(String(format: "%7.2f", wall)) s wall, \(String(format: "%9.0f", Double(totals.eventsProcessed) / wall)) events/s, completed \(count.completed), rejected \(count.rejected), unfinished \(count.other), mean stranded chips \(String(format: "%.0f", totals.meanStrandedChips))")
        }
        let peak = ProcessMemory.peakResidentText()
        print("  peak RSS \(peak)")
    }

    /// Job sizes in chips (powers of two, 8 … 1,024), tensor parallel 8.
    private static let sizes = [8, 8, 16, 16, 32, 64, 64, 128, 256, 512, 1_024]

    private func monthJobs() -> [TrainingJobSpec] {
        var rng = RandomStream(seed: seed, key: StreamKey("bench-scheduling-month"))
        var inputs: [TrainingJobSpec] = []
        inputs.reserveCapacity(jobs)
        for index in 0..<jobs {
            let chips = Self.sizes[Int(rng.nextIndex(below: UInt64(Self.sizes.count)))]
            let steps = 2_000 + Int(rng.nextIndex(below: 400_000))
            let job = TrainingJob(model: .megatron1_7B, sequenceLength: 2048, globalBatch: 8 * chips, length: .steps(steps),
                                  parallelism: TrainingParallelism(data: chips / 8, tensor: 8))
            let arrival = SimTime.zero + SimDuration(seconds: 25 * 86_400 * rng.nextUnit())
            inputs.append(TrainingJobSpec(name: "job-\(index)", job: job, priority: Int(rng.nextIndex(below: 4)),
                                          tenant: "t\(rng.nextIndex(below: 4))", arrival: arrival,
                                          checkpoint: CheckpointPolicy(interval: .every(.hours(1))), isPreemptible: true))
        }
        inputs.sort { $0.arrival < $1.arrival }
        return inputs
    }

    /// A view of one busy instant: the fleet filled to about half by running gangs, and `jobs`
    /// queued jobs with an option on each pool (predicted durations and estimates drawn).
    private func roundView(_ scenario: Scenario) -> SchedulerView {
        var rng = RandomStream(seed: seed, key: StreamKey("bench-scheduling-round"))
        var occupancy: [PoolID: PoolOccupancy] = [:]
        for pool in scenario.fleet.pools {
            let (hierarchy, installed) = UnitHierarchy.of(pool)
            occupancy[pool.id] = PoolOccupancy(hierarchy: hierarchy, installedUnits: installed)
        }
        let pools = scenario.fleet.pools.map(\.id)
        var running: [RunningJob] = []
        var id = jobs
        for pool in pools {
            var attempts = 0
            while occupancy[pool]!.freeUnits * 2 > occupancy[pool]!.hierarchy.units && attempts < 100_000 {
                attempts += 1
                let chips = Self.sizes[Int(rng.nextIndex(below: UInt64(Self.sizes.count)))]
                guard case .success(let placement) = occupancy[pool]!.place(PlacementRequest(chips: chips, chipsPerTightGroup: 8)) else { continue }
                running.append(RunningJob(id: JobID(id), pool: pool, units: placement.unitCount,
                                          expectedEnd: SimTime.zero + .minutes(Int64(1 + rng.nextIndex(below: 10_000))),
                                          priority: Int(rng.nextIndex(below: 4)), tenant: "t\(rng.nextIndex(below: 4))",
                                          isPreemptible: true, placement: placement))
                id += 1
            }
        }
        running.sort { ($0.expectedEnd, $0.id) < ($1.expectedEnd, $1.id) }
        let queue = (0..<jobs).map { index in
            let chips = Self.sizes[Int(rng.nextIndex(below: UInt64(Self.sizes.count)))]
            // One pool per platform: the copy is drawn per job (pools are listed platform-minor).
            let copy = Int(rng.nextIndex(below: UInt64(scale)))
            let options = pools[(3 * copy)..<(3 * copy + 3)].map { pool in
                let minutes = Int64(10 + rng.nextIndex(below: 5_000))
                let cost = 1 + rng.nextUnit() * 100
                return PlacementOption(pool: pool, request: PlacementRequest(chips: chips, chipsPerTightGroup: 8),
                                       predictedDuration: .minutes(minutes),
                                       estimate: RunEstimate(duration: .minutes(minutes), energy: Joules(cost * 1e6),
                                                             cost: Dollars(cost), carbon: GramsCO2(cost * 1e3)))
            }
            return QueuedJob(id: JobID(index), arrival: SimTime.zero + .seconds(Int64(index)), priority: Int(rng.nextIndex(below: 4)),
                             tenant: "t\(rng.nextIndex(below: 4))", options: options)
        }
        // Power: a limit with room for about a tenth more busy hosts, so power-aware both starts and holds.
        let power = PowerView(poolSite: pools.map { _ in 0 }, wattsPerBusyUnit: pools.map { _ in Watts(5_000) },
                              headroom: [Watts(5_000 * 500)], limit: [Watts(5e8)])
        return SchedulerView(now: SimTime.zero + .hours(1), queue: queue, running: running, occupancy: occupancy, power: power)
    }
}

private extension SchedulerView {
    var withoutPower: SchedulerView {
        var copy = self
        copy.power = nil
        return copy
    }
}
