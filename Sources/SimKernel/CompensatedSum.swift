/// A running sum with Neumaier's compensation: the rounding error of each addition is carried
/// separately, so a total of millions of small terms stays accurate to about one unit in the
/// last place of the result instead of drifting by the number of terms.
///
/// Used for energy, cost and carbon totals, which add one term per event over long runs.
public struct CompensatedSum: Sendable, Equatable {
    @usableFromInline var sum = 0.0
    @usableFromInline var compensation = 0.0

    public init() {}
    public init(_ value: Double) { sum = value }

    /// The total so far.
    @inlinable public var value: Double { sum + compensation }

    @inlinable
    public mutating func add(_ term: Double) {
        let t = sum + term
        if abs(sum) >= abs(term) {
            compensation += (sum - t) + term
        } else {
            compensation += (term - t) + sum
        }
        sum = t
    }

    @inlinable
    public static func += (lhs: inout CompensatedSum, rhs: Double) { lhs.add(rhs) }
}
