/// The key of a citation in the `SourceTable`, e.g. `gcp-v4` (the ids of
/// `shared/reference/hardware.json`).
public struct SourceID: Hashable, Comparable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
    public static func < (a: SourceID, b: SourceID) -> Bool { a.rawValue < b.rawValue }
    /// `[gcp-v4]`, the form used in the reference tables.
    public var description: String { "[\(rawValue)]" }
}
