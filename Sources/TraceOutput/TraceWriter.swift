import Foundation
import Gigawatt
import SimKernel

/// Writes `trace.json` (Chrome trace-event format, opened by Perfetto UI and chrome://tracing)
/// as the run goes: one process per site with a power counter track (IT and facility watts),
/// and one process per pool with a track per training job (spans `queued` and `running`).
///
/// Jobs are written when they finish (or at the horizon), spans aggregated per job: there is
/// no event per training step.
public final class TraceWriter: TelemetrySink {
    private let writer: ChromeTraceWriter
    private var sitePIDs: [String: Int] = [:]
    private var poolPIDs: [String: Int] = [:]
    private var nextThread: [Int: Int] = [:]
    /// Jobs that never got a pool (rejected, queued, not arrived) go on this process.
    private let unplacedPID = 1
    public private(set) var writeError: Error?

    public init(url: URL) throws {
        writer = try ChromeTraceWriter(url: url)
    }

    public func record(_ record: TelemetryRecord) {
        switch record {
        case .runStarted(let start):
            horizon = SimTime.zero + start.horizon
        case .fleetDescribed(let inventory):
            attempt {
                try writer.nameProcess(unplacedPID, "jobs without a pool", sortIndex: 0)
                var pid = 2
                for site in inventory.sites {
                    sitePIDs[site.name] = pid
                    try writer.nameProcess(pid, "site \(site.name)", sortIndex: pid)
                    pid += 1
                    for pool in site.pools {
                        poolPIDs[pool.name] = pid
                        try writer.nameProcess(pid, "pool \(pool.name) (\(pool.chips) × \(pool.chip))", sortIndex: pid)
                        pid += 1
                    }
                }
            }
        case .sitePower(let sample):
            guard let pid = sitePIDs[sample.site] else { return }
            attempt {
                try writer.counter(pid: pid, name: "power (W)", at: sample.time,
                                   values: [("it", sample.itPower), ("facility", sample.facilityPower)])
            }
        case .trainingJob(let job):
            attempt { try writeJob(job) }
        case .runFinished:
            attempt { try writer.close() }
        default:
            break
        }
    }

    private func writeJob(_ job: TrainingJobResult) throws {
        let pid = job.pool.flatMap { poolPIDs[$0] } ?? unplacedPID
        let tid = (nextThread[pid] ?? 0) + 1
        nextThread[pid] = tid
        try writer.nameThread(pid, tid, job.name)
        let args = [("chips", String(job.chips)), ("outcome", job.outcome.rawValue)] + (job.reason.map { [("reason", $0)] } ?? [])
        switch job.outcome {
        case .rejected:
            try writer.instant(pid: pid, tid: tid, name: "rejected", category: "training", at: job.arrival, args: args)
        case .notArrived:
            break
        case .queued, .running, .completed:
            if let start = job.start {
                if start > job.arrival {
                    try writer.span(pid: pid, tid: tid, name: "queued", category: "training", start: job.arrival, end: start, args: args)
                }
                let end = job.end ?? horizon
                try writer.span(pid: pid, tid: tid, name: job.outcome == .completed ? "running" : "running (at horizon)",
                                category: "training", start: start, end: max(end, start), args: args)
            } else {
                try writer.span(pid: pid, tid: tid, name: "queued (at horizon)", category: "training",
                                start: job.arrival, end: max(horizon, job.arrival), args: args)
            }
        }
    }

    /// The end of the run: unfinished jobs' spans end there.
    private var horizon = SimTime.zero

    private func attempt(_ body: () throws -> Void) {
        guard writeError == nil else { return }
        do { try body() } catch { writeError = error }
    }
}
