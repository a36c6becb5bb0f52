import Dispatch
import Foundation

/// Runs a share of a sweep's points into an output folder, several at a time.
///
/// Points already complete in the folder are skipped (so re-running the same command resumes
/// an interrupted sweep). Each point's scenario is written to a hidden file beside its run
/// folder, run by the executor, and deleted; a failed point leaves `failures/<id>.txt` with its
/// error (removed when it later succeeds) and does not stop the others. Cancelling stops
/// launching points and stops those running; runs write their folders atomically, so nothing
/// half-written remains.
public final class SweepRunner: @unchecked Sendable {
    /// Counts for the progress line, as of one moment.
    public struct Progress: Sendable {
        /// Points of this share in all.
        public var total = 0
        /// Complete before this invocation started (skipped).
        public var skipped = 0
        public var succeeded = 0
        public var failed = 0
        public var running = 0
        /// Wall time since the runner started, in seconds.
        public var elapsed = 0.0

        public var done: Int { skipped + succeeded }
        public var remaining: Int { total - done - failed }

        /// Estimated seconds left: the wall time per point finished so far, times those left.
        public var estimatedSecondsLeft: Double? {
            let finished = succeeded + failed
            guard finished > 0 else { return nil }
            return elapsed / Double(finished) * Double(remaining)
        }
    }

    /// What happened to one point, reported as it happens.
    public enum Event: Sendable {
        case started(SweepPoint)
        case succeeded(SweepPoint, seconds: Double)
        case failed(SweepPoint, message: String)
    }

    /// How the run ended.
    public struct Outcome: Sendable {
        public var progress: Progress
        /// The failed points with their errors, in plan order.
        public var failures: [(point: SweepPoint, message: String)]
        public var wasCancelled: Bool
    }

    private let plan: SweepPlan
    private let points: [SweepPoint]
    private let directory: URL
    private let jobs: Int
    private let executor: any PointExecutor
    private let lock = NSLock()
    private var progress = Progress()
    private var pending: [SweepPoint] = []
    private var failures: [(point: SweepPoint, message: String)] = []
    private var isCancelled = false
    private let start = DispatchTime.now().uptimeNanoseconds

    /// - Parameters:
    ///   - points: the points to run (a shard's, or all), a subset of `plan.points`.
    ///   - directory: the sweep's output folder.
    ///   - jobs: how many points run at once (at least 1).
    public init(plan: SweepPlan, points: [SweepPoint], directory: URL, jobs: Int, executor: any PointExecutor) {
        self.plan = plan
        self.points = points
        self.directory = directory
        self.jobs = max(1, jobs)
        self.executor = executor
    }

    /// The run folder of a point.
    public func runDirectory(of point: SweepPoint) -> URL {
        directory.appendingPathComponent(SweepResults.Layout.points).appendingPathComponent(point.id)
    }

    /// Whether a point's results are complete in the folder.
    public func isComplete(_ point: SweepPoint) -> Bool {
        FileManager.default.fileExists(atPath: runDirectory(of: point).appendingPathComponent(SweepResults.Layout.completeMarker).path)
    }

    /// Writes the plan, runs every point not yet complete, and returns when all have ended or the
    /// run was cancelled. `onEvent` is called for each start and end, one call at a time, with
    /// the counts after it.
    public func run(onEvent: @escaping @Sendable (Event, Progress) -> Void = { _, _ in }) throws -> Outcome {
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        let manifestURL = directory.appendingPathComponent(SweepManifest.fileName)
        let manifest = SweepManifest(plan).encoded()
        if fileManager.contents(atPath: manifestURL.path) != manifest {
            if fileManager.fileExists(atPath: manifestURL.path) {
                throw SweepResults.Problem(lines: [
                    "\(directory.relativePath) holds the results of a different sweep (its \(SweepManifest.fileName) differs); choose another --out",
                ])
            }
            let layout: Set = [SweepResults.Layout.points, SweepResults.Layout.failures, SweepResults.Layout.table, SweepResults.Layout.report]
            let foreign = ((try? fileManager.contentsOfDirectory(atPath: directory.path)) ?? []).filter { !$0.hasPrefix(".") && !layout.contains($0) }
            if !foreign.isEmpty {
                throw SweepResults.Problem(lines: [
                    "\(directory.relativePath) exists and is not a sweep's output folder (it holds \(foreign.sorted().prefix(3).joined(separator: ", "))); choose another --out",
                ])
            }
            try manifest.write(to: manifestURL, options: .atomic)
        }
        try fileManager.createDirectory(at: directory.appendingPathComponent(SweepResults.Layout.points), withIntermediateDirectories: true)
        self.onEvent = onEvent
        lock.lock()
        progress.total = points.count
        pending = points.filter { !isComplete($0) }.reversed()
        progress.skipped = points.count - pending.count
        lock.unlock()

        let group = DispatchGroup()
        for _ in 0..<min(jobs, max(1, pending.count)) {
            group.enter()
            Thread.detachNewThread { [self] in
                while let point = next() {
                    execute(point)
                }
                group.leave()
            }
        }
        group.wait()
        lock.lock()
        defer { lock.unlock() }
        progress.elapsed = elapsed
        let ordered = failures.sorted { $0.point.index < $1.point.index }
        return Outcome(progress: progress, failures: ordered, wasCancelled: isCancelled)
    }

