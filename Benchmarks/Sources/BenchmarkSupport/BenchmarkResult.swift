import Foundation

/// What one suite measured in one invocation: `Benchmarks/results/<suite>.json`, from which
/// `gigawatt-bench report` writes RESULTS.md. Tables are generic (columns and cells) so a new
/// suite needs no change here or in the report.
public struct BenchmarkResult: Codable, Equatable, Sendable {
    /// The suite's registered name (`kernel`, `ladder`, …): the file name and the report section.
    public var suite: String
    /// The command that produced the figures, to repeat them.
    public var command: String
    public var machine: MachineFacts
    public var tables: [ResultTable]
    /// Sentences the report prints under the tables (verdicts, caveats, why a peer is missing).
    public var notes: [String]

    public init(suite: String, command: String, machine: MachineFacts, tables: [ResultTable], notes: [String] = []) {
        self.suite = suite; self.command = command; self.machine = machine; self.tables = tables; self.notes = notes
    }

    /// `<directory>/<suite>.json`.
    public func url(in directory: URL) -> URL { directory.appendingPathComponent("\(suite).json") }

    /// Writes the file atomically (a temporary file renamed into place), with sorted keys so
    /// a re-measurement diffs line by line.
    public func write(into directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        try data.write(to: url(in: directory), options: .atomic)
    }

    /// Every `*.json` result in `directory`, by suite name.
    public static func readAll(in directory: URL) throws -> [BenchmarkResult] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return try names.filter { $0.hasSuffix(".json") }.sorted().map { name in
            try JSONDecoder().decode(BenchmarkResult.self, from: Data(contentsOf: directory.appendingPathComponent(name)))
        }
    }
}

/// A titled table of cells; `fits` are growth exponents the report prints below it.
public struct ResultTable: Codable, Equatable, Sendable {
    public var title: String
    public var columns: [String]
    public var rows: [[ResultCell]]
    public var fits: [NamedFit]

    public init(title: String, columns: [String], rows: [[ResultCell]] = [], fits: [NamedFit] = []) {
        self.title = title; self.columns = columns; self.rows = rows; self.fits = fits
    }
}

/// A growth fit with what it was fitted to ("wall time vs chips").
public struct NamedFit: Codable, Equatable, Sendable {
    public var name: String
    public var fit: GrowthFit
    public init(name: String, fit: GrowthFit) { self.name = name; self.fit = fit }
}

/// One table cell: text, a single number (with the decimals to show), or repeated measurements.
public enum ResultCell: Codable, Equatable, Sendable {
    case text(String)
    case number(Double, decimals: Int)
    case samples(Samples, decimals: Int)

    public static func integer(_ value: Int) -> ResultCell { .number(Double(value), decimals: 0) }

    /// How the cell reads in a table: numbers with thousands separators, samples as
    /// "median (min–max)" when the runs differ.
    public var rendered: String {
        switch self {
        case .text(let text): return text
        case .number(let value, let decimals): return Self.format(value, decimals)
        case .samples(let samples, let decimals):
            let median = Self.format(samples.median, decimals)
            if samples.runs == 1 || samples.min == samples.max { return median }
            return "\(median) (\(Self.format(samples.min, decimals))–\(Self.format(samples.max, decimals)))"
        }
    }

    /// The number behind the cell (the median for samples), for fits and checks.
    public var value: Double? {
        switch self {
        case .text: return nil
        case .number(let value, _): return value
        case .samples(let samples, _): return samples.median
        }
    }

    /// `1234567.891` with 2 decimals → `1,234,567.89`.
    public static func format(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "n/a" }
        let text = String(format: "%.\(max(decimals, 0))f", value)
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        var grouped = ""
        while integer.count > 3 {
            grouped = "," + integer.suffix(3) + grouped
            integer = String(integer.dropLast(3))
        }
        grouped = integer + grouped
        return (negative ? "-" : "") + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }
}
