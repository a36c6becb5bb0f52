import SimKernel

/// Why a quantity string was rejected; `message` is ready for a diagnostic.
public struct QuantityError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Turns strings such as `"1.2 kW"`, `"$2.10/chip-h"` or `"250 ms"` into base-unit values.
///
/// Grammar: optional sign, optional `$`, a decimal number (`12`, `1.5`, `.5`, `2e3`), optional
/// spaces, then a unit from `UnitRegistry` for the requested dimension. A leading `$` joins the
/// unit: `$2.10/h` reads as `2.10 $/h`, `$1200` as `1200 $`. Spaces inside the unit are ignored
/// (`g / kWh`). No unit means the base unit. Values must be finite.
public enum QuantityParser {
    /// The value of `text` in the base unit of `dimension`, checked against `bound`.
    public static func parse(_ text: String, as dimension: QuantityDimension, bound: NumberBound = .any) -> Result<Double, QuantityError> {
        guard let (number, unitSymbol) = split(text) else {
            return .failure(expectation(dimension, bound, got: text))
        }
        let value: Double
        if unitSymbol.isEmpty {
            value = number
        } else if let unit = UnitRegistry.unit(unitSymbol), unit.dimension == dimension {
            value = unit.toBase(number)
        } else {
            return .failure(unknownUnit(unitSymbol, dimension, bound, got: text))
        }
        guard value.isFinite else {
            return .failure(QuantityError(message: "expected \(bound.describe("finite " + dimension.noun)), got \(quoted(text)) (too large)"))
        }
        guard bound.admits(value) else {
            return .failure(QuantityError(message: "expected \(bound.describe(dimension.noun)), got \(quoted(text))"))
        }
        return .success(value)
    }

    /// The duration `text` denotes, rounded to the nearest nanosecond.
    /// Durations beyond ±292 years (the range of `SimDuration`) are rejected.
    public static func duration(_ text: String, bound: NumberBound = .any) -> Result<SimDuration, QuantityError> {
        guard let (number, unitSymbol) = split(text) else {
            return .failure(expectation(.duration, bound, got: text))
        }
        var nanosecondsPerUnit = 1e9
        if !unitSymbol.isEmpty {
            guard let unit = UnitRegistry.unit(unitSymbol), unit.dimension == .duration else {
                return .failure(unknownUnit(unitSymbol, .duration, bound, got: text))
            }
            nanosecondsPerUnit = unit.multiplier * 1e9 / unit.divisor
        }
        return duration(nanoseconds: number * nanosecondsPerUnit, bound: bound, text: quoted(text))
    }

    /// The duration of `seconds` (a plain number in a scenario), rounded to the nearest nanosecond.
    public static func duration(seconds: Double, bound: NumberBound = .any) -> Result<SimDuration, QuantityError> {
        duration(nanoseconds: seconds * 1e9, bound: bound, text: formatted(seconds))
    }

    private static func duration(nanoseconds: Double, bound: NumberBound, text: String) -> Result<SimDuration, QuantityError> {
        let rounded = nanoseconds.rounded(.toNearestOrEven)
        // Int64 holds [-2^63, 2^63); both bounds are exact Doubles.
        guard rounded.isFinite, rounded >= -0x1p63, rounded < 0x1p63 else {
            return .failure(QuantityError(message: "expected \(bound.describe("duration")) within ±292 years, got \(text)"))
        }
        let duration = SimDuration(nanoseconds: Int64(rounded))
        let admitted = switch bound {
        case .any: true
        case .nonNegative: duration.nanoseconds >= 0
        // A positive duration shorter than half a nanosecond rounds to zero: still not positive.
        case .positive: duration.nanoseconds > 0
        }
        guard admitted else {
            return .failure(QuantityError(message: "expected \(bound.describe("duration")), got \(text)"))
        }
        return .success(duration)
    }

    /// What a valid value looks like: `a positive power such as "700 W" (units: W, kW, MW, GW)`.
    public static func expectation(_ dimension: QuantityDimension, _ bound: NumberBound = .any) -> String {
        "\(bound.describe(dimension.noun)) such as \(quoted(dimension.example)) (units: \(UnitRegistry.symbolList(of: dimension)))"
    }

