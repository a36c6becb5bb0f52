import Foundation
import TraceOutput

/// `gigawatt compare RUN_A RUN_B [...]`: compares the output directories of two or more runs.
struct CompareCommand: Command {
    static let name = "compare"
    static let summary = "compare the results of two or more runs"
    static let help = """
        usage: gigawatt compare RUN_A RUN_B [RUN ...] [--out DIR] [--force] [--resample]

        Compares the output directories of runs (`gigawatt run --out`), RUN_A being the baseline:
        the scenario fields that differ (from each run's scenario.json5, with the effective seed,
        horizon and interval), every numeric metric of summary.json side by side with absolute and
        relative deltas, per-job and per-service changes in completion time and latency (matched
        by name), and every column of timeseries.csv aligned interval by interval (difference and
        ratio). Prints a table; with --out, also writes comparison.json, comparison.csv and
        comparison.html (overlaid charts, self-contained).

        Runs must cover the same horizon. Time series of different intervals are refused unless
        --resample is given.

        options:
          --out DIR     write comparison.json, comparison.csv and comparison.html into DIR (which
                        appears only when complete)
          --force       replace DIR if it exists
          --resample    compare time series of different intervals on their coarser common
                        interval (the least common multiple): energy, cost, carbon and other
                        amounts are summed, powers and other averages weighted by time, so the
                        result is the same exact integral cut into fewer pieces

        exit codes: 0 ok, 1 cannot write the results, 2 usage error, 65 a run cannot be read or
        the runs cannot be compared
        """

    let runs: [String]
    let outputDirectory: String?
    let replacesExisting: Bool
    let resamples: Bool

    init(arguments: ArgumentList) throws {
        var arguments = arguments
        outputDirectory = try arguments.option("--out")
        replacesExisting = arguments.flag("--force")
        resamples = arguments.flag("--resample")
        var runs: [String] = []
        while let run = try arguments.optionalPositional() { runs.append(run) }
        guard runs.count >= 2 else {
            throw CommandFailure.usage("compare needs at least two run directories, got \(runs.count)", command: Self.name)
        }
        if replacesExisting && outputDirectory == nil {
            throw CommandFailure.usage("--force needs --out DIR", command: Self.name)
        }
        self.runs = runs
    }

    func execute() throws {
        let comparison: RunComparison
        do {
            let recorded = try runs.map { path throws(CompareError) in
                try RecordedRun(directory: URL(fileURLWithPath: path), label: Self.label(path))
            }
            comparison = try RunComparison(recorded, resampling: resamples)
        } catch {
            throw CommandFailure(.invalidScenario, "cannot compare: \(error.description)")
        }
        print(comparison.terminalTable(), terminator: "")
        guard let outputDirectory else { return }

        let output: RunDirectory
        do {
            output = try RunDirectory(destination: URL(fileURLWithPath: outputDirectory), replacingExisting: replacesExisting)
        } catch let failure as RunDirectory.Failure {
            if case .destinationExists = failure { throw CommandFailure.usage(failure.description, command: Self.name) }
            throw CommandFailure(.simulationFailure, failure.description)
        }
        let interruption = InterruptionGuard(output)
        defer { interruption.cancel() }
        do {
            try comparison.jsonData().write(to: output.file("comparison.json"))
            try comparison.writeCSV(to: output.file("comparison.csv"))
            try Data(comparison.html().utf8).write(to: output.file("comparison.html"))
            try output.commit()
        } catch {
            output.discard()
            if let failure = error as? RunDirectory.Failure { throw CommandFailure(.simulationFailure, failure.description) }
            throw CommandFailure(.simulationFailure, "cannot write the comparison: \(error.localizedDescription)")
        }
        print("comparison written to \(outputDirectory)")
    }

    /// A run's name in tables: the path as given, without a trailing slash.
    private static func label(_ path: String) -> String {
        var label = path
        while label.count > 1 && label.hasSuffix("/") { label.removeLast() }
        return label
    }
}
