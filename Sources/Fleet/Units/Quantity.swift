/// A unit-bearing scalar stored as one Double in SI units.
///
/// Each unit is its own one-field struct (as swift-system wraps raw numbers) so that adding watts
/// to joules does not compile. Conforming types get same-unit arithmetic, scaling by a plain
/// number, ratios, `Comparable`, and `Codable` as a bare number in the SI unit named by the type.
public protocol Quantity: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The magnitude in the type's SI unit (see the conforming type's documentation).
    var value: Double { get }
    init(_ value: Double)
    /// The unit symbol used by `description`, e.g. `"W"`.
    static var symbol: String { get }
}

extension Quantity {
    public static var zero: Self { Self(0) }

    @inlinable public static func < (a: Self, b: Self) -> Bool { a.value < b.value }
    @inlinable public static func + (a: Self, b: Self) -> Self { Self(a.value + b.value) }
    @inlinable public static func - (a: Self, b: Self) -> Self { Self(a.value - b.value) }
    @inlinable public static prefix func - (a: Self) -> Self { Self(-a.value) }
    @inlinable public static func * (a: Self, k: Double) -> Self { Self(a.value * k) }
    @inlinable public static func * (k: Double, a: Self) -> Self { Self(a.value * k) }
    @inlinable public static func / (a: Self, k: Double) -> Self { Self(a.value / k) }
    /// The dimensionless ratio of two quantities of the same unit.
    @inlinable public static func / (a: Self, b: Self) -> Double { a.value / b.value }
    @inlinable public static func += (a: inout Self, b: Self) { a = a + b }
    @inlinable public static func -= (a: inout Self, b: Self) { a = a - b }

    /// `count` copies of this quantity (e.g. per-chip power times chips).
    @inlinable public func times(_ count: Int) -> Self { Self(value * Double(count)) }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(try container.decode(Double.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public var description: String { "\(value) \(Self.symbol)" }
}

extension Sequence where Element: Quantity {
    /// The sum of the elements (zero when empty).
    public func sum() -> Element { reduce(Element.zero, +) }
}
