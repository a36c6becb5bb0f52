import Foundation
import ScenarioFormat
@testable import Sweeps

/// Sweep files and folders for the tests, written into a fresh temporary folder.
struct SweepFixture {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gigawatt-sweeps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.base.write(to: directory.appendingPathComponent("base.json5"), atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// A small valid scenario with two named pools, so `[name=…]` paths have something to find.
    static let base = """
        // base for sweep tests
        {
          name: "base", seed: 7, horizon: "1 h",
          fleet: {
            sites: [{ name: "lab", pue: 1.2, electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh" }],
            pools: [
              { name: "tpu", site: "lab", chip: "tpu-v6e", pods: 1 },
              { name: "gpu", site: "lab", chip: "h100-sxm", hosts: 4 },
            ],
          },
        }
        """

    /// Reads sweep text as if it were `sweep.json5` in this folder.
    func definition(_ text: String) throws(ScenarioError) -> SweepDefinition {
        try SweepFileReader.parse(text: text, fileName: "sweep.json5", directory: directory)
    }

    func plan(_ text: String) throws -> SweepPlan { SweepPlan(try definition(text)) }

    /// The rendered diagnostics for sweep text that should be invalid.
    func problems(_ text: String) -> [String] {
        do {
            _ = try definition(text)
            return []
        } catch {
            return error.renderedLines
        }
    }

    /// Writes a completed point: a run folder with a summary.json giving `cost`.
    static func writePoint(_ id: String, cost: Double, in root: URL) throws {
        let run = root.appendingPathComponent("points").appendingPathComponent(id)
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        try #"{ "energy": { "cost_usd": \#(cost) }, "training": { "jobs": [{ "queue_wait_s": 10 }, { "queue_wait_s": null }, { "queue_wait_s": 20 }] } }"#
            .write(to: run.appendingPathComponent("summary.json"), atomically: true, encoding: .utf8)
    }

    static func writeManifest(_ plan: SweepPlan, in root: URL) throws {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try SweepManifest(plan).encoded().write(to: root.appendingPathComponent(SweepManifest.fileName))
    }
}
