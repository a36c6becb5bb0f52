/// A data rate in bytes per second. Network rates quoted in bits: 400 Gb/s = 5e10 B/s.
public struct BytesPerSecond: Quantity {
    /// The magnitude in B/s.
    public var value: Double
    @inlinable public init(_ value: Double) { self.value = value }
    public static let symbol = "B/s"
}
