/// An emitted mass in grams of CO2-equivalent.
public struct GramsCO2: Quantity {
    /// The magnitude in gCO2.
    public var value: Double
    @inlinable public init(_ value: Double) { self.value = value }
    public static let symbol = "gCO2"
}
