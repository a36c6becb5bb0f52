/// The stable kebab-case key of a catalog entry, e.g. `tpu-v7`, `h100-sxm`, `trn2`.
///
/// Scenario files name hardware by this id; it never changes once published, so renaming a chip
/// means adding an id, not editing one.
public struct AcceleratorID: Hashable, Comparable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
    public static func < (a: AcceleratorID, b: AcceleratorID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { rawValue }
}
