import BenchmarkSupport
import Foundation
import Gigawatt
import ScenarioFormat
import TraceOutput

/// One simulation of a scenario inside this process, with the outputs a user run writes, and
/// the deterministic counters of the run.
public struct RungRun {
    /// Which result files the run writes (as `gigawatt run --out` would).
    public enum Outputs: String, Sendable {
        /// summary.json only: the simulation and its accounting.
        case summary
        /// summary.json, timeseries.csv, trace.json and report.html: all of `gigawatt run`.
        case all
    }

    /// What a run did, independent of the machine: the same scenario and seed give the same values.
    public struct Counters: Codable, Equatable, Sendable {
        /// Events the engine handled.
        public var events: UInt64
        /// Placements the scheduler made: jobs started, plus restarts after a preemption or an
        /// interruption (each is a new placement decision).
        public var decisions: Int
        /// FNV-1a of summary.json without its `gigawatt_version` line (a version bump alone is
        /// not a behaviour change).
        public var summaryDigest: String

        enum CodingKeys: String, CodingKey {
            case events, decisions
            case summaryDigest = "summary_digest"
        }

        public init(events: UInt64, decisions: Int, summaryDigest: String) {
            self.events = events; self.decisions = decisions; self.summaryDigest = summaryDigest
        }
    }

    public struct Outcome: Sendable {
        public var counters: Counters
        /// Chips in the fleet.
        public var chips: Int
        /// Simulated time, hours.
        public var simulatedHours: Double
        /// Chip-hours simulated: chips × simulated hours (the fleet is simulated whether busy or idle).
        public var chipHours: Double { Double(chips) * simulatedHours }
    }

    public enum Failure: Error, CustomStringConvertible {
        case scenario(String)
        case output(String)
        public var description: String {
            switch self {
            case .scenario(let text): return "the rung's scenario is invalid: \(text)"
            case .output(let text): return "cannot write the run's results: \(text)"
            }
        }
    }

    /// Simulates `text` (a JSON5 scenario), writing results into `directory` (created; left for
    /// the caller to remove).
    public static func run(scenarioText text: String, fileName: String, outputs: Outputs, directory: URL) throws -> Outcome {
        try run(parse(text, fileName: fileName), outputs: outputs, directory: directory)
    }

    /// Simulates the scenario file at `path`; its relative paths (trace files) resolve beside
    /// it, as they do for `gigawatt run`.
    public static func run(scenarioFile path: String, outputs: Outputs, directory: URL) throws -> Outcome {
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(contentsOf: URL(fileURLWithPath: path), displayName: path)
        } catch {
            throw Failure.scenario("\(error)")
        }
        return try run(scenario, outputs: outputs, directory: directory)
    }

    /// Reads a scenario, turning its diagnostics into a `Failure`.
    public static func parse(_ text: String, fileName: String) throws -> Scenario {
        do {
            return try ScenarioLoader.parse(text: text, fileName: fileName)
        } catch {
            throw Failure.scenario("\(error)")
        }
    }

    public static func run(_ scenario: Scenario, outputs: Outputs, directory: URL) throws -> Outcome {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let summaryURL = directory.appendingPathComponent("summary.json")
        let summary = SummaryWriter(url: summaryURL)
        let placements = PlacementCount()
        var sinks: [any TelemetrySink] = [summary, placements]
        var timeSeries: TimeSeriesWriter?, trace: TraceWriter?, report: ReportWriter?
        if outputs == .all {
            timeSeries = try TimeSeriesWriter(url: directory.appendingPathComponent("timeseries.csv"))
            trace = try TraceWriter(url: directory.appendingPathComponent("trace.json"))
            report = ReportWriter(url: directory.appendingPathComponent("report.html"), scenarioDescription: scenario.description)
            sinks += [timeSeries!, trace!, report!]
        }
        var simulation = Simulation(scenario: scenario, sink: TelemetryFanOut(sinks))
        while !simulation.isComplete { simulation.advance() }
        let totals = simulation.finish()
        for error in [summary.writeError, timeSeries?.writeError, trace?.writeError, report?.writeError].compactMap({ $0 }) {
            throw Failure.output(error.localizedDescription)
        }
        let digest = try canonicalDigest(of: Data(contentsOf: summaryURL))
        return Outcome(counters: Counters(events: totals.eventsProcessed, decisions: placements.count, summaryDigest: digest),
                       chips: scenario.fleet.totalChips, simulatedHours: totals.simulatedTime.seconds / 3_600)
    }

    /// FNV-1a of summary.json without its `"gigawatt_version"` line. The writer's output is
    /// already deterministic (fixed key order, one key per line), so the bytes are hashed as
    /// they are, in the two parts around that line (re-serialising or splitting the file into
    /// lines cost more than the simulation).
    static func canonicalDigest(of summary: Data) throws -> String {
        guard let found = summary.range(of: Data("\"gigawatt_version\"".utf8)) else {
            throw Failure.output("summary.json has no gigawatt_version line (has its format changed?)")
        }
        let lineStart = summary[..<found.lowerBound].lastIndex(of: 0x0A).map { $0 + 1 } ?? summary.startIndex
        let lineEnd = summary[found.upperBound...].firstIndex(of: 0x0A).map { $0 + 1 } ?? summary.endIndex
        var digest = Digest()
        summary[..<lineStart].withUnsafeBytes { digest.update($0) }
        summary[lineEnd...].withUnsafeBytes { digest.update($0) }
        return digest.hex
    }
}

/// Counts placements from the training-job records: a job that started once, plus one per
/// restart after a preemption or an interruption.
final class PlacementCount: TelemetrySink {
    var count = 0
    func record(_ record: TelemetryRecord) {
        if case .trainingJob(let job) = record, job.start != nil {
            count += 1 + job.preemptions + job.interruptions
        }
    }
}
