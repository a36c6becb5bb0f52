import Foundation
import SimKernel

/// The PHOLD benchmark (Fujimoto 1990): `processes` logical processes, each starting with
/// `eventsPerProcess` events; every event, when handled, schedules one new event at a uniformly
/// random process, `0.1 + Exp(mean 1)` time units later. One time unit is 1 ms of simulated time
/// (1e6 ns), rounded to the nearest nanosecond.
///
/// It measures the event kernel alone: one heap pop, one push and three random draws per event.
/// `Benchmarks/Reference/phold.c` does the identical work in C; both report the same final time
/// and checksum for a seed, which proves the comparison is like for like.
struct PHOLD: EventHandler {
    static var event: EventKind { EventKind(rawValue: 1) }
    static var nanosecondsPerUnit: Double { 1e6 }

    let processes: UInt64
    let delay = Distribution.exponential(mean: 1)
    var streams: [RandomStream]
    /// A running hash of the handled subjects, identical to the C reference's.
    var checksum: UInt64 = 0

    init(processes: Int, seed: UInt64) {
        self.processes = UInt64(processes)
        streams = (0..<processes).map { RandomStream(seed: seed, key: StreamKey("lp", UInt64($0))) }
    }

    @inline(__always)
    static func delayNanoseconds(_ delay: Distribution, using rng: inout RandomStream) -> Int64 {
        let units = 0.1 + delay.sample(using: &rng)
        return Int64((units * nanosecondsPerUnit).rounded(.toNearestOrEven))
    }

    mutating func handle(_ event: Event, engine: inout Engine) {
        checksum = checksum &* 31 &+ UInt64(event.subject)
        let subject = Int(event.subject)
        let target = streams[subject].nextIndex(below: processes)
        let delayNanoseconds = PHOLD.delayNanoseconds(delay, using: &streams[subject])
        engine.schedule(PHOLD.event, at: engine.now + .nanoseconds(delayNanoseconds), subject: UInt32(target))
    }

    struct Outcome {
        var events: UInt64
        var finalNanoseconds: Int64
        var checksum: UInt64
        var seconds: Double
    }

    /// Builds the initial population and handles `maxEvents` events, timing both (as the C
    /// reference does).
    static func run(processes: Int, eventsPerProcess: Int, maxEvents: UInt64, seed: UInt64) -> Outcome {
        let start = DispatchTime.now().uptimeNanoseconds
        var model = PHOLD(processes: processes, seed: seed)
        var engine = Engine()
        engine.reserveCapacity(processes * eventsPerProcess + 1)
        for process in 0..<processes {
            for _ in 0..<eventsPerProcess {
                let delay = delayNanoseconds(model.delay, using: &model.streams[process])
                engine.schedule(event, at: SimTime(nanoseconds: delay), subject: UInt32(process))
            }
        }
        _ = engine.run(maxEvents: maxEvents, handler: &model)
        let end = DispatchTime.now().uptimeNanoseconds
        return Outcome(events: engine.eventsProcessed, finalNanoseconds: engine.now.nanoseconds,
                       checksum: model.checksum, seconds: Double(end - start) / 1e9)
    }
}
