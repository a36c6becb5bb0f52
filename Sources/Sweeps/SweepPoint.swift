import Foundation
import ScenarioFormat

/// One run of a sweep: a value of every axis and a seed.
///
/// Its id is made of those values (`policy=easy-backfill,hosts=32,seed=2`), never of a counter
/// or a random draw, so the same point has the same id, folder and CSV row on every machine and
/// in every shard, and results from different machines line up.
public struct SweepPoint: Hashable, Sendable {
    /// Position in the sweep's order (first axis slowest, seeds fastest).
    public let index: Int
    /// For each axis, the index of its value.
    public let valueIndices: [Int]
    /// The label of each axis' value, in axis order.
    public let labels: [String]
    public let seed: UInt64
    /// `name=value,…,seed=N`, usable as a folder name.
    public let id: String

    init(index: Int, axes: [SweepAxis], valueIndices: [Int], seed: UInt64) {
        self.index = index
        self.valueIndices = valueIndices
        self.labels = zip(axes, valueIndices).map { $0.values[$1].label }
        self.seed = seed
        let parts = zip(axes, labels).map { "\(Self.sanitised($0.name))=\(Self.sanitised($1))" } + ["seed=\(seed)"]
        self.id = parts.joined(separator: ",")
    }

    /// The text with every character outside `A–Z a–z 0–9 . _ + -` replaced by `_`, so an id is a
    /// portable file name and `=` and `,` stay separators (`"100 kW"` → `100_kW`).
    public static func sanitised(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let isPlain = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || ".-_+".unicodeScalars.contains(scalar))
            out.unicodeScalars.append(isPlain ? scalar : "_")
        }
        if out.isEmpty || out.hasPrefix(".") { out = "_" + out }  // never empty, never hidden
        return out
    }
}

/// The points of a sweep, in order, and the scenario text of each.
public struct SweepPlan: Sendable {
    public let definition: SweepDefinition
    public let points: [SweepPoint]

    public init(_ definition: SweepDefinition) {
        self.definition = definition
        let axes = definition.axes
        var combinations: [[Int]]
        switch definition.combination {
        case .product:
            combinations = [[]]
            for axis in axes {
                combinations = combinations.flatMap { prefix in axis.values.indices.map { prefix + [$0] } }
            }
        case .zip:
            let count = axes.map(\.values.count).min() ?? 1
            combinations = (0..<count).map { index in axes.map { _ in index } }
        }
        var points: [SweepPoint] = []
        for combination in combinations {
            for seed in definition.seeds {
                points.append(SweepPoint(index: points.count, axes: axes, valueIndices: combination, seed: seed))
            }
        }
        self.points = points
    }

    /// The point's scenario: the base with every axis value and the seed written in, as JSON.
    public func scenarioText(for point: SweepPoint) -> String {
        var tree = definition.base
        for (axis, valueIndex) in zip(definition.axes, point.valueIndices) {
            // Paths were resolved against this base when the sweep was read, so setting cannot fail.
            tree = (try? tree.setting(axis.values[valueIndex].node, at: axis.path).get()) ?? tree
        }
        let seed = JSONNode(.number(JSONNumber(literal: "\(point.seed)")), at: definition.base.location)
        tree = (try? tree.setting(seed, at: FieldPath.root.appending("seed")).get()) ?? tree
        return tree.jsonText
    }

    /// Checks that the points are valid scenarios before any runs, so a typo in one axis value
    /// stops the sweep at once instead of failing that point on every seed. Seeds do not change
    /// what is valid, so one seed per combination of values is checked. Problems are reported
    /// at the axis value in the sweep file when they concern its field, else at `base`.
    public func validate(_ points: [SweepPoint]) throws(ScenarioError) {
        var checked = Set<[Int]>()
        var problems: [Diagnostic] = []
        var seen = Set<String>()
        for point in points where checked.insert(point.valueIndices).inserted {
            let report = ScenarioLoader.check(text: scenarioText(for: point), fileName: "point \(point.id)",
                                              baseDirectory: definition.baseDirectory)
            for diagnostic in report.diagnostics where diagnostic.severity == .error {
                var location = definition.baseLocation
                var path = FieldPath.root.appending("base")
                for (axisIndex, axis) in definition.axes.enumerated()
                where diagnostic.path.components.starts(with: axis.path.components) {
                    let value = axis.values[point.valueIndices[axisIndex]]
                    location = value.location
                    path = FieldPath.root.appending("axes").appending(index: axisIndex)
                }
                let message = "point \(point.id) is not a valid scenario: \(diagnostic.path.isRoot ? "" : "\(diagnostic.path): ")\(diagnostic.message)"
                let text = "\(location)\(path)\(diagnostic.path)\(diagnostic.message)"
                guard seen.insert(text).inserted else { continue }
                problems.append(Diagnostic(file: definition.file, location: location, path: path, message: message))
            }
        }
        if !problems.isEmpty { throw .invalid(problems) }
    }
}
