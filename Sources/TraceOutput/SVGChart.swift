import Foundation

/// Small inline-SVG charts for the HTML report: no JavaScript, no external files, colours from
/// CSS variables so light and dark mode both read well.
public enum SVGChart {
    struct Series {
        var name: String
        /// (x, y) points in data units, x increasing.
        var points: [(x: Double, y: Double)]
    }

    static let width = 720.0
    static let height = 220.0
    static let margin = (left: 64.0, right: 12.0, top: 12.0, bottom: 28.0)

    /// A horizontal line at a fixed value (a power cap, a grid limit).
    struct Reference {
        var name: String
        var y: Double
    }

    /// A step chart (values hold until the next point) of one or more series.
    /// - Parameters:
    ///   - yMaximum: a fixed top of the y axis (100 for percentages); otherwise 5 % above the
    ///     largest value or reference, or 1 when every value is zero.
    ///   - shaded: x ranges drawn as shaded bands behind the series (outages).
    ///   - references: dashed horizontal lines, labelled.
    static func steps(_ series: [Series], yLabel: String, xLabel: String = "hours", yMaximum: Double? = nil,
                      shaded: [(start: Double, end: Double)] = [], references: [Reference] = []) -> String {
        let all = series.flatMap(\.points)
        guard let xMax = all.map(\.x).max(), xMax > 0 else { return "<p class=\"empty\">no data</p>" }
        let largest = max(all.map(\.y).max() ?? 0, references.map(\.y).max() ?? 0)
        let yMax = yMaximum ?? (largest > 0 ? largest * 1.05 : 1)
        let plotW = width - margin.left - margin.right, plotH = height - margin.top - margin.bottom
        func px(_ x: Double) -> Double { margin.left + x / xMax * plotW }
        func py(_ y: Double) -> Double { margin.top + plotH - y / yMax * plotH }
        var svg = "<svg viewBox=\"0 0 \(fmt(width)) \(fmt(height))\" role=\"img\" aria-label=\"\(escape(yLabel))\">"
        for band in shaded {
            let x0 = px(min(max(band.start, 0), xMax)), x1 = px(min(max(band.end, 0), xMax))
            guard x1 > x0 else { continue }
            svg += "<rect class=\"shade\" x=\"\(fmt(x0))\" y=\"\(fmt(margin.top))\" width=\"\(fmt(x1 - x0))\" height=\"\(fmt(plotH))\"><title>capacity out of service \(fmt(band.start))–\(fmt(band.end)) h</title></rect>"
        }
        svg += axes(yMax: yMax, xMax: xMax, yLabel: yLabel, xLabel: xLabel)
        for reference in references {
            svg += "<line class=\"reference\" x1=\"\(fmt(margin.left))\" y1=\"\(fmt(py(reference.y)))\" x2=\"\(fmt(margin.left + plotW))\" y2=\"\(fmt(py(reference.y)))\"><title>\(escape(reference.name))</title></line>"
            svg += "<text class=\"label\" x=\"\(fmt(margin.left + plotW - 4))\" y=\"\(fmt(py(reference.y) - 3))\" text-anchor=\"end\">\(escape(reference.name)) \(short(reference.y))</text>"
        }
        for (index, s) in series.enumerated() {
            var path = ""
            for (k, p) in s.points.enumerated() {
                if k == 0 { path += "M\(fmt(px(p.x))),\(fmt(py(p.y)))" } else {
                    path += "H\(fmt(px(p.x)))V\(fmt(py(p.y)))"
                }
            }
            svg += "<path class=\"series s\(index % 6)\" d=\"\(path)\"><title>\(escape(s.name))</title></path>"
        }
        svg += "</svg>"
        svg += "<div class=\"legend\">" + series.enumerated().map { "<span class=\"key s\($0.offset % 6)\">\(escape($0.element.name))</span>" }.joined() + "</div>"
        return svg
    }

