/// Money in US dollars.
public struct Dollars: Quantity {
    /// The magnitude in $.
    public var value: Double
    @inlinable public init(_ value: Double) { self.value = value }
    public static let symbol = "$"
}
