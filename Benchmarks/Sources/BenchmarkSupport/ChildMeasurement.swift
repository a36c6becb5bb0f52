import Foundation

/// Wall time and peak memory of one child process, as `Benchmarks/Tools/measure.c` reports them.
///
/// Why a child process per measurement: a process's peak RSS (VmHWM) only ever grows, so rungs
/// measured inside one process would each report the largest rung so far. `measure` forks,
/// execs the command, and reads the child's own `ru_maxrss` from `wait4`.
public struct ChildMeasurement: Equatable, Sendable {
    /// Wall time from fork to exit, seconds (CLOCK_MONOTONIC).
    public var wallSeconds: Double
    /// The child's peak resident set size, KiB.
    public var peakRSSKiB: Int
    /// The child's exit status (128 + signal when killed by one).
    public var status: Int32

    public init(wallSeconds: Double, peakRSSKiB: Int, status: Int32) {
        self.wallSeconds = wallSeconds; self.peakRSSKiB = peakRSSKiB; self.status = status
    }

    /// Parses measure's report line `wall_s=1.234 max_rss_kib=5678 status=0`; nil when a
    /// field is missing or malformed.
    public static func parse(_ line: String) -> ChildMeasurement? {
        var fields: [Substring: Substring] = [:]
        for pair in line.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        guard let wall = fields["wall_s"].flatMap({ Double($0) }), let rss = fields["max_rss_kib"].flatMap({ Int($0) }),
              let status = fields["status"].flatMap({ Int32($0) }) else { return nil }
        return ChildMeasurement(wallSeconds: wall, peakRSSKiB: rss, status: status)
    }

    public var peakRSSMiB: Double { Double(peakRSSKiB) / 1024 }
}

/// The `measure` helper, compiled from `Benchmarks/Tools/measure.c` with the system C compiler.
public struct MeasureTool: Sendable {
    public let executable: URL

    /// Compiles `source` into `directory`.
    public static func build(source: URL, into directory: URL) throws -> MeasureTool {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let binary = directory.appendingPathComponent("measure")
        _ = try Subprocess.output("/usr/bin/env", ["cc", "-O2", "-o", binary.path, source.path])
        return MeasureTool(executable: binary)
    }

    public init(executable: URL) { self.executable = executable }

    /// Runs `program arguments` as a measured child. Returns the measurement and what the child
    /// printed on standard output (its standard error is passed through to ours).
    public func run(_ program: String, _ arguments: [String]) throws -> (ChildMeasurement, output: String) {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("gigawatt-measure-\(getpid())-\(UInt64.random(in: 0 ... .max)).txt")
        defer { try? FileManager.default.removeItem(at: report) }
        let process = Process()
        process.executableURL = executable
        process.arguments = [report.path, program] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 || process.terminationStatus == 3,
              let text = try? String(contentsOf: report, encoding: .utf8), let measurement = ChildMeasurement.parse(text) else {
            throw Subprocess.Failure(command: "measure \(program) \(arguments.joined(separator: " "))",
                                     status: process.terminationStatus, output: output)
        }
        return (measurement, output)
    }
}
