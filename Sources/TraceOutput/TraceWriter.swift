import Foundation
import Gigawatt
import SimKernel

/// Writes `trace.json` (Chrome trace-event format, opened by Perfetto UI and chrome://tracing)
/// as the run goes.
///
/// - One process per site with counter tracks: `power (W)` (IT and facility, exact: a sample at
///   every change), and per time-series interval `cost rate ($/h)`, `carbon rate (kg CO2e/h)` and
///   `utilisation (% of hosts busy)` (interval averages, from the same exact integrals as
///   `timeseries.csv`).
/// - One process per pool with a track per training job (spans `queued` and `running`,
///   rejections as instants), and capacity changes as instants plus a `chips in service`
///   counter.
///
/// Jobs are written when they finish (or at the horizon), spans aggregated per job: there is no
/// event per training step. A `TraceSelection` limits the trace to a time window and to some
/// pools. Memory holds one entry per site and pool, never per event.
public final class TraceWriter: TelemetrySink {
    private let writer: ChromeTraceWriter
    private let selection: TraceSelection
    private var sitePIDs: [String: Int] = [:]
    private var poolPIDs: [String: Int] = [:]
    private var servicePIDs: [String: Int] = [:]
    private var nextPID = 2
    private var nextThread: [Int: Int] = [:]
    /// Power samples from before the window, written at its start once the window is reached.
    private var heldPower: [String: SitePowerSample] = [:]
    private var siteOrder: [String] = []
    /// Jobs that never got a pool (rejected, queued, not arrived) go on this process.
    private let unplacedPID = 1
    /// The end of the run: unfinished jobs' spans end there.
    private var horizon = SimTime.zero
    public private(set) var writeError: Error?

    public init(url: URL, selection: TraceSelection = .everything) throws {
        writer = try ChromeTraceWriter(url: url)
        self.selection = selection
    }

    public func record(_ record: TelemetryRecord) {
        switch record {
        case .runStarted(let start):
            horizon = SimTime.zero + start.horizon
        case .fleetDescribed(let inventory):
            attempt { try describe(inventory) }
        case .sitePower(let sample):
            guard sitePIDs[sample.site] != nil else { return }
            attempt { try writePower(sample) }
        case .siteInterval(let interval):
            guard let pid = sitePIDs[interval.site], let (start, _) = selection.clip(interval.start, interval.end) else { return }
            let hours = interval.length.seconds / 3_600
            attempt {
                try writer.counter(pid: pid, name: "cost rate ($/h)", at: start, values: [("usd_per_h", interval.cost.value / hours)])
                try writer.counter(pid: pid, name: "carbon rate (kg CO2e/h)", at: start,
                                   values: [("kg_per_h", interval.carbonGrams / 1_000 / hours)])
                try writer.counter(pid: pid, name: "utilisation (% of hosts busy)", at: start, values: [("percent", interval.utilization * 100)])
            }
        case .poolCapacity(let change):
            guard let pid = poolPIDs[change.pool], selection.includes(change.time) else { return }
            attempt {
                try writer.instant(pid: pid, tid: 0, name: "capacity change", category: "capacity", at: change.time, scope: .process,
                                   args: [("installed_chips", String(change.installedChips)), ("available_chips", String(change.availableChips))])
                try writer.counter(pid: pid, name: "chips in service", at: change.time,
                                   values: [("available", Double(change.availableChips)), ("installed", Double(change.installedChips))])
            }
        case .trainingJob(let job):
            attempt { try writeJob(job) }
        case .runFinished:
            attempt {
                for site in siteOrder { try flushHeldPower(site) }
                try writer.close()
            }
        case .powerCapState(let state):
            guard let pid = sitePIDs[state.site], selection.includes(state.time) else { return }
            attempt {
                try writer.counter(pid: pid, name: "\(state.domain) cap", at: state.time,
                                   values: [("clock_factor", state.clock), ("waiting_jobs", Double(state.waitingJobs))])
            }
        case .siteEnergy, .powerCap, .costs, .inferenceRequest, .inferenceService:
            break
        case .inferenceInterval(let row):
            attempt { try writeInference(row) }
        }
    }