    /// The message for a value that does not fit `dimension` at all.
    static func expectation(_ dimension: QuantityDimension, _ bound: NumberBound, got text: String) -> QuantityError {
        QuantityError(message: "expected \(expectation(dimension, bound)), got \(quoted(text))")
    }

    private static func unknownUnit(_ symbol: String, _ dimension: QuantityDimension, _ bound: NumberBound, got text: String) -> QuantityError {
        var message = expectation(dimension, bound, got: text).message
        let candidates = UnitRegistry.units(of: dimension).map(\.symbol).filter { !$0.isEmpty }
        if let other = UnitRegistry.unit(symbol) {
            message += "; '\(symbol)' is a unit of \(other.dimension.noun)"
        } else if let nearest = candidates.first(where: { $0.lowercased() == symbol.lowercased() }) {
            message += "; did you mean '\(nearest)'? (units are case-sensitive)"
        } else if symbol.count >= 3, let nearest = NameSuggestion.nearest(to: symbol, in: candidates) {
            // One- and two-letter symbols are all one edit apart; only longer ones get a guess.
            message += "; did you mean '\(nearest)'?"
        }
        return QuantityError(message: message)
    }

    /// The number and unit symbol of `text`, or nil when it does not start with a number.
    static func split(_ text: String) -> (Double, String)? {
        var rest = Substring(text.trimmingSpaces())
        var sign = ""
        if let first = rest.first, first == "+" || first == "-" {
            sign = String(first)
            rest = rest.dropFirst()
        }
        var dollar = false
        if rest.first == "$" {
            dollar = true
            rest = rest.dropFirst().drop { $0 == " " }
        }
        let numberText = rest.prefix { $0.isASCIIDigit || $0 == "." || $0 == "e" || $0 == "E" || $0 == "+" || $0 == "-" }
        // The greedy prefix may have swallowed the start of a unit ("5 EB" cannot, but "5EB" or
        // "3e" can); back off until it is a valid decimal literal.
        var literal = numberText
        while !literal.isEmpty, !isDecimalLiteral(literal) { literal = literal.dropLast() }
        guard !literal.isEmpty, let magnitude = Double(normalized(literal)) else { return nil }
        let unitText = rest.dropFirst(literal.count).filter { !$0.isWhitespace }
        let symbol = dollar ? "$" + unitText : String(unitText)
        return (sign == "-" ? -magnitude : magnitude, symbol)
    }

    /// Whether `text` is digits with an optional point and an optional exponent, with at least
    /// one digit in the mantissa.
    private static func isDecimalLiteral(_ text: Substring) -> Bool {
        var scalars = text.unicodeScalars[...]
        let integer = scalars.prefix { JSON5Parser.isDigit($0) }
        scalars = scalars.dropFirst(integer.count)
        var fraction = Substring.UnicodeScalarView.SubSequence()
        if scalars.first == "." {
            scalars = scalars.dropFirst()
            fraction = scalars.prefix { JSON5Parser.isDigit($0) }
            scalars = scalars.dropFirst(fraction.count)
        }
        guard !integer.isEmpty || !fraction.isEmpty else { return false }
        if let e = scalars.first, e == "e" || e == "E" {
            scalars = scalars.dropFirst()
            if let s = scalars.first, s == "+" || s == "-" { scalars = scalars.dropFirst() }
            let exponent = scalars.prefix { JSON5Parser.isDigit($0) }
            guard !exponent.isEmpty else { return false }
            scalars = scalars.dropFirst(exponent.count)
        }
        return scalars.isEmpty
    }

    private static func normalized(_ literal: Substring) -> String {
        var text = String(literal)
        if text.hasPrefix(".") { text = "0" + text }
        if let point = text.firstIndex(of: ".") {
            let after = text.index(after: point)
            if after == text.endIndex || !text[after].isASCIIDigit { text.insert("0", at: after) }
        }
        return text
    }

    private static func formatted(_ seconds: Double) -> String {
        seconds == seconds.rounded() && abs(seconds) < 1e15 ? "\(Int64(seconds)) s" : "\(seconds) s"
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (Foundation-free).
    func trimmingSpaces() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[first...last]
    }
}
