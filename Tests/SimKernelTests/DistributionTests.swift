import Foundation
import Testing
@testable import SimKernel

@Suite("Distribution")
struct DistributionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var distribution: Distribution
        /// Relative tolerance on the sample variance at n = 200,000. Light tails: 3 %; heavy
        /// tails (log-normal σ = 0.5, Pareto α = 5, Weibull k = 0.7) have a larger fourth
        /// moment, so the variance estimate scatters more: 10 %.
        var varianceTolerance: Double
        var cdf: (@Sendable (Double) -> Double)?
        var testDescription: String { "\(distribution)" }
    }

    static let cases: [Case] = [
        Case(distribution: .uniform(low: 2, high: 5), varianceTolerance: 0.03, cdf: { min(max(($0 - 2) / 3, 0), 1) }),
        Case(distribution: .exponential(mean: 2.5), varianceTolerance: 0.03, cdf: { 1 - exp(-$0 / 2.5) }),
        Case(distribution: .normal(mean: -1, standardDeviation: 3), varianceTolerance: 0.03, cdf: nil),
        Case(distribution: .logNormal(mu: 1, sigma: 0.5), varianceTolerance: 0.10, cdf: nil),
        Case(distribution: .weibull(shape: 1.5, scale: 2), varianceTolerance: 0.03, cdf: { 1 - exp(-pow($0 / 2, 1.5)) }),
        Case(distribution: .weibull(shape: 0.7, scale: 1), varianceTolerance: 0.10, cdf: { 1 - exp(-pow($0, 0.7)) }),
        Case(distribution: .pareto(scale: 1, shape: 5), varianceTolerance: 0.10, cdf: { $0 < 1 ? 0 : 1 - pow(1 / $0, 5) }),
        Case(distribution: .empirical(try! EmpiricalDistribution(sample: [1, 2, 2, 3, 10])), varianceTolerance: 0.03, cdf: nil),
        Case(distribution: .empirical(try! EmpiricalDistribution(cdf: [(0, 0), (1, 0.5), (4, 1)])), varianceTolerance: 0.03,
             cdf: { x in x <= 0 ? 0 : x <= 1 ? 0.5 * x : min(0.5 + 0.5 * (x - 1) / 3, 1) }),
    ]

    @Test("sample mean and variance match the analytic moments", arguments: cases)
    func moments(_ c: Case) {
        var rng = RandomStream(seed: 2024, key: StreamKey("moments"))
        let n = 200_000
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<n {
            let x = c.distribution.sample(using: &rng)
            sum += x; sumSquares += x * x
        }
        let mean = sum / Double(n)
        let variance = sumSquares / Double(n) - mean * mean
        // The sample mean is within 4 standard errors of the true mean (fails ~1 in 16,000 seeds).
        let standardError = (c.distribution.variance / Double(n)).squareRoot()
        #expect(abs(mean - c.distribution.mean) < 4 * standardError)
        #expect(abs(variance / c.distribution.variance - 1) < c.varianceTolerance)
    }

    @Test("samples follow the CDF (Kolmogorov–Smirnov at the 1 % level)", arguments: cases.filter { $0.cdf != nil })
    func kolmogorovSmirnov(_ c: Case) {
        var rng = RandomStream(seed: 77, key: StreamKey("ks"))
        let n = 20_000
        let xs = (0..<n).map { _ in c.distribution.sample(using: &rng) }.sorted()
        var d = 0.0
        for (i, x) in xs.enumerated() {
            let f = c.cdf!(x)
            d = max(d, abs(f - Double(i) / Double(n)), abs(Double(i + 1) / Double(n) - f))
        }
        #expect(d < 1.63 / Double(n).squareRoot())
    }

    @Test("the log-normal built from mean and sd has that mean and sd")
    func logNormalFromMoments() {
        let d = Distribution.logNormal(mean: 10, standardDeviation: 4)
        #expect(abs(d.mean - 10) < 1e-9)
        #expect(abs(d.variance - 16) < 1e-9)
    }

    @Test("invalid parameters are described, valid ones are not")
    func parameterProblems() {
        #expect(Distribution.exponential(mean: 0).problem != nil)
        #expect(Distribution.uniform(low: 3, high: 3).problem != nil)
        #expect(Distribution.pareto(scale: 1, shape: -2).problem != nil)
        #expect(Distribution.normal(mean: 0, standardDeviation: .nan).problem != nil)
        #expect(Distribution.weibull(shape: 2, scale: 1).problem == nil)
    }

    @Test("empirical tables reject malformed CDFs")
    func empiricalValidation() {
        #expect(throws: EmpiricalDistribution.BuildError.empty) { try EmpiricalDistribution(sample: []) }
        #expect(throws: EmpiricalDistribution.BuildError.cdfNotIncreasing(index: 1)) {
            try EmpiricalDistribution(cdf: [(1, 0.2), (1, 1)])
        }
        #expect(throws: EmpiricalDistribution.BuildError.cdfDoesNotEndAtOne(last: 0.9)) {
            try EmpiricalDistribution(cdf: [(1, 0.2), (2, 0.9)])
        }
    }

    @Test("empirical quantiles interpolate the CDF table")
    func empiricalQuantiles() throws {
        let table = try EmpiricalDistribution(cdf: [(0, 0), (1, 0.5), (4, 1)])
        #expect(table.quantile(0.25) == 0.5)
        #expect(table.quantile(0.75) == 2.5)  // 1 + 3·(0.75 − 0.5)/0.5
        #expect(table.quantile(1) == 4)
    }
}
