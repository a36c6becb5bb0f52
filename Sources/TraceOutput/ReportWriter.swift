import Foundation
import Gigawatt
import SimKernel

/// Writes `report.html` at the end of the run: one self-contained page (inline SVG and CSS, no
/// script, no external URL; light and dark mode from `prefers-color-scheme`, printable) with the
/// scenario, headline numbers, power per site against its cap and grid limit, cumulative cost and
/// carbon, utilisation, training jobs queued and running per pool over time (the aggregate view
/// that stays readable with thousands of jobs), and a Gantt of the longest jobs. Periods when a
/// pool has capacity out of service (`PoolCapacityChange` records) are shaded on the time charts.
///
/// It keeps one row per time-series interval, one per job and one per capacity change, bounded by
/// the horizon over the interval and by the job count; a Gantt of more than `maximumGanttRows`
/// jobs shows the longest ones and says how many are left out.
public final class ReportWriter: TelemetrySink {
    private let url: URL
    private let description: String?
    private var start: RunStarted?
    private var inventory: FleetInventory?
    private var intervals: [String: [SiteInterval]] = [:]
    private var siteOrder: [String] = []
    private var sites: [SiteEnergyTotals] = []
    private var jobs: [TrainingJobResult] = []
    private var capacityChanges: [PoolCapacityChange] = []
    private var capReports: [PowerCapReport] = []
    private var costs: CostReport?
    public private(set) var writeError: Error?
    private var services: [InferenceServiceResult] = []
    private var inferenceRows: [String: [InferenceInterval]] = [:]
    static let maximumGanttRows = 60

    public init(url: URL, scenarioDescription: String?) {
        self.url = url
        self.description = scenarioDescription
    }

    public func record(_ record: TelemetryRecord) {
        switch record {
        case .runStarted(let s): start = s
        case .fleetDescribed(let i): inventory = i; siteOrder = i.sites.map(\.name)
        case .siteInterval(let row): intervals[row.site, default: []].append(row)
        case .siteEnergy(let totals): sites.append(totals)
        case .trainingJob(let job): jobs.append(job)
        case .runFinished(let totals): write(totals)
        case .poolCapacity(let change): capacityChanges.append(change)
        case .sitePower, .inferenceRequest, .powerCapState: break
        case .inferenceInterval(let row): inferenceRows[row.service, default: []].append(row)
        case .inferenceService(let service): services.append(service)
        case .powerCap(let report): capReports.append(report)
        case .costs(let report): costs = report
        }
    }

    /// Inference services: a table of their totals, and waiting requests and replicas over time.
    private func inferenceSection() -> String {
        guard !services.isEmpty else { return "" }
        let e = SVGChart.escape
        func ms(_ seconds: Double?) -> String { seconds.map { SVGChart.fmt($0 * 1_000) } ?? "–" }
        var page = "<h2>Inference services</h2><table><tr><th>service</th><th>fidelity</th><th>chip</th><th>replicas (peak)</th>"
            + "<th>completed</th><th>output tok/s</th><th>TTFT p50 / p99 ms</th><th>TPOT p50 / p99 ms</th><th>SLO met</th>"
            + "<th>prefix hit</th><th>utilisation</th></tr>"
        for s in services {
            page += "<tr><td>\(e(s.name))</td><td>\(s.fidelity)</td><td>\(e(s.chip ?? "–"))</td><td>\(s.peakReplicas)</td>"
                + "<td>\(s.completed)</td><td>\(SVGChart.grouped(s.outputTokensPerSecond))</td>"
                + "<td>\(ms(s.ttft.p50)) / \(ms(s.ttft.p99))</td><td>\(ms(s.tpot.p50)) / \(ms(s.tpot.p99))</td>"
                + "<td>\(s.sloAttainment.map { SVGChart.fmt($0 * 100) + "%" } ?? "–")</td>"
                + "<td>\(s.prefixCacheHitRate.map { SVGChart.fmt($0 * 100) + "%" } ?? "–")</td>"
                + "<td>\(SVGChart.fmt(s.utilization * 100))%</td></tr>"
        }
        page += "</table>"
        let names = services.map(\.name).filter { inferenceRows[$0] != nil }
        guard !names.isEmpty else { return page }
        page += "<h3>Waiting requests</h3>"
        page += SVGChart.steps(names.map { name in
            SVGChart.Series(name: name, points: inferenceRows[name]!.map { ($0.start.seconds / 3_600, Double($0.waiting)) })
        }, yLabel: "requests")
        page += "<h3>Replicas serving</h3>"
        page += SVGChart.steps(names.map { name in
            SVGChart.Series(name: name, points: inferenceRows[name]!.map { ($0.start.seconds / 3_600, Double($0.activeReplicas)) })
        }, yLabel: "replicas")
        return page
    }

