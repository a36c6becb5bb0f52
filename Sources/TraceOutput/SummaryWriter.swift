import Foundation
import Gigawatt
import SimKernel

/// Writes `summary.json`: what the run was and its totals, as stable, sorted, pretty JSON.
///
/// The summary holds only simulated quantities (never wall-clock time or host facts), so the same
/// scenario and seed give byte-identical files. Later issues add energy, cost, utilisation and
/// latency sections; the key names are part of the documented schema.
public final class SummaryWriter: TelemetrySink {
    private let url: URL
    private var summary = Summary()
    public private(set) var writeError: Error?

    public init(url: URL) { self.url = url }

    struct Summary: Encodable {
        var schemaVersion = 1
        var gigawattVersion = ""
        var scenario = ""
        var seed: UInt64 = 0
        var horizonSeconds = 0.0
        var horizon = ""
        var simulatedSeconds = 0.0
        var eventsProcessed: UInt64 = 0

        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schema_version"
            case gigawattVersion = "gigawatt_version"
            case scenario, seed
            case horizonSeconds = "horizon_s"
            case horizon
            case simulatedSeconds = "simulated_s"
            case eventsProcessed = "events_processed"
        }
    }

    public func record(_ record: TelemetryRecord) {
        switch record {
        case .runStarted(let start):
            summary.gigawattVersion = start.version
            summary.scenario = start.scenarioName
            summary.seed = start.seed
            summary.horizonSeconds = start.horizon.seconds
            summary.horizon = start.horizon.description
        case .runFinished(let totals):
            summary.simulatedSeconds = totals.simulatedTime.seconds
            summary.eventsProcessed = totals.eventsProcessed
            write()
        }
    }

    private func write() {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            var data = try encoder.encode(summary)
            data.append(0x0A)
            try data.write(to: url)
        } catch {
            writeError = error
        }
    }
}
