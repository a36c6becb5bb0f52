import BenchmarkLadders
import Foundation
import Testing

/// The deterministic counters (events, placements, summary digest) of small ladder rungs must
/// match `Benchmarks/counters.json`: a mismatch means the simulator's behaviour changed. If the
/// change is intended, re-record with `swift run gigawatt-bench counters --update` and say why
/// in the commit. Wall times are never checked here.
@Suite("Benchmark counters")
struct BenchmarkCountersTests {
    static let benchmarks = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let laddersDirectory = benchmarks.appendingPathComponent("ladders")

    static var recorded: [CounterFile.Entry] {
        (try? CounterFile.read(from: benchmarks.appendingPathComponent("counters.json")).entries) ?? []
    }

    @Test("every registered ladder's counter rungs are recorded in counters.json")
    func everyRungRecorded() throws {
        let file = try CounterFile.read(from: Self.benchmarks.appendingPathComponent("counters.json"))
        for ladder in LadderRegistry.all {
            for size in ladder.counterRungs {
                #expect(file.entries.contains { $0.ladder == ladder.name && $0.size == size },
                        "no counters for \(ladder.name) at \(size): run `swift run gigawatt-bench counters --update`")
            }
        }
    }

    @Test("a rung's counters match the recorded ones", arguments: recorded)
    func countersMatch(_ entry: CounterFile.Entry) throws {
        let ladder = try #require(LadderRegistry.ladder(named: entry.ladder), "unknown ladder \(entry.ladder)")
        let measured = try CounterFile.measure(ladder, size: entry.size, laddersDirectory: Self.laddersDirectory)
        #expect(measured.counters == entry.counters, "\(entry.ladder) at \(entry.size)")
    }

    @Test("two runs of the same rung give identical counters")
    func deterministic() throws {
        let ladder = try #require(LadderRegistry.ladder(named: "horizon"))
        let first = try CounterFile.measure(ladder, size: 1, laddersDirectory: Self.laddersDirectory)
        let second = try CounterFile.measure(ladder, size: 1, laddersDirectory: Self.laddersDirectory)
        #expect(first == second)
        #expect(first.counters.events > 0 && first.counters.decisions > 0)
    }
}

@Suite("Ladder templates")
struct LadderTemplateTests {
    @Test("every rung of every ladder fills its template completely and is a valid scenario")
    func templatesFill() throws {
        for ladder in LadderRegistry.all {
            for size in ladder.rungs(full: true) {
                let text = try ladder.scenarioText(size: size, laddersDirectory: BenchmarkCountersTests.laddersDirectory)
                #expect(!text.contains("{{"), "\(ladder.name) at \(size)")
                #expect(throws: Never.self) { _ = try RungRun.parse(text, fileName: "\(ladder.name)-\(size).json5") }
            }
        }
    }

    @Test("a placeholder the ladder gives no value is an error naming it")
    func unfilledPlaceholder() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "{ name: \"x-{{size}}\", hosts: {{hosts}} }".write(to: directory.appendingPathComponent("t.json5"), atomically: true, encoding: .utf8)
        let ladder = Ladder(name: "test", quantity: "things", rungs: [1], counterRungs: [], template: "t.json5")
        #expect(throws: Ladder.Failure.self) { try ladder.scenarioText(size: 1, laddersDirectory: directory) }
        let filled = Ladder(name: "test", quantity: "things", rungs: [1], counterRungs: [], template: "t.json5",
                            substitutions: { size in ["hosts": "\(size * 8)"] })
        #expect(try filled.scenarioText(size: 2, laddersDirectory: directory) == "{ name: \"x-2\", hosts: 16 }")
    }
}
