import Foundation
import Gigawatt
import ScenarioFormat
import SimKernel
import TraceOutput

/// `gigawatt run FILE`: simulates a scenario and writes its results atomically.
struct RunCommand: Command {
    static let name = "run"
    static let summary = "simulate a scenario and write its results"
    static let help = """
        usage: gigawatt run FILE [--out DIR] [--force] [--seed N] [--horizon DURATION] [--interval DURATION]
                                 [--trace-window START..END] [--trace-pools NAME,...] [--base-dir DIR] [--quiet]

        Simulates the scenario FILE (JSON5) from time zero to its horizon.

        options:
          --out DIR            write results (summary.json, timeseries.csv, trace.json, report.html, and
                               a copy of the scenario as scenario.json5) into DIR. DIR appears only when
                               the run completes; a failed or interrupted run leaves nothing.
          --force              replace DIR if it exists (the old results are kept until the new
                               ones are complete)
          --seed N             override the scenario's seed (an unsigned 64-bit integer)
          --horizon DURATION   override the scenario's horizon, e.g. "30 d", "12 h", "90 s"
          --interval DURATION  the time-series interval (default: 1 min up to a 1-day horizon,
                               1 h up to 90 days, 1 d beyond)
          --trace-window START..END
                               limit trace.json to a window of simulated time, e.g. 2d..5d (either
                               side may be left out: ..12h, 3d..); spans are cut at its edges
          --trace-pools NAME,...
                               limit trace.json to these pools (and the sites that hold them)
          --base-dir DIR       read files the scenario names (traces, CSV series) relative to DIR
                               instead of the scenario file's folder (gigawatt sweep uses this)
          --quiet              no progress line and no summary on the terminal

        A progress line (simulated time, share of the horizon, events/s) is drawn on stderr when
        stderr is a terminal.

        exit codes: 0 ok, 1 simulation failure, 2 usage error, 65 invalid scenario
        """

    let file: String
    let outputDirectory: String?
    let replacesExisting: Bool
    let seed: UInt64?
    let horizon: SimDuration?
    let interval: SimDuration?
    let isQuiet: Bool
    /// The overrides as typed, for the note at the top of scenario.json5.
    let overrideTexts: [String]
    let traceWindow: String?
    let tracePools: String?
    let baseDirectory: String?

    init(arguments: ArgumentList) throws {
        var arguments = arguments
        outputDirectory = try arguments.option("--out")
        replacesExisting = arguments.flag("--force")
        isQuiet = arguments.flag("--quiet")
        if let text = try arguments.option("--seed") {
            guard let value = UInt64(text) else {
                throw CommandFailure.usage("--seed expects an unsigned 64-bit integer, got '\(text)'", command: Self.name)
            }
            seed = value
        } else {
            seed = nil
        }
        let horizonText = try arguments.option("--horizon")
        if let text = horizonText {
            switch QuantityParser.duration(text, bound: .positive) {
            case .success(let duration):
                horizon = duration
            case .failure(let problem):
                throw CommandFailure.usage("--horizon: \(problem)", command: Self.name)
            }
        } else {
            horizon = nil
        }
        let intervalText = try arguments.option("--interval")
        if let text = intervalText {
            switch QuantityParser.duration(text, bound: .positive) {
            case .success(let duration): interval = duration
            case .failure(let problem): throw CommandFailure.usage("--interval: \(problem)", command: Self.name)
            }
        } else {
            interval = nil
        }
        overrideTexts = [("--seed", seed.map { "\($0)" }), ("--horizon", horizonText), ("--interval", intervalText)]
            .compactMap { name, value in value.map { "\(name) \(Self.quoted($0))" } }
        traceWindow = try arguments.option("--trace-window")
        tracePools = try arguments.option("--trace-pools")
        baseDirectory = try arguments.option("--base-dir")
        file = try arguments.positional("scenario FILE")
        try arguments.finish()
        if replacesExisting && outputDirectory == nil {
            throw CommandFailure.usage("--force needs --out DIR", command: Self.name)
        }
        if (traceWindow != nil || tracePools != nil) && outputDirectory == nil {
            throw CommandFailure.usage("--trace-window and --trace-pools need --out DIR (they select what trace.json holds)", command: Self.name)
        }
    }

    /// The part of the run trace.json holds, checked against the scenario (its horizon, its pools).
    private func traceSelection(for scenario: Scenario) throws -> TraceSelection {
        var selection = TraceSelection.everything
        if let traceWindow {
            switch TraceSelection.window(traceWindow, horizon: scenario.horizon) {
            case .success(let window): selection.window = window
            case .failure(let error): throw CommandFailure.usage(error.description, command: Self.name)
            }
        }
        if let tracePools {
            switch TraceSelection.pools(tracePools, known: scenario.fleet.pools.map(\.name)) {
            case .success(let pools): selection.pools = pools
            case .failure(let error): throw CommandFailure.usage(error.description, command: Self.name)
            }
        }
        return selection
    }

