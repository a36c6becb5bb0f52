import Testing
@testable import SimKernel

@Suite("EventQueue")
struct EventQueueTests {
    private func event(_ t: Int64, phase: UInt8 = 128, sequence: UInt64, subject: UInt32 = 0) -> Event {
        Event(time: SimTime(nanoseconds: t), phase: EventPhase(rawValue: phase), sequence: sequence,
              kind: EventKind(rawValue: 1), subject: subject, payload: 0)
    }

    @Test("an event is 30 bytes of plain data with a 32-byte stride")
    func eventLayout() {
        #expect(MemoryLayout<Event>.size == 30)
        #expect(MemoryLayout<Event>.stride == 32)
        #expect(_isPOD(Event.self))
    }

    @Test("events pop by time, then phase, then insertion order")
    func ordering() {
        var queue = EventQueue()
        queue.insert(event(5, phase: 2, sequence: 0, subject: 1))
        queue.insert(event(5, phase: 1, sequence: 1, subject: 2))
        queue.insert(event(3, phase: 9, sequence: 2, subject: 3))
        queue.insert(event(5, phase: 1, sequence: 3, subject: 4))
        queue.insert(event(5, phase: 2, sequence: 4, subject: 5))
        var order: [UInt32] = []
        while let e = queue.popFirst() { order.append(e.subject) }
        #expect(order == [3, 2, 4, 1, 5])
    }

    @Test("random inserts come out sorted and keep the heap valid", arguments: 0..<20)
    func randomised(seed: UInt64) {
        var rng = RandomStream(seed: seed)
        var queue = EventQueue()
        var expected: [(Int64, UInt64)] = []
        for sequence in 0..<UInt64(500) {
            let t = Int64(rng.nextIndex(below: 50))  // many ties on purpose
            queue.insert(event(t, sequence: sequence))
            expected.append((t, sequence))
            if rng.nextIndex(below: 4) == 0, let popped = queue.popFirst() {
                let index = expected.indices.min { expected[$0] < expected[$1] }!
                #expect(popped.time.nanoseconds == expected[index].0 && popped.sequence == expected[index].1)
                expected.remove(at: index)
            }
            queue.checkInvariants()
        }
        expected.sort { $0 < $1 }
        for (t, s) in expected {
            let e = queue.popFirst()
            #expect(e?.time.nanoseconds == t && e?.sequence == s)
        }
        #expect(queue.popFirst() == nil)
    }
}
