import Foundation

/// Latencies in logarithmic buckets, so percentiles of millions of requests cost a fixed few
/// kilobytes (results stream out; no latency is kept per request).
///
/// Buckets are 2^(1/32) wide from 1 µs up (about 2.2% each): a percentile is reported as the
/// geometric middle of its bucket, within ±1.1% of an exact order statistic from the same data.
/// Values below 1 µs fall in bucket 0, values above ~10⁷ s in the last bucket.
public struct LatencyHistogram: Sendable, Equatable {
    /// Buckets per doubling.
    public static let bucketsPerOctave = 32
    /// The lower edge of bucket 0, in seconds.
    public static let floorSeconds = 1e-6
    private static let bucketCount = 44 * bucketsPerOctave   // 1 µs · 2^44 ≈ 1.76·10⁷ s

    private var counts = [UInt64](repeating: 0, count: LatencyHistogram.bucketCount)
    /// Values recorded.
    public private(set) var count: UInt64 = 0
    /// Their exact sum, for the mean.
    public private(set) var sum = 0.0

    public init() {}

    /// Adds one latency in seconds. O(1).
    public mutating func record(_ seconds: Double) {
        counts[Self.bucket(of: seconds)] += 1
        count += 1
        sum += seconds
    }

    /// Adds `weight` observations of the same latency (a fluid step's estimate for the
    /// requests it served). O(1).
    public mutating func record(_ seconds: Double, weight: UInt64) {
        guard weight > 0 else { return }
        counts[Self.bucket(of: seconds)] += weight
        count += weight
        sum += seconds * Double(weight)
    }

    static func bucket(of seconds: Double) -> Int {
        guard seconds > floorSeconds else { return 0 }
        let index = Int((log2(seconds / floorSeconds) * Double(bucketsPerOctave)).rounded(.down))
        return min(index, bucketCount - 1)
    }

    /// The value at quantile `q` in [0, 1] (nearest rank), or nil when empty. O(buckets).
    public func quantile(_ q: Double) -> Double? {
        guard count > 0 else { return nil }
        let rank = max(1, UInt64((q * Double(count)).rounded(.up)))
        var seen: UInt64 = 0
        for (index, n) in counts.enumerated() where n > 0 {
            seen += n
            if seen >= rank { return Self.floorSeconds * exp2((Double(index) + 0.5) / Double(Self.bucketsPerOctave)) }
        }
        return nil
    }

    /// The mean, or nil when empty.
    public var mean: Double? { count > 0 ? sum / Double(count) : nil }

    /// Adds every value of `other`.
    public mutating func merge(_ other: LatencyHistogram) {
        for i in counts.indices { counts[i] += other.counts[i] }
        count += other.count
        sum += other.sum
    }
}

/// p50, p90, p99 and the mean of one latency, in seconds (nil when nothing was recorded).
public struct LatencyPercentiles: Sendable, Equatable {
    public var p50: Double?
    public var p90: Double?
    public var p99: Double?
    public var mean: Double?

    public init(_ histogram: LatencyHistogram) {
        p50 = histogram.quantile(0.5)
        p90 = histogram.quantile(0.9)
        p99 = histogram.quantile(0.99)
        mean = histogram.mean
    }

    public init(p50: Double?, p90: Double?, p99: Double?, mean: Double?) {
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.mean = mean
    }
}
