import BenchmarkSupport
import Foundation

/// `Scenarios/gigawatt-site.json5` end to end, with every output `gigawatt run --out` writes
/// (summary, time series, trace, report), in measured child processes.
///
/// Target (issue 11): under 60 s of wall time and under 4 GiB of peak memory on this machine.
struct SiteSuite {
    static let wallTarget = 60.0
    static let memoryTargetMiB = 4_096.0

    func run(_ harness: Harness) throws -> BenchmarkResult {
        let scenario = harness.value(of: "--scenario") ?? Harness.repository.appendingPathComponent("Scenarios/gigawatt-site.json5").path
        var runs: [(ChildMeasurement, RungReport)] = []
        var answers: [[ResultCell]] = []
        for index in 0..<harness.repetitions {
            let out = Harness.scratch.appendingPathComponent("site-\(index)")
            defer { try? FileManager.default.removeItem(at: out) }
            runs.append(try RungChild.run(["--scenario", scenario, "--outputs", "all", "--out", out.path]))
            if index == 0 { answers = try Self.answers(summary: out.appendingPathComponent("summary.json")) }
        }
        let report = runs[0].1
        let wall = Samples(runs.map(\.0.wallSeconds)), rss = Samples(runs.map(\.0.peakRSSMiB))
        let verdict = wall.max < Self.wallTarget && rss.max < Self.memoryTargetMiB
        let table = ResultTable(
            title: "\(URL(fileURLWithPath: scenario).lastPathComponent): \(ResultCell.format(Double(report.chips), 0)) chips, "
                + "\(ResultCell.format(report.simulatedHours / 24, 0)) days, all outputs",
            columns: ["wall (s)", "peak RSS (MiB)", "events", "events/s", "chip-hours / wall-s", "placements", "targets"],
            rows: [[.samples(wall, decimals: 2), .samples(rss, decimals: 1), .integer(Int(report.counters.events)),
                    .number(Double(report.counters.events) / wall.median, decimals: 0), .number(report.chipHours / wall.median, decimals: 0),
                    .integer(report.counters.decisions),
                    .text(verdict ? "met (< 60 s, < 4 GiB)" : "MISSED (< 60 s, < 4 GiB)")]])
        let answerTable = ResultTable(title: "What the scenario answers (summary.json → energy.sites[0])",
                                      columns: ["peak facility power (MW)", "average facility power (MW)", "energy (MWh)", "cost (USD)", "carbon (t CO2e)"],
                                      rows: answers)
        print("site: wall \(formatSeconds(wall.median)) s (max \(formatSeconds(wall.max)) s), peak RSS \(String(format: "%.1f", rss.max)) MiB, "
              + "\(report.counters.events) events — targets \(verdict ? "met" : "MISSED")")
        return BenchmarkResult(suite: "site", command: harness.command, machine: Harness.machine(), tables: [table, answerTable],
                               notes: ["The wall time covers the whole child process: reading the scenario, simulating, and writing "
                                       + "summary.json, timeseries.csv, trace.json and report.html (what `gigawatt run --out` writes)."])
    }

    static func answers(summary url: URL) throws -> [[ResultCell]] {
        guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any],
              let energy = object["energy"] as? [String: Any], let sites = energy["sites"] as? [[String: Any]] else {
            throw HarnessFailure("summary.json of the site run has no energy.sites")
        }
        return sites.map { site in
            let number = { (key: String, scale: Double) -> ResultCell in
                (site[key] as? Double).map { .number($0 / scale, decimals: 0) } ?? .text("n/a")
            }
            return [number("peak_facility_power_w", 1e6), number("average_facility_power_w", 1e6), number("facility_energy_mwh", 1),
                    number("cost_usd", 1), number("carbon_kg", 1e3)]
        }
    }
}
