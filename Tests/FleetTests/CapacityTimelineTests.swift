import SimKernel
import Testing
@testable import Fleet

@Suite("CapacityTimeline")
struct CapacityTimelineTests {
    static func t(_ s: Int64) -> SimTime { SimTime.zero + .seconds(s) }

    @Test("events given out of order are applied in time order, stable at equal times")
    func ordered() throws {
        // start 1000 | t10 +500 delivered | t20 200 out, then 50 back | t30 100 retired
        let timeline = try CapacityTimeline(initialChips: 1_000, events: [
            CapacityEvent(.outage, chips: 200, at: Self.t(20)),
            CapacityEvent(.delivery, chips: 500, at: Self.t(10)),
            CapacityEvent(.retirement, chips: 100, at: Self.t(30)),
            CapacityEvent(.restore, chips: 50, at: Self.t(20)),
        ])
        let points = timeline.changePoints.map { "\($0.time.seconds):\($0.installed)/\($0.available)" }
        #expect(points == ["0.0:1000/1000", "10.0:1500/1500", "20.0:1500/1350", "30.0:1400/1250"])
        #expect(timeline.capacity(at: Self.t(5)) == 1_000)
        #expect(timeline.capacity(at: Self.t(19)) == 1_500)
        #expect(timeline.capacity(at: Self.t(20)) == 1_350)
        #expect(timeline.capacity(at: Self.t(1_000)) == 1_250)
        #expect(timeline.installed(at: Self.t(1_000)) == 1_400)
    }

    @Test("same-time events keep their given order: a restore before its outage fails")
    func stableOrder() {
        let restore = CapacityEvent(.restore, chips: 50, at: Self.t(20))
        #expect(throws: CapacityTimelineError.insufficient(restore, available: 0)) {
            try CapacityTimeline(initialChips: 1_000, events: [restore, CapacityEvent(.outage, chips: 200, at: Self.t(20))])
        }
    }

    @Test("retiring more than is in service is an error")
    func overRetire() {
        let event = CapacityEvent(.retirement, chips: 11, at: Self.t(1))
        #expect(throws: CapacityTimelineError.insufficient(event, available: 10)) {
            try CapacityTimeline(initialChips: 10, events: [event])
        }
    }

    @Test("no events means constant capacity")
    func constant() {
        let timeline = CapacityTimeline(initialChips: 64)
        #expect(timeline.capacity(at: Self.t(1_000_000)) == 64)
        #expect(timeline.changePoints.count == 1)
    }
}
