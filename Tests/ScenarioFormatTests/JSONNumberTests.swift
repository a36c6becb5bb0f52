import Testing
@testable import ScenarioFormat

@Suite("JSONNumber")
struct JSONNumberTests {
    @Test("integers are read exactly from their digits", arguments: [
        ("18446744073709551615", UInt64?.some(.max), Int64?.none),
        ("9223372036854775807", UInt64?.some(9_223_372_036_854_775_807), Int64?.some(.max)),
        ("-9223372036854775808", UInt64?.none, Int64?.some(.min)),
        ("0xFFFFFFFFFFFFFFFF", UInt64?.some(.max), Int64?.none),
        ("-0x10", UInt64?.none, Int64?.some(-16)),
        ("+42", UInt64?.some(42), Int64?.some(42)),
        ("-0", UInt64?.some(0), Int64?.some(0)),
        ("1e3", UInt64?.some(1000), Int64?.some(1000)),
        ("3.0", UInt64?.some(3), Int64?.some(3)),
        ("3.5", UInt64?.none, Int64?.none),
        ("18446744073709551616", UInt64?.none, Int64?.none),
        ("Infinity", UInt64?.none, Int64?.none),
        ("NaN", UInt64?.none, Int64?.none),
    ])
    func exactIntegers(literal: String, unsigned: UInt64?, signed: Int64?) {
        let number = JSONNumber(literal: literal)
        #expect(number.uint64Value == unsigned)
        #expect(number.int64Value == signed)
    }

    @Test("every JSON5 number form has the right Double value", arguments: [
        (".5", 0.5), ("5.", 5.0), ("-.5e1", -5.0), ("0x1F", 31.0), ("+1.5E+2", 150.0), ("-Infinity", -Double.infinity), ("5.e2", 500.0),
    ])
    func doubleValues(literal: String, expected: Double) {
        #expect(JSONNumber(literal: literal).value == expected)
    }
}
