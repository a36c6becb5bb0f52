/// A JSON5 number as written, with its value as a Double and, where it is an integer, exactly.
///
/// A Double holds integers exactly only up to 2^53, so a seed such as 18446744073709551615 would
/// be silently changed by a decoder that goes through Double. Keeping the literal lets integer
/// fields read the digits themselves.
public struct JSONNumber: Hashable, Sendable, CustomStringConvertible {
    /// The text as written in the file, sign included: `-3`, `0x1F`, `.5`, `+Infinity`.
    public let literal: String
    /// The value, to the nearest Double; ±infinity and NaN where the literal says so.
    public let value: Double

    /// - Precondition: `literal` is a JSON5 number (the parser guarantees it).
    public init(literal: String) {
        self.literal = literal
        self.value = Self.doubleValue(of: literal)
    }

    public var description: String { literal }

    /// The value as an `Int64` if it is an integer that fits, read from the digits (not through
    /// Double) when the literal is a plain or hex integer. `1e3` and `3.0` count as integers when
    /// their Double value is integral and at most 2^53 in magnitude, where Double is exact.
    public var int64Value: Int64? {
        guard let (negative, magnitude) = exactInteger else { return nil }
        if negative {
            return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// The value as a `UInt64` if it is a non-negative integer that fits (`-0` counts as 0).
    public var uint64Value: UInt64? {
        guard let (negative, magnitude) = exactInteger else { return nil }
        if negative && magnitude != 0 { return nil }
        return magnitude
    }

    /// Sign and magnitude of an integral literal, or nil for fractions, non-finite values and
    /// magnitudes beyond UInt64.
    private var exactInteger: (negative: Bool, magnitude: UInt64)? {
        var body = Substring(literal)
        var negative = false
        if let first = body.first, first == "+" || first == "-" {
            negative = first == "-"
            body = body.dropFirst()
        }
        if body.hasPrefix("0x") || body.hasPrefix("0X") {
            guard let magnitude = UInt64(body.dropFirst(2), radix: 16) else { return nil }
            return (negative, magnitude)
        }
        if body.allSatisfy(\.isASCIIDigit) {
            guard let magnitude = UInt64(body) else { return nil }
            return (negative, magnitude)
        }
        guard value.isFinite, value == value.rounded(), abs(value) <= 9_007_199_254_740_992 else { return nil }
        return (value < 0 || (value == 0 && value.sign == .minus), UInt64(abs(value)))
    }

    private static func doubleValue(of literal: String) -> Double {
        var body = Substring(literal)
        var sign = 1.0
        if let first = body.first, first == "+" || first == "-" {
            sign = first == "-" ? -1 : 1
            body = body.dropFirst()
        }
        if body == "Infinity" { return sign * .infinity }
        if body == "NaN" { return .nan }
        if body.hasPrefix("0x") || body.hasPrefix("0X") {
            // Accumulate in Double so hex literals wider than 64 bits still get a value.
            var value = 0.0
            for character in body.dropFirst(2) {
                value = value * 16 + Double(character.hexDigitValue ?? 0)
            }
            return sign * value
        }
        // Swift's parser wants a digit on both sides of the point; JSON5 allows `.5` and `5.`.
        let characters = Array(body)
        var text = ""
        for (offset, character) in characters.enumerated() {
            guard character == "." else { text.append(character); continue }
            if offset == 0 { text += "0" }
            text += "."
            if offset + 1 == characters.count || !characters[offset + 1].isASCIIDigit { text += "0" }
        }
        guard let value = Double(text) else {
            preconditionFailure("not a JSON5 number literal: \(literal)")
        }
        return sign * value
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
