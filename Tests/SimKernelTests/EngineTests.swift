import Testing
@testable import SimKernel

extension EventKind {
    static let ping = EventKind(rawValue: 1)
    static let echo = EventKind(rawValue: 2)
}

/// Records what it sees as a timeline string, like the marble diagrams of swift-async-algorithms:
/// `"t=5:a t=5:b | t=7:c |"` — each `|` is an instant boundary (a scheduler run).
private struct Recorder: EventHandler {
    var log: [String] = []
    var echoDelay: SimDuration? = nil
    var scheduleAtInstantEnd: Int = 0

    mutating func handle(_ event: Event, engine: inout Engine) {
        log.append("t=\(event.time.nanoseconds):\(event.subject)")
        if event.kind == .ping, let delay = echoDelay {
            engine.schedule(.echo, after: delay, subject: event.subject + 100)
        }
    }

    mutating func instantDidEnd(_ time: SimTime, engine: inout Engine) {
        log.append("|")
        if scheduleAtInstantEnd > 0 {
            scheduleAtInstantEnd -= 1
            engine.schedule(.echo, at: time, subject: 999)
        }
    }

    var timeline: String { log.joined(separator: " ") }
}

@Suite("Engine")
struct EngineTests {
    @Test("same-time events are handled before the instant ends, once per instant")
    func instantGrouping() {
        var engine = Engine()
        engine.schedule(.ping, at: SimTime(nanoseconds: 5), subject: 1)
        engine.schedule(.ping, at: SimTime(nanoseconds: 7), subject: 3)
        engine.schedule(.ping, at: SimTime(nanoseconds: 5), subject: 2)
        var recorder = Recorder()
        #expect(engine.run(handler: &recorder) == .drained)
        #expect(recorder.timeline == "t=5:1 t=5:2 | t=7:3 |")
        #expect(engine.eventsProcessed == 3)
        #expect(engine.now == SimTime(nanoseconds: 7))
    }

    @Test("work scheduled at the end of an instant runs in that instant and ends it again")
    func reentrantInstant() {
        var engine = Engine()
        engine.schedule(.ping, at: SimTime(nanoseconds: 5), subject: 1)
        var recorder = Recorder(scheduleAtInstantEnd: 1)
        _ = engine.run(handler: &recorder)
        #expect(recorder.timeline == "t=5:1 | t=5:999 |")
    }

    @Test("lower phases run first at the same time, whatever the insertion order")
    func phases() {
        var engine = Engine()
        engine.schedule(.ping, at: SimTime(nanoseconds: 1), phase: EventPhase(rawValue: 9), subject: 1)
        engine.schedule(.ping, at: SimTime(nanoseconds: 1), phase: EventPhase(rawValue: 0), subject: 2)
        var recorder = Recorder()
        _ = engine.run(handler: &recorder)
        #expect(recorder.timeline == "t=1:2 t=1:1 |")
    }

    @Test("a cancelled event is never handled and is not counted")
    func cancellation() {
        var engine = Engine()
        engine.schedule(.ping, at: SimTime(nanoseconds: 1), subject: 1)
        let doomed = engine.schedule(.ping, at: SimTime(nanoseconds: 2), subject: 2)
        engine.schedule(.ping, at: SimTime(nanoseconds: 3), subject: 3)
        engine.cancel(doomed)
        #expect(engine.pendingCount == 2)
        engine.checkInvariants()
        var recorder = Recorder()
        _ = engine.run(handler: &recorder)
        #expect(recorder.timeline == "t=1:1 | t=3:3 |")
        #expect(engine.eventsProcessed == 2)
        #expect(engine.pendingCount == 0)
    }

    @Test("run until a time stops before later events and advances the clock to the limit")
    func timeLimit() {
        var engine = Engine()
        engine.schedule(.ping, at: SimTime(nanoseconds: 10), subject: 1)
        engine.schedule(.ping, at: SimTime(nanoseconds: 20), subject: 2)
        var recorder = Recorder()
        #expect(engine.run(until: SimTime(nanoseconds: 15), handler: &recorder) == .reachedTimeLimit)
        #expect(engine.now == SimTime(nanoseconds: 15))
        #expect(recorder.timeline == "t=10:1 |")
        #expect(engine.run(until: SimTime(nanoseconds: 100), handler: &recorder) == .drained)
        #expect(engine.now == SimTime(nanoseconds: 100))
        #expect(recorder.timeline == "t=10:1 | t=20:2 |")
    }

    @Test("an event budget stops mid-instant and resuming finishes the instant once")
    func eventBudget() {
        var engine = Engine()
        for subject in 1...3 { engine.schedule(.ping, at: SimTime(nanoseconds: 4), subject: UInt32(subject)) }
        var recorder = Recorder()
        #expect(engine.run(maxEvents: 2, handler: &recorder) == .exhaustedBudget)
        #expect(recorder.timeline == "t=4:1 t=4:2")
        #expect(engine.run(handler: &recorder) == .drained)
        #expect(recorder.timeline == "t=4:1 t=4:2 t=4:3 |")
    }

    @Test("time never goes backwards across handler-scheduled events")
    func monotonicTime() {
        struct Chain: EventHandler {
            var rng = RandomStream(seed: 7)
            var lastTime = SimTime.zero
            var isMonotonic = true
            mutating func handle(_ event: Event, engine: inout Engine) {
                if event.time < lastTime { isMonotonic = false }
                lastTime = event.time
                if engine.eventsProcessed < 10_000 {
                    engine.schedule(.ping, after: .nanoseconds(Int64(rng.nextIndex(below: 5))))
                    if rng.nextIndex(below: 3) == 0 { engine.schedule(.ping, after: .zero) }
                }
            }
        }
        var engine = Engine()
        engine.schedule(.ping, at: .zero)
        var chain = Chain()
        _ = engine.run(handler: &chain)
        #expect(chain.isMonotonic)
        #expect(engine.eventsProcessed >= 10_000)
        engine.checkInvariants()
    }

    @Test("a handler can stop the run")
    func stopRequest() {
        struct Stopper: EventHandler {
            mutating func handle(_ event: Event, engine: inout Engine) {
                if event.subject == 2 { engine.requestStop() }
            }
        }
        var engine = Engine()
        for s in 1...3 { engine.schedule(.ping, at: SimTime(nanoseconds: Int64(s)), subject: UInt32(s)) }
        var stopper = Stopper()
        #expect(engine.run(handler: &stopper) == .stopRequested)
        #expect(engine.eventsProcessed == 2)
        #expect(engine.pendingCount == 1)
    }
}
