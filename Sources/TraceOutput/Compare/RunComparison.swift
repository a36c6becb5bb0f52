import SimKernel

/// Two or more runs side by side, the first being the baseline every other run is measured
/// against: scenario fields that differ, every numeric metric of the summaries with absolute and
/// relative deltas, per-job and per-service changes, and the time series aligned interval by
/// interval with their difference and ratio.
///
/// Runs are comparable when they cover the same horizon and their time series share an interval.
/// With `resampling`, series of different intervals are merged onto the coarser common interval
/// (their least common multiple) by `TimeSeriesTable.resampled(to:)`; the horizon must still agree.
public struct RunComparison {
    /// One number per run (nil where a run does not have it), the baseline first.
    public struct Values: Equatable, Sendable {
        public var values: [Double?]

        /// Run `index` minus the baseline.
        public func delta(_ index: Int) -> Double? {
            guard let base = values[0], let value = values[index] else { return nil }
            return finite(value - base)
        }

        /// The delta over the baseline's magnitude: 0 when both are zero, nil when only the
        /// baseline is.
        public func relativeDelta(_ index: Int) -> Double? {
            guard let base = values[0], let delta = delta(index) else { return nil }
            if delta == 0 { return 0 }
            return base == 0 ? nil : finite(delta / abs(base))
        }

        /// Run `index` over the baseline; nil when the baseline is zero.
        public func ratio(_ index: Int) -> Double? {
            guard let base = values[0], let value = values[index], base != 0 else { return nil }
            return finite(value / base)
        }

        /// Whether every run has the same value.
        public var isUnchanged: Bool { values.allSatisfy { $0 == values[0] } }
    }

    /// A summary metric (`energy.cost_usd`, `energy.sites[lab].peak_it_power_w`).
    public struct Metric: Equatable, Sendable {
        public var path: String
        public var values: Values
    }

    /// A scenario field whose value differs between runs (values as canonical JSON text; nil
    /// where a run does not set it).
    public struct ScenarioDifference: Equatable, Sendable {
        public var path: String
        public var values: [String?]
    }

    /// One time-series column of one series (`facility_power_avg_w` of site `lab`), interval by
    /// interval.
    public struct AlignedSeries: Equatable, Sendable {
        public var series: String
        public var column: String
        /// (start, end) of each interval.
        public var intervals: [(start: SimTime, end: SimTime)]
        /// One per interval.
        public var values: [Values]

        public static func == (a: AlignedSeries, b: AlignedSeries) -> Bool {
            a.series == b.series && a.column == b.column && a.values == b.values
                && a.intervals.map(\.start) == b.intervals.map(\.start) && a.intervals.map(\.end) == b.intervals.map(\.end)
        }
    }

    public var labels: [String]
    /// The common time-series interval (after resampling, if any).
    public var interval: SimDuration?
    /// Each run's own interval, when the series were resampled; nil otherwise.
    public var resampledFrom: [SimDuration?]?
    public var scenarioDifferences: [ScenarioDifference]
    /// Whether every run had its scenario file to compare (`scenario.json5`).
    public var scenariosCompared: Bool
    public var metrics: [Metric]
    public var series: [AlignedSeries]
    /// What is in some runs only (a metric, a series, a column), one line each.
    public var notes: [String]

    /// Per-job and per-service changes: the metrics of named list entries that say when
    /// something finished or how long it waited for an answer (`completion_time_s`, latencies).
    public var entityChanges: [Metric] {
        metrics.filter { metric in
            guard metric.path.contains("[") else { return false }
            let key = metric.path.split(separator: ".").last.map(String.init) ?? ""
            return key.hasSuffix("completion_time_s") || Self.latencyWords.contains { key.contains($0) }
        }
    }

    static let latencyWords = ["latency", "ttft", "tpot", "e2e"]

    /// Metrics that are the run's identity, not its results (reported as scenario fields).
    static let settingPaths: Set<String> = ["seed", "schema_version"]

    /// Compares `runs`, the first one being the baseline.
    /// - Throws: `CompareError.incompatible` when horizons differ, or intervals differ and
    ///   `resampling` is off.
    public init(_ runs: [RecordedRun], resampling: Bool) throws(CompareError) {
        precondition(runs.count >= 2, "a comparison needs two runs")
        labels = runs.map(\.label)
        notes = []

        let horizons = runs.map { $0.horizonSeconds! }
        guard Set(horizons).count == 1 else {
            throw .incompatible("the runs cover different horizons (" + zip(labels, horizons).map { "\($0): \(SimDuration.isRepresentable(seconds: $1) ? SimDuration(seconds: $1).description : "\($1) s")" }.joined(separator: ", ")
                                + "); re-run them with the same --horizon")
        }
        var tables = runs.map(\.timeSeries)
        let intervals = tables.map(\.interval)
        interval = intervals[0]
        resampledFrom = nil
        if Set(intervals).count > 1 {
            let described = zip(labels, intervals).map { "\($0): \($1.map { "\($0)" } ?? "no rows")" }.joined(separator: ", ")
            guard resampling else {
                throw .incompatible("the time series have different intervals (\(described)); pass --resample to compare them on the coarser common interval, or re-run with the same --interval")
            }
            let common = intervals.compactMap { $0 }.reduce(SimDuration.zero) { lcm($0, $1) }
            tables = tables.map { $0.interval == common || $0.interval == nil ? $0 : $0.resampled(to: common) }
            interval = common
            resampledFrom = intervals
        }

        metrics = Self.align(runs.map { $0.summary.filter { $0.number != nil && !Self.settingPaths.contains($0.path) } }, notes: &notes)
        (scenarioDifferences, scenariosCompared) = Self.scenarioDifferences(runs)
        series = Self.alignSeries(tables, labels: labels, notes: &notes)
    }

