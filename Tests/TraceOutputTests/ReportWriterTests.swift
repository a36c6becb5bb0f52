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
        for heading in ["Power per site against its limits", "Cumulative electricity cost per site", "Cumulative carbon per site",
                        "Utilisation per site", "Training jobs queued and running", "Training jobs over time"] {
            #expect(html.contains(heading))
        }
        // Power (one site), cost, carbon, utilisation, jobs queued/running, Gantt.
        #expect(html.components(separatedBy: "<svg").count - 1 == 6)
        #expect(html.contains("prefers-color-scheme: dark") && html.contains("@media print"))
        #expect(html.contains("<rect class=\"bar running\""))
        // Self-contained: no script, no link to anything outside the file; user text is escaped.
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://") && !html.contains("src="))
        #expect(html.contains("report &lt;test&gt;") && html.contains("a &lt;b&gt;test&lt;/b&gt;"))
    }

    @Test("capacity out of service is shaded on the time charts and the site's power cap drawn as a line")
    func outagesAndCaps() throws {
        var run = HandMadeRun()
        run.sitePowerCap = "2 MW"
        // 8 of 16 chips out of service from 30 min to 1 h 30 min.
        run.capacityChanges = [PoolCapacityChange(pool: "gpu", time: .zero + .minutes(30), installedChips: 16, availableChips: 8),
                               PoolCapacityChange(pool: "gpu", time: .zero + .minutes(90), installedChips: 16, availableChips: 16)]
        let directory = HandMadeRun.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        try run.write(to: directory)
        let html = try String(contentsOf: directory.appendingPathComponent("report.html"), encoding: .utf8)
        // Five time charts each shade 0.5–1.5 h.
        #expect(html.components(separatedBy: "<rect class=\"shade\"").count - 1 == 5)
        #expect(html.contains("capacity out of service 0.50–1.50 h"))
        #expect(html.contains("<title>power cap</title>") && html.contains("power cap 2M"))
        #expect(!html.contains("http"))
    }
}
