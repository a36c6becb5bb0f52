import BenchmarkSupport
import Foundation

/// Where the harness finds and puts things, and the options every suite understands.
struct Harness: Sendable {
    /// `Benchmarks/`, found from this file's location (the harness is run from a checkout).
    static let benchmarks = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let repository = benchmarks.deletingLastPathComponent()
    static let results = benchmarks.appendingPathComponent("results")
    static let ladders = benchmarks.appendingPathComponent("ladders")
    /// This executable, for measured child runs.
    static var executable: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
    }

    /// Measured runs per figure (medians are quoted).
    var repetitions: Int
    /// Include the largest rungs (`--full`).
    var full: Bool
    /// How the suite was invoked, for the result file.
    var command: String
    /// The invocation's arguments, for suite-specific options.
    var arguments: [String] = []

    /// The value after `name`, if given.
    func value(of name: String) -> String? {
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }

    /// `--processes P` (kernel): one PHOLD size only.
    var processes: Int? { value(of: "--processes").flatMap(Int.init) }

    /// Scratch directory for this invocation (compiled helpers, run outputs), removed at exit.
    static let scratch: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gigawatt-bench-harness-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// The `measure` helper, compiled once per invocation.
    nonisolated(unsafe) private static var measureTool: MeasureTool?
    static func measure() throws -> MeasureTool {
        if let measureTool { return measureTool }
        let tool = try MeasureTool.build(source: benchmarks.appendingPathComponent("Tools/measure.c"), into: scratch)
        measureTool = tool
        return tool
    }

    /// Writes the result file and says where.
    static func save(_ result: BenchmarkResult) throws {
        try result.write(into: results)
        print("→ \(result.url(in: results).path.replacingOccurrences(of: repository.path + "/", with: ""))")
    }

    static func machine() -> MachineFacts { MachineFacts.current(repository: repository) }
}

/// A registered benchmark suite: `gigawatt-bench <name>` runs it and `all` runs every one.
/// To add a suite (inference, scheduling policies, power caps): write a type with a
/// `run(_ harness: Harness) throws -> BenchmarkResult` and append it to `SuiteRegistry.all`;
/// RESULTS.md shows it under `{{other-suites}}` until the template names it.
struct Suite: Sendable {
    var name: String
    var summary: String
    var run: @Sendable (Harness) throws -> BenchmarkResult
}

enum SuiteRegistry {
    static let all: [Suite] = [
        Suite(name: "kernel", summary: "PHOLD at 1K, 64K and 1M processes against the C heap reference", run: { try KernelBenchmark.suite($0) }),
        Suite(name: "ladder", summary: "scenario ladders (Benchmarks/ladders), one child process per rung", run: { try LadderSuite().run($0) }),
        Suite(name: "peers", summary: "PHOLD in SimPy and salabim (PyPI, in Benchmarks/.venv) beside Gigawatt's", run: { try PeersSuite().run($0) }),
        Suite(name: "models", summary: "training step-time model against published runs", run: { try ModelsSuite().run($0) }),
        Suite(name: "site", summary: "Scenarios/gigawatt-site.json5 with every output, target < 60 s and < 4 GiB", run: { try SiteSuite().run($0) }),
    ]

    static func suite(named name: String) -> Suite? { all.first { $0.name == name } }
}

func formatSeconds(_ seconds: Double) -> String { String(format: seconds < 10 ? "%.3f" : "%.1f", seconds) }
