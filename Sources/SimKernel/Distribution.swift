import Foundation

/// A probability distribution over real numbers that draws from a `RandomStream`.
///
/// An enum rather than a protocol so a sample is a `switch`, not an existential call, and a
/// distribution can be stored in value types. Parameters are checked once by `problem` (scenario
/// validation reports it); `sample` assumes they are valid.
public enum Distribution: Sendable, Equatable {
    /// Always `value`.
    case constant(Double)
    /// Uniform on `[low, high)`.
    case uniform(low: Double, high: Double)
    /// Exponential with the given mean (rate = 1/mean).
    case exponential(mean: Double)
    /// Normal (Gaussian).
    case normal(mean: Double, standardDeviation: Double)
    /// exp(N(mu, sigma²)): `mu` and `sigma` are the parameters of the underlying normal.
    case logNormal(mu: Double, sigma: Double)
    /// Weibull with shape k and scale λ: CDF 1 − exp(−(x/λ)^k).
    case weibull(shape: Double, scale: Double)
    /// Pareto (type I) with minimum `scale` (x_m) and tail index `shape` (α): CDF 1 − (x_m/x)^α.
    case pareto(scale: Double, shape: Double)
    /// An empirical distribution: resampled observations or an interpolated CDF.
    case empirical(EmpiricalDistribution)

    /// A log-normal with the given mean and standard deviation of the variable itself
    /// (σ² = ln(1 + s²/m²), μ = ln m − σ²/2).
    public static func logNormal(mean: Double, standardDeviation: Double) -> Distribution {
        let sigma2 = log(1 + (standardDeviation * standardDeviation) / (mean * mean))
        return .logNormal(mu: log(mean) - sigma2 / 2, sigma: sigma2.squareRoot())
    }

    /// What is wrong with the parameters, or nil when they are valid.
    public var problem: String? {
        func finite(_ values: Double...) -> Bool { values.allSatisfy(\.isFinite) }
        switch self {
        case .constant(let v):
            return finite(v) ? nil : "constant value must be finite"
        case .uniform(let low, let high):
            return finite(low, high) && low < high ? nil : "uniform needs finite low < high (got \(low), \(high))"
        case .exponential(let mean):
            return finite(mean) && mean > 0 ? nil : "exponential mean must be positive (got \(mean))"
        case .normal(let mean, let sd):
            return finite(mean, sd) && sd >= 0 ? nil : "normal needs a finite mean and standard deviation ≥ 0 (got \(mean), \(sd))"
        case .logNormal(let mu, let sigma):
            return finite(mu, sigma) && sigma >= 0 ? nil : "log-normal needs finite mu and sigma ≥ 0 (got \(mu), \(sigma))"
        case .weibull(let shape, let scale):
            return finite(shape, scale) && shape > 0 && scale > 0 ? nil : "weibull shape and scale must be positive (got \(shape), \(scale))"
        case .pareto(let scale, let shape):
            return finite(shape, scale) && shape > 0 && scale > 0 ? nil : "pareto scale and shape must be positive (got \(scale), \(shape))"
        case .empirical:
            return nil  // checked when the EmpiricalDistribution was built
        }
    }

    /// Draws one value. O(1), or O(log n) for an empirical CDF of n points.
    @inlinable
    public func sample(using rng: inout RandomStream) -> Double {
        switch self {
        case .constant(let v):
            return v
        case .uniform(let low, let high):
            return low + (high - low) * rng.nextUnit()
        case .exponential(let mean):
            return -mean * log(rng.nextOpenUnit())
        case .normal(let mean, let sd):
            return mean + sd * Distribution.standardNormal(using: &rng)
        case .logNormal(let mu, let sigma):
            return exp(mu + sigma * Distribution.standardNormal(using: &rng))
        case .weibull(let shape, let scale):
            return scale * pow(-log(rng.nextOpenUnit()), 1 / shape)
        case .pareto(let scale, let shape):
            return scale / pow(rng.nextOpenUnit(), 1 / shape)
        case .empirical(let table):
            return table.sample(using: &rng)
        }
    }

    /// Box–Muller: exact, two uniforms per normal; the second normal is discarded so that a
    /// draw never depends on an earlier one (no hidden cached state in the stream).
    @inlinable
    static func standardNormal(using rng: inout RandomStream) -> Double {
        let u1 = rng.nextOpenUnit()
        let u2 = rng.nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// The distribution's mean (infinite for a Pareto with α ≤ 1).
    public var mean: Double {
        switch self {
        case .constant(let v): return v
        case .uniform(let low, let high): return (low + high) / 2
        case .exponential(let mean): return mean
        case .normal(let mean, _): return mean
        case .logNormal(let mu, let sigma): return exp(mu + sigma * sigma / 2)
        case .weibull(let k, let lambda): return lambda * tgamma(1 + 1 / k)
        case .pareto(let xm, let alpha): return alpha <= 1 ? .infinity : alpha * xm / (alpha - 1)
        case .empirical(let table): return table.mean
        }
    }

    /// The distribution's variance (infinite for a Pareto with α ≤ 2).
    public var variance: Double {
        switch self {
        case .constant: return 0
        case .uniform(let low, let high): return (high - low) * (high - low) / 12
        case .exponential(let mean): return mean * mean
        case .normal(_, let sd): return sd * sd
        case .logNormal(let mu, let sigma): return (exp(sigma * sigma) - 1) * exp(2 * mu + sigma * sigma)
        case .weibull(let k, let lambda):
            let g1 = tgamma(1 + 1 / k)
            return lambda * lambda * (tgamma(1 + 2 / k) - g1 * g1)
        case .pareto(let xm, let alpha):
            return alpha <= 2 ? .infinity : xm * xm * alpha / ((alpha - 1) * (alpha - 1) * (alpha - 2))
        case .empirical(let table): return table.variance
        }
    }
}

/// An empirical distribution, either resampling observed values or inverting a piecewise-linear
/// CDF given as points.
public struct EmpiricalDistribution: Sendable, Equatable {
    /// Sorted support points.
    @usableFromInline let values: [Double]
    /// Cumulative probabilities at `values` for a CDF table; empty when resampling observations.
    @usableFromInline let cumulative: [Double]