    private func describe(_ inventory: FleetInventory) throws {
        if selection.pools == nil { try writer.nameProcess(unplacedPID, "jobs without a pool", sortIndex: 0) }
        var pid = 2
        for site in inventory.sites {
            let pools = site.pools.filter { selection.includes(pool: $0.name) }
            guard !pools.isEmpty || selection.pools == nil else { continue }
            sitePIDs[site.name] = pid
            siteOrder.append(site.name)
            try writer.nameProcess(pid, "site \(site.name)", sortIndex: pid)
            pid += 1
            for pool in pools {
                poolPIDs[pool.name] = pid
                try writer.nameProcess(pid, "pool \(pool.name) (\(pool.chips) × \(pool.chip))", sortIndex: pid)
                pid += 1
            }
        }
        nextPID = pid
    }

    /// An inference service's interval as counters on its own track (named on first use).
    private func writeInference(_ row: InferenceInterval) throws {
        guard let (start, _) = selection.clip(row.start, row.end) else { return }
        let pid: Int
        if let known = servicePIDs[row.service] {
            pid = known
        } else {
            pid = nextPID
            nextPID += 1
            servicePIDs[row.service] = pid
            try writer.nameProcess(pid, "inference \(row.service)", sortIndex: pid)
        }
        try writer.counter(pid: pid, name: "requests", at: start,
                           values: [("waiting", Double(row.waiting)), ("running", Double(row.running))])
        try writer.counter(pid: pid, name: "replicas", at: start,
                           values: [("serving", Double(row.activeReplicas)), ("placed", Double(row.placedReplicas))])
        let seconds = (row.end - row.start).seconds
        try writer.counter(pid: pid, name: "output tokens/s", at: start,
                           values: [("tokens_per_s", seconds > 0 ? Double(row.outputTokens) / seconds : 0)])
    }

    /// Power holds from one sample to the next, so a sample before the window is kept and
    /// written at the window's start, unless another sample comes exactly there.
    private func writePower(_ sample: SitePowerSample) throws {
        if let window = selection.window {
            if sample.time < window.lowerBound { heldPower[sample.site] = sample; return }
            if sample.time > window.upperBound { return }
            if sample.time > window.lowerBound { try flushHeldPower(sample.site) }
            heldPower[sample.site] = nil
        }
        try writer.counter(pid: sitePIDs[sample.site]!, name: "power (W)", at: sample.time,
                           values: [("it", sample.itPower), ("facility", sample.facilityPower)])
    }

    private func flushHeldPower(_ site: String) throws {
        guard let held = heldPower.removeValue(forKey: site), let window = selection.window else { return }
        try writer.counter(pid: sitePIDs[site]!, name: "power (W)", at: window.lowerBound,
                           values: [("it", held.itPower), ("facility", held.facilityPower)])
    }

    private func writeJob(_ job: TrainingJobResult) throws {
        let pid: Int
        if let pool = job.pool {
            guard let poolPID = poolPIDs[pool] else { return }  // a pool left out of the trace
            pid = poolPID
        } else {
            guard selection.pools == nil else { return }
            pid = unplacedPID
        }
        let args = [("chips", String(job.chips)), ("outcome", job.outcome.rawValue)] + (job.reason.map { [("reason", $0)] } ?? [])
        var spans: [(name: String, start: SimTime, end: SimTime)] = []
        var rejectedAt: SimTime?
        switch job.outcome {
        case .rejected:
            rejectedAt = selection.includes(job.arrival) ? job.arrival : nil
        case .notArrived:
            break
        case .queued, .running, .completed:
            if let start = job.start {
                if start > job.arrival { spans.append(("queued", job.arrival, start)) }
                spans.append((job.outcome == .completed ? "running" : "running (at horizon)", start, max(job.end ?? horizon, start)))
            } else {
                spans.append(("queued (at horizon)", job.arrival, max(horizon, job.arrival)))
            }
        }
        let clipped = spans.compactMap { span in selection.clip(span.start, span.end).map { (span.name, $0.0, $0.1) } }
        guard !clipped.isEmpty || rejectedAt != nil else { return }
        let tid = (nextThread[pid] ?? 0) + 1
        nextThread[pid] = tid
        try writer.nameThread(pid, tid, job.name)
        if let rejectedAt {
            try writer.instant(pid: pid, tid: tid, name: "rejected", category: "training", at: rejectedAt, args: args)
        }
        for (name, start, end) in clipped {
            try writer.span(pid: pid, tid: tid, name: name, category: "training", start: start, end: end, args: args)
        }
    }

    private func attempt(_ body: () throws -> Void) {
        guard writeError == nil else { return }
        do { try body() } catch { writeError = error }
    }
}
