import Testing
@testable import SimKernel

@Suite("StepIntegral")
struct StepIntegralTests {
    @Test("a hand-computed signal integrates exactly and reports hourly totals")
    func handComputed() {
        // 700 W for 90 min, then 100 W for 60 min:
        // total = 700 × 5,400 + 100 × 3,600 = 3,780,000 + 360,000 = 4,140,000 J.
        // Hour 0: 700 × 3,600 = 2,520,000 J; hour 1: 700 × 1,800 + 100 × 1,800 = 1,440,000 J.
        var integral = StepIntegral(interval: .hours(1))
        var hours: [(Int, Double)] = []
        integral.set(rate: 700, at: .zero) { hours.append(($0, $1)) }
        integral.set(rate: 100, at: SimTime.zero + .minutes(90)) { hours.append(($0, $1)) }
        integral.advance(to: SimTime.zero + .minutes(150)) { hours.append(($0, $1)) }
        #expect(integral.total == 4_140_000)
        #expect(hours.map(\.0) == [0, 1])
        #expect(hours.map(\.1) == [2_520_000, 1_440_000])
        #expect(integral.openIntervalTotal == 180_000)  // 100 W × 30 min of hour 2
        #expect(integral.peakRate == 700)
    }

    @Test("interval totals add up to the grand total over random signals", arguments: 0..<25)
    func intervalsAddUp(seed: UInt64) {
        var rng = RandomStream(seed: seed, key: StreamKey("step-integral"))
        var integral = StepIntegral(interval: .seconds(Int64(1 + rng.nextIndex(below: 600))))
        var reported = CompensatedSum()
        var direct = CompensatedSum()
        var time = SimTime.zero
        var rate = 0.0
        for _ in 0..<2_000 {
            let step = SimDuration(nanoseconds: Int64(rng.nextIndex(below: 400_000_000_000)))
            direct += rate * step.seconds
            time += step
            rate = 1e6 * rng.nextUnit()
            integral.set(rate: rate, at: time) { _, value in reported += value }
        }
        // Every closed interval plus the open one is the whole integral (relative 1e-12).
        let sum = reported.value + integral.openIntervalTotal
        #expect(abs(sum - integral.total) <= 1e-12 * integral.total)
        #expect(abs(direct.value - integral.total) <= 1e-12 * integral.total)
    }

    @Test("compensated summation keeps a million small terms exact")
    func compensation() {
        var sum = CompensatedSum(1e9)
        for _ in 0..<1_000_000 { sum += 1e-7 }
        // 1e9 + 1e6 × 1e-7 = 1e9 + 0.1; a naive Double sum loses the small terms entirely.
        #expect(abs(sum.value - 1_000_000_000.1) < 1e-6)
    }
}
