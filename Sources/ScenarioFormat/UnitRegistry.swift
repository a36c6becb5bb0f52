/// One unit symbol a scenario may write, and how to convert it to its dimension's base unit.
///
/// A value `v` in this unit is `v × multiplier ÷ divisor` base units. Sub-unit scales are kept
/// as divisors (1 ms = 1 s ÷ 1000) so that common conversions are one correctly rounded
/// operation: `250 ms` is exactly 0.25 s and `0.08 $/kWh` is exactly `0.08 / 3.6e6` $/J.
public struct UnitDefinition: Hashable, Sendable {
    public let symbol: String
    public let dimension: QuantityDimension
    public let multiplier: Double
    public let divisor: Double

    /// `value` in this unit, expressed in base units.
    public func toBase(_ value: Double) -> Double { value * multiplier / divisor }
}

/// Every unit a scenario file may use, in one table.
///
/// Symbols are case-sensitive (`mW` and `MW` differ by 10⁹) and unique across dimensions, so a
/// symbol alone says what it measures. Decimal prefixes k M G T P E are powers of 1000;
/// binary prefixes Ki Mi Gi Ti Pi Ei (sizes and bandwidths only) are powers of 1024. A plain
/// number, or a string holding only a number, is in the base unit.
public enum UnitRegistry {
    /// All units, grouped by dimension, in the order messages list them.
    public static let all: [UnitDefinition] = makeTable()

    /// The units of one dimension, in table order.
    public static func units(of dimension: QuantityDimension) -> [UnitDefinition] {
        byDimension[dimension] ?? []
    }

    /// The unit with exactly this symbol, in any dimension.
    public static func unit(_ symbol: String) -> UnitDefinition? { bySymbol[symbol] }

    /// The symbols of one dimension, comma-separated, for messages: `W, kW, MW, GW`.
    public static func symbolList(of dimension: QuantityDimension) -> String {
        units(of: dimension).map { $0.symbol.isEmpty ? "(none)" : $0.symbol }.joined(separator: ", ")
    }

    private static let bySymbol: [String: UnitDefinition] = Dictionary(uniqueKeysWithValues: all.map { ($0.symbol, $0) })
    private static let byDimension: [QuantityDimension: [UnitDefinition]] = Dictionary(grouping: all, by: \.dimension)

    private static func makeTable() -> [UnitDefinition] {
        var table: [UnitDefinition] = []
        func add(_ dimension: QuantityDimension, _ symbol: String, _ multiplier: Double = 1, per divisor: Double = 1) {
            precondition(!table.contains { $0.symbol == symbol }, "unit symbol '\(symbol)' is defined twice")
            table.append(UnitDefinition(symbol: symbol, dimension: dimension, multiplier: multiplier, divisor: divisor))
        }
        let decimal: [(String, Double)] = [("", 1), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("P", 1e15), ("E", 1e18)]
        let binary: [(String, Double)] = [("Ki", 0x1p10), ("Mi", 0x1p20), ("Gi", 0x1p30), ("Ti", 0x1p40), ("Pi", 0x1p50), ("Ei", 0x1p60)]
        let wattHour = 3_600.0

        for (prefix, scale) in decimal.prefix(4) { add(.power, prefix + "W", scale) }

        for (prefix, scale) in decimal.prefix(6) { add(.energy, prefix + "J", scale) }
        for (prefix, scale) in decimal.prefix(5) { add(.energy, prefix + "Wh", scale * wattHour) }

        for (prefix, scale) in decimal { add(.bytes, prefix + "B", scale) }
        for (prefix, scale) in binary { add(.bytes, prefix + "B", scale) }

        for (prefix, scale) in decimal.prefix(6) { add(.bandwidth, prefix + "B/s", scale) }
        for (prefix, scale) in binary.prefix(4) { add(.bandwidth, prefix + "B/s", scale) }
        for (prefix, scale) in decimal.prefix(6) { add(.bandwidth, prefix + "b/s", scale, per: 8) }

        add(.duration, "ns", per: 1e9)
        add(.duration, "us", per: 1e6)
        add(.duration, "µs", per: 1e6)  // U+00B5 MICRO SIGN
        add(.duration, "μs", per: 1e6)  // U+03BC GREEK SMALL LETTER MU, what many keyboards type
        add(.duration, "ms", per: 1e3)
        add(.duration, "s")
        add(.duration, "min", 60)
        add(.duration, "h", 3_600)
        add(.duration, "d", 86_400)

        add(.money, "$")

        add(.pricePerTime, "$/s")
        add(.pricePerTime, "$/h", per: 3_600)
        add(.pricePerTime, "$/d", per: 86_400)
        add(.pricePerTime, "$/chip-s")
        add(.pricePerTime, "$/chip-h", per: 3_600)

        add(.energyPrice, "$/J")
        add(.energyPrice, "$/Wh", per: wattHour)
        add(.energyPrice, "$/kWh", per: 1e3 * wattHour)
        add(.energyPrice, "$/MWh", per: 1e6 * wattHour)

        add(.carbonIntensity, "g/J")
        for mass in ["g", "gCO2", "gCO2e"] { add(.carbonIntensity, mass + "/kWh", per: 1e3 * wattHour) }
        for mass in ["kg", "kgCO2", "kgCO2e"] { add(.carbonIntensity, mass + "/kWh", 1e3, per: 1e3 * wattHour) }
        for mass in ["t", "tCO2", "tCO2e"] { add(.carbonIntensity, mass + "/MWh", 1e6, per: 1e6 * wattHour) }

        for (prefix, scale) in decimal { add(.computeRate, prefix + "FLOP/s", scale) }
        for (prefix, scale) in decimal.dropFirst() { add(.computeRate, prefix + "FLOPS", scale) }

        for (prefix, scale) in decimal.prefix(4) { add(.frequency, prefix + "Hz", scale) }

        add(.ratio, "%", per: 100)
        add(.temperature, "°C")
        add(.temperature, "C")
        return table
    }
}
