import Gigawatt
import Testing

@Suite("LatencyHistogram")
struct LatencyHistogramTests {
    @Test("percentiles of 1 … 10,000 ms fall within the 1.1% bucket half-width of the exact ranks")
    func percentiles() {
        var histogram = LatencyHistogram()
        for ms in 1...10_000 { histogram.record(Double(ms) / 1_000) }
        // Nearest rank: p50 is the 5,000th value (5 s), p90 9 s, p99 9.9 s.
        for (q, exact) in [(0.5, 5.0), (0.9, 9.0), (0.99, 9.9)] {
            let value = histogram.quantile(q)!
            #expect(abs(value / exact - 1) <= 0.011, "q \(q): \(value)")
        }
        #expect(histogram.count == 10_000)
        #expect(abs(histogram.mean! - 5.0005) < 1e-9)  // the mean is exact
    }

    @Test("a weighted record counts as that many equal observations; an empty histogram has no percentiles")
    func weights() {
        var a = LatencyHistogram(), b = LatencyHistogram()
        a.record(0.25, weight: 3)
        for _ in 0..<3 { b.record(0.25) }
        #expect(a == b)
        #expect(LatencyHistogram().quantile(0.5) == nil)
        a.merge(b)
        #expect(a.count == 6)
    }
}
