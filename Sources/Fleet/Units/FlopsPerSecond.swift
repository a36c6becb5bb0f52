/// A compute rate in operations per second (floating-point or, for int8 peaks, integer operations).
public struct FlopsPerSecond: Quantity {
    /// The magnitude in FLOP/s.
    public var value: Double
    @inlinable public init(_ value: Double) { self.value = value }
    public static let symbol = "FLOP/s"
}
