import Foundation

/// `comparison.json` and `comparison.csv`: the whole comparison, for scripts and notebooks.
extension RunComparison {
    /// The comparison as sorted, pretty JSON. Per-run arrays follow `runs` (the baseline first,
    /// whose delta is 0 and ratio 1); numbers that do not exist (a ratio over zero, a metric a run
    /// lacks) are `null`.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(Document(self))
        data.append(0x0A)
        return data
    }

    /// The comparison as one long CSV table (one row per metric or interval and per run other than
    /// the baseline), with columns `section` (`metric` or `timeseries`), `metric` (a summary path
    /// or a time-series column), `series` (the time series' site or pool), `interval_start_s`,
    /// `interval_end_s`, `run`, `baseline`, `value`, `delta`, `relative_delta`, `ratio`.
    public func writeCSV(to url: URL) throws {
        let table = try CSVTableWriter(url: url, columns: Self.csvColumns)
        func cell(_ value: Double?) -> CSVTableWriter.Cell { value.map { .number($0) } ?? .empty }
        for metric in metrics {
            for run in 1..<labels.count {
                try table.append([.text("metric"), .text(metric.path), .empty, .empty, .empty, .text(labels[run]),
                                  cell(metric.values.values[0]), cell(metric.values.values[run]), cell(metric.values.delta(run)),
                                  cell(metric.values.relativeDelta(run)), cell(metric.values.ratio(run))])
            }
        }
        for aligned in series {
            for (interval, values) in zip(aligned.intervals, aligned.values) {
                for run in 1..<labels.count {
                    try table.append([.text("timeseries"), .text(aligned.column), .text(aligned.series),
                                      .number(interval.start.seconds), .number(interval.end.seconds), .text(labels[run]),
                                      cell(values.values[0]), cell(values.values[run]), cell(values.delta(run)),
                                      cell(values.relativeDelta(run)), cell(values.ratio(run))])
                }
            }
        }
        try table.close()
    }

    static let csvColumns = ["section", "metric", "series", "interval_start_s", "interval_end_s", "run", "baseline", "value",
                             "delta", "relative_delta", "ratio"]

    private struct Document: Encodable {
        var schemaVersion = 1
        var runs: [String]
        var baseline: String
        var intervalSeconds: Double?
        var resampledFromSeconds: [Double?]?
        var scenarioCompared: Bool
        var scenarioDifferences: [Difference]
        var metrics: [MetricEntry]
        var entityChanges: [MetricEntry]
        var timeseries: [SeriesEntry]
        var notes: [String]

        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schema_version"
            case runs, baseline, metrics, timeseries, notes
            case intervalSeconds = "interval_s"
            case resampledFromSeconds = "resampled_from_s"
            case scenarioCompared = "scenario_compared"
            case scenarioDifferences = "scenario_differences"
            case entityChanges = "entity_changes"
        }

        init(_ comparison: RunComparison) {
            runs = comparison.labels
            baseline = comparison.labels[0]
            intervalSeconds = comparison.interval?.seconds
            resampledFromSeconds = comparison.resampledFrom?.map { $0?.seconds }
            scenarioCompared = comparison.scenariosCompared
            scenarioDifferences = comparison.scenarioDifferences.map { Difference(path: $0.path, values: $0.values) }
            metrics = comparison.metrics.map(MetricEntry.init)
            entityChanges = comparison.entityChanges.map(MetricEntry.init)
            timeseries = comparison.series.map(SeriesEntry.init)
            notes = comparison.notes
        }
    }

    private struct Difference: Encodable {
        var path: String
        var values: [String?]
    }

    private struct MetricEntry: Encodable {
        var path: String
        var values: [Double?]
        var delta: [Double?]
        var relativeDelta: [Double?]
        var ratio: [Double?]

        enum CodingKeys: String, CodingKey {
            case path, values, delta, ratio
            case relativeDelta = "relative_delta"
        }

        init(_ metric: Metric) {
            path = metric.path
            values = metric.values.values
            let runs = metric.values.values.indices
            delta = runs.map(metric.values.delta)
            relativeDelta = runs.map(metric.values.relativeDelta)
            ratio = runs.map(metric.values.ratio)
        }
    }

    /// Arrays per run, each with one entry per interval.
    private struct SeriesEntry: Encodable {
        var series: String
        var column: String
        var intervalStartSeconds: [Double]
        var intervalEndSeconds: [Double]
        var values: [[Double?]]
        var delta: [[Double?]]
        var ratio: [[Double?]]

        enum CodingKeys: String, CodingKey {
            case series, column, values, delta, ratio
            case intervalStartSeconds = "interval_start_s"
            case intervalEndSeconds = "interval_end_s"
        }

        init(_ aligned: AlignedSeries) {
            series = aligned.series
            column = aligned.column
            intervalStartSeconds = aligned.intervals.map(\.start.seconds)
            intervalEndSeconds = aligned.intervals.map(\.end.seconds)
            let runs = aligned.values.first?.values.indices ?? 0..<0
            values = runs.map { run in aligned.values.map { $0.values[run] } }
            delta = runs.map { run in aligned.values.map { $0.delta(run) } }
            ratio = runs.map { run in aligned.values.map { $0.ratio(run) } }
        }
    }
}
