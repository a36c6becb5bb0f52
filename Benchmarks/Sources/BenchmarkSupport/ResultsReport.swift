import Foundation

/// RESULTS.md from the result files and a template: the template holds the prose (what each
/// benchmark measures, its target, notes from earlier work); markers are replaced by figures.
///
/// Markers, each alone on a line:
/// - `{{machine}}`: the machine and toolchain the newest result was measured on (and a list of
///   every distinct machine when results come from more than one);
/// - `{{suite:NAME}}`: the command, tables, fits and notes of `results/NAME.json`, or a line
///   saying it has not been measured yet;
/// - `{{other-suites}}`: every result whose suite the template does not name (a suite added on
///   another branch appears without a template change).
public struct ResultsReport {
    public var template: String
    public var results: [BenchmarkResult]

    public init(template: String, results: [BenchmarkResult]) {
        self.template = template
        self.results = results
    }

    public func render() -> String {
        let named = Set(template.split(separator: "\n").compactMap { line -> String? in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix("{{suite:"), text.hasSuffix("}}") else { return nil }
            return String(text.dropFirst(8).dropLast(2))
        })
        var lines: [String] = []
        for line in template.split(separator: "\n", omittingEmptySubsequences: false) {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text == "{{machine}}" {
                lines.append(machineSection())
            } else if text.hasPrefix("{{suite:"), text.hasSuffix("}}") {
                let name = String(text.dropFirst(8).dropLast(2))
                if let result = results.first(where: { $0.suite == name }) {
                    lines.append(Self.section(result))
                } else {
                    lines.append("_Not measured yet: run `swift run -c release gigawatt-bench \(name)`._")
                }
            } else if text == "{{other-suites}}" {
                for result in results where !named.contains(result.suite) {
                    lines.append("## \(result.suite)\n\n" + Self.section(result) + "\n")
                }
            } else {
                lines.append(String(line))
            }
        }
        return lines.joined(separator: "\n")
    }

    func machineSection() -> String {
        let machines = results.map(\.machine)
        guard let newest = machines.max(by: { $0.date < $1.date }) else { return "_No results yet._" }
        var text = "Measured on: \(newest.line)."
        let others = Set(machines.map { "\($0.cpu), \($0.cores) cores; \($0.toolchain)" })
        if others.count > 1 {
            text += " Results below come from more than one machine or toolchain; each section states its own."
        }
        return text
    }

    /// One suite: its command, tables, fits and notes (Markdown).
    public static func section(_ result: BenchmarkResult) -> String {
        var parts = ["```\n\(result.command)\n```",
                     "Measured \(result.machine.date) at commit \(result.machine.commit) on \(result.machine.cpu) (\(result.machine.cores) cores)."]
        for table in result.tables {
            var lines = ["**\(table.title)**", "", "| " + table.columns.joined(separator: " | ") + " |",
                         "|" + table.columns.map { _ in " --- |" }.joined()]
            for row in table.rows {
                lines.append("| " + row.map { $0.rendered.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
            }
            for named in table.fits {
                lines.append("")
                lines.append("Fitted growth, \(named.name): exponent **\(String(format: "%.2f", named.fit.exponent))** "
                             + "(R² \(String(format: "%.3f", named.fit.rSquared)), \(named.fit.points) rungs).")
            }
            parts.append(lines.joined(separator: "\n"))
        }
        parts.append(contentsOf: result.notes)
        return parts.joined(separator: "\n\n")
    }
}
