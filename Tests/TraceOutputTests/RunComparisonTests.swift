import Foundation
import ScenarioFormat
import SimKernel
import Testing
@testable import TraceOutput

@Suite("RunComparison")
struct RunComparisonTests {
    private func compare(_ a: HandMadeRun, _ b: HandMadeRun, resampling: Bool = false) throws -> RunComparison {
        let root = HandMadeRun.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        try a.write(to: root.appendingPathComponent("a"))
        try b.write(to: root.appendingPathComponent("b"))
        return try RunComparison([RecordedRun(directory: root.appendingPathComponent("a"), label: "a"),
                                  RecordedRun(directory: root.appendingPathComponent("b"), label: "b")], resampling: resampling)
    }

    @Test("a run compared with itself shows zero deltas everywhere and no scenario difference")
    func selfComparison() throws {
        let comparison = try compare(HandMadeRun(), HandMadeRun())
        #expect(!comparison.metrics.isEmpty && !comparison.series.isEmpty)
        for metric in comparison.metrics {
            #expect(metric.values.delta(1) == 0 && metric.values.relativeDelta(1) == 0, "\(metric.path)")
        }
        for series in comparison.series {
            for values in series.values { #expect(values.delta(1) == 0) }
        }
        #expect(comparison.scenarioDifferences.isEmpty)
        #expect(comparison.notes.isEmpty)
    }

    @Test("two hand-made runs show the hand-computed deltas")
    func handComputedDeltas() throws {
        // b draws 5.4 GJ instead of 4.32 GJ in its first hour, finishes its job at 1 h 30 min
        // instead of 1 h, and has seed 9.
        var b = HandMadeRun()
        b.facilityEnergy = [5.4e9, 4.32e9]
        b.jobEnd = .zero + .minutes(90)
        b.seed = 9
        let comparison = try compare(HandMadeRun(), b)
        func metric(_ path: String) throws -> RunComparison.Values {
            try #require(comparison.metrics.first { $0.path == path }).values
        }
        // Facility energy 8.64 GJ → 9.72 GJ: +1.08 GJ, +12.5 %.
        let energy = try metric("energy.facility_energy_j")
        #expect(energy.values == [8.64e9, 9.72e9])
        #expect(energy.delta(1) == 1.08e9 && energy.relativeDelta(1) == 0.125)
        // Cost at $0.08/kWh: 2,400 kWh = $192 → 2,700 kWh = $216.
        let cost = try metric("energy.sites[lab].cost_usd")
        #expect(abs(cost.delta(1)! - 24) < 1e-9)
        // Job j1 arrives at 0 and ends at 3,600 s vs 5,400 s: +1,800 s, +50 %.
        let job = try #require(comparison.entityChanges.first { $0.path == "training.jobs[j1].completion_time_s" })
        #expect(job.values.values == [3_600, 5_400] && job.values.delta(1) == 1_800 && job.values.relativeDelta(1) == 0.5)
        // First hour's average facility power 1.2 MW → 1.5 MW: +300 kW, ratio 1.25; second hour unchanged.
        let power = try #require(comparison.series.first { $0.series == "lab" && $0.column == "facility_power_avg_w" })
        #expect(power.values.map(\.values) == [[1.2e6, 1.5e6], [1.2e6, 1.2e6]])
        #expect(power.values[0].delta(1) == 3e5 && power.values[0].ratio(1) == 1.25 && power.values[1].ratio(1) == 1)
        #expect(comparison.scenarioDifferences == [RunComparison.ScenarioDifference(path: "seed", values: ["1", "9"])])
    }

    @Test("runs of different horizons are refused with the reason")
    func refusesHorizons() throws {
        let root = HandMadeRun.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        try HandMadeRun().write(to: root.appendingPathComponent("a"))
        try HandMadeRun().write(to: root.appendingPathComponent("b"))
        let summary = root.appendingPathComponent("b/summary.json")
        try String(contentsOf: summary, encoding: .utf8).replacingOccurrences(of: "\"horizon_s\" : 7200", with: "\"horizon_s\" : 3600")
            .write(to: summary, atomically: true, encoding: .utf8)
        #expect {
            try RunComparison([RecordedRun(directory: root.appendingPathComponent("a"), label: "a"),
                               RecordedRun(directory: root.appendingPathComponent("b"), label: "b")], resampling: true)
        } throws: { error in
            guard case .incompatible(let message) = error as? CompareError else { return false }
            return message.contains("different horizons") && message.contains("02:00:00") && message.contains("01:00:00")
        }
    }

