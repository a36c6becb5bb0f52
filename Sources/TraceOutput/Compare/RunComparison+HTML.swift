/// `comparison.html`: one self-contained page (inline SVG and CSS, no script, no external URL),
/// styled like `report.html`: the runs, scenario fields that differ, run-wide metrics with
/// deltas, per-job and per-service changes, and every aligned time series with the runs overlaid.
extension RunComparison {
    /// The most per-entry changes listed (largest first); the JSON and CSV files have them all.
    static let htmlEntityLimit = 200

    public func html() -> String {
        let e = SVGChart.escape
        var page = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Gigawatt comparison</title>
            <style>\(ReportWriter.css)
            table { border-collapse: collapse; font-size: 12px; margin: 0.5em 0; } td, th { padding: 2px 8px; border-bottom: 1px solid var(--grid); }
            td.n { text-align: right; font-variant-numeric: tabular-nums; } th { text-align: left; }
            </style></head><body>
            <h1>Comparison of \(labels.count) runs</h1>
            """
        page += "<p class=\"meta\">baseline <b>\(e(labels[0]))</b>; " + labels.dropFirst().enumerated().map { "run \($0.offset + 1) <b>\(e($0.element))</b>" }.joined(separator: ", ")
        if let interval { page += " · time-series interval \(e(interval.description))" }
        if resampledFrom != nil { page += " (resampled to the coarser common interval)" }
        page += "</p>"
        page += "<div class=\"legend\">" + labels.enumerated().map { "<span class=\"key s\($0.offset % 6)\">\(e($0.element))</span>" }.joined() + "</div>"

        page += "<h2>Scenario fields that differ</h2>"
        if scenarioDifferences.isEmpty {
            page += "<p class=\"note\">none</p>"
        } else {
            page += table(header: ["field"] + labels, rows: scenarioDifferences.map { [$0.path] + $0.values.map { $0 ?? "—" } }, numeric: false)
        }
        if !scenariosCompared { page += "<p class=\"note\">Some runs have no scenario.json5: only seed, horizon and interval were compared.</p>" }

        var header = ["metric", labels[0]]
        for label in labels.dropFirst() { header += [label, "Δ", "Δ%"] }
        page += "<h2>Run-wide metrics</h2>"
        page += table(header: header, rows: metrics.filter { !$0.path.contains("[") }.map(row), numeric: true)

        let changed = entityChanges.filter { !$0.values.isUnchanged }
        page += "<h2>Per-job and per-service changes</h2>"
        if changed.isEmpty {
            page += "<p class=\"note\">No completion time or latency changed (\(entityChanges.count) compared).</p>"
        } else {
            let shown = changed.sorted { abs($0.values.delta(1) ?? .infinity) > abs($1.values.delta(1) ?? .infinity) }.prefix(Self.htmlEntityLimit)
            if shown.count < changed.count { page += "<p class=\"note\">The \(shown.count) largest of \(changed.count) changes.</p>" }
            page += table(header: header, rows: shown.map(row), numeric: true)
        }

        page += "<h2>Time series</h2>"
        for aligned in series {
            page += "<h3>\(e(aligned.column)) — \(e(aligned.series))</h3>"
            page += SVGChart.steps(labels.indices.map { run in
                var points = zip(aligned.intervals, aligned.values).compactMap { interval, values in
                    values.values[run].map { (x: interval.start.seconds / 3_600, y: $0) }
                }
                if let last = aligned.intervals.last, let value = aligned.values.last?.values[run] { points.append((last.end.seconds / 3_600, value)) }
                return SVGChart.Series(name: labels[run], points: points)
            }, yLabel: aligned.column)
        }
        if !notes.isEmpty { page += "<h2>Notes</h2><ul>" + notes.map { "<li>\(e($0))</li>" }.joined() + "</ul>" }
        page += "<footer>Written by gigawatt compare from each run's summary.json, timeseries.csv and scenario.json5.</footer></body></html>\n"
        return page
    }

    private func table(header: [String], rows: [[String]], numeric: Bool) -> String {
        let e = SVGChart.escape
        var html = "<table><tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr>"
        for row in rows {
            html += "<tr>" + row.enumerated().map { $0.offset > 0 && numeric ? "<td class=\"n\">\(e($0.element))</td>" : "<td>\(e($0.element))</td>" }.joined() + "</tr>"
        }
        return html + "</table>"
    }
}
