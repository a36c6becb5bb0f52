/// Repeated measurements of one quantity, summarised as median, minimum and maximum.
///
/// Why the median: on a shared machine noise only ever slows a run down and arrives in bursts;
/// the median of N runs ignores a minority of disturbed runs where a mean would absorb them.
/// The minimum and maximum are kept so a reader sees the spread.
public struct Samples: Codable, Equatable, Sendable {
    public var median: Double
    public var min: Double
    public var max: Double
    /// How many runs the figures summarise.
    public var runs: Int

    /// Summarises `values`. An even count takes the mean of the two middle values.
    /// - Precondition: `values` is not empty.
    public init(_ values: [Double]) {
        precondition(!values.isEmpty, "Samples need at least one value")
        let sorted = values.sorted()
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        min = sorted[0]
        max = sorted[sorted.count - 1]
        runs = sorted.count
    }
}