    /// Horizontal bars on a time axis: one row per item, spans in hours.
    static func gantt(_ rows: [(label: String, spans: [(start: Double, end: Double, kind: String)])], xMax: Double) -> String {
        guard !rows.isEmpty, xMax > 0 else { return "<p class=\"empty\">no jobs</p>" }
        let rowH = 14.0
        let h = margin.top + margin.bottom + rowH * Double(rows.count)
        // Room for the longest label at ~6 px per character, within limits.
        let left = min(200, max(margin.left, 6 * Double(rows.map(\.label.count).max() ?? 0) + 8))
        let plotW = width - left - margin.right
        func px(_ x: Double) -> Double { left + min(max(x, 0), xMax) / xMax * plotW }
        var svg = "<svg viewBox=\"0 0 \(fmt(width)) \(fmt(h))\" role=\"img\" aria-label=\"jobs over time\">"
        for (i, row) in rows.enumerated() {
            let y = margin.top + Double(i) * rowH
            svg += "<text class=\"label\" x=\"\(fmt(left - 4))\" y=\"\(fmt(y + rowH - 3))\" text-anchor=\"end\">\(escape(row.label))</text>"
            for span in row.spans {
                let x0 = px(span.start), x1 = max(px(span.end), x0 + 0.5)
                svg += "<rect class=\"bar \(span.kind)\" x=\"\(fmt(x0))\" y=\"\(fmt(y + 2))\" width=\"\(fmt(x1 - x0))\" height=\"\(fmt(rowH - 4))\"><title>\(escape(row.label)): \(span.kind) \(fmt(span.start))–\(fmt(span.end)) h</title></rect>"
            }
        }
        let axisY = margin.top + rowH * Double(rows.count)
        svg += "<line class=\"axis\" x1=\"\(fmt(left))\" y1=\"\(fmt(axisY))\" x2=\"\(fmt(width - margin.right))\" y2=\"\(fmt(axisY))\"/>"
        for k in 0...4 {
            let x = xMax * Double(k) / 4
            svg += "<text class=\"tick\" x=\"\(fmt(px(x)))\" y=\"\(fmt(axisY + 16))\" text-anchor=\"middle\">\(fmt(x)) h</text>"
        }
        return svg + "</svg>"
    }

    private static func axes(yMax: Double, xMax: Double, yLabel: String, xLabel: String) -> String {
        let plotW = width - margin.left - margin.right, plotH = height - margin.top - margin.bottom
        var svg = "<line class=\"axis\" x1=\"\(fmt(margin.left))\" y1=\"\(fmt(margin.top + plotH))\" x2=\"\(fmt(margin.left + plotW))\" y2=\"\(fmt(margin.top + plotH))\"/>"
        svg += "<line class=\"axis\" x1=\"\(fmt(margin.left))\" y1=\"\(fmt(margin.top))\" x2=\"\(fmt(margin.left))\" y2=\"\(fmt(margin.top + plotH))\"/>"
        for k in 0...4 {
            let y = yMax * Double(k) / 4
            let py = margin.top + plotH - Double(k) / 4 * plotH
            svg += "<line class=\"grid\" x1=\"\(fmt(margin.left))\" y1=\"\(fmt(py))\" x2=\"\(fmt(margin.left + plotW))\" y2=\"\(fmt(py))\"/>"
            svg += "<text class=\"tick\" x=\"\(fmt(margin.left - 6))\" y=\"\(fmt(py + 4))\" text-anchor=\"end\">\(short(y))</text>"
            let x = xMax * Double(k) / 4
            svg += "<text class=\"tick\" x=\"\(fmt(margin.left + Double(k) / 4 * plotW))\" y=\"\(fmt(margin.top + plotH + 16))\" text-anchor=\"middle\">\(short(x))</text>"
        }
        svg += "<text class=\"label\" x=\"\(fmt(margin.left + plotW))\" y=\"\(fmt(height - 2))\" text-anchor=\"end\">\(escape(xLabel))</text>"
        svg += "<text class=\"label\" x=\"\(fmt(margin.left + 4))\" y=\"\(fmt(margin.top + 10))\">\(escape(yLabel))</text>"
        return svg
    }

    /// 1234567 → "1.23M".
    static func short(_ value: Double) -> String {
        let a = abs(value)
        switch a {
        case 1e12...: return String(format: "%.3gT", value / 1e12)
        case 1e9...: return String(format: "%.3gG", value / 1e9)
        case 1e6...: return String(format: "%.3gM", value / 1e6)
        case 1e3...: return String(format: "%.3gk", value / 1e3)
        default: return String(format: "%.3g", value)
        }
    }

    static func fmt(_ value: Double) -> String { String(format: "%.2f", value) }

    /// 24515852.3 → "24,515,852".
    static func grouped(_ value: Double) -> String {
        let digits = String(format: "%.0f", abs(value))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (value < 0 ? "-" : "") + out
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
