import Foundation

/// What running one point needs: its scenario file (already written), where its results go,
/// and the folder files named in the scenario are relative to.
public struct PointJob: Sendable {
    public let point: SweepPoint
    public let scenarioFile: URL
    public let runDirectory: URL
    public let baseDirectory: URL
    /// A scratch file the executor may use for the run's error output.
    public let logFile: URL
}

/// How a point's run ended.
public enum PointOutcome: Sendable, Equatable {
    case succeeded
    /// The run failed; the text says why (its error output and exit status).
    case failed(String)
}

/// Runs points. The sweep runner calls `run` from several threads at once, one call per point,
/// and `cancel` from a signal handler.
public protocol PointExecutor: Sendable {
    func run(_ job: PointJob) -> PointOutcome
    /// Stops every run in progress (they return promptly; their outcome is ignored).
    func cancel()
}

/// Runs each point as a child `gigawatt run` process, so a point that crashes (or runs out of
/// memory) is one failed point, not a failed sweep, and a point's run is exactly what a user
/// gets from `gigawatt run` on its scenario.
public final class ProcessPointExecutor: PointExecutor, @unchecked Sendable {
    private let executable: URL
    private let lock = NSLock()
    private var running: [Int: Process] = [:]
    private var isCancelled = false

    /// - Parameter executable: the `gigawatt` binary (the running one, for `gigawatt sweep`).
    public init(executable: URL) { self.executable = executable }

    public func run(_ job: PointJob) -> PointOutcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["run", job.scenarioFile.path, "--out", job.runDirectory.path, "--quiet",
                             "--base-dir", job.baseDirectory.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        _ = FileManager.default.createFile(atPath: job.logFile.path, contents: nil)
        guard let log = try? FileHandle(forWritingTo: job.logFile) else {
            return .failed("cannot create \(job.logFile.path) for the run's error output")
        }
        defer { try? log.close() }
        process.standardError = log
        lock.lock()
        if isCancelled {
            lock.unlock()
            return .failed("cancelled")
        }
        do {
            try process.run()
        } catch {
            lock.unlock()
            return .failed("cannot start \(executable.path): \(error.localizedDescription)")
        }
        running[job.point.index] = process
        lock.unlock()
        process.waitUntilExit()
        lock.lock()
        running[job.point.index] = nil
        lock.unlock()
        if process.terminationReason == .exit && process.terminationStatus == 0 { return .succeeded }
        let output = (try? String(contentsOf: job.logFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let status = process.terminationReason == .uncaughtSignal
            ? "killed by signal \(process.terminationStatus)" : "exit status \(process.terminationStatus)"
        return .failed(output.isEmpty ? "gigawatt run failed (\(status))" : "\(output)\n(gigawatt run: \(status))")
    }

    public func cancel() {
        lock.lock()
        isCancelled = true
        let processes = Array(running.values)
        lock.unlock()
        for process in processes where process.isRunning { process.terminate() }
    }
}
