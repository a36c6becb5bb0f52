import Fleet
import SimKernel
import Testing

@Suite("PowerCapPolicy")
struct PowerCapPolicyTests {
    let h = SimDuration.hours(1)

    @Test("the limit is the smallest of the static cap and the windows in force, start inclusive, end exclusive")
    func limitAtTime() {
        let policy = PowerCapPolicy(limit: Watts(600), windows: [
            PowerCapWindow(start: .hours(17), end: .hours(21), limit: Watts(500), period: .hours(24)),
            PowerCapWindow(start: .hours(2), end: .hours(3), limit: Watts(700)),
        ], action: .throttle)
        #expect(policy.limit(at: .zero + .hours(16)) == Watts(600))
        #expect(policy.limit(at: .zero + .hours(17)) == Watts(500))
        #expect(policy.limit(at: .zero + .hours(21)) == Watts(600))
        #expect(policy.limit(at: .zero + .hours(24 + 18)) == Watts(500))  // the next day's window
        #expect(policy.limit(at: .zero + .hours(2)) == Watts(600))        // a higher window does not raise the cap
        #expect(PowerCapPolicy(limit: nil, windows: [], action: .hold).limit(at: .zero) == nil)
    }

    @Test("the next change is the next window edge, repeating windows every period")
    func nextChange() {
        let daily = PowerCapWindow(start: .hours(17), end: .hours(21), limit: Watts(500), period: .hours(24))
        #expect(daily.nextChange(after: .zero) == .zero + .hours(17))
        #expect(daily.nextChange(after: .zero + .hours(17)) == .zero + .hours(21))
        #expect(daily.nextChange(after: .zero + .hours(21)) == .zero + .hours(24 + 17))
        let once = PowerCapPolicy(limit: nil, windows: [PowerCapWindow(start: .hours(1), end: .hours(2), limit: Watts(1))], action: .hold)
        #expect(once.nextChange(after: .zero + .hours(1)) == .zero + .hours(2))
        #expect(once.nextChange(after: .zero + .hours(2)) == nil)
    }
}
