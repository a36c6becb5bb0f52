/// A data size in bytes (Double: sizes are continuous work amounts). Decimal prefixes: 1 GB = 1e9 B; binary: 1 GiB = 2^30 B.
public struct Bytes: Quantity {
    /// The magnitude in B.
    public var value: Double
    @inlinable public init(_ value: Double) { self.value = value }
    public static let symbol = "B"
}
