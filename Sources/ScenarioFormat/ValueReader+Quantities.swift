import SimKernel

/// Readers for quantities with units, such as `"700 W"` or `"30 d"`.
///
/// A quantity may be written as a string with a unit or as a plain number in the base unit
/// (`700` for a power is 700 W); see `QuantityParser` for the grammar and `UnitRegistry` for
/// the units. Non-finite values are always rejected.
extension ValueReader where Value == Double {
    /// A quantity of `dimension`, in its base unit (W, J, B, B/s, $, $/s, $/J, g/J, FLOP/s, Hz).
    /// For durations use `duration(_:)`, which yields integer nanoseconds.
    public static func quantity(_ dimension: QuantityDimension, _ bound: NumberBound = .any) -> ValueReader<Double> {
        let expectation = QuantityParser.expectation(dimension, bound)
        return ValueReader(expecting: expectation) { node, context in
            switch node.kind {
            case .string(let text):
                switch QuantityParser.parse(text, as: dimension, bound: bound) {
                case .success(let value): return value
                case .failure(let error):
                    context.error(error.message, at: node.location)
                    return nil
                }
            case .number(let number):
                guard bound.admits(number.value) else {
                    context.rejected(expected: bound.describe(dimension.noun) + " in \(dimension.baseUnit.isEmpty ? "plain numbers" : dimension.baseUnit)", got: node)
                    return nil
                }
                return number.value
            default:
                context.mismatch(expected: expectation, got: node)
                return nil
            }
        }
    }
}

extension ValueReader where Value == SimDuration {
    /// A duration: a string with a unit (`"250 ms"`, `"1.5 h"`, `"30 d"`) or a number of seconds,
    /// rounded to the nearest nanosecond; beyond ±292 years is an error.
    public static func duration(_ bound: NumberBound = .any) -> ValueReader<SimDuration> {
        let expectation = QuantityParser.expectation(.duration, bound)
        return ValueReader(expecting: expectation) { node, context in
            let result: Result<SimDuration, QuantityError>
            switch node.kind {
            case .string(let text):
                result = QuantityParser.duration(text, bound: bound)
            case .number(let number):
                guard number.value.isFinite else {
                    context.rejected(expected: bound.describe("duration"), got: node)
                    return nil
                }
                result = QuantityParser.duration(seconds: number.value, bound: bound)
            default:
                context.mismatch(expected: expectation, got: node)
                return nil
            }
            switch result {
            case .success(let duration): return duration
            case .failure(let error):
                context.error(error.message, at: node.location)
                return nil
            }
        }
    }
}
