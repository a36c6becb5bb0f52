import Foundation
import Gigawatt
import SimKernel

/// Writes `requests.csv` as requests finish: one row per completed or rejected request, so
/// memory stays flat however many requests a run serves.
///
/// Columns: `service`, `request` (index in its source), `outcome`, `replica` (−1: none),
/// `arrival_s`, `first_token_s`, `completion_s`, `ttft_s`, `tpot_s`, `e2e_s`, `prompt_tokens`,
/// `output_tokens`, `cached_tokens`, `preemptions`, `slo_met` (1 or 0). Times are seconds from the
/// start; latencies are empty for a rejected request (and TPOT for a one-token output).
public final class InferenceRequestsWriter: TelemetrySink {
    private let table: CSVTableWriter
    public private(set) var writeError: Error?

    public static let columns = ["service", "request", "outcome", "replica", "arrival_s", "first_token_s", "completion_s",
                                 "ttft_s", "tpot_s", "e2e_s", "prompt_tokens", "output_tokens", "cached_tokens",
                                 "preemptions", "slo_met"]

    public init(url: URL) throws {
        table = try CSVTableWriter(url: url, columns: Self.columns)
    }

    public func record(_ record: TelemetryRecord) {
        switch record {
        case .inferenceRequest(let r):
            func seconds(_ t: SimTime?) -> CSVTableWriter.Cell { t.map { .number($0.seconds) } ?? .empty }
            func seconds(_ d: SimDuration?) -> CSVTableWriter.Cell { d.map { .number($0.seconds) } ?? .empty }
            attempt {
                try table.append([
                    .text(r.service), .integer(Int(r.request)), .text(r.outcome.rawValue), .integer(r.replica),
                    .number(r.arrival.seconds), seconds(r.firstToken), seconds(r.completion),
                    seconds(r.ttft), seconds(r.tpot), seconds(r.e2e), .integer(r.promptTokens), .integer(r.outputTokens),
                    .integer(r.cachedTokens), .integer(r.preemptions), .integer(r.metSLO ? 1 : 0),
                ])
            }
        case .runFinished:
            attempt { try table.close() }
        default:
            break
        }
    }

    private func attempt(_ body: () throws -> Void) {
        guard writeError == nil else { return }
        do { try body() } catch { writeError = error }
    }
}

/// Writes `inference.csv`: per service and interval, arrivals, completions, output tokens and
/// throughput, waiting and running requests and replicas at the interval's end, utilisation.
public final class InferenceSeriesWriter: TelemetrySink {
    private let table: CSVTableWriter
    public private(set) var writeError: Error?

    public static let columns = ["interval_start_s", "interval_end_s", "service", "arrivals", "completions", "output_tokens",
                                 "output_tokens_per_s", "waiting", "running", "replicas_serving", "replicas_placed", "utilization"]

    public init(url: URL) throws {
        table = try CSVTableWriter(url: url, columns: Self.columns)
    }

    public func record(_ record: TelemetryRecord) {
        switch record {
        case .inferenceInterval(let row):
            let seconds = (row.end - row.start).seconds
            attempt {
                try table.append([
                    .number(row.start.seconds), .number(row.end.seconds), .text(row.service), .integer(row.arrivals),
                    .integer(row.completions), .integer(row.outputTokens),
                    .number(seconds > 0 ? Double(row.outputTokens) / seconds : 0), .integer(row.waiting), .integer(row.running),
                    .integer(row.activeReplicas), .integer(row.placedReplicas), .number(row.utilization),
                ])
            }
        case .runFinished:
            attempt { try table.close() }
        default:
            break
        }
    }

    private func attempt(_ body: () throws -> Void) {
        guard writeError == nil else { return }
        do { try body() } catch { writeError = error }
    }
}
