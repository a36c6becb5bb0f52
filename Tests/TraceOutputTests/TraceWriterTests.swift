import Foundation
import Gigawatt
import ScenarioFormat
import SimKernel
import Testing
import Workloads
@testable import TraceOutput

@Suite("TraceWriter")
struct TraceWriterTests {
    @Test("a run's trace parses back: named tracks, power counters, and per job queued then running spans that do not overlap")
    func jobSpans() throws {
        let scenario = try ScenarioLoader.parse(text: """
            { name: "trace", seed: 1, horizon: "6 h",
              fleet: {
                sites: [{ name: "lab", pue: 1.2, electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh" }],
                pools: [{ name: "gpu", site: "lab", chip: "h100-sxm", hosts: 2 }],
              } }
            """, fileName: "trace.json5")
        func job(_ name: String, steps: Int) -> TrainingJobSpec {
            TrainingJobSpec(name: name, job: TrainingJob(model: .megatron1_7B, sequenceLength: 2048, globalBatch: 32,
                                                          length: .steps(steps), parallelism: TrainingParallelism(data: 2, tensor: 8)))
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gigawatt-trace-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try TraceWriter(url: url)
        // Two jobs that each need the whole pool: the second queues until the first ends.
        _ = Simulation.run(scenario, training: [job("first", steps: 2_000), job("second", steps: 2_000)], sink: writer)
        #expect(writer.writeError == nil)

        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let events = try #require(root["traceEvents"] as? [[String: Any]])
        for event in events {
            #expect(event["ph"] is String && event["pid"] is Int && event["name"] is String)
        }
        let names = events.filter { $0["name"] as? String == "process_name" }.compactMap { ($0["args"] as? [String: Any])?["name"] as? String }
        #expect(names.contains("site lab") && names.contains("pool gpu (16 × h100-sxm)"))
        #expect(events.contains { $0["ph"] as? String == "C" && $0["name"] as? String == "power (W)" })

        let spans = events.filter { $0["ph"] as? String == "X" }
        let second = spans.filter { ($0["args"] as? [String: Any])?["outcome"] as? String == "completed" && $0["tid"] as? Int == 2 }
        #expect(second.map { $0["name"] as? String } == ["queued", "running"])
        // queued ends where running starts.
        if second.count == 2, let qts = second[0]["ts"] as? Double, let qdur = second[0]["dur"] as? Double,
           let rts = second[1]["ts"] as? Double {
            #expect(abs(qts + qdur - rts) < 1e-3)
        }
    }
}
