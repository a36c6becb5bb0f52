/// Power in watts (J/s).
public struct Watts: Quantity {
    /// The magnitude in W.
    public var value: Double
    @inlinable public init(_ value: Double) { self.value = value }
    public static let symbol = "W"
}
