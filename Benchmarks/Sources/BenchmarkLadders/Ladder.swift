import Foundation

/// A scenario ladder: one scenario template in `Benchmarks/ladders/<template>` and the sizes
/// (rungs) it is run at, each about ten times the last, to see how the simulator's cost grows
/// with one kind of work while the others stay fixed (or grow in proportion, as each ladder's
/// template comment says).
///
/// The template is a JSON5 scenario with `{{key}}` placeholders; `substitutions` gives their
/// values for a rung size. A ladder is added by writing its template and registering one
/// `Ladder` value in `LadderRegistry.all`.
public struct Ladder: Sendable {
    /// Kebab-case name, used on the command line and in result and counter files.
    public var name: String
    /// What a rung's size counts ("chips", "training jobs", "days"), for table headings.
    public var quantity: String
    /// Rungs run by default (`gigawatt-bench ladder`, `all`).
    public var rungs: [Int]
    /// Rungs added by `--full` (the largest; too slow for the 15-minute `all`).
    public var fullRungs: [Int]
    /// Small rungs whose deterministic counters are recorded in `Benchmarks/counters.json` and
    /// checked by `BenchmarkCountersTests` (seconds each in a debug build).
    public var counterRungs: [Int]
    /// The template's file name in `Benchmarks/ladders/`.
    public var template: String
    /// The placeholder values for a rung size (`size` itself is always provided).
    public var substitutions: @Sendable (Int) -> [String: String]
    /// What each rung writes: summary.json only (the default: the simulator's cost), or every
    /// output `gigawatt run` writes (the writers' cost and memory too).
    public var outputs: RungRun.Outputs

    public init(name: String, quantity: String, rungs: [Int], fullRungs: [Int] = [], counterRungs: [Int],
                template: String, outputs: RungRun.Outputs = .summary,
                substitutions: @escaping @Sendable (Int) -> [String: String] = { _ in [:] }) {
        self.name = name; self.quantity = quantity; self.rungs = rungs; self.fullRungs = fullRungs
        self.counterRungs = counterRungs; self.template = template; self.outputs = outputs; self.substitutions = substitutions
    }

    public enum Failure: Error, CustomStringConvertible {
        case templateMissing(String)
        case unfilledPlaceholder(ladder: String, placeholder: String)
        public var description: String {
            switch self {
            case .templateMissing(let path): return "ladder template not found: \(path)"
            case .unfilledPlaceholder(let ladder, let placeholder):
                return "ladder '\(ladder)': the template uses {{\(placeholder)}} but the ladder gives it no value"
            }
        }
    }

    /// The rungs to run: the default ones, plus the full ones when asked.
    public func rungs(full: Bool) -> [Int] { full ? (rungs + fullRungs).sorted() : rungs }

    /// The scenario text of one rung: the template with every placeholder filled.
    public func scenarioText(size: Int, laddersDirectory: URL) throws -> String {
        let url = laddersDirectory.appendingPathComponent(template)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw Failure.templateMissing(url.path) }
        return try Self.fill(text, with: substitutions(size).merging(["size": "\(size)"]) { given, _ in given }, ladder: name)
    }

    /// Replaces every `{{key}}`; a placeholder without a value is an error (never left in).
    static func fill(_ text: String, with values: [String: String], ladder: String) throws -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            let key = String(rest[open.upperBound..<close.lowerBound])
            guard let value = values[key] else { throw Failure.unfilledPlaceholder(ladder: ladder, placeholder: key) }
            result += value
            rest = rest[close.upperBound...]
        }
        return result + rest
    }
}
