import BenchmarkLadders
import BenchmarkSupport
import Foundation

/// Runs every registered ladder (or `--ladder NAME`), each rung in its own measured child
/// process (`gigawatt-bench rung`), so wall time and peak RSS are the rung's alone.
struct LadderSuite {
    /// A rung whose first run takes longer than this is not repeated (its noise is small
    /// against its length, and `all` must fit in 15 minutes).
    static let repeatBelowSeconds = 20.0

    func run(_ harness: Harness) throws -> BenchmarkResult {
        let chosen: [Ladder]
        if let name = harness.value(of: "--ladder") {
            guard let ladder = LadderRegistry.ladder(named: name) else {
                throw HarnessFailure("unknown ladder '\(name)' (ladders: \(LadderRegistry.names.joined(separator: ", ")))")
            }
            chosen = [ladder]
        } else {
            chosen = LadderRegistry.all
        }
        var tables: [ResultTable] = []
        for ladder in chosen {
            tables.append(try measure(ladder, harness))
        }
        return BenchmarkResult(
            suite: "ladder", command: harness.command, machine: Harness.machine(), tables: tables,
            notes: ["Each rung is one child process (`gigawatt-bench rung`, timed by Benchmarks/Tools/measure.c): reading the "
                    + "scenario, simulating it and writing summary.json; wall time and peak RSS are the child's own. "
                    + "Chip-hours simulated = chips × simulated hours (idle chips are simulated too). "
                    + "Rungs slower than \(Int(Self.repeatBelowSeconds)) s are run once; the largest rungs need `--full`."
                    + (harness.full ? "" : " This run did not include the `--full` rungs.")])
    }

    func measure(_ ladder: Ladder, _ harness: Harness) throws -> ResultTable {
        var table = ResultTable(title: "Ladder \(ladder.name) (Benchmarks/ladders/\(ladder.template))",
                                columns: [ladder.quantity, "wall (s)", "events", "events/s", "chip-hours / wall-s", "peak RSS (MiB)", "placements"])
        var sizes: [Double] = [], walls: [Double] = [], events: [Double] = []
        print("ladder \(ladder.name):")
        print("  " + [ladder.quantity, "wall (s)", "events", "events/s", "chip-h/s", "peak RSS (MiB)", "placements"]
            .map { padded($0, 14) }.joined())
        for size in ladder.rungs(full: harness.full) {
            var runs: [(ChildMeasurement, RungReport)] = []
            repeat {
                runs.append(try RungChild.run(["--ladder", ladder.name, "--size", "\(size)", "--outputs", ladder.outputs.rawValue]))
            } while runs.count < harness.repetitions && runs[0].0.wallSeconds < Self.repeatBelowSeconds
            let report = runs[0].1
            guard runs.allSatisfy({ $0.1.counters == report.counters }) else {
                throw HarnessFailure("ladder \(ladder.name) at \(size): repeated runs differ in their counters (non-determinism)")
            }
            let wall = Samples(runs.map(\.0.wallSeconds))
            let rss = Samples(runs.map(\.0.peakRSSMiB))
            let rate = Samples(runs.map { Double(report.counters.events) / $0.0.wallSeconds })
            let chipRate = Samples(runs.map { report.chipHours / $0.0.wallSeconds })
            table.rows.append([.integer(size), .samples(wall, decimals: 3), .integer(Int(report.counters.events)),
                               .samples(rate, decimals: 0), .samples(chipRate, decimals: 0), .samples(rss, decimals: 1),
                               .integer(report.counters.decisions)])
            print("  " + [ResultCell.format(Double(size), 0), formatSeconds(wall.median), "\(report.counters.events)",
                          ResultCell.format(rate.median, 0), ResultCell.format(chipRate.median, 0),
                          String(format: "%.1f", rss.median), "\(report.counters.decisions)"].map { padded($0, 14) }.joined())
            sizes.append(Double(size)); walls.append(wall.median); events.append(Double(report.counters.events))
        }
        if let fit = GrowthFit.fit(x: sizes, y: walls) { table.fits.append(NamedFit(name: "wall time vs \(ladder.quantity)", fit: fit)) }
        if let fit = GrowthFit.fit(x: events, y: walls) { table.fits.append(NamedFit(name: "wall time vs events (target ≤ 1.1)", fit: fit)) }
        // The same fit over the rungs long enough (≥ 0.1 s) for start-up not to dominate: the
        // cost per event where it matters.
        let long = walls.indices.filter { walls[$0] >= 0.1 }
        if long.count >= 2, long.count < walls.count,
           let fit = GrowthFit.fit(x: long.map { events[$0] }, y: long.map { walls[$0] }) {
            table.fits.append(NamedFit(name: "wall time vs events, rungs of 0.1 s or more", fit: fit))
        }
        if let fit = GrowthFit.fit(x: sizes, y: events) { table.fits.append(NamedFit(name: "events vs \(ladder.quantity)", fit: fit)) }
        for named in table.fits { print("  exponent of \(named.name): \(String(format: "%.2f", named.fit.exponent)) (R² \(String(format: "%.3f", named.fit.rSquared)))") }
        return table
    }
}

