import Foundation
import ScenarioFormat
import Sweeps

/// `gigawatt sweep FILE --out DIR` and `gigawatt sweep merge DIR`: many runs of one base scenario.
struct SweepCommand: Command {
    static let name = "sweep"
    static let summary = "run every point of a sweep (axes × seeds), locally or as one shard; merge shards"
    static let help = """
        usage: gigawatt sweep FILE --out DIR [--jobs N] [--shard I/N] [--quiet]
               gigawatt sweep merge DIR

        Runs every point of the sweep FILE (JSON5: a base scenario, axes of values, seeds) as its own
        `gigawatt run` process, several at a time, into DIR/points/<point id>/, then writes
        DIR/sweep.csv (one row per point: axis values, seed, headline metrics) and DIR/sweep.html
        (each metric against each axis, seed spread as error bars).

        Points already complete in DIR are skipped, so running the same command again resumes an
        interrupted sweep. A point that fails is reported (and kept in DIR/failures/<id>.txt)
        while the others run on; the tables are written once every point is complete.

        options:
          --out DIR     the sweep's output folder (created if needed; shards may share it)
          --jobs N      points run at once (default: the number of cores, \(ProcessInfo.processInfo.activeProcessorCount) here)
          --shard I/N   run only shard I of N (0 ≤ I < N): every N-th point starting at the I-th,
                        e.g. --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT; no tables are
                        written; run `gigawatt sweep merge DIR` when all shards are done
          --quiet       no progress and no summary on the terminal

        merge DIR: checks that DIR (and its sub-folders holding a sweep-plan.json, one per shard
        when they were synced separately) holds every point of the sweep exactly once, and writes
        the same sweep.csv and sweep.html a local run writes.

        Progress (points done, running, failed, time left) is a line redrawn on a terminal, and one
        line per finished point otherwise (batch logs).

        exit codes: 0 ok, 1 a point failed, 2 usage error, 65 invalid sweep or scenario, or
        incomplete results (merge), 130 interrupted
        """

    enum Mode {
        case run(file: String, output: String, jobs: Int, shard: SweepShard, isQuiet: Bool)
        case merge(directory: String)
    }

    let mode: Mode

    init(arguments: ArgumentList) throws {
        var arguments = arguments
        let output = try arguments.option("--out")
        let jobsText = try arguments.option("--jobs")
        let shardText = try arguments.option("--shard")
        let isQuiet = arguments.flag("--quiet")
        let first = try arguments.positional("sweep FILE (or 'merge DIR')")
        if first == "merge" {
            let directory = try arguments.positional("DIR (the sweep's output folder) after 'merge'")
            try arguments.finish()
            guard output == nil, jobsText == nil, shardText == nil else {
                throw CommandFailure.usage("merge takes only DIR (it writes sweep.csv and sweep.html into it)", command: Self.name)
            }
            mode = .merge(directory: directory)
            return
        }
        try arguments.finish()
        guard let output else { throw CommandFailure.usage("missing --out DIR (where the points' results go)", command: Self.name) }
        var jobs = ProcessInfo.processInfo.activeProcessorCount
        if let jobsText {
            guard let value = Int(jobsText), value >= 1 else {
                throw CommandFailure.usage("--jobs expects a positive integer, got '\(jobsText)'", command: Self.name)
            }
            jobs = value
        }
        var shard = SweepShard.whole
        if let shardText {
            switch SweepShard.parse(shardText) {
            case .success(let parsed): shard = parsed
            case .failure(let problem): throw CommandFailure.usage("--shard: \(problem)", command: Self.name)
            }
        }
        mode = .run(file: first, output: output, jobs: jobs, shard: shard, isQuiet: isQuiet)
    }

    func execute() throws {
        switch mode {
        case .merge(let directory):
            try writeTables(in: directory, exitCode: .invalidScenario)
            print("merged \(directory): wrote \(directory)/\(SweepResults.Layout.table) and \(directory)/\(SweepResults.Layout.report)")
        case .run(let file, let output, let jobs, let shard, let isQuiet):
            try run(file: file, output: output, jobs: jobs, shard: shard, isQuiet: isQuiet)
        }
    }

    private func writeTables(in directory: String, exitCode: ExitCode) throws {
        do {
            try SweepResults.writeTable(in: URL(fileURLWithPath: directory, isDirectory: true))
        } catch let problem as SweepResults.Problem {
            throw CommandFailure(exitCode, problem.lines)
        } catch {
            throw CommandFailure(.simulationFailure, "cannot write the sweep's tables in \(directory): \(error.localizedDescription)")
        }
    }