    private func write(_ totals: RunTotals) {
        do {
            try Data(html(totals).utf8).write(to: url)
        } catch {
            writeError = error
        }
    }

    func html(_ totals: RunTotals) -> String {
        let e = SVGChart.escape
        let name = start?.scenarioName ?? "run"
        let horizonHours = totals.simulatedTime.seconds / 3_600
        let energy = sites.reduce(0) { $0 + $1.facilityEnergy.value }
        let cost = sites.reduce(0) { $0 + $1.cost.value }
        let carbon = sites.reduce(0) { $0 + $1.carbonGrams }
        let completed = jobs.filter { $0.outcome == .completed }.count
        var page = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(name)) — Gigawatt report</title>
            <style>\(Self.css)</style></head><body>
            <h1>\(e(name))</h1>
            """
        if let description { page += "<p class=\"description\">\(e(description))</p>" }
        page += "<p class=\"meta\">seed \(start?.seed ?? 0) · horizon \(e(totals.simulatedTime.description)) · \(totals.eventsProcessed) events · Gigawatt \(e(start?.version ?? ""))</p>"
        let peak = sites.map(\.peakFacilityPower.value).reduce(0, +)
        let placedCount = jobs.filter { $0.start != nil }.count
        page += "<section class=\"headline\">"
        page += card("chips", SVGChart.grouped(Double(inventory?.chips ?? 0)))
        page += card(sites.count > 1 ? "peak facility power (sum of sites' peaks)" : "peak facility power", SVGChart.short(peak) + "W")
        page += card("average facility power", SVGChart.short(horizonHours > 0 ? energy / (horizonHours * 3_600) : 0) + "W")
        page += card("facility energy", SVGChart.short(energy / 3.6e9) + " MWh")
        page += card("electricity cost", "$" + SVGChart.grouped(cost))
        page += card("carbon", SVGChart.short(carbon / 1e6) + " t CO₂e")
        if let costs, costs.total.capacityUSD > 0 {
            page += card("total cost (capacity + energy paid)", "$" + SVGChart.grouped(costs.total.totalUSD))
            if let perToken = costs.total.usdPerMillionTrainedTokens {
                page += card("$ per million trained tokens", "$" + String(format: "%.3f", perToken))
            }
        }
        page += card("training jobs completed", "\(completed) of \(jobs.count)")
        page += card("jobs that ran", "\(placedCount)")
        page += "</section>"

        let shaded = outagePeriods(until: horizonHours)
        let horizonTime = SimTime.zero + totals.simulatedTime
        if !shaded.isEmpty {
            page += "<p class=\"note\"><span class=\"shade-key\">■</span> Shaded: some pool had capacity out of service.</p>"
        }
        let ordered = siteOrder.filter { intervals[$0] != nil }
        page += "<h2>Power per site against its limits</h2>"
        for site in ordered {
            let entry = inventory?.sites.first { $0.name == site }
            var references: [SVGChart.Reference] = []
            if let cap = entry?.powerCap { references.append(.init(name: "power cap", y: cap.value)) }
            if let grid = entry?.gridLimit { references.append(.init(name: "grid limit", y: grid.value)) }
            page += "<h3>\(e(site))</h3>"
            page += SVGChart.steps([
                SVGChart.Series(name: "facility", points: Self.steps(intervals[site]!) { $0.averageFacilityPower.value }),
                SVGChart.Series(name: "IT", points: Self.steps(intervals[site]!) { $0.averageITPower.value }),
            ], yLabel: "W (interval average)", shaded: shaded, references: references)
        }
        for cap in capReports {
            page += "<h3>\(e(cap.domain)) power cap: \(e(cap.action))</h3><section class=\"headline\">"
            page += card("time at cap", SVGChart.short(cap.timeAtCapSeconds / 3_600) + " h")
            page += card("time over cap", SVGChart.short(cap.timeOverCapSeconds / 3_600) + " h")
            page += card("energy not drawn while capped", SVGChart.short(cap.energyAvoided.value / 3.6e9) + " MWh")
            page += card("delayed chip-hours", SVGChart.grouped(cap.delayedChipHours))
            if cap.action == "preempt" {
                page += card("preemptions", "\(cap.preemptions)")
                page += card("lost chip-hours", SVGChart.grouped(cap.lostChipHours))
            }
            if cap.action == "throttle" { page += card("lowest clock", String(format: "%.3f", cap.lowestClock)) }
            page += "</section>"
        }
        page += "<h2>Cumulative electricity cost per site</h2>"
        page += SVGChart.steps(ordered.map { site in
            SVGChart.Series(name: site, points: Self.cumulative(intervals[site]!) { $0.cost.value })
        }, yLabel: "USD", shaded: shaded)
        page += "<h2>Cumulative carbon per site</h2>"
        page += SVGChart.steps(ordered.map { site in
            SVGChart.Series(name: site, points: Self.cumulative(intervals[site]!) { $0.carbonGrams / 1e6 })
        }, yLabel: "t CO₂e", shaded: shaded)
        page += "<h2>Utilisation per site</h2>"
        page += SVGChart.steps(ordered.map { site in
            SVGChart.Series(name: site, points: Self.steps(intervals[site]!) { $0.utilization * 100 })
        }, yLabel: "% of hosts busy", yMaximum: 100, shaded: shaded)

        page += "<h2>Training jobs queued and running</h2>"
        page += "<p class=\"note\">From each job's arrival, start and end (a preempted job counts from its last start).</p>"
        var counts = [SVGChart.Series(name: "queued", points: Self.count(jobs.filter { $0.outcome != .rejected && $0.outcome != .notArrived }.map {
            ($0.arrival, $0.start ?? horizonTime)
        }, until: horizonTime))]
        let pools = (inventory?.sites.flatMap(\.pools).map(\.name) ?? []).filter { pool in jobs.contains { $0.pool == pool && $0.start != nil } }
        for pool in pools {
            counts.append(SVGChart.Series(name: "running on \(pool)", points: Self.count(jobs.filter { $0.pool == pool && $0.start != nil }.map {
                ($0.start!, $0.end ?? horizonTime)
            }, until: horizonTime)))
        }
        page += SVGChart.steps(counts, yLabel: "jobs", shaded: shaded)

        page += "<h2>Training jobs over time</h2>"
        let placed = jobs.filter { $0.start != nil }
        func heldFor(_ job: TrainingJobResult) -> SimDuration { (job.end ?? horizonTime) - job.start! }
        let longest = placed.sorted { heldFor($0) > heldFor($1) }.prefix(Self.maximumGanttRows)
        let shown = longest.sorted { ($0.start!, $0.name) < ($1.start!, $1.name) }
        if placed.count > shown.count {
            page += "<p class=\"note\">The \(shown.count) longest of \(placed.count) jobs that ran.</p>"
        }
        var rows: [(label: String, spans: [(start: Double, end: Double, kind: String)])] = []
        for job in shown {
            let started = job.start!.seconds / 3_600
            var spans: [(start: Double, end: Double, kind: String)] = []
            if job.start! > job.arrival { spans.append((job.arrival.seconds / 3_600, started, "queued")) }
            spans.append((started, (job.end ?? horizonTime).seconds / 3_600, "running"))
            rows.append((job.name, spans))
        }
        page += SVGChart.gantt(rows, xMax: horizonHours)
        let rejected = jobs.filter { $0.outcome == .rejected }
        if !rejected.isEmpty {
            page += "<h3>Rejected</h3><ul>" + rejected.map { "<li><b>\(e($0.name))</b>: \(e($0.reason ?? ""))</li>" }.joined() + "</ul>"
        }
        page += inferenceSection()
        page += "<footer>Written by Gigawatt from the same records as summary.json and timeseries.csv.</footer></body></html>\n"
        return page
    }

    private func card(_ label: String, _ value: String) -> String {
        "<div class=\"card\"><div class=\"value\">\(SVGChart.escape(value))</div><div class=\"label\">\(SVGChart.escape(label))</div></div>"
    }

    /// A running sum of `value` over the intervals, as (interval end in hours, sum) from (0, 0).
    private static func cumulative(_ rows: [SiteInterval], _ value: (SiteInterval) -> Double) -> [(x: Double, y: Double)] {
        var sum = 0.0
        return [(0, 0)] + rows.map { row in
            sum += value(row)
            return (row.end.seconds / 3_600, sum)
        }
    }

    /// How many of the `[start, end)` periods are open over time, as step points in hours.
    private static func count(_ periods: [(SimTime, SimTime)], until horizon: SimTime) -> [(x: Double, y: Double)] {
        var changes: [(SimTime, Int)] = []
        for (start, end) in periods where end > start {
            changes.append((start, 1))
            changes.append((end, -1))
        }
        changes.sort { $0.0 < $1.0 }
        var points: [(x: Double, y: Double)] = [(0, 0)]
        var open = 0
        var index = 0
        while index < changes.count {
            let time = changes[index].0
            while index < changes.count && changes[index].0 == time { open += changes[index].1; index += 1 }
            points.append((time.seconds / 3_600, Double(open)))
        }
        points.append((horizon.seconds / 3_600, Double(open)))
        return points
    }

    /// The periods (in hours) when at least one pool had chips installed but out of service.
    private func outagePeriods(until horizonHours: Double) -> [(start: Double, end: Double)] {
        var outOfService: [String: Int] = [:]
        var periods: [(start: Double, end: Double)] = []
        var openSince: Double?
        for change in capacityChanges {
            outOfService[change.pool] = change.installedChips - change.availableChips
            let anyOut = outOfService.values.contains { $0 > 0 }
            let hours = change.time.seconds / 3_600
            if anyOut, openSince == nil { openSince = hours }
            if !anyOut, let since = openSince { periods.append((since, hours)); openSince = nil }
        }
        if let since = openSince { periods.append((since, horizonHours)) }
        return periods
    }

    /// Step points (interval start in hours, value) plus the end of the last interval.
    private static func steps(_ rows: [SiteInterval], _ value: (SiteInterval) -> Double) -> [(x: Double, y: Double)] {
        var points = rows.map { (x: $0.start.seconds / 3_600, y: value($0)) }
        if let last = rows.last { points.append((last.end.seconds / 3_600, value(last))) }
        return points
    }

    public static let css = """
        :root { color-scheme: light dark; --fg: #1d2230; --muted: #5b6275; --bg: #ffffff; --grid: #e4e7ee;
          --c0: #2b6cb0; --c1: #c05621; --c2: #2f855a; --c3: #6b46c1; --c4: #b83280; --c5: #718096; }
        @media (prefers-color-scheme: dark) { :root { --fg: #e6e9f0; --muted: #a0a8ba; --bg: #14171f; --grid: #2a2f3b;
          --c0: #63b3ed; --c1: #f6ad55; --c2: #68d391; --c3: #b794f4; --c4: #f687b3; --c5: #a0aec0; } }
        body { font: 14px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); max-width: 760px; margin: 2em auto; padding: 0 1em; }
        h1 { margin-bottom: 0.2em; } h2 { margin-top: 1.6em; font-size: 1.1em; }
        .meta, .note, footer, .description { color: var(--muted); }
        .headline { display: flex; flex-wrap: wrap; gap: 0.6em; margin: 1em 0; }
        .card { border: 1px solid var(--grid); border-radius: 6px; padding: 0.5em 0.8em; min-width: 9em; }
        .card .value { font-size: 1.3em; font-weight: 600; } .card .label { color: var(--muted); font-size: 0.85em; }
        svg { width: 100%; height: auto; } .axis { stroke: var(--muted); } .grid { stroke: var(--grid); }
        .tick, .label { fill: var(--muted); font-size: 10px; }
        .series { fill: none; stroke-width: 1.6; }
        .s0 { stroke: var(--c0); color: var(--c0); } .s1 { stroke: var(--c1); color: var(--c1); } .s2 { stroke: var(--c2); color: var(--c2); }
        .s3 { stroke: var(--c3); color: var(--c3); } .s4 { stroke: var(--c4); color: var(--c4); } .s5 { stroke: var(--c5); color: var(--c5); }
        .legend { font-size: 12px; } .legend .key { margin-right: 1em; } .legend .key::before { content: "■ "; }
        .bar.running { fill: var(--c0); } .bar.queued { fill: var(--grid); }
        .shade { fill: var(--c1); fill-opacity: 0.12; } .shade-key { color: var(--c1); opacity: 0.4; }
        .reference { stroke: var(--c4); stroke-dasharray: 5 3; stroke-width: 1.2; }
        h3 { font-size: 0.95em; margin: 1em 0 0.2em; }
        @media print { :root { color-scheme: light; --fg: #000; --muted: #444; --bg: #fff; --grid: #ccc; }
          body { max-width: none; margin: 0; font-size: 11px; } svg, .card, table { break-inside: avoid; }
          h2 { break-after: avoid; } }
        """
}
