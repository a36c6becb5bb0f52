import Foundation

/// The exponent `b` of a power law `y = a · xᵇ` fitted to measurements by least squares on
/// log-log axes: `log y = log a + b · log x`.
///
/// Used for "how does cost grow with the work": wall time against rung size on a ladder whose
/// rungs grow tenfold. An exponent near 1 is linear growth; a heap's log factor adds a few
/// hundredths over four decades; 2 would be quadratic.
///
///     b = Σ (u − ū)(v − v̄) / Σ (u − ū)²,  u = ln x, v = ln y,  ln a = v̄ − b ū
///     R² = 1 − Σ (v − ln a − b u)² / Σ (v − v̄)²
public struct GrowthFit: Codable, Equatable, Sendable {
    public var exponent: Double
    /// `a`, in the units of y at x = 1.
    public var coefficient: Double
    /// The share of the variance of ln y the line explains (1 for points exactly on a power law;
    /// 1 also when all y are equal, where there is nothing to explain).
    public var rSquared: Double
    /// How many points were fitted.
    public var points: Int

    public init(exponent: Double, coefficient: Double, rSquared: Double, points: Int) {
        self.exponent = exponent; self.coefficient = coefficient; self.rSquared = rSquared; self.points = points
    }

    /// Fits the points with positive `x` and `y` (logarithms need them); nil when fewer than
    /// two distinct `x` remain.
    public static func fit(x: [Double], y: [Double]) -> GrowthFit? {
        precondition(x.count == y.count, "x and y must pair up")
        let pairs = zip(x, y).filter { $0.0 > 0 && $0.1 > 0 && $0.0.isFinite && $0.1.isFinite }
        guard Set(pairs.map(\.0)).count >= 2 else { return nil }
        let u = pairs.map { log($0.0) }, v = pairs.map { log($0.1) }
        let n = Double(pairs.count)
        let uMean = u.reduce(0, +) / n, vMean = v.reduce(0, +) / n
        var suv = 0.0, suu = 0.0, svv = 0.0
        for (ui, vi) in zip(u, v) {
            suv += (ui - uMean) * (vi - vMean)
            suu += (ui - uMean) * (ui - uMean)
            svv += (vi - vMean) * (vi - vMean)
        }
        let b = suv / suu
        let lnA = vMean - b * uMean
        var residual = 0.0
        for (ui, vi) in zip(u, v) { residual += (vi - lnA - b * ui) * (vi - lnA - b * ui) }
        let r2 = svv == 0 ? 1 : 1 - residual / svv
        return GrowthFit(exponent: b, coefficient: exp(lnA), rSquared: r2, points: pairs.count)
    }
}
