/// The index of a site in a `FleetDescription`, assigned in declaration order.
public struct SiteID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (a: SiteID, b: SiteID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "site#\(rawValue)" }
}
