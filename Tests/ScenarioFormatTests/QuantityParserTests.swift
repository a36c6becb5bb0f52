import Testing
import SimKernel
@testable import ScenarioFormat

@Suite("QuantityParser")
struct QuantityParserTests {
    /// Expected values are worked out by hand from the unit definitions.
    static let conversionTable: [(text: String, dimension: QuantityDimension, expected: Double)] = [
        ("700 W", .power, 700),
        ("1.2 kW", .power, 1_200),
        ("2GW", .power, 2e9),
        ("1.2 MWh", .energy, 4.32e9),                  // 1.2e6 W × 3600 s
        ("5 kJ", .energy, 5_000),
        ("96 GiB", .bytes, 103_079_215_104),           // 96 × 2^30
        ("80 GB", .bytes, 8e10),
        ("3.35 TB/s", .bandwidth, 3.35e12),
        ("400 Gb/s", .bandwidth, 5e10),                // 400e9 bits ÷ 8
        ("$1200", .money, 1_200),
        ("$2.10/h", .pricePerTime, 2.10 / 3_600),
        ("$2.10/chip-h", .pricePerTime, 2.10 / 3_600),
        ("2.10 $/chip-h", .pricePerTime, 2.10 / 3_600),
        ("0.08 $/kWh", .energyPrice, 0.08 / 3.6e6),     // 1 kWh = 3.6e6 J
        ("$0.08/kWh", .energyPrice, 0.08 / 3.6e6),
        ("40 $/MWh", .energyPrice, 40 / 3.6e9),
        ("400 gCO2/kWh", .carbonIntensity, 400 / 3.6e6),
        ("0.4 tCO2/MWh", .carbonIntensity, 0.4 * 1e6 / 3.6e9),
        ("989 TFLOP/s", .computeRate, 9.89e14),
        ("2.5 PFLOPS", .computeRate, 2.5e15),
        ("1.8 GHz", .frequency, 1.8e9),
        ("50 %", .ratio, 0.5),
        ("0.25", .ratio, 0.25),
        ("  -5 W ", .power, -5),
        ("1e3 W", .power, 1_000),
        (".5 kW", .power, 500),
        ("400 g / kWh", .carbonIntensity, 400 / 3.6e6),
    ]

    @Test("converts a value with a unit to its base unit", arguments: conversionTable)
    func conversions(text: String, dimension: QuantityDimension, expected: Double) throws {
        let value = try QuantityParser.parse(text, as: dimension).get()
        #expect(abs(value - expected) <= 1e-12 * abs(expected), "\(text) → \(value), expected \(expected)")
    }

    @Test("the headline conversions are exact")
    func exactConversions() throws {
        #expect(try QuantityParser.parse("400 Gb/s", as: .bandwidth).get() == 5e10)
        #expect(try QuantityParser.parse("96 GiB", as: .bytes).get() == 103_079_215_104)
        #expect(try QuantityParser.parse("0.08 $/kWh", as: .energyPrice).get() == 0.08 / 3.6e6)
        #expect(try QuantityParser.parse("3.35 TB/s", as: .bandwidth).get() == 3.35e12)
    }

    static let durationTable: [(text: String, nanoseconds: Int64)] = [
        ("250 ms", 250_000_000),
        ("1.5 h", 5_400 * 1_000_000_000),
        ("30 d", 30 * 86_400 * 1_000_000_000),
        ("2 min", 120 * 1_000_000_000),
        ("0.1 s", 100_000_000),
        ("1 ns", 1),
        ("1.5 us", 1_500),
        ("1.5 µs", 1_500),
        ("2.6 ns", 3),                                 // rounded to nearest
        ("45", 45 * 1_000_000_000),                    // no unit: seconds
    ]

    @Test("durations become whole nanoseconds", arguments: durationTable)
    func durations(text: String, nanoseconds: Int64) throws {
        #expect(try QuantityParser.duration(text).get() == SimDuration(nanoseconds: nanoseconds))
    }

    @Test("durations beyond ±292 years are rejected, not trapped")
    func durationRange() {
        // 2^63 ns ≈ 106,751.99 days.
        #expect(throws: QuantityError.self) { try QuantityParser.duration("106752 d").get() }
        #expect(throws: QuantityError.self) { try QuantityParser.duration("-106752 d").get() }
        #expect((try? QuantityParser.duration("106751 d").get()) != nil)
        #expect(throws: QuantityError.self) { try QuantityParser.duration(seconds: 1e300).get() }
    }

    @Test("a positive duration that rounds to zero nanoseconds is not positive")
    func tinyDuration() {
        #expect(throws: QuantityError.self) { try QuantityParser.duration("0.4 ns", bound: .positive).get() }
    }

    @Test("a wrong or unknown unit lists the accepted units", arguments: [
        ("700 V", QuantityDimension.power,
         #"expected a power such as "700 W" (units: W, kW, MW, GW), got "700 V""#),
        ("700 kWh", .power,
         #"expected a power such as "700 W" (units: W, kW, MW, GW), got "700 kWh"; 'kWh' is a unit of energy"#),
        ("700 kw", .power,
         #"expected a power such as "700 W" (units: W, kW, MW, GW), got "700 kw"; did you mean 'kW'? (units are case-sensitive)"#),
        ("fast", .duration,
         #"expected a duration such as "30 d" (units: ns, us, µs, μs, ms, s, min, h, d), got "fast""#),
        ("3 hrs", .duration,
         #"expected a duration such as "30 d" (units: ns, us, µs, μs, ms, s, min, h, d), got "3 hrs""#),
        ("2 $/month", .pricePerTime,
         #"expected a price per hour such as "$2.10/chip-h" (units: $/s, $/h, $/d, $/chip-s, $/chip-h), got "2 $/month""#),
    ])
    func badUnits(text: String, dimension: QuantityDimension, message: String) {
        let result = dimension == .duration
            ? QuantityParser.duration(text).map { _ in 0.0 }
            : QuantityParser.parse(text, as: dimension)
        #expect(throws: QuantityError(message: message)) { try result.get() }
    }

    @Test("a bound rejects negative, zero and non-finite values where the caller asks", arguments: [
        ("-3 W", NumberBound.positive, #"expected a positive power, got "-3 W""#),
        ("0 W", .positive, #"expected a positive power, got "0 W""#),
        ("-1 mW", .nonNegative, #"expected a non-negative power such as "700 W" (units: W, kW, MW, GW), got "-1 mW"; did you mean 'MW'? (units are case-sensitive)"#),
        ("-1 W", .nonNegative, #"expected a non-negative power, got "-1 W""#),
        ("1e400 W", .any, #"expected a finite power, got "1e400 W" (too large)"#),
    ])
    func bounds(text: String, bound: NumberBound, message: String) {
        #expect(throws: QuantityError(message: message)) { try QuantityParser.parse(text, as: .power, bound: bound).get() }
    }

    @Test("every unit symbol is unique and every dimension has units")
    func registryShape() {
        #expect(Set(UnitRegistry.all.map(\.symbol)).count == UnitRegistry.all.count)
        for dimension in QuantityDimension.allCases {
            #expect(!UnitRegistry.units(of: dimension).isEmpty, "\(dimension) has no units")
            #expect((try? QuantityParser.parse(dimension.example, as: dimension).get()) != nil || dimension == .duration)
        }
        #expect((try? QuantityParser.duration(QuantityDimension.duration.example).get()) != nil)
    }
}
