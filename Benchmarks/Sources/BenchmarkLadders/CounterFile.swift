import Foundation

/// `Benchmarks/counters.json`: the deterministic counters of the small rungs of every ladder,
/// recorded by `gigawatt-bench counters --update` and checked by `BenchmarkCountersTests`, so a
/// change that alters what the simulator does (events, placements, any number in summary.json)
/// is noticed and either fixed or recorded on purpose.
public struct CounterFile: Codable, Equatable, Sendable {
    public struct Entry: Codable, Equatable, Sendable {
        public var ladder: String
        public var size: Int
        public var counters: RungRun.Counters
        public init(ladder: String, size: Int, counters: RungRun.Counters) {
            self.ladder = ladder; self.size = size; self.counters = counters
        }
    }

    public var note = "Deterministic counters of small ladder rungs. Regenerate with `swift run gigawatt-bench counters --update` only when a behaviour change is intended; BenchmarkCountersTests checks them."
    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    public static func read(from url: URL) throws -> CounterFile {
        try JSONDecoder().decode(CounterFile.self, from: Data(contentsOf: url))
    }

    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var data = try encoder.encode(self)
        data.append(0x0A)
        try data.write(to: url, options: .atomic)
    }

    /// Computes the counters of one ladder rung in this process (summary output only).
    public static func measure(_ ladder: Ladder, size: Int, laddersDirectory: URL) throws -> Entry {
        let text = try ladder.scenarioText(size: size, laddersDirectory: laddersDirectory)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gigawatt-counters-\(getpid())-\(ladder.name)-\(size)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = try RungRun.run(scenarioText: text, fileName: "\(ladder.name)-\(size).json5", outputs: .summary, directory: directory)
        return Entry(ladder: ladder.name, size: size, counters: outcome.counters)
    }
}
