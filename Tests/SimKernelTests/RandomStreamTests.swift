import Testing
@testable import SimKernel

@Suite("RandomStream")
struct RandomStreamTests {
    @Test("SplitMix64 matches the reference outputs for seed 1234567")
    func splitMixReference() {
        // Reference values of Vigna's splitmix64.c for x = 1234567.
        var g = SplitMix64(seed: 1_234_567)
        let expected: [UInt64] = [6457827717110365317, 3203168211198807973, 9817491932198370423,
                                  4593380528125082431, 16408922859458223821]
        #expect((0..<5).map { _ in g.next() } == expected)
    }

    @Test("xoshiro256** matches the reference outputs for state {1, 2, 3, 4}")
    func xoshiroReference() {
        var g = RandomStream(seed: 0)
        (g.s0, g.s1, g.s2, g.s3) = (1, 2, 3, 4)
        let expected: [UInt64] = [11520, 0, 1509978240, 1215971899390074240]
        #expect((0..<4).map { _ in g.next() } == expected)
    }

    @Test("the same seed and key give the same draws on every run")
    func reproducible() {
        var a = RandomStream(seed: 42, key: StreamKey("job-arrivals", 3))
        var b = RandomStream(seed: 42, key: StreamKey("job-arrivals", 3))
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
    }

    @Test("an entity's stream does not depend on other streams existing or drawing")
    func independentOfOthers() {
        var alone = RandomStream(seed: 9, key: StreamKey("job", 17))
        let aloneDraws = (0..<50).map { _ in alone.next() }
        var others = (0..<1000).map { RandomStream(seed: 9, key: StreamKey("job", UInt64($0))) }
        for i in others.indices where i != 17 { for _ in 0..<i % 7 { _ = others[i].next() } }
        #expect((0..<50).map { _ in others[17].next() } == aloneDraws)
    }

    @Test("different keys, domains and seeds give different streams")
    func distinctStreams() {
        func first(_ seed: UInt64, _ key: StreamKey) -> [UInt64] {
            var g = RandomStream(seed: seed, key: key)
            return (0..<4).map { _ in g.next() }
        }
        let base = first(1, StreamKey("a", 0))
        #expect(first(1, StreamKey("a", 1)) != base)
        #expect(first(1, StreamKey("b", 0)) != base)
        #expect(first(2, StreamKey("a", 0)) != base)
        // Streams of neighbouring keys are uncorrelated: |r| well below 4/√n for n = 20,000.
        var x = RandomStream(seed: 1, key: StreamKey("job", 0))
        var y = RandomStream(seed: 1, key: StreamKey("job", 1))
        let n = 20_000
        var sxy = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0
        for _ in 0..<n {
            let u = x.nextUnit(), v = y.nextUnit()
            sx += u; sy += v; sxy += u * v; sxx += u * u; syy += v * v
        }
        let nd = Double(n)
        let r = (sxy - sx * sy / nd) / ((sxx - sx * sx / nd) * (syy - sy * sy / nd)).squareRoot()
        #expect(abs(r) < 4 / nd.squareRoot())
    }

    @Test("bounded integers are unbiased and in range")
    func boundedIntegers() {
        var g = RandomStream(seed: 3)
        var counts = [Int](repeating: 0, count: 6)
        let n = 60_000
        for _ in 0..<n { counts[Int(g.nextIndex(below: 6))] += 1 }
        // Each count ~ Binomial(60000, 1/6): mean 10,000, sd ≈ 91; allow 5 sd.
        #expect(counts.allSatisfy { abs($0 - 10_000) < 455 })
    }

    @Test("unit draws stay in their half-open intervals")
    func unitIntervals() {
        var g = RandomStream(seed: 5)
        for _ in 0..<10_000 {
            let u = g.nextUnit(), v = g.nextOpenUnit()
            #expect(u >= 0 && u < 1)
            #expect(v > 0 && v <= 1)
        }
    }
}