    public enum BuildError: Error, Equatable, CustomStringConvertible {
        case empty
        case nonFinite(index: Int)
        case cdfNotIncreasing(index: Int)
        case cdfDoesNotEndAtOne(last: Double)
        case cdfOutOfRange(index: Int, probability: Double)

        public var description: String {
            switch self {
            case .empty: return "an empirical distribution needs at least one value"
            case .nonFinite(let i): return "value \(i) is not finite"
            case .cdfNotIncreasing(let i): return "CDF point \(i) goes backwards (values must increase, probabilities must not decrease)"
            case .cdfDoesNotEndAtOne(let last): return "CDF must end at probability 1 (ends at \(last))"
            case .cdfOutOfRange(let i, let p): return "CDF point \(i) has probability \(p), outside [0, 1]"
            }
        }
    }

    /// Resamples the given observations: every observation is equally likely.
    public init(sample: [Double]) throws(BuildError) {
        guard !sample.isEmpty else { throw .empty }
        if let bad = sample.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(index: bad) }
        values = sample.sorted()
        cumulative = []
    }

    /// Inverts a CDF given as `(value, probability)` points, interpolating linearly between them.
    /// Values must increase strictly, probabilities must not decrease and must end at 1; the
    /// first point's probability is the mass at the first value.
    public init(cdf points: [(value: Double, probability: Double)]) throws(BuildError) {
        guard !points.isEmpty else { throw .empty }
        for (i, point) in points.enumerated() {
            guard point.value.isFinite, point.probability.isFinite else { throw .nonFinite(index: i) }
            guard (0...1).contains(point.probability) else { throw .cdfOutOfRange(index: i, probability: point.probability) }
            if i > 0 {
                let previous = points[i - 1]
                guard point.value > previous.value, point.probability >= previous.probability else { throw .cdfNotIncreasing(index: i) }
            }
        }
        guard abs(points[points.count - 1].probability - 1) < 1e-9 else { throw .cdfDoesNotEndAtOne(last: points[points.count - 1].probability) }
        values = points.map(\.value)
        cumulative = points.map(\.probability)
    }

    /// Draws one value. O(1) when resampling, O(log n) for a CDF.
    @inlinable
    public func sample(using rng: inout RandomStream) -> Double {
        if cumulative.isEmpty {
            return values[Int(rng.nextIndex(below: UInt64(values.count)))]
        }
        return quantile(rng.nextUnit())
    }

    /// The value below which a fraction `p` of the mass lies (piecewise-linear for a CDF table).
    @inlinable
    public func quantile(_ p: Double) -> Double {
        if cumulative.isEmpty {
            let index = min(Int(p * Double(values.count)), values.count - 1)
            return values[max(index, 0)]
        }
        if p <= cumulative[0] { return values[0] }
        // First index whose cumulative probability reaches p.
        var low = 1, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] < p { low = mid + 1 } else { high = mid }
        }
        let p0 = cumulative[low - 1], p1 = cumulative[low]
        let x0 = values[low - 1], x1 = values[low]
        return p1 > p0 ? x0 + (x1 - x0) * (p - p0) / (p1 - p0) : x1
    }

    /// The mean: of the observations, or of the piecewise-linear CDF (each segment uniform).
    public var mean: Double {
        if cumulative.isEmpty { return values.reduce(0, +) / Double(values.count) }
        var total = values[0] * cumulative[0]
        for i in 1..<values.count {
            total += (cumulative[i] - cumulative[i - 1]) * (values[i] + values[i - 1]) / 2
        }
        return total
    }

    /// The variance: of the observations (population), or of the piecewise-linear CDF.
    public var variance: Double {
        let m = mean
        if cumulative.isEmpty {
            return values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count)
        }
        // E[X²] of a uniform segment [a, b] is (a² + ab + b²)/3.
        var secondMoment = values[0] * values[0] * cumulative[0]
        for i in 1..<values.count {
            let a = values[i - 1], b = values[i]
            secondMoment += (cumulative[i] - cumulative[i - 1]) * (a * a + a * b + b * b) / 3
        }
        return secondMoment - m * m
    }
}
