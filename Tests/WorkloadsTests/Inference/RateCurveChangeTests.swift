import SimKernel
import Testing
import Workloads

@Suite("RateCurve changes")
struct RateCurveChangeTests {
    @Test("the next change of a periodic curve wraps into the next period; a one-off curve has none after its last step")
    func nextChange() {
        let periodic = RateCurve(segments: [.init(start: .zero, ratePerSecond: 1), .init(start: .hours(6), ratePerSecond: 3)], period: .days(1))
        #expect(periodic.nextChange(after: .hours(1)) == .hours(6))
        #expect(periodic.nextChange(after: .hours(6)) == .hours(24))
        #expect(periodic.nextChange(after: .hours(25)) == .hours(30))
        let once = RateCurve(segments: [.init(start: .zero, ratePerSecond: 1), .init(start: .hours(2), ratePerSecond: 0)])
        #expect(once.nextChange(after: .hours(1)) == .hours(2))
        #expect(once.nextChange(after: .hours(3)) == nil)
    }

    @Test("shared prefixes hash whole blocks per group, distinct across groups")
    func sharedPrefix() {
        let prefix = SharedPrefix(tokens: 1100, groups: 3, blockTokens: 512)
        #expect(prefix.blocks(ofGroup: 0).count == 2)  // 1,100 tokens = 2 whole blocks + 76 unshared
        #expect(Set(prefix.blocks(ofGroup: 0)).isDisjoint(with: prefix.blocks(ofGroup: 1)))
    }
}