    func execute() throws {
        var scenario = try ScenarioInput.load(file, baseDirectory: baseDirectory)
        if !isQuiet { for warning in scenario.warnings { Terminal.diagnostic(warning.description) } }
        if let seed { scenario = scenario.with(seed: seed) }
        if let horizon { scenario = scenario.with(horizon: horizon) }
        let selection = try traceSelection(for: scenario)

        let output = try outputDirectory.map { path in
            do {
                return try RunDirectory(destination: URL(fileURLWithPath: path), replacingExisting: replacesExisting)
            } catch let failure as RunDirectory.Failure {
                if case .destinationExists = failure { throw CommandFailure.usage(failure.description, command: Self.name) }
                throw CommandFailure(.simulationFailure, failure.description)
            }
        }
        let interruption = output.map(InterruptionGuard.init)
        defer { interruption?.cancel() }

        do {
            let summary = output.map { SummaryWriter(url: $0.file("summary.json")) }
            let timeSeries = try output.map { try TimeSeriesWriter(url: $0.file("timeseries.csv")) }
            let trace = try output.map { try TraceWriter(url: $0.file("trace.json"), selection: selection) }
            let report = output.map { ReportWriter(url: $0.file("report.html"), scenarioDescription: scenario.description) }
            // Inference services add per-request results and their own time series.
            let hasServices = !scenario.inference.isEmpty
            let requests = try output.flatMap { hasServices ? try InferenceRequestsWriter(url: $0.file("requests.csv")) : nil }
            let inferenceSeries = try output.flatMap { hasServices ? try InferenceSeriesWriter(url: $0.file("inference.csv")) : nil }
            var sinks: [any TelemetrySink] = []
            if let requests { sinks.append(requests) }
            if let inferenceSeries { sinks.append(inferenceSeries) }
            if let summary { sinks.append(summary) }
            if let timeSeries { sinks.append(timeSeries) }
            if let trace { sinks.append(trace) }
            if let report { sinks.append(report) }
            let sink = TelemetryFanOut(sinks)
            let wallStart = DispatchTime.now().uptimeNanoseconds
            var simulation = Simulation(scenario: scenario, interval: interval, sink: sink)
            let showsProgress = !isQuiet && Terminal.isStandardErrorInteractive
            var progress = ProgressLine(horizon: simulation.horizon)
            while !simulation.isComplete {
                simulation.advance(maxEvents: showsProgress ? 1_000_000 : .max)
                if showsProgress { progress.update(now: simulation.now, eventsProcessed: simulation.eventsProcessed) }
            }
            if showsProgress { Terminal.endProgress() }
            let totals = simulation.finish()
            if let error = summary?.writeError { throw CommandFailure(.simulationFailure, "cannot write summary.json: \(error.localizedDescription)") }
            if let error = timeSeries?.writeError { throw CommandFailure(.simulationFailure, "cannot write timeseries.csv: \(error.localizedDescription)") }
            if let error = trace?.writeError { throw CommandFailure(.simulationFailure, "cannot write trace.json: \(error.localizedDescription)") }
            if let error = requests?.writeError { throw CommandFailure(.simulationFailure, "cannot write requests.csv: \(error.localizedDescription)") }
            if let error = inferenceSeries?.writeError { throw CommandFailure(.simulationFailure, "cannot write inference.csv: \(error.localizedDescription)") }
            if let error = report?.writeError { throw CommandFailure(.simulationFailure, "cannot write report.html: \(error.localizedDescription)") }
            if let output { try writeScenarioCopy(into: output) }
            try output?.commit()
            let wall = Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e9
            if !isQuiet {
                print("\(scenario.name): simulated \(totals.simulatedTime) (\(totals.eventsProcessed) events) in \(String(format: "%.2f", wall)) s"
                      + (outputDirectory.map { "; results in \($0)" } ?? ""))
            }
        } catch {
            output?.discard()
            if let failure = error as? RunDirectory.Failure { throw CommandFailure(.simulationFailure, failure.description) }
            throw error
        }
    }

    /// `scenario.json5`: the scenario file as given, so `gigawatt compare` can say which fields
    /// differ between runs and the run can be repeated; command-line overrides are noted in a
    /// leading comment (their effective values are also in summary.json).
    private func writeScenarioCopy(into output: RunDirectory) throws {
        let original: Data
        do {
            original = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw CommandFailure(.simulationFailure, "cannot copy the scenario \(file) into the results: \(error.localizedDescription)")
        }
        var copy = Data()
        if !overrideTexts.isEmpty { copy.append(Data("// gigawatt run \(overrideTexts.joined(separator: " ")) (overrides of this file)\n".utf8)) }
        copy.append(original)
        do {
            try copy.write(to: output.file("scenario.json5"))
        } catch {
            throw CommandFailure(.simulationFailure, "cannot write scenario.json5: \(error.localizedDescription)")
        }
    }

    /// A command-line value quoted for a shell when it has spaces.
    private static func quoted(_ text: String) -> String { text.contains(" ") ? "\"\(text)\"" : text }
}
