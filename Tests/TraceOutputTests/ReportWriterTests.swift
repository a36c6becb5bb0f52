import Foundation
import Gigawatt
import ScenarioFormat
import SimKernel
import Testing
import Workloads
@testable import TraceOutput

@Suite("ReportWriter")
struct ReportWriterTests {
    @Test("the report is one self-contained page with the expected charts and no external reference")
    func selfContained() throws {
        let scenario = try ScenarioLoader.parse(text: """
            { name: "report <test>", seed: 3, horizon: "4 h",
              fleet: {
                sites: [{ name: "lab", pue: 1.2, electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh" }],
                pools: [{ name: "gpu", site: "lab", chip: "h100-sxm", hosts: 2 }],
              } }
            """, fileName: "report.json5")
        let job = TrainingJobSpec(name: "train-1", job: TrainingJob(
            model: .megatron1_7B, sequenceLength: 2048, globalBatch: 32, length: .steps(5_000),
            parallelism: TrainingParallelism(data: 2, tensor: 8)))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gigawatt-report-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: url) }
        let report = ReportWriter(url: url, scenarioDescription: "a <b>test</b>")
        _ = Simulation.run(scenario, training: [job], sink: report)
        #expect(report.writeError == nil)
        let html = try String(contentsOf: url, encoding: .utf8)
        #expect(html.hasPrefix("<!doctype html>"))
        for heading in ["Facility power per site", "Cumulative electricity cost per site", "Utilisation per site", "Training jobs"] {
            #expect(html.contains(heading))
        }
        #expect(html.components(separatedBy: "<svg").count - 1 == 4)
        #expect(html.contains("<rect class=\"bar running\""))
        // Self-contained: no script, no link to anything outside the file; user text is escaped.
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://") && !html.contains("src="))
        #expect(html.contains("report &lt;test&gt;") && html.contains("a &lt;b&gt;test&lt;/b&gt;"))
    }
}