    private func run(file: String, output: String, jobs: Int, shard: SweepShard, isQuiet: Bool) throws {
        let definition: SweepDefinition
        do {
            definition = try SweepFileReader.load(contentsOf: URL(fileURLWithPath: file), displayName: file)
        } catch {
            throw CommandFailure.diagnostics(error.renderedLines)
        }
        let plan = SweepPlan(definition)
        let points = shard.select(plan.points)
        do {
            try plan.validate(points)
        } catch {
            throw CommandFailure.diagnostics(error.renderedLines)
        }
        guard let executable = Bundle.main.executableURL else {
            throw CommandFailure(.simulationFailure, "cannot find the gigawatt executable to run the points with")
        }
        let runner = SweepRunner(plan: plan, points: points, directory: URL(fileURLWithPath: output, isDirectory: true),
                                 jobs: jobs, executor: ProcessPointExecutor(executable: executable))
        let interruption = SweepInterruption(runner)
        defer { interruption.cancel() }
        let isInteractive = !isQuiet && Terminal.isStandardErrorInteractive
        let what = shard == .whole ? "sweep \(definition.name)" : "sweep \(definition.name) shard \(shard)"
        let outcome: SweepRunner.Outcome
        do {
            outcome = try runner.run { event, progress in
                guard !isQuiet else { return }
                if isInteractive {
                    if case .failed(let point, let message) = event {
                        Terminal.endProgress()
                        Terminal.error("point \(point.id) failed: \(message.split(separator: "\n").first ?? "")")
                    }
                    Terminal.progress(Self.progressLine(what, progress))
                    return
                }
                switch event {
                case .started: break
                case .succeeded(let point, let seconds):
                    Terminal.diagnostic("[\(progress.done + progress.failed)/\(progress.total)] \(point.id) done in \(String(format: "%.1f", seconds)) s · \(Self.counts(progress))")
                case .failed(let point, let message):
                    Terminal.diagnostic("[\(progress.done + progress.failed)/\(progress.total)] \(point.id) FAILED: \(message.split(separator: "\n").first ?? "") · \(Self.counts(progress))")
                }
            }
        } catch let problem as SweepResults.Problem {
            throw CommandFailure.usage(problem.description, command: Self.name)
        } catch {
            throw CommandFailure(.simulationFailure, "cannot write into \(output): \(error.localizedDescription)")
        }
        if isInteractive { Terminal.endProgress() }
        if let signal = interruption.receivedSignal {
            Terminal.error("interrupted; \(outcome.progress.done) of \(outcome.progress.total) points are complete and kept in \(output); run the same command again to resume")
            exit(128 + signal)
        }
        let progress = outcome.progress
        if !outcome.failures.isEmpty {
            var lines: [String] = []
            for (point, message) in outcome.failures {
                lines.append("point \(point.id) failed (kept in \(output)/\(SweepResults.Layout.failures)/\(point.id).txt):")
                lines += message.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
            }
            lines.append("\(outcome.failures.count) of \(progress.total) points failed, \(progress.done) are complete; fix the cause and run the same command again to resume")
            throw CommandFailure(.simulationFailure, lines)
        }
        if shard == .whole {
            try writeTables(in: output, exitCode: .simulationFailure)
        }
        if !isQuiet {
            let ran = "\(progress.succeeded) run now" + (progress.skipped > 0 ? ", \(progress.skipped) already complete" : "")
            let next = shard == .whole
                ? "results in \(output)/\(SweepResults.Layout.table) and \(output)/\(SweepResults.Layout.report)"
                : "when every shard is done, run: gigawatt sweep merge \(output)"
            print("\(what): \(progress.total) points complete (\(ran)) in \(String(format: "%.1f", progress.elapsed)) s; \(next)")
        }
    }

    private static func counts(_ progress: SweepRunner.Progress) -> String {
        var text = "\(progress.done)/\(progress.total) done, \(progress.running) running, \(progress.failed) failed"
        if let left = progress.estimatedSecondsLeft { text += ", ETA \(duration(left))" }
        return text
    }

    private static func progressLine(_ what: String, _ progress: SweepRunner.Progress) -> String {
        "\(what): \(counts(progress))"
    }

    /// 75 → "1m15s", 3700 → "1h01m".
    private static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m\(String(format: "%02d", s % 60))s" }
        return "\(s / 3600)h\(String(format: "%02d", s / 60 % 60))m"
    }
}
