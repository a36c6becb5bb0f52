/// Energy in joules. 1 kWh = 3.6e6 J.
public struct Joules: Quantity {
    /// The magnitude in J.
    public var value: Double
    @inlinable public init(_ value: Double) { self.value = value }
    public static let symbol = "J"
}
