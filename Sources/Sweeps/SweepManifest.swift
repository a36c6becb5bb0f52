import Foundation

/// `sweep-plan.json`: what a sweep's output folder is the result of — its axes, metrics and
/// every point (not only the shard's) — so `gigawatt sweep merge` can check completeness and
/// write the table without the sweep file. Every shard writes the same bytes, so shards that
/// share a folder agree, and folders of different sweeps are told apart.
public struct SweepManifest: Codable, Equatable, Sendable {
    public struct Axis: Codable, Equatable, Sendable {
        public var name: String
        public var field: String
        public var values: [String]
    }

    public struct Point: Codable, Equatable, Sendable {
        public var id: String
        public var values: [String]
        public var seed: UInt64
    }

    public static let fileName = "sweep-plan.json"

    public var formatVersion = 1
    public var name: String
    public var axes: [Axis]
    public var metrics: [String]
    public var points: [Point]

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case name, axes, metrics, points
    }

    public init(_ plan: SweepPlan) {
        name = plan.definition.name
        axes = plan.definition.axes.map { Axis(name: $0.name, field: $0.pathText, values: $0.values.map(\.label)) }
        metrics = plan.definition.metrics.map(\.description)
        points = plan.points.map { Point(id: $0.id, values: $0.labels, seed: $0.seed) }
    }

    /// Stable bytes: sorted keys, pretty printed.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try! encoder.encode(self) + Data("\n".utf8)
    }
}
