/// The exact integral of a piecewise-constant rate over simulated time, with optional
/// fixed-interval totals.
///
/// A rate (watts, dollars per second, grams per second, tokens per second) holds between
/// events, so ∫ rate dt is a sum of rate × span, computed at every change — never by sampling.
/// When an interval length is set, `advance` splits spans at interval boundaries and reports
/// each completed interval's integral, so a time series of averages is derived from the same
/// integral and its intervals add up to the total.
///
///     var energy = StepIntegral(interval: .hours(1))
///     energy.set(rate: 700, at: .zero, closing: { _, _ in })      // 700 W from t = 0
///     energy.set(rate: 100, at: t1, closing: report)              // each full hour closed
///     energy.total                                                // joules so far
public struct StepIntegral: Sendable {
    /// The rate in force since `lastTime`.
    public private(set) var rate: Double = 0
    /// The time the integral has been advanced to.
    public private(set) var lastTime: SimTime
    /// The largest rate held for a non-zero span so far (a peak).
    public private(set) var peakRate: Double = 0
    private var accumulated = CompensatedSum()
    private var intervalAccumulated = CompensatedSum()
    private let interval: SimDuration?

    /// - Parameters:
    ///   - start: the time the integral starts at (rate 0 until set).
    ///   - interval: the length of the reporting intervals, counted from time zero; nil for none.
    public init(start: SimTime = .zero, interval: SimDuration? = nil) {
        if let interval { precondition(interval > .zero, "interval must be positive") }
        self.lastTime = start
        self.interval = interval
    }

    /// ∫ rate dt from the start to `lastTime`.
    public var total: Double { accumulated.value }

    /// Advances to `time` at the current rate; reports each interval that ends at or before
    /// `time` as (interval index, integral over that interval).
    /// - Precondition: `time >= lastTime`.
    public mutating func advance(to time: SimTime, closing report: (Int, Double) -> Void) {
        precondition(time >= lastTime, "integral advanced backwards: \(time) < \(lastTime)")
        if time > lastTime && rate > peakRate { peakRate = rate }
        guard let interval else {
            accumulated += rate * (time - lastTime).seconds
            lastTime = time
            return
        }
        while lastTime < time {
            let index = lastTime.nanoseconds / interval.nanoseconds
            let boundary = SimTime(nanoseconds: (index + 1) * interval.nanoseconds)
            let end = min(boundary, time)
            let part = rate * (end - lastTime).seconds
            accumulated += part
            intervalAccumulated += part
            lastTime = end
            if end == boundary {
                report(Int(index), intervalAccumulated.value)
                intervalAccumulated = CompensatedSum()
            }
        }
    }

    /// Advances to `time`, then changes the rate.
    public mutating func set(rate newRate: Double, at time: SimTime, closing report: (Int, Double) -> Void) {
        advance(to: time, closing: report)
        rate = newRate
    }

    /// The integral of the interval in progress (not yet reported).
    public var openIntervalTotal: Double { intervalAccumulated.value }
}
