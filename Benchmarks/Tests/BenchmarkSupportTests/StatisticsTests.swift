import BenchmarkSupport
import Foundation
import Testing

@Suite("Samples")
struct SamplesTests {
    @Test("an odd count's median is the middle value; min and max are the extremes")
    func oddCount() {
        let samples = Samples([5, 1, 9, 3, 7])
        #expect(samples == Samples(median: 5, min: 1, max: 9, runs: 5))
    }

    @Test("an even count's median is the mean of the two middle values")
    func evenCount() {
        #expect(Samples([4, 1, 3, 10]).median == 3.5)  // sorted 1 3 4 10 → (3 + 4) / 2
    }
}

extension Samples {
    init(median: Double, min: Double, max: Double, runs: Int) {
        self.init([median])
        self.median = median; self.min = min; self.max = max; self.runs = runs
    }
}

@Suite("Growth fit")
struct GrowthFitTests {
    @Test("points exactly on y = 3·x^1.5 give exponent 1.5, coefficient 3 and R² 1")
    func exactPowerLaw() throws {
        let x: [Double] = [1_000, 10_000, 100_000, 1_000_000]
        let fit = try #require(GrowthFit.fit(x: x, y: x.map { 3 * pow($0, 1.5) }))
        #expect(abs(fit.exponent - 1.5) < 1e-12)
        #expect(abs(fit.coefficient - 3) < 1e-9)
        #expect(abs(fit.rSquared - 1) < 1e-12)
        #expect(fit.points == 4)
    }

    @Test("a log factor over four decades adds under a tenth to a linear exponent")
    func logFactor() throws {
        // y = x · log2(x) from 1e3 to 1e6: the slope of ln y against ln x is
        // 1 + 1/ln(x) at each point, 1.145 at 1e3 and 1.072 at 1e6; the fit lies between.
        let x: [Double] = [1e3, 1e4, 1e5, 1e6]
        let fit = try #require(GrowthFit.fit(x: x, y: x.map { $0 * log2($0) }))
        #expect(fit.exponent > 1.07 && fit.exponent < 1.15, "\(fit.exponent)")
    }

    @Test("the hand-computed least-squares slope of three scattered points")
    func scatteredPoints() throws {
        // u = ln x = 0, 1, 2 (x = 1, e, e²); v = ln y = 0, 2, 3.
        // slope = Σ(u−1)(v−5/3) / Σ(u−1)² = ((−1)(−5/3) + 0 + (1)(4/3)) / 2 = 1.5;
        // intercept 5/3 − 1.5 = 1/6; residuals −1/6, 1/3, −1/6 → SSR 1/6; SST 14/3 → R² = 1 − 1/28.
        let e = exp(1.0)
        let fit = try #require(GrowthFit.fit(x: [1, e, e * e], y: [1, exp(2), exp(3)]))
        #expect(abs(fit.exponent - 1.5) < 1e-12)
        #expect(abs(fit.coefficient - exp(1.0 / 6)) < 1e-12)
        #expect(abs(fit.rSquared - (1 - 1.0 / 28)) < 1e-12)
    }

    @Test("fewer than two distinct positive sizes give no fit; non-positive values are left out")
    func degenerate() {
        #expect(GrowthFit.fit(x: [10, 10], y: [1, 2]) == nil)
        #expect(GrowthFit.fit(x: [10, 0, 100], y: [1, 5, 0]) == nil)
        #expect(GrowthFit.fit(x: [], y: []) == nil)
    }
}

@Suite("Digest")
struct DigestTests {
    @Test("FNV-1a 64 matches the published test vectors")
    func vectors() {
        // Fowler/Noll/Vo reference vectors: "" → cbf29ce484222325, "a" → af63dc4c8601ec8c,
        // "foobar" → 85944171f73967e8.
        #expect(Digest.fnv1a64([UInt8]()) == "cbf29ce484222325")
        #expect(Digest.fnv1a64(Array("a".utf8)) == "af63dc4c8601ec8c")
        #expect(Digest.fnv1a64(Array("foobar".utf8)) == "85944171f73967e8")
    }
}

@Suite("Digest in parts")
struct DigestPartsTests {
    @Test("feeding bytes in parts gives the digest of the whole")
    func parts() {
        var digest = Digest()
        Array("foo".utf8).withUnsafeBytes { digest.update($0) }
        Array("bar".utf8).withUnsafeBytes { digest.update($0) }
        #expect(digest.hex == "85944171f73967e8")  // FNV-1a 64 of "foobar"
    }
}
