/// Grid carbon intensity in grams of CO2-equivalent per joule. 400 g/kWh = 400 / 3.6e6 g/J.
public struct GramsCO2PerJoule: Quantity {
    /// The magnitude in gCO2/J.
    public var value: Double
    @inlinable public init(_ value: Double) { self.value = value }
    public static let symbol = "gCO2/J"
}
