import Foundation
import ScenarioFormat

/// One value of an axis: the JSON written into the scenario and the label used in point ids,
/// `sweep.csv` and chart axes (a string as written, a number's literal, other JSON compact).
public struct SweepValue: Hashable, Sendable {
    public let node: JSONNode
    public let label: String
    /// Where the value is in the sweep file (a range's values point at the range).
    public let location: SourcePosition

    public init(node: JSONNode, location: SourcePosition) {
        self.node = node
        self.location = location
        self.label = node.string ?? node.compactJSONText
    }
}

/// One dimension of a sweep: a field of the base scenario and the values it takes.
public struct SweepAxis: Hashable, Sendable {
    /// The column name and id key: `name` if given, else the path's last key.
    public let name: String
    /// The path as written (`fleet.pools[name=gpu].hosts`).
    public let pathText: String
    /// The path resolved against the base scenario.
    public let path: FieldPath
    public let values: [SweepValue]
}

/// How axes combine into points.
public enum SweepCombination: String, CaseIterable, Sendable {
    /// Every combination of values (the cartesian product; the first axis varies slowest).
    case product
    /// The i-th value of every axis together; all axes have the same number of values.
    case zip
}

/// A validated sweep file: a base scenario, axes, how they combine, seeds and the metrics to
/// tabulate. Immutable; `SweepPlan` turns it into points.
public struct SweepDefinition: Sendable {
    public let name: String
    /// The sweep file as the user named it, for messages.
    public let file: String
    /// The base scenario as the user would name it (the sweep file's folder + `base`).
    public let baseFile: String
    /// The folder files named in the base scenario are relative to; points are run with it.
    public let baseDirectory: URL
    /// The base scenario's tree; points are this with the axis values written in.
    public let base: JSONNode
    public let axes: [SweepAxis]
    public let combination: SweepCombination
    public let seeds: [UInt64]
    public let metrics: [SweepMetric]
    /// Where `base` is written in the sweep file (problems of the base as a whole point here).
    public let baseLocation: SourcePosition

    public init(name: String, file: String, baseFile: String, baseDirectory: URL, base: JSONNode, axes: [SweepAxis],
                combination: SweepCombination, seeds: [UInt64], metrics: [SweepMetric], baseLocation: SourcePosition = .start) {
        self.name = name
        self.file = file
        self.baseFile = baseFile
        self.baseDirectory = baseDirectory
        self.base = base
        self.axes = axes
        self.combination = combination
        self.seeds = seeds
        self.metrics = metrics
        self.baseLocation = baseLocation
    }
}
