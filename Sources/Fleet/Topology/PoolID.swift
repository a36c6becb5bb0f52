/// The index of a pool in a `FleetDescription`, assigned in declaration order.
public struct PoolID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (a: PoolID, b: PoolID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "pool#\(rawValue)" }
}
