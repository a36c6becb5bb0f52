import Foundation

extension SVGChart {
    /// Text made safe for HTML and SVG (for pages built outside this module).
    public static func htmlEscaped(_ text: String) -> String { escape(text) }

    /// One line of a category chart: at each category, a central value and a spread.
    public struct CategorySeries: Sendable {
        public var name: String
        /// (category index, centre, low, high); categories without a value are left out.
        public var points: [(category: Int, centre: Double, low: Double, high: Double)]

        public init(name: String, points: [(category: Int, centre: Double, low: Double, high: Double)]) {
            self.name = name
            self.points = points
        }
    }

    /// Points on evenly spaced categories (a sweep axis' values, in sweep order) joined by
    /// lines, each with a vertical error bar from `low` to `high` (the spread over seeds). The
    /// y axis starts at zero unless a value is negative, so differences are not exaggerated.
    public static func categories(_ series: [CategorySeries], categories: [String], yLabel: String, xLabel: String) -> String {
        let all = series.flatMap(\.points)
        guard !all.isEmpty, !categories.isEmpty else { return "<p class=\"empty\">no data</p>" }
        let top = all.map(\.high).max()!, bottom = min(0, all.map(\.low).min()!)
        let yMax = top > bottom ? top + (top - bottom) * 0.05 : bottom + 1
        let plotW = width - margin.left - margin.right, plotH = height - margin.top - margin.bottom
        let slot = plotW / Double(categories.count)
        func px(_ category: Int) -> Double { margin.left + slot * (Double(category) + 0.5) }
        func py(_ y: Double) -> Double { margin.top + plotH - (y - bottom) / (yMax - bottom) * plotH }
        var svg = "<svg viewBox=\"0 0 \(fmt(width)) \(fmt(height))\" role=\"img\" aria-label=\"\(escape(yLabel)) by \(escape(xLabel))\">"
        svg += "<line class=\"axis\" x1=\"\(fmt(margin.left))\" y1=\"\(fmt(margin.top + plotH))\" x2=\"\(fmt(margin.left + plotW))\" y2=\"\(fmt(margin.top + plotH))\"/>"
        svg += "<line class=\"axis\" x1=\"\(fmt(margin.left))\" y1=\"\(fmt(margin.top))\" x2=\"\(fmt(margin.left))\" y2=\"\(fmt(margin.top + plotH))\"/>"
        for k in 0...4 {
            let y = bottom + (yMax - bottom) * Double(k) / 4
            svg += "<line class=\"grid\" x1=\"\(fmt(margin.left))\" y1=\"\(fmt(py(y)))\" x2=\"\(fmt(margin.left + plotW))\" y2=\"\(fmt(py(y)))\"/>"
            svg += "<text class=\"tick\" x=\"\(fmt(margin.left - 6))\" y=\"\(fmt(py(y) + 4))\" text-anchor=\"end\">\(short(y))</text>"
        }
        // Label every category when they fit (~7 px per character), else about ten of them.
        let longest = categories.map(\.count).max() ?? 1
        let stride = max(1, Int((Double(longest) * 7 / slot).rounded(.up)), categories.count > 10 && slot < 40 ? categories.count / 10 : 1)
        for (index, category) in categories.enumerated() where index % stride == 0 {
            svg += "<text class=\"tick\" x=\"\(fmt(px(index)))\" y=\"\(fmt(margin.top + plotH + 16))\" text-anchor=\"middle\">\(escape(category))</text>"
        }
        svg += "<text class=\"label\" x=\"\(fmt(margin.left + plotW))\" y=\"\(fmt(height - 2))\" text-anchor=\"end\">\(escape(xLabel))</text>"
        svg += "<text class=\"label\" x=\"\(fmt(margin.left + 4))\" y=\"\(fmt(margin.top + 10))\">\(escape(yLabel))</text>"
        for (index, s) in series.enumerated() {
            let cls = "s\(index % 6)"
            if s.points.count > 1 {
                let path = s.points.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(fmt(px($0.element.category))),\(fmt(py($0.element.centre)))" }.joined()
                svg += "<path class=\"series \(cls)\" d=\"\(path)\"><title>\(escape(s.name))</title></path>"
            }
            for p in s.points {
                let x = px(p.category)
                svg += "<g class=\"\(cls)\"><title>\(escape(s.name)) at \(escape(categories[p.category])): \(short(p.centre)) (\(short(p.low))–\(short(p.high)))</title>"
                if p.high > p.low {
                    svg += "<line class=\"errorbar\" x1=\"\(fmt(x))\" y1=\"\(fmt(py(p.low)))\" x2=\"\(fmt(x))\" y2=\"\(fmt(py(p.high)))\"/>"
                    for y in [p.low, p.high] {
                        svg += "<line class=\"errorbar\" x1=\"\(fmt(x - 4))\" y1=\"\(fmt(py(y)))\" x2=\"\(fmt(x + 4))\" y2=\"\(fmt(py(y)))\"/>"
                    }
                }
                svg += "<circle class=\"dot\" cx=\"\(fmt(x))\" cy=\"\(fmt(py(p.centre)))\" r=\"3\"/></g>"
            }
        }
        svg += "</svg>"
        if series.count > 1 {
            svg += "<div class=\"legend\">" + series.enumerated().map { "<span class=\"key s\($0.offset % 6)\">\(escape($0.element.name))</span>" }.joined() + "</div>"
        }
        return svg
    }
}
