import Foundation
import ScenarioFormat

/// A headline number taken from each point's `summary.json`: a dotted path to a number
/// (`energy.cost_usd`), or through one array marked `[]` (`training.jobs[].queue_wait_s`),
/// which takes the mean over the elements that have a number there (nulls are jobs that never
/// started, for example, and are left out rather than counted as zero).
public struct SweepMetric: Hashable, Sendable, CustomStringConvertible {
    /// The path as written; also the CSV column name.
    public let description: String
    private let before: [String]
    /// Set when the path goes through an array: the keys after `[]`.
    private let after: [String]?

    /// What a capacity planner compares first: work done, waiting, time to finish, chip-hours,
    /// energy, cost and carbon.
    public static let defaults: [SweepMetric] = [
        "training.completed", "training.jobs[].queue_wait_s", "training.jobs[].completion_time_s",
        "training.chip_hours", "energy.facility_energy_mwh", "energy.cost_usd", "energy.carbon_kg",
    ].map { try! SweepMetric.parse($0).get() }

    public static func parse(_ text: String) -> Result<SweepMetric, PathSyntaxError> {
        let parts = text.components(separatedBy: "[].")
        guard parts.count <= 2, !text.hasSuffix("[]") else {
            return .failure(PathSyntaxError("a metric goes through at most one array ('[]') and ends at a number"))
        }
        let keyLists = parts.map { $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
        guard keyLists.allSatisfy({ $0.allSatisfy { !$0.isEmpty && !$0.contains("[") && !$0.contains("]") } }) else {
            return .failure(PathSyntaxError("expected keys separated by '.', with at most one '[]' (e.g. training.jobs[].queue_wait_s)"))
        }
        return .success(SweepMetric(description: text, before: keyLists[0], after: keyLists.count == 2 ? keyLists[1] : nil))
    }

    /// The metric's value in a summary tree: the number as written (so the CSV holds exactly
    /// what summary.json holds), a mean formatted as Swift's shortest round-trip decimal, or
    /// nil when the summary has no number there (an empty cell).
    public func value(in summary: JSONNode) -> String? {
        guard let node = Self.walk(summary, before) else { return nil }
        guard let after else { return node.number?.literal }
        guard let elements = node.elements else { return nil }
        let numbers = elements.compactMap { Self.walk($0, after)?.number?.value }
        guard !numbers.isEmpty else { return nil }
        return "\(numbers.reduce(0, +) / Double(numbers.count))"
    }

    private static func walk(_ node: JSONNode, _ keys: [String]) -> JSONNode? {
        var current = node
        for key in keys {
            guard let next = current[key] else { return nil }
            current = next
        }
        return current
    }
}