    @Test("different intervals are refused without --resample and compared on the coarser one with it")
    func resampling() throws {
        var fine = HandMadeRun()
        fine.facilityEnergy = [1.8e9, 3.6e9, 2.16e9, 2.16e9]  // half-hour rows: 3.6, 7.2, 4.32, 4.32 MW
        #expect(throws: CompareError.self) { try compare(HandMadeRun(), fine) }
        let comparison = try compare(HandMadeRun(), fine, resampling: true)
        #expect(comparison.interval == .hours(1))
        // Hour 1 of the fine run: 1.8 + 3.6 = 5.4 GJ; its average power is the time-weighted mean
        // of its halves' 1 MW and 2 MW = 1.5 MW = 5.4 GJ / 3,600 s.
        let energy = try #require(comparison.series.first { $0.column == "facility_energy_j" })
        #expect(energy.values.map(\.values) == [[4.32e9, 5.4e9], [4.32e9, 4.32e9]])
        let power = try #require(comparison.series.first { $0.column == "facility_power_avg_w" })
        #expect(power.values.map(\.values) == [[1.2e6, 1.5e6], [1.2e6, 1.2e6]])
        let utilization = try #require(comparison.series.first { $0.column == "utilization" })
        #expect(utilization.values.map(\.values) == [[0.5, 0.5], [0.5, 0.5]])
    }

    @Test("resampling sums amounts and weights averages by time, exactly")
    func resampleTable() throws {
        let table = try TimeSeriesTable(csv: """
            interval_start_s,interval_end_s,site,power_avg_w,energy_j
            0.0,600.0,x,100.0,60000.0
            600.0,1200.0,x,300.0,180000.0
            1200.0,1500.0,x,50.0,15000.0
            """)
        #expect(table.keyColumns == ["site"] && table.valueColumns == ["power_avg_w", "energy_j"])
        #expect(table.interval == .minutes(10))
        let coarse = table.resampled(to: .minutes(20))
        // [0, 1200): 240 kJ over 1,200 s = 200 W; [1200, 1500): the partial row as it was.
        #expect(coarse.series[0].rows.map(\.values) == [[200, 240_000], [50, 15_000]])
        #expect(coarse.series[0].rows.map(\.end) == [.zero + .minutes(20), .zero + .seconds(1_500)])
    }

    @Test("CSV fields with quotes, commas and line breaks read back; malformed files are located")
    func csvReading() throws {
        #expect(try CSVReader.rows("a,b\n\"x, \"\"y\"\"\",\"1\n2\"\n") == [["a", "b"], ["x, \"y\"", "1\n2"]])
        #expect(throws: CSVReader.Failure.self) { try CSVReader.rows("a\n\"open\n") }
        #expect(throws: TimeSeriesTable.Failure.malformed(line: 3, "1 fields where the header has 2")) {
            try TimeSeriesTable(csv: "interval_start_s,interval_end_s\n0,1\n5\n")
        }
    }

    @Test("summary leaves are addressed by name inside lists of named entries, by index otherwise")
    func leafPaths() throws {
        let node = try #require(JSON5Parser.parse(#"{"a": {"sites": [{"name": "x", "v": 1}], "p": [3, 4], "e": []}}"#,
                                                  diagnostics: Diagnostics(file: "t.json")))
        #expect(JSONLeaves.of(node).map(\.path) == ["a.sites[x].name", "a.sites[x].v", "a.p[0]", "a.p[1]", "a.e"])
    }

    @Test("a missing run directory or file is reported by name")
    func missingFiles() throws {
        let root = HandMadeRun.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: CompareError.unreadable("nowhere is not a run directory (no such directory)")) {
            try RecordedRun(directory: root.appendingPathComponent("nowhere"), label: "nowhere")
        }
        try HandMadeRun().write(to: root)
        try FileManager.default.removeItem(at: root.appendingPathComponent("timeseries.csv"))
        #expect(throws: CompareError.self) { try RecordedRun(directory: root, label: "r") }
    }

    @Test("the files parse back: JSON with a delta per run, CSV rows per metric and interval, HTML without external URLs")
    func files() throws {
        var b = HandMadeRun()
        b.facilityEnergy = [5.4e9, 4.32e9]
        let comparison = try compare(HandMadeRun(), b)
        let json = try #require(try JSONSerialization.jsonObject(with: comparison.jsonData()) as? [String: Any])
        #expect(json["runs"] as? [String] == ["a", "b"])
        let metrics = try #require(json["metrics"] as? [[String: Any]])
        let energy = try #require(metrics.first { $0["path"] as? String == "energy.facility_energy_j" })
        #expect((energy["delta"] as? [Double]) == [0, 1.08e9])
        let url = HandMadeRun.scratch().appendingPathExtension("csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try comparison.writeCSV(to: url)
        let rows = try CSVReader.rows(String(contentsOf: url, encoding: .utf8))
        #expect(rows[0] == RunComparison.csvColumns)
        #expect(rows.count == 1 + comparison.metrics.count + comparison.series.reduce(0) { $0 + $1.values.count })
        #expect(rows.contains { $0[0] == "metric" && $0[1] == "energy.facility_energy_j" && $0[8] == "1080000000.0" })
        let html = comparison.html()
        #expect(!html.contains("http") && !html.contains("<script"))
        #expect(html.components(separatedBy: "<svg").count - 1 == comparison.series.count)
        #expect(comparison.terminalTable().contains("energy.facility_energy_j"))
    }
}