    /// Metrics matched by path, in the baseline's order, then those only later runs have.
    private static func align(_ leaves: [[JSONLeaf]], notes: inout [String]) -> [Metric] {
        var order: [String] = []
        var seen = Set<String>()
        var byPath: [[String: Double]] = []
        for run in leaves {
            var map: [String: Double] = [:]
            for leaf in run {
                // An explicit `if let` rather than `flatMap(finite)`: Swift 6.3.1's release-mode
                // CopyPropagation pass crashed on the function-reference form.
                if let number = leaf.number { map[leaf.path] = finite(number) } else { map[leaf.path] = nil }
                if seen.insert(leaf.path).inserted { order.append(leaf.path) }
            }
            byPath.append(map)
        }
        let metrics = order.map { path in Metric(path: path, values: Values(values: byPath.map { $0[path] })) }
        let partial = metrics.filter { $0.values.values.contains(nil) }
        if !partial.isEmpty {
            notes.append("\(partial.count) summary metric\(partial.count == 1 ? " is" : "s are") missing from some runs (e.g. \(partial[0].path))")
        }
        return metrics
    }

    /// Scenario fields that differ, with the run's effective seed, horizon and interval (which
    /// command-line options may have changed) in place of the file's.
    private static func scenarioDifferences(_ runs: [RecordedRun]) -> ([ScenarioDifference], Bool) {
        let compared = runs.allSatisfy { $0.scenario != nil }
        var order: [String] = []
        var seen = Set<String>()
        var maps: [[String: String]] = []
        for run in runs {
            var leaves = (run.scenario ?? []).filter { $0.path != "seed" && $0.path != "horizon" }.map { ($0.path, $0.text) }
            if let seed = run.summaryText("seed") { leaves.insert(("seed", seed), at: 0) }
            if let horizon = run.summaryText("horizon") { leaves.insert(("horizon", horizon), at: 1) }
            if let interval = run.timeSeries.interval { leaves.append(("(time-series interval)", quoted(interval.description))) }
            var map: [String: String] = [:]
            for (path, text) in leaves {
                map[path] = text
                if seen.insert(path).inserted { order.append(path) }
            }
            maps.append(map)
        }
        let differences = order.compactMap { path -> ScenarioDifference? in
            let values = maps.map { $0[path] }
            return values.allSatisfy({ $0 == values[0] }) ? nil : ScenarioDifference(path: path, values: values)
        }
        return (differences, compared)
    }

    /// Series present in every run, matched interval by interval (by start time).
    private static func alignSeries(_ tables: [TimeSeriesTable], labels: [String], notes: inout [String]) -> [AlignedSeries] {
        let base = tables[0]
        var aligned: [AlignedSeries] = []
        let columns = base.valueColumns.filter { column in tables.allSatisfy { $0.valueColumns.contains(column) } }
        let allColumns = tables.flatMap(\.valueColumns)
        for column in allColumns where !columns.contains(column) {
            let note = "time-series column \(column) is not in every run"
            if !notes.contains(note) { notes.append(note) }
        }
        let keys = base.series.map(\.key).filter { key in tables.allSatisfy { $0.series.contains { $0.key == key } } }
        for key in tables.flatMap({ $0.series.map(\.key) }) where !keys.contains(key) {
            let note = "series \(key) is not in every run"
            if !notes.contains(note) { notes.append(note) }
        }
        for key in keys {
            let runs = tables.map { table in table.series.first { $0.key == key }! }
            let rowsByStart = runs.map { Dictionary($0.rows.map { ($0.start, $0) }, uniquingKeysWith: { first, _ in first }) }
            let baseRows = runs[0].rows
            for column in columns {
                let indices = tables.map { $0.valueColumns.firstIndex(of: column)! }
                aligned.append(AlignedSeries(
                    series: key, column: column, intervals: baseRows.map { ($0.start, $0.end) },
                    values: baseRows.map { row in
                        Values(values: rowsByStart.indices.map { run in
                            guard let match = rowsByStart[run][row.start], match.end == row.end else { return nil }
                            return match.values[indices[run]]
                        })
                    }))
            }
        }
        return aligned
    }
}

private func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }

private func gcd(_ a: Int64, _ b: Int64) -> Int64 { b == 0 ? a : gcd(b, a % b) }

/// The least common multiple of two intervals (zero acts as the identity).
func lcm(_ a: SimDuration, _ b: SimDuration) -> SimDuration {
    if a == .zero { return b }
    if b == .zero { return a }
    return SimDuration(nanoseconds: a.nanoseconds / gcd(a.nanoseconds, b.nanoseconds) * b.nanoseconds)
}