/// What a `gigawatt-bench rung` child prints: one JSON line.
struct RungReport: Codable {
    var counters: RungRun.Counters
    var chips: Int
    var simulatedHours: Double
    var chipHours: Double { Double(chips) * simulatedHours }
}

/// `gigawatt-bench rung (--ladder NAME --size N | --scenario FILE) [--outputs summary|all] [--out DIR]`:
/// the measured child. Simulates one scenario and prints a `RungReport` line.
enum RungChild {
    /// Runs the child under `measure` and parses its report.
    static func run(_ arguments: [String]) throws -> (ChildMeasurement, RungReport) {
        let (measurement, output) = try Harness.measure().run(Harness.executable, ["rung"] + arguments)
        guard measurement.status == 0 else {
            throw HarnessFailure("rung \(arguments.joined(separator: " ")) failed with status \(measurement.status): \(output.suffix(1_000))")
        }
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
              let report = try? JSONDecoder().decode(RungReport.self, from: Data(line.utf8)) else {
            throw HarnessFailure("rung \(arguments.joined(separator: " ")) printed no report: \(output.suffix(1_000))")
        }
        return (measurement, report)
    }

    /// The child's own work (in this process).
    static func main(_ arguments: [String]) throws {
        let harness = Harness(repetitions: 1, full: false, command: "", arguments: arguments)
        let outputs = RungRun.Outputs(rawValue: harness.value(of: "--outputs") ?? "summary") ?? .summary
        let keep = harness.value(of: "--out").map { URL(fileURLWithPath: $0) }
        let directory = keep ?? FileManager.default.temporaryDirectory.appendingPathComponent("gigawatt-rung-\(getpid())")
        defer { if keep == nil { try? FileManager.default.removeItem(at: directory) } }
        let outcome: RungRun.Outcome
        if let path = harness.value(of: "--scenario") {
            outcome = try RungRun.run(scenarioFile: path, outputs: outputs, directory: directory)
        } else if let name = harness.value(of: "--ladder"), let size = harness.value(of: "--size").flatMap(Int.init) {
            guard let ladder = LadderRegistry.ladder(named: name) else { throw HarnessFailure("unknown ladder '\(name)'") }
            let text = try ladder.scenarioText(size: size, laddersDirectory: Harness.ladders)
            outcome = try RungRun.run(scenarioText: text, fileName: "\(name)-\(size).json5", outputs: outputs, directory: directory)
        } else {
            throw HarnessFailure("rung needs --ladder NAME --size N, or --scenario FILE")
        }
        let report = RungReport(counters: outcome.counters, chips: outcome.chips, simulatedHours: outcome.simulatedHours)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
    }
}

struct HarnessFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
