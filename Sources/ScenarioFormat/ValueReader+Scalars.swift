/// Readers for strings, numbers, booleans and names from a fixed list.
extension ValueReader where Value == String {
    /// Any string.
    public static var string: ValueReader<String> { string(expecting: "a string") { _ in true } }

    /// A string with at least one character other than whitespace.
    public static var nonEmptyString: ValueReader<String> {
        string(expecting: "a non-empty string") { !$0.allSatisfy(\.isWhitespace) }
    }

    private static func string(expecting expectation: String, _ isValid: @escaping @Sendable (String) -> Bool) -> ValueReader<String> {
        ValueReader(expecting: expectation) { node, context in
            guard let text = node.string else {
                context.mismatch(expected: expectation, got: node)
                return nil
            }
            guard isValid(text) else {
                context.rejected(expected: expectation, got: node)
                return nil
            }
            return text
        }
    }

    /// One of `names` (kebab-case, case-sensitive). An unknown name is reported with the nearest
    /// valid one and the full list.
    public static func choice(_ names: [String], of kind: String = "value") -> ValueReader<String> {
        precondition(!names.isEmpty, "a choice needs at least one name")
        let expectation = "one of " + names.map(quoted).joined(separator: ", ")
        return ValueReader(expecting: expectation) { node, context in
            guard let name = node.string else {
                context.mismatch(expected: "a \(kind) name (\(expectation))", got: node)
                return nil
            }
            guard names.contains(name) else {
                context.error(unknownNameMessage(name, kind: kind, valid: names), at: node.location)
                return nil
            }
            return name
        }
    }
}

/// `unknown scheduler 'fifp'; did you mean 'fifo'? (valid: fifo, priority)`.
func unknownNameMessage(_ name: String, kind: String, valid: [String]) -> String {
    var message = "unknown \(kind) '\(name)'"
    if let nearest = NameSuggestion.nearest(to: name, in: valid) { message += "; did you mean '\(nearest)'?" }
    return message + " (valid: " + valid.joined(separator: ", ") + ")"
}

extension ValueReader {
    /// A case of a string-backed enum, by raw value; the raw values are the valid names, in
    /// declaration order.
    public static func choice(_ type: Value.Type, of kind: String = "value") -> ValueReader<Value>
    where Value: CaseIterable & RawRepresentable, Value.RawValue == String {
        ValueReader<String>.choice(Value.allCases.map(\.rawValue), of: kind).map { Value(rawValue: $0)! }
    }

    /// An entry of a registry, by name: `.lookup(policies, of: "scheduling policy")`. The table
    /// is ordered so the list of valid names in messages is stable.
    public static func lookup(_ table: [(name: String, value: Value)], of kind: String) -> ValueReader<Value>
    where Value: Sendable {
        ValueReader<String>.choice(table.map(\.name), of: kind).map { name in
            table.first { $0.name == name }!.value
        }
    }
}

extension ValueReader where Value == Bool {
    /// `true` or `false`.
    public static var bool: ValueReader<Bool> {
        ValueReader(expecting: "true or false") { node, context in
            guard case .bool(let value) = node.kind else {
                context.mismatch(expected: "true or false", got: node)
                return nil
            }
            return value
        }
    }
}

extension ValueReader where Value == Int {
    /// An integer, read exactly from its digits. `3.0` and `1e3` are accepted; `3.5` is not.
    public static var integer: ValueReader<Int> { integer(.any) }

    /// An integer satisfying `bound`: `.integer(.positive)` for counts of chips.
    public static func integer(_ bound: NumberBound) -> ValueReader<Int> {
        integer(expecting: bound.describe("integer")) { bound.admits(Double($0)) }
    }

    /// An integer in `range`: `expected an integer from 1 to 8, got 9`.
    public static func integer(in range: ClosedRange<Int>) -> ValueReader<Int> {
        integer(expecting: "an integer from \(range.lowerBound) to \(range.upperBound)") { range.contains($0) }
    }

    private static func integer(expecting expectation: String, _ isValid: @escaping @Sendable (Int) -> Bool) -> ValueReader<Int> {
        ValueReader(expecting: expectation) { node, context in
            guard let number = node.number else {
                context.mismatch(expected: expectation, got: node)
                return nil
            }
            guard let exact = number.int64Value, let value = Int(exactly: exact), isValid(value) else {
                context.rejected(expected: expectation, got: node)
                return nil
            }
            return value
        }
    }
}

extension ValueReader where Value == UInt64 {
    /// An unsigned 64-bit integer (a seed), read exactly from its digits, decimal or `0x` hex.
    public static var uint64: ValueReader<UInt64> {
        let expectation = "an unsigned 64-bit integer (0 to \(UInt64.max))"
        return ValueReader(expecting: expectation) { node, context in
            guard let number = node.number else {
                context.mismatch(expected: expectation, got: node)
                return nil
            }
            guard let value = number.uint64Value else {
                context.rejected(expected: expectation, got: node)
                return nil
            }
            return value
        }
    }
}

extension ValueReader where Value == Double {
    /// A finite number.
    public static var number: ValueReader<Double> { number(.any) }

    /// A finite number satisfying `bound`.
    public static func number(_ bound: NumberBound) -> ValueReader<Double> {
        number(expecting: bound == .any ? "a finite number" : bound.describe("number"), bound.admits)
    }

    /// A number in `range`, such as a fraction in `0...1`.
    public static func number(in range: ClosedRange<Double>) -> ValueReader<Double> {
        number(expecting: "a number from \(shortest(range.lowerBound)) to \(shortest(range.upperBound))") {
            $0.isFinite && range.contains($0)
        }
    }

    private static func number(expecting expectation: String, _ isValid: @escaping @Sendable (Double) -> Bool) -> ValueReader<Double> {
        ValueReader(expecting: expectation) { node, context in
            guard let number = node.number else {
                context.mismatch(expected: expectation, got: node)
                return nil
            }
            guard isValid(number.value) else {
                context.rejected(expected: expectation, got: node)
                return nil
            }
            return number.value
        }
    }
}

/// `1` rather than `1.0`, for readable ranges in messages.
func shortest(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
}