    /// Stops launching points and stops the running ones.
    public func cancel() {
        lock.lock()
        isCancelled = true
        pending.removeAll()
        lock.unlock()
        executor.cancel()
    }

    private var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    private func next() -> SweepPoint? {
        lock.lock()
        defer { lock.unlock() }
        guard !isCancelled else { return nil }
        return pending.popLast()
    }

    private func execute(_ point: SweepPoint) {
        let fileManager = FileManager.default
        let points = directory.appendingPathComponent(SweepResults.Layout.points)
        let scenario = points.appendingPathComponent(".\(point.id).scenario-\(getpid()).json5")
        let log = points.appendingPathComponent(".\(point.id).stderr-\(getpid()).txt")
        let failure = directory.appendingPathComponent(SweepResults.Layout.failures).appendingPathComponent("\(point.id).txt")
        report(.started(point)) { $0.running += 1 }
        let began = DispatchTime.now().uptimeNanoseconds
        var outcome: PointOutcome
        do {
            try Data(plan.scenarioText(for: point).utf8).write(to: scenario, options: .atomic)
            // A folder left by a run killed without warning (its staging folder) is stale.
            for name in (try? fileManager.contentsOfDirectory(atPath: points.path)) ?? [] where name.hasPrefix(".\(point.id).partial-") {
                try? fileManager.removeItem(at: points.appendingPathComponent(name))
            }
            outcome = executor.run(PointJob(point: point, scenarioFile: scenario, runDirectory: runDirectory(of: point),
                                            baseDirectory: plan.definition.baseDirectory, logFile: log))
        } catch {
            outcome = .failed("cannot write the point's scenario: \(error.localizedDescription)")
        }
        try? fileManager.removeItem(at: scenario)
        try? fileManager.removeItem(at: log)
        if outcome == .succeeded && !isComplete(point) {
            outcome = .failed("the run ended without writing \(SweepResults.Layout.completeMarker)")
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
        lock.lock()
        let cancelled = isCancelled
        lock.unlock()
        if cancelled && outcome != .succeeded {
            report(nil) { $0.running -= 1 }
            return
        }
        switch outcome {
        case .succeeded:
            try? fileManager.removeItem(at: failure)
            report(.succeeded(point, seconds: seconds)) { $0.running -= 1; $0.succeeded += 1 }
        case .failed(let message):
            try? fileManager.createDirectory(at: failure.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data("point \(point.id) failed:\n\(message)\n".utf8).write(to: failure, options: .atomic)
            lock.lock()
            failures.append((point, message))
            lock.unlock()
            report(.failed(point, message: message)) { $0.running -= 1; $0.failed += 1 }
        }
    }

    /// Updates the counts and reports the event; one report at a time, so they arrive in order.
    private let reportLock = NSLock()
    private var onEvent: @Sendable (Event, Progress) -> Void = { _, _ in }
    private func report(_ event: Event?, _ update: (inout Progress) -> Void) {
        reportLock.lock()
        defer { reportLock.unlock() }
        lock.lock()
        update(&progress)
        progress.elapsed = elapsed
        let snapshot = progress
        lock.unlock()
        if let event { onEvent(event, snapshot) }
    }
}
