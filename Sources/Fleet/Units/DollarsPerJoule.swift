/// An energy price in US dollars per joule. $80/MWh = 80 / 3.6e9 $/J ≈ 2.22e-8 $/J.
public struct DollarsPerJoule: Quantity {
    /// The magnitude in $/J.
    public var value: Double
    @inlinable public init(_ value: Double) { self.value = value }
    public static let symbol = "$/J"
}
