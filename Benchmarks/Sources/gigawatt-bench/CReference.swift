import Foundation

/// Builds and runs the C PHOLD reference (`Benchmarks/Reference/phold.c`) with the system `cc -O2`.
struct CReference {
    let executable: URL

    enum Failure: Error, CustomStringConvertible {
        case sourceMissing(String)
        case compileFailed(String)
        case runFailed(String)
        var description: String {
            switch self {
            case .sourceMissing(let path): return "C reference source not found at \(path)"
            case .compileFailed(let why): return "cc failed to build the C reference: \(why)"
            case .runFailed(let why): return "the C reference failed: \(why)"
            }
        }
    }

    /// Compiles the reference into a temporary directory.
    static func build() throws -> CReference {
        let source = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Reference/phold.c")
        guard FileManager.default.fileExists(atPath: source.path) else { throw Failure.sourceMissing(source.path) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gigawatt-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let binary = directory.appendingPathComponent("phold")
        let (status, output) = try runProcess("/usr/bin/env", ["cc", "-O2", "-o", binary.path, source.path, "-lm"])
        guard status == 0 else { throw Failure.compileFailed(output) }
        return CReference(executable: binary)
    }

    /// Runs one PHOLD instance and parses its `key=value` line.
    func run(processes: Int, eventsPerProcess: Int, maxEvents: UInt64, seed: UInt64) throws -> (PHOLD.Outcome, peakKiB: Int?) {
        let (status, output) = try runProcess(executable.path, ["\(processes)", "\(eventsPerProcess)", "\(maxEvents)", "\(seed)"])
        guard status == 0 else { throw Failure.runFailed(output) }
        var fields: [String: String] = [:]
        for pair in output.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        guard let events = fields["events"].flatMap(UInt64.init), let final = fields["final_ns"].flatMap(Int64.init),
              let checksum = fields["checksum"].flatMap(UInt64.init), let seconds = fields["seconds"].flatMap(Double.init)
        else { throw Failure.runFailed("unparseable output: \(output)") }
        return (PHOLD.Outcome(events: events, finalNanoseconds: final, checksum: checksum, seconds: seconds),
                fields["peak_rss_kib"].flatMap(Int.init))
    }

    func remove() { try? FileManager.default.removeItem(at: executable.deletingLastPathComponent()) }
}

func runProcess(_ path: String, _ arguments: [String]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
