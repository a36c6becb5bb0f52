import Foundation
import SimKernel
import Testing
@testable import Workloads

/// Statistical tests over long windows. Tolerances are several standard errors wide and every
/// stream is seeded, so the tests are deterministic and still meaningful.
@Suite("ArrivalStream")
struct ArrivalStreamTests {
    /// Inter-arrival gaps (seconds) of the first `count` arrivals.
    func gaps(_ process: ArrivalProcess, count: Int, seed: UInt64 = 7) -> [Double] {
        var stream = ArrivalStream(process: process, seed: seed, key: StreamKey("test.arrivals"))
        var last = 0.0
        var out: [Double] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            let t = stream.next()!.seconds
            out.append(t - last)
            last = t
        }
        return out
    }

    func meanAndCV(_ xs: [Double]) -> (mean: Double, cv: Double) {
        let n = Double(xs.count)
        let mean = xs.reduce(0, +) / n
        let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return (mean, variance.squareRoot() / mean)
    }

    @Test("Poisson: rate within 1% and inter-arrival CV within 0.02 of 1 over 200,000 arrivals")
    func poisson() {
        // Standard errors: rate 1/√n = 0.22%; CV √(2/n) = 0.003 for exponential gaps.
        let (mean, cv) = meanAndCV(gaps(.poisson(ratePerSecond: 10), count: 200_000))
        #expect(abs(1 / mean / 10 - 1) < 0.01)
        #expect(abs(cv - 1) < 0.02)
    }

    @Test("Gamma: rate within 1.5% and CV within 3% for bursty (CV 2) and regular (CV 0.5) gaps",
          arguments: [2.0, 0.5])
    func gamma(targetCV: Double) {
        // CV 2 → shape 1/4: rate s.e. = CV/√n = 0.45%; CV s.e. ≈ √((κ−1)/4n) = √(26/8e5) = 0.6%.
        let (mean, cv) = meanAndCV(gaps(.gamma(ratePerSecond: 5, coefficientOfVariation: targetCV), count: 200_000))
        #expect(abs(1 / mean / 5 - 1) < 0.015)
        #expect(abs(cv / targetCV - 1) < 0.03)
    }

    @Test("a diurnal curve keeps its mean and reproduces each hour's rate within 5%")
    func diurnal() {
        // Mean 0.5/s, peak/trough 3 → a = 0.5, hourly rates 0.25…0.75/s. Over 20 days each hour
        // bin expects rate · 3600 · 20 ≥ 18,000 arrivals (s.e. ≤ 0.75%).
        let curve = RateCurve.diurnal(meanRate: 0.5, peakToTroughRatio: 3)
        #expect(abs(curve.meanRate - 0.5) < 1e-12)
        var stream = ArrivalStream(process: .rateCurve(curve), seed: 11, key: StreamKey("test.diurnal"))
        let days = 20
        var perHour = [Int](repeating: 0, count: 24)
        var total = 0
        while let t = stream.next(), t < SimTime.zero + .days(Int64(days)) {
            perHour[Int(t.nanoseconds / 3_600_000_000_000) % 24] += 1
            total += 1
        }
        #expect(abs(Double(total) / (Double(days) * 86_400) / 0.5 - 1) < 0.01)
        for hour in 0..<24 {
            let expected = curve.segments[hour].ratePerSecond * 3600 * Double(days)
            #expect(abs(Double(perHour[hour]) / expected - 1) < 0.05, "hour \(hour)")
        }
        // The peak sits at 14:00: the 13–14 h and 14–15 h bins are the busiest.
        #expect(perHour[13] > perHour[3] * 2 && perHour[14] > perHour[2] * 2)
    }

    @Test("a piecewise curve with a silent final segment ends its stream")
    func finiteCurve() {
        // 100/s for 10 s then nothing: about 1,000 arrivals, all before 10 s.
        let curve = RateCurve(segments: [.init(start: .zero, ratePerSecond: 100), .init(start: .seconds(10), ratePerSecond: 0)])
        var stream = ArrivalStream(process: .rateCurve(curve), seed: 3, key: StreamKey("test.finite"))
        var count = 0
        var last = SimTime.zero
        while let t = stream.next() { count += 1; last = t }
        #expect(last < SimTime.zero + .seconds(10))
        #expect(abs(Double(count) - 1000) < 5 * 1000.0.squareRoot())
    }

    @Test("MMPP: mean rate within 2% and count dispersion near the Fischer–Meier-Hellstern value")
    func markovModulated() {
        // Calm 0.5/s for 30 s, bursts of 10/s for 5 s: λ̄ = (0.5·30 + 10·5)/35 = 1.857/s.
        // r_c = 1/30, r_b = 1/5, γ = r_c + r_b = 0.2333/s; IDC(∞) = 1 + 2·9.5²·r_c·r_b/(γ³·λ̄) = 52.0.
        // Over windows of T = 300 s: IDC(T) = 1 + (IDC(∞) − 1)·(1 − (1 − e^(−γT))/(γT)) = 51.3.
        // 4,000 windows: sample-variance s.e. ≈ √(2/4000) = 2.2%; allow 12%.
        let m = MarkovModulatedPoisson(calmRatePerSecond: 0.5, burstRatePerSecond: 10,
                                       meanCalmDuration: .seconds(30), meanBurstDuration: .seconds(5))
        #expect(abs(m.meanRate - 65.0 / 35) < 1e-12)
        #expect(abs(m.asymptoticDispersion - 52.0) < 0.1)
        let window = 300.0, windows = 4000
        var stream = ArrivalStream(process: .markovModulated(m), seed: 5, key: StreamKey("test.mmpp"))
        var counts = [Int](repeating: 0, count: windows)
        while let t = stream.next() {
            let w = Int(t.seconds / window)
            if w >= windows { break }
            counts[w] += 1
        }
        let mean = Double(counts.reduce(0, +)) / Double(windows)
        let variance = counts.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(windows - 1)
        let gammaT = (1.0 / 30 + 1.0 / 5) * window
        let expectedIDC = 1 + (m.asymptoticDispersion - 1) * (1 - (1 - exp(-gammaT)) / gammaT)
        #expect(abs(mean / window / m.meanRate - 1) < 0.02)
        #expect(abs(variance / mean / expectedIDC - 1) < 0.12)
    }

    @Test("the same seed and key give the same arrivals; another key gives others")
    func determinism() {
        let a = gaps(.poisson(ratePerSecond: 1), count: 5, seed: 1)
        #expect(a == gaps(.poisson(ratePerSecond: 1), count: 5, seed: 1))
        #expect(a != gaps(.poisson(ratePerSecond: 1), count: 5, seed: 2))
    }

    @Test("unknown arrival-process names are errors listing the valid ones")
    func registry() throws {
        #expect(try ArrivalProcess.Kind.named("mmpp") == .markovModulated)
        #expect(throws: InferenceError.unknownName(what: "arrival process", name: "bursty",
                                                   valid: ["poisson", "rate-curve", "gamma", "mmpp"])) {
            try ArrivalProcess.Kind.named("bursty")
        }
    }

    @Test("synthetic requests draw lengths from their own streams, independent of arrivals")
    func syntheticSource() {
        var a = SyntheticRequestSource(process: .poisson(ratePerSecond: 2), lengths: .azureConversation, seed: 9)
        let lengths = RequestLengthModel(prompt: .constant(100), output: .constant(10))
        var b = SyntheticRequestSource(process: .poisson(ratePerSecond: 2), lengths: lengths, seed: 9)
        var prompts: [Double] = []
        for i in 0..<20_000 {
            let x = a.next()!, y = b.next()!
            #expect(x.arrival == y.arrival)  // changing lengths moves no arrival
            #expect(x.id == RequestID(UInt64(i)) && y.promptTokens == 100 && y.outputTokens == 10)
            prompts.append(Double(x.promptTokens))
        }
        // Azure conversation log-normal: median 1,020 → sample median within 3%.
        prompts.sort()
        #expect(abs(prompts[10_000] / 1020 - 1) < 0.03)
    }
}
