import Foundation
import ScenarioFormat

/// The completed points of a sweep found in an output folder, checked against its plan.
///
/// A folder holds `sweep-plan.json` and `points/<id>/` (one `gigawatt run` output each). Shards
/// that ran on a shared file system write into one such folder; shards synced from an object
/// store usually arrive as one sub-folder each (`shard-0/`, `shard-1/`, …), so sub-folders
/// that hold a `sweep-plan.json` are read too. A point is complete when its folder has a
/// `summary.json` (a run's folder appears only once all its files are written).
public struct SweepResults: Sendable {
    public let manifest: SweepManifest
    /// For each point of the plan, in plan order, its run folder.
    public let runDirectories: [URL]

    /// The names a sweep's output folder uses.
    public enum Layout {
        public static let points = "points"
        public static let failures = "failures"
        public static let table = "sweep.csv"
        public static let report = "sweep.html"
        /// The file whose presence marks a point's run complete.
        public static let completeMarker = "summary.json"
    }

    /// Why results cannot be combined; each line is one problem.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let lines: [String]
        public var description: String { lines.joined(separator: "\n") }
    }

    /// Reads `directory` (and its shard sub-folders) and checks that every point of the plan is
    /// present exactly once and that nothing else is.
    public static func collect(in directory: URL) throws(Problem) -> SweepResults {
        let fileManager = FileManager.default
        var roots: [URL] = []
        if fileManager.fileExists(atPath: directory.appendingPathComponent(SweepManifest.fileName).path) { roots.append(directory) }
        let children = ((try? fileManager.contentsOfDirectory(atPath: directory.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        for child in children {
            let folder = directory.appendingPathComponent(child)
            if fileManager.fileExists(atPath: folder.appendingPathComponent(SweepManifest.fileName).path) { roots.append(folder) }
        }
        guard let first = roots.first else {
            throw Problem(lines: ["\(directory.relativePath) holds no \(SweepManifest.fileName) (nor do its sub-folders): it is not a sweep's output"])
        }
        let manifestData = fileManager.contents(atPath: first.appendingPathComponent(SweepManifest.fileName).path) ?? Data()
        guard let manifest = try? JSONDecoder().decode(SweepManifest.self, from: manifestData) else {
            throw Problem(lines: ["\(first.appendingPathComponent(SweepManifest.fileName).relativePath) is not a sweep plan this version can read"])
        }
        var lines: [String] = []
        for root in roots.dropFirst() where fileManager.contents(atPath: root.appendingPathComponent(SweepManifest.fileName).path) != manifestData {
            lines.append("\(root.relativePath) holds the results of a different sweep (or another version of the sweep file) than \(first.relativePath)")
        }
        if !lines.isEmpty { throw Problem(lines: lines) }

        var found: [String: [URL]] = [:]
        for root in roots {
            let points = root.appendingPathComponent(Layout.points)
            let names = ((try? fileManager.contentsOfDirectory(atPath: points.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
            for name in names {
                let run = points.appendingPathComponent(name)
                guard fileManager.fileExists(atPath: run.appendingPathComponent(Layout.completeMarker).path) else { continue }
                found[name, default: []].append(run)
            }
        }
        let known = Set(manifest.points.map(\.id))
        for (id, runs) in found.sorted(by: { $0.key < $1.key }) {
            if !known.contains(id) {
                lines.append("\(runs[0].relativePath) is not a point of sweep '\(manifest.name)'")
            } else if runs.count > 1 {
                lines.append("point \(id) is present \(runs.count) times: \(runs.map(\.relativePath).joined(separator: ", ")); keep one")
            }
        }
        let missing = manifest.points.filter { found[$0.id] == nil }.map(\.id)
        if !missing.isEmpty {
            let shown = missing.prefix(10).joined(separator: ", ")
            lines.append("\(missing.count) of \(manifest.points.count) points are missing: \(shown)\(missing.count > 10 ? ", …" : "")")
        }
        if !lines.isEmpty { throw Problem(lines: lines) }
        return SweepResults(manifest: manifest, runDirectories: manifest.points.map { found[$0.id]![0] })
    }

    /// One row per point: its id, axis values, seed and metrics, in plan order.
    public func table() throws(Problem) -> SweepTable {
        let metrics = manifest.metrics.compactMap { try? SweepMetric.parse($0).get() }
        var rows: [SweepTable.Row] = []
        var lines: [String] = []
        for (point, run) in zip(manifest.points, runDirectories) {
            let url = run.appendingPathComponent(Layout.completeMarker)
            let diagnostics = Diagnostics(file: url.relativePath)
            guard let text = (try? String(contentsOf: url, encoding: .utf8)),
                  let summary = JSON5Parser.parse(text, diagnostics: diagnostics) else {
                lines.append("\(url.relativePath) cannot be read as JSON")
                continue
            }
            rows.append(SweepTable.Row(id: point.id, values: point.values, seed: point.seed, metrics: metrics.map { $0.value(in: summary) }))
        }
        if !lines.isEmpty { throw Problem(lines: lines) }
        return SweepTable(name: manifest.name, axes: manifest.axes.map(\.name), axisValues: manifest.axes.map(\.values),
                          metrics: manifest.metrics, rows: rows)
    }
}

/// A sweep's results as a table: what `sweep.csv` holds and `sweep.html` draws.
public struct SweepTable: Sendable {
    public struct Row: Sendable, Equatable {
        public let id: String
        public let values: [String]
        public let seed: UInt64
        /// Each metric as written in summary.json (or a mean), nil when absent.
        public let metrics: [String?]
    }

    public let name: String
    public let axes: [String]
    /// Each axis' values in sweep order (the charts' x order).
    public let axisValues: [[String]]
    public let metrics: [String]
    public let rows: [Row]

    /// `point,<axes…>,seed,<metrics…>`, one row per point in plan order; RFC 4180 quoting.
    public var csv: String {
        var out = (["point"] + axes + ["seed"] + metrics).map(Self.cell).joined(separator: ",") + "\n"
        for row in rows {
            out += ([row.id] + row.values + ["\(row.seed)"] + row.metrics.map { $0 ?? "" }).map(Self.cell).joined(separator: ",") + "\n"
        }
        return out
    }

    private static func cell(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension SweepResults {
    /// Collects the results in `directory` and writes `sweep.csv` and `sweep.html` there, each
    /// atomically (a reader never sees half a file; an interrupted write leaves the old one).
    @discardableResult
    public static func writeTable(in directory: URL) throws -> SweepTable {
        let table = try collect(in: directory).table()
        try Data(table.csv.utf8).write(to: directory.appendingPathComponent(Layout.table), options: .atomic)
        try Data(SweepReport.html(table).utf8).write(to: directory.appendingPathComponent(Layout.report), options: .atomic)
        return table
    }
}
