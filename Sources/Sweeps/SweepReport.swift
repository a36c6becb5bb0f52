import Foundation
import TraceOutput

/// `sweep.html`: one self-contained page with a chart of every metric against every axis.
///
/// On the chart of a metric against axis A, each dot is the mean over seeds of the points that
/// share A's value and the other axes' values, and its error bar spans the lowest to the highest
/// seed: the seed spread says whether a difference between values is larger than chance. Other
/// axes' combinations are separate lines. The page has no timestamps or host facts, so it is
/// byte-identical for the same results, local or merged.
public enum SweepReport {
    public static func html(_ table: SweepTable) -> String {
        let seeds = Set(table.rows.map(\.seed)).count
        var body = "<h1>Sweep \(SVGChart.htmlEscaped(table.name))</h1>"
        body += "<p class=\"meta\">\(table.rows.count) points: "
        body += table.axes.enumerated().map { "\(SVGChart.htmlEscaped($0.element)) (\(table.axisValues[$0.offset].count) values)" }.joined(separator: " × ")
        body += (table.axes.isEmpty ? "" : " × ") + "\(seeds) seed\(seeds == 1 ? "" : "s"). "
        body += "Dots are means over seeds; bars span the lowest to the highest seed. Every number is in sweep.csv.</p>"
        let axes = table.axes.isEmpty ? ["seed"] : table.axes
        for (metricIndex, metric) in table.metrics.enumerated() {
            body += "<h2>\(SVGChart.htmlEscaped(metric))</h2>"
            for axisIndex in axes.indices {
                body += "<h3>by \(SVGChart.htmlEscaped(axes[axisIndex]))</h3>"
                body += chart(table, metric: metricIndex, axis: table.axes.isEmpty ? nil : axisIndex)
            }
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sweep \(SVGChart.htmlEscaped(table.name))</title>
            <style>\(ReportWriter.css)
            .dot { fill: currentColor; stroke: none; } .errorbar { stroke: currentColor; stroke-width: 1.2; }</style></head><body>
            \(body)
            </body></html>

            """
    }

    /// The chart of one metric against one axis (nil: against the seed, for a sweep of seeds only).
    private static func chart(_ table: SweepTable, metric: Int, axis: Int?) -> String {
        let categories = axis.map { table.axisValues[$0] } ?? table.rows.map { "\($0.seed)" }
        var lineNames: [String] = []
        var samples: [String: [Int: [Double]]] = [:]
        for (rowIndex, row) in table.rows.enumerated() {
            guard let text = row.metrics[metric], let value = Double(text) else { continue }
            let category: Int
            let line: String
            if let axis {
                guard let index = table.axisValues[axis].firstIndex(of: row.values[axis]) else { continue }
                category = index
                line = table.axes.indices.filter { $0 != axis }.map { "\(table.axes[$0])=\(row.values[$0])" }.joined(separator: ", ")
            } else {
                category = rowIndex
                line = ""
            }
            if samples[line] == nil { lineNames.append(line) }
            samples[line, default: [:]][category, default: []].append(value)
        }
        let series = lineNames.map { name in
            SVGChart.CategorySeries(name: name.isEmpty ? table.metrics[metric] : name, points: samples[name]!.keys.sorted().map { category in
                let values = samples[name]![category]!
                return (category, values.reduce(0, +) / Double(values.count), values.min()!, values.max()!)
            })
        }
        return SVGChart.categories(series, categories: categories, yLabel: table.metrics[metric], xLabel: axis.map { table.axes[$0] } ?? "seed")
    }
}
