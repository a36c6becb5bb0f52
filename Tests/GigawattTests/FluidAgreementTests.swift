import Fleet
import Foundation
import Gigawatt
import SimKernel
import Testing
import Workloads

@Suite("Fluid fidelity agrees with iteration fidelity")
struct FluidAgreementTests {
    static let replica = InferenceReplicaSpec(model: .llama2_70B, parallelism: ReplicaParallelism(tensor: 8))

    /// One replica's capacity in requests/s at 512-token prompts and 128-token outputs.
    static var capacity: Double {
        FluidServiceModel(performance: ReplicaPerformanceModel(replica: replica, accelerator: Catalog.builtIn["h100-sxm"]!),
                          meanPromptTokens: 512, meanOutputTokens: 128).saturated.throughput
    }

    static func service(fidelity: String, rate: Double) -> String {
        #"""
        name: "chat", model: "llama-2-70b", parallelism: { tensor: 8 }, replicas: 2, fidelity: "\#(fidelity)",
        requests: { arrival: "poisson", rate: \#(rate), prompt_tokens: 512, output_tokens: 128 }
        """#
    }

    @Test("at low, medium and high load: throughput within 5% and median end-to-end latency within 15%")
    func agreement() throws {
        // Tolerances from the issue: the fluid model uses mean lengths and a mean batch, so it
        // misses queueing noise (which grows with load) but not the rates.
        var table = ["load  rate/s  | tok/s iteration  fluid   Δ     | p50 e2e s iteration  fluid   Δ"]
        for load in [0.2, 0.5, 0.8] {
            let rate = load * 2 * Self.capacity
            let iteration = try #require(try InferenceRun.run(service: Self.service(fidelity: "iteration", rate: rate), hosts: 2,
                                                              horizon: "20 min").services.first)
            let fluid = try #require(try InferenceRun.run(service: Self.service(fidelity: "fluid", rate: rate), hosts: 2,
                                                          horizon: "20 min").services.first)
            let throughputError = fluid.outputTokensPerSecond / iteration.outputTokensPerSecond - 1
            let i50 = try #require(iteration.e2e.p50), f50 = try #require(fluid.e2e.p50)
            let latencyError = f50 / i50 - 1
            table.append(String(format: "%.1f   %6.2f  | %16.0f %6.0f %+5.1f%% | %19.3f %6.3f %+5.1f%%",
                                load, rate, iteration.outputTokensPerSecond, fluid.outputTokensPerSecond, throughputError * 100,
                                i50, f50, latencyError * 100))
            #expect(abs(throughputError) <= 0.05, "load \(load): throughput \(throughputError)")
            #expect(abs(latencyError) <= 0.15, "load \(load): median latency \(latencyError)")
        }
        print(table.joined(separator: "\n"))
    }
}
