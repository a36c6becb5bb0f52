import Testing
@testable import SimKernel

@Suite("SimTime and SimDuration")
struct SimTimeTests {
    @Test("durations print as days, hh:mm:ss and nine fractional digits")
    func description() {
        // 3 d + 4 h + 5 min + 6 s + 7 ns = 3·86400 + 4·3600 + 5·60 + 6 = 273,906 s, then 7 ns.
        let d = SimDuration(nanoseconds: 273_906 * 1_000_000_000 + 7)
        #expect(d.description == "3d 04:05:06.000000007")
        #expect(SimDuration.seconds(59).description == "00:00:59")
        #expect(SimDuration.milliseconds(1500).description == "00:00:01.500000000")
        #expect((-SimDuration.hours(25)).description == "-1d 01:00:00")
        #expect(SimTime(nanoseconds: .min).description.hasPrefix("-106751d"))
    }

    @Test("unit constructors agree with each other")
    func constructors() {
        #expect(SimDuration.days(1) == .hours(24))
        #expect(SimDuration.hours(1) == .minutes(60))
        #expect(SimDuration.minutes(1) == .seconds(60))
        #expect(SimDuration.seconds(1) == .milliseconds(1000))
        #expect(SimDuration.milliseconds(1) == .microseconds(1000))
        #expect(SimDuration.microseconds(1) == .nanoseconds(1000))
    }

    @Test("completion times round up to the next nanosecond")
    func roundingUp() {
        #expect(SimDuration(secondsRoundingUp: 1.0000000001).nanoseconds == 1_000_000_001)
        #expect(SimDuration(secondsRoundingUp: 2.0).nanoseconds == 2_000_000_000)
        #expect(SimDuration(seconds: 1.4e-9).nanoseconds == 1)
    }

    @Test("points and spans combine with the expected types")
    func arithmetic() {
        let start = SimTime.zero + .seconds(10)
        let end = start + .milliseconds(250)
        #expect(end - start == .milliseconds(250))
        #expect(end.seconds == 10.25)
        #expect(end > start)
        var t = start
        t += .seconds(5)
        #expect(t == SimTime(nanoseconds: 15_000_000_000))
    }

    @Test("overflow is detected instead of wrapping")
    func overflowDetection() {
        // The checked helpers report overflow; the public operators trap on it (precondition).
        #expect(Int64.max.addingReportingOverflow(1).overflow)
        #expect(SimDuration.days(100_000).nanoseconds == 8_640_000_000_000_000_000)
    }
}
