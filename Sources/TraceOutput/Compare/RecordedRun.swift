import Foundation
import ScenarioFormat
import SimKernel

/// The results of one run as `compare` reads them back from its output directory:
/// `summary.json` (required), `timeseries.csv` (required) and `scenario.json5` (when present).
///
/// Everything is read generically — numeric leaves of the summary by path, time-series columns by
/// header — so new metrics added by later versions are compared without changes here.
public struct RecordedRun {
    /// How the run is called in tables: the directory as given on the command line.
    public var label: String
    var summary: [JSONLeaf]
    var timeSeries: TimeSeriesTable
    /// The scenario file's leaves, or nil when the run directory has no `scenario.json5`.
    var scenario: [JSONLeaf]?

    /// Reads the run in `directory`.
    /// - Throws: `CompareError` naming the file and what is wrong with it.
    public init(directory: URL, label: String) throws(CompareError) {
        self.label = label
        let summaryText = try Self.read(directory, "summary.json", label: label)
        summary = JSONLeaves.of(try Self.parse(summaryText, file: "\(label)/summary.json"))
        let csv = try Self.read(directory, "timeseries.csv", label: label)
        do {
            timeSeries = try TimeSeriesTable(csv: csv)
        } catch {
            switch error {
            case .malformed(let line, let message): throw .unreadable("\(label)/timeseries.csv:\(line): \(message)")
            }
        }
        let scenarioURL = directory.appendingPathComponent("scenario.json5")
        if FileManager.default.fileExists(atPath: scenarioURL.path) {
            scenario = JSONLeaves.of(try Self.parse(try Self.read(directory, "scenario.json5", label: label), file: "\(label)/scenario.json5"))
        } else {
            scenario = nil
        }
        guard horizonSeconds != nil else { throw .unreadable("\(label)/summary.json: no numeric horizon_s") }
    }

    /// The summary's `horizon_s`.
    var horizonSeconds: Double? { summary.first { $0.path == "horizon_s" }?.number }

    /// A top-level scalar of the summary as canonical text (`seed`, `horizon`).
    func summaryText(_ path: String) -> String? { summary.first { $0.path == path }?.text }

    private static func read(_ directory: URL, _ name: String, label: String) throws(CompareError) -> String {
        let url = directory.appendingPathComponent(name)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .unreadable("\(label) is not a run directory (no such directory)")
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw .unreadable("\(label) has no \(name): is it the --out directory of a complete `gigawatt run`?")
        }
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .unreadable("\(label)/\(name): \(error.localizedDescription)")
        }
    }

    private static func parse(_ text: String, file: String) throws(CompareError) -> JSONNode {
        let diagnostics = Diagnostics(file: file)
        guard let root = JSON5Parser.parse(text, diagnostics: diagnostics), !diagnostics.hasErrors else {
            throw .unreadable(diagnostics.all.first?.description ?? "\(file): unreadable")
        }
        return root
    }
}

/// Why runs cannot be compared, or cannot be read.
public enum CompareError: Error, Equatable, CustomStringConvertible {
    case unreadable(String)
    case incompatible(String)

    public var description: String {
        switch self {
        case .unreadable(let message), .incompatible(let message): message
        }
    }
}
