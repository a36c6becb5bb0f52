import Foundation
import SimKernel

/// The arrival times of one `ArrivalProcess`, drawn from its own random stream.
///
/// An iterator, so a month of arrivals never sits in memory. Times are offsets from `origin`
/// accumulated in Double seconds and rounded up to the nanosecond, so they never decrease.
/// Per arrival: O(1) for Poisson and Gamma, O(segments crossed) for a rate curve, O(state
/// switches crossed) for an MMPP.
public struct ArrivalStream: IteratorProtocol, Sendable {
    public let process: ArrivalProcess
    public let origin: SimTime
    private var rng: RandomStream
    /// Seconds since `origin` of the last arrival (or of the start).
    private var clock = 0.0
    // Rate curve: the segment the clock is in and the start of the current period.
    private var segment = 0
    private var periodStart = 0.0
    // MMPP: whether bursting, and when the current state ends.
    private var isBursting = false
    private var stateEnd = 0.0

    /// - Precondition: `process.problem == nil`.
    public init(process: ArrivalProcess, rng: RandomStream, origin: SimTime = .zero) {
        precondition(process.problem == nil, "invalid arrival process: \(process.problem ?? "")")
        self.process = process
        self.rng = rng
        self.origin = origin
        if case .markovModulated(let m) = process {
            // Start in the stationary distribution so the stream is stationary from time zero.
            isBursting = self.rng.nextUnit() < m.burstShare
            stateEnd = exponential(mean: (isBursting ? m.meanBurstDuration : m.meanCalmDuration).seconds)
        }
    }

    /// The stream for `process` under scenario `seed` and entity `key`.
    public init(process: ArrivalProcess, seed: UInt64, key: StreamKey, origin: SimTime = .zero) {
        self.init(process: process, rng: RandomStream(seed: seed, key: key), origin: origin)
    }

    /// The next arrival, or nil when the rate has dropped to zero for good.
    public mutating func next() -> SimTime? {
        switch process {
        case .poisson(let rate):
            clock += exponential(mean: 1 / rate)
        case .gamma(let rate, let cv):
            let shape = 1 / (cv * cv)
            clock += gamma(shape: shape) * (1 / rate) / shape
        case .rateCurve(let curve):
            guard advance(along: curve) else { return nil }
        case .markovModulated(let m):
            advance(along: m)
        }
        return origin + SimDuration(secondsRoundingUp: clock)
    }

    /// Time rescaling: spend one unit-exponential of integrated rate, segment by segment.
    private mutating func advance(along curve: RateCurve) -> Bool {
        var budget = exponential(mean: 1)
        while true {
            let rate = curve.segments[segment].ratePerSecond
            let end = periodStart + curve.segmentEnd(segment)
            if rate > 0 {
                let reach = rate * (end - clock)
                if reach >= budget {
                    clock += budget / rate
                    return true
                }
                budget -= reach
            }
            if end == .infinity { return false }  // the final segment of a one-off curve has rate 0
            clock = end
            segment += 1
            if segment == curve.segments.count {
                segment = 0
                periodStart += curve.period!.seconds
            }
        }
    }

    /// Race the next arrival in the current state against the state's end; memorylessness lets
    /// the arrival clock restart at each switch.
    private mutating func advance(along m: MarkovModulatedPoisson) {
        while true {
            let rate = isBursting ? m.burstRatePerSecond : m.calmRatePerSecond
            let candidate = rate > 0 ? clock + exponential(mean: 1 / rate) : .infinity
            if candidate <= stateEnd {
                clock = candidate
                return
            }
            clock = stateEnd
            isBursting.toggle()
            stateEnd = clock + exponential(mean: (isBursting ? m.meanBurstDuration : m.meanCalmDuration).seconds)
        }
    }

    private mutating func exponential(mean: Double) -> Double {
        -mean * log(rng.nextOpenUnit())
    }

    /// A Gamma(shape, 1) draw: Marsaglia & Tsang, "A simple method for generating gamma
    /// variables" (ACM TOMS 2000), with the U^(1/k) boost for shape < 1.
    private mutating func gamma(shape: Double) -> Double {
        if shape < 1 {
            let boost = pow(rng.nextOpenUnit(), 1 / shape)
            return gamma(shape: shape + 1) * boost
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = Distribution.normal(mean: 0, standardDeviation: 1).sample(using: &rng)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = rng.nextOpenUnit()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }
}
