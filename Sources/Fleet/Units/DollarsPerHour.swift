/// A rental price in US dollars per hour (catalog prices are per chip-hour).
public struct DollarsPerHour: Quantity {
    /// The magnitude in $/h.
    public var value: Double
    @inlinable public init(_ value: Double) { self.value = value }
    public static let symbol = "$/h"
}
