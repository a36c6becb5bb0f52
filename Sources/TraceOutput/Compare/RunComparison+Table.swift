import Foundation

/// The comparison as text for the terminal: the runs, the scenario fields that differ, the
/// run-wide metrics side by side with deltas, and the largest per-entry changes.
extension RunComparison {
    /// How many per-site, per-pool and per-job metrics the table shows at most (the largest
    /// relative changes); the files have them all.
    static let terminalEntryLimit = 15

    public func terminalTable() -> String {
        var out = "baseline: \(labels[0])\n"
        for (index, label) in labels.enumerated().dropFirst() { out += "run \(index): \(label)\n" }
        if let interval {
            out += "time-series interval: \(interval)"
            if let resampledFrom {
                out += " (resampled from " + resampledFrom.map { $0.map { "\($0)" } ?? "none" }.joined(separator: ", ") + ")"
            }
            out += "\n"
        }

        out += "\nscenario fields that differ:\n"
        if scenarioDifferences.isEmpty { out += "  none\n" }
        let shownDifferences = scenarioDifferences.prefix(Self.terminalEntryLimit)
        out += Self.layout([["field"] + labels] + shownDifferences.map { [$0.path] + $0.values.map { Self.cut($0 ?? "—") } }, indent: "  ")
        if shownDifferences.count < scenarioDifferences.count {
            out += "  … and \(scenarioDifferences.count - shownDifferences.count) more (all in comparison.json)\n"
        }
        if !scenariosCompared { out += "  (some runs have no scenario.json5: only seed, horizon and interval were compared)\n" }

        out += "\nmetrics:\n"
        var header = ["metric", labels[0]]
        for label in labels.dropFirst() { header += [label, "Δ", "Δ%"] }
        let runWide = metrics.filter { !$0.path.contains("[") }
        out += Self.layout([header] + runWide.map(row), indent: "  ")

        let entries = metrics.filter { $0.path.contains("[") && !$0.values.isUnchanged }
        if !entries.isEmpty {
            let largest = entries.enumerated().sorted { a, b in
                let x = Self.magnitude(a.element), y = Self.magnitude(b.element)
                return x != y ? x > y : a.offset < b.offset
            }.prefix(Self.terminalEntryLimit).map(\.element)
            out += "\nper-site, per-pool and per-job metrics that changed (\(largest.count) largest of \(entries.count)):\n"
            out += Self.layout([header] + largest.map(row), indent: "  ")
        }
        let unchanged = metrics.filter(\.values.isUnchanged).count
        out += "\n\(metrics.count) metrics compared, \(unchanged) unchanged; \(series.count) time series aligned\n"
        for note in notes { out += "note: \(note)\n" }
        return out
    }

    /// A metric's cells: its path, the baseline's value, then value, delta and relative delta per run.
    func row(_ metric: Metric) -> [String] {
        var cells = [metric.path, Self.format(metric.values.values[0])]
        for run in 1..<labels.count {
            cells += [Self.format(metric.values.values[run]), Self.format(metric.values.delta(run), signed: true),
                      metric.values.relativeDelta(run).map { String(format: "%+.2f%%", $0 * 100) } ?? "—"]
        }
        return cells
    }

    /// The largest relative change of a metric over the runs (an appearance from zero counts as
    /// infinite).
    private static func magnitude(_ metric: Metric) -> Double {
        (1..<metric.values.values.count).map { run in
            if let relative = metric.values.relativeDelta(run) { return abs(relative) }
            return metric.values.delta(run) == nil ? 0 : .infinity
        }.max() ?? 0
    }

    /// Long values cut to keep the table on one screen.
    private static func cut(_ text: String) -> String { text.count > 40 ? String(text.prefix(39)) + "…" : text }

    static func format(_ value: Double?, signed: Bool = false) -> String {
        guard let value else { return "—" }
        let text = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.6g", value)
        return signed && value > 0 ? "+" + text : text
    }

    /// Columns padded to their widest cell, the first left-aligned and the others right-aligned.
    static func layout(_ rows: [[String]], indent: String) -> String {
        guard rows.count > 1 else { return "" }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { cells in
            indent + cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
