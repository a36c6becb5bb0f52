import Foundation
@testable import Gigawatt
import ScenarioFormat
import SimKernel
import Testing
@testable import TraceOutput

@Suite("Writers round trip")
struct WriterRoundTripTests {
    @Test("summary.json and timeseries.csv read back the hand-made run's records")
    func handMadeRun() throws {
        let directory = HandMadeRun.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = HandMadeRun()
        try run.write(to: directory)
        let table = try TimeSeriesTable(csv: String(contentsOf: directory.appendingPathComponent("timeseries.csv"), encoding: .utf8))
        let rows = run.records.compactMap { record -> SiteInterval? in
            if case .siteInterval(let row) = record { return row }
            return nil
        }
        #expect(table.series.map(\.key) == ["lab"])
        #expect(table.series[0].rows.map(\.start) == rows.map(\.start) && table.series[0].rows.map(\.end) == rows.map(\.end))
        let columns = table.valueColumns
        for (read, row) in zip(table.series[0].rows, rows) {
            let expected: [String: Double] = [
                "it_power_avg_w": row.averageITPower.value, "facility_power_avg_w": row.averageFacilityPower.value,
                "it_energy_j": row.itEnergy.value, "facility_energy_j": row.facilityEnergy.value, "cost_usd": row.cost.value,
                "carbon_g": row.carbonGrams, "utilization": row.utilization,
            ]
            for (column, value) in expected { #expect(read.values[columns.firstIndex(of: column)!] == value, "\(column)") }
        }
        let summary = try #require(JSON5Parser.parse(try String(contentsOf: directory.appendingPathComponent("summary.json"), encoding: .utf8),
                                                     diagnostics: Diagnostics(file: "summary.json")))
        let leaves = Dictionary(uniqueKeysWithValues: JSONLeaves.of(summary).map { ($0.path, $0) })
        #expect(leaves["scenario"]?.text == "\"hand\"" && leaves["seed"]?.text == "1" && leaves["horizon_s"]?.number == 7_200)
        #expect(leaves["energy.facility_energy_j"]?.number == 8.64e9)
        #expect(leaves["training.jobs[j1].completion_time_s"]?.number == 3_600)
        #expect(leaves["training.jobs[j1].queue_wait_s"]?.number == 600)
        #expect(leaves["energy.sites[lab].peak_facility_power_w"]?.number == 1.2e6)
    }

    @Test("the CSV's columns add up to the summary's totals exactly, per site and overall", arguments: ["training-quickstart", "pool-outage-failover"])
    func totalsAgreeExactly(_ name: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios/\(name).json5")
        let scenario = try ScenarioLoader.load(contentsOf: url, displayName: name)
        let directory = HandMadeRun.scratch()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = SummaryWriter(url: directory.appendingPathComponent("summary.json"))
        let series = try TimeSeriesWriter(url: directory.appendingPathComponent("timeseries.csv"))
        _ = Simulation.run(scenario, sink: TelemetryFanOut([summary, series]))
        let rows = try CSVReader.rows(String(contentsOf: directory.appendingPathComponent("timeseries.csv"), encoding: .utf8))
        let header = rows[0]
        let site = header.firstIndex(of: "site")!
        let root = try #require(JSON5Parser.parse(try String(contentsOf: directory.appendingPathComponent("summary.json"), encoding: .utf8),
                                                  diagnostics: Diagnostics(file: "summary.json")))
        let leaves = Dictionary(uniqueKeysWithValues: JSONLeaves.of(root).compactMap { leaf in leaf.number.map { (leaf.path, $0) } })
        for (column, key, scale) in [("facility_energy_j", "facility_energy_j", 1.0), ("it_energy_j", "it_energy_j", 1.0),
                                     ("cost_usd", "cost_usd", 1.0), ("carbon_g", "carbon_kg", 1_000.0)] {
            let index = header.firstIndex(of: column)!
            // Plain addition in file order, as a script would do it.
            var overall = 0.0
            var perSite: [String: Double] = [:]
            for row in rows.dropFirst() {
                overall += Double(row[index])!
                perSite[row[site], default: 0] += Double(row[index])!
            }
            #expect(overall / scale == leaves["energy.\(key)"], "\(column)")
            for (name, total) in perSite { #expect(total / scale == leaves["energy.sites[\(name)].\(key)"], "\(name) \(column)") }
        }
    }
}
