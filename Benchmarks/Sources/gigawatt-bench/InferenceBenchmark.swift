import BenchmarkSupport
import Fleet
import Foundation
import Gigawatt
import ScenarioFormat
import SimKernel
import Workloads

/// Inference services at both fidelities, at the sizes issue "Inference services" asks for:
///
/// - iteration: 1,000,000 requests (Poisson, Azure-conversation lengths) on 64 Llama-2-70B
///   replicas of 8 × H100 at 60% of their fluid-model capacity. Target < 10 s wall.
/// - fluid: 1,000 services of 8 such replicas each (64,000 GPUs), diurnal traffic, 30 days.
///   Target < 5 s wall.
///
/// Results are counted, not kept: the sink only tallies, as requests.csv would stream them.
enum InferenceBenchmark {
    static func main(_ arguments: [String]) throws {
        let requests = Int(option("--requests", default: 1_000_000, in: arguments))
        let services = Int(option("--services", default: 1_000, in: arguments))
        let only = arguments.first { !$0.hasPrefix("--") && UInt64($0) == nil }
        if only == nil || only == "iteration" { try iteration(requests: requests) }
        if only == nil || only == "fluid" { try fluid(services: services) }
    }

    final class Tally: TelemetrySink {
        var completed = 0, rejected = 0, intervals = 0
        var service: InferenceServiceResult?
        func record(_ record: TelemetryRecord) {
            switch record {
            case .inferenceRequest(let r): if r.outcome == .completed { completed += 1 } else { rejected += 1 }
            case .inferenceInterval: intervals += 1
            case .inferenceService(let s): service = s
            default: break
            }
        }
    }

    static func fleet(hosts: Int) -> String {
        """
        fleet: { sites: [{ name: "site", pue: 1.15, electricity_price: "$0.07/kWh", carbon_intensity: "400 gCO2/kWh" }],
                 pools: [{ name: "h100", site: "site", chip: "h100-sxm", hosts: \(hosts) }] }
        """
    }

    static func iteration(requests: Int) throws {
        let replicas = 64
        let lengths = RequestLengthModel.azureConversation
        let model = FluidServiceModel(
            performance: ReplicaPerformanceModel(replica: InferenceReplicaSpec(model: .llama2_70B, parallelism: ReplicaParallelism(tensor: 8)),
                                                 accelerator: Catalog.builtIn["h100-sxm"]!),
            meanPromptTokens: lengths.prompt.mean, meanOutputTokens: min(lengths.output.mean, Double(lengths.maxOutputTokens)))
        let rate = 0.6 * Double(replicas) * model.saturated.throughput
        // A 0.5% longer horizon, so that Poisson noise still brings at least `requests` arrivals.
        let horizon = Double(requests) / rate * 1.005
        let text = """
            { name: "bench-inference-iteration", seed: 1, horizon: "\(Int(horizon.rounded(.up))) s", \(fleet(hosts: replicas)),
              workloads: { inference: [{ name: "chat", model: "llama-2-70b", parallelism: { tensor: 8 }, replicas: \(replicas),
                                         requests: { arrival: "poisson", rate: \(rate) } }] } }
            """
        let scenario = try ScenarioLoader.parse(text: text, fileName: "bench-inference-iteration.json5")
        let tally = Tally()
        let start = DispatchTime.now().uptimeNanoseconds
        var simulation = Simulation(scenario: scenario, sink: tally)
        while !simulation.isComplete { simulation.advance() }
        let totals = simulation.finish()
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let peak = ProcessMemory.peakResidentText()
        let s = tally.service
        print("inference iteration: \(replicas) replicas (Llama-2-70B, 8 × H100), Poisson \(String(format: "%.1f", rate)) req/s "
              + "(60% of fluid capacity), \(String(format: "%.0f", horizon)) s simulated")
        print("  requests \(s?.arrived ?? 0) arrived, \(tally.completed) completed, \(tally.rejected) rejected, "
              + "events \(totals.eventsProcessed); TTFT p50 \(ms(s?.ttft.p50)) ms, TPOT p50 \(ms(s?.tpot.p50)) ms")
        print("  wall \(String(format: "%.3f", wall)) s (target < 10 s), \(String(format: "%.0f", Double(totals.eventsProcessed) / wall)) events/s, "
              + "\(String(format: "%.0f", Double(s?.arrived ?? 0) / wall)) requests/s, peak RSS \(peak)")
    }

    static func fluid(services: Int) throws {
        let perService = 8
        var entries: [String] = []
        for i in 0..<services {
            // Mean rates spread over 20–60 requests/s so services differ; peaks at different hours.
            let rate = 20 + Double(i % 41)
            entries.append(#"{ name: "s\#(i)", model: "llama-2-70b", parallelism: { tensor: 8 }, replicas: \#(perService), fidelity: "fluid", requests: { arrival: "diurnal", rate: \#(rate), peak_to_trough: 3, peak_at: "\#(i % 24) h" } }"#)
        }
        let text = """
            { name: "bench-inference-fluid", seed: 1, horizon: "30 d", \(fleet(hosts: services * perService)),
              workloads: { inference: [\(entries.joined(separator: ",\n"))] } }
            """
        let parseStart = DispatchTime.now().uptimeNanoseconds
        let scenario = try ScenarioLoader.parse(text: text, fileName: "bench-inference-fluid.json5")
        let parse = Double(DispatchTime.now().uptimeNanoseconds - parseStart) / 1e9
        let tally = Tally()
        let start = DispatchTime.now().uptimeNanoseconds
        var simulation = Simulation(scenario: scenario, sink: tally)
        while !simulation.isComplete { simulation.advance() }
        let totals = simulation.finish()
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let peak = ProcessMemory.peakResidentText()
        print("inference fluid: \(services) services × \(perService) replicas (\(services * perService * 8) H100s), diurnal, 30 simulated days")
        print("  interval rows \(tally.intervals), events \(totals.eventsProcessed); scenario read in \(String(format: "%.3f", parse)) s")
        print("  wall \(String(format: "%.3f", wall)) s (target < 5 s), peak RSS \(peak)")
    }

    static func ms(_ seconds: Double?) -> String { seconds.map { String(format: "%.1f", $0 * 1_000) } ?? "–" }
}
