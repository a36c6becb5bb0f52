/// What an event means to the client, as a small integer tag.
///
/// The kernel knows no datacenters: clients declare their own kinds
/// (`extension EventKind { static var jobFinished: EventKind { EventKind(rawValue: 3) } }`: a
/// computed constant, because a stored static costs a lazy-initialisation check per use) and
/// dispatch on them with a `switch`, which keeps events plain data with no closure or
/// existential per event.
public struct EventKind: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt16
    @inlinable public init(rawValue: UInt16) { self.rawValue = rawValue }
}

/// The order of events scheduled for the same instant: lower phases run first.
///
/// Clients use phases to make same-time semantics explicit (for example completions before
/// arrivals), instead of relying on the order in which they happened to be scheduled.
public struct EventPhase: RawRepresentable, Hashable, Comparable, Sendable {
    public var rawValue: UInt8
    @inlinable public init(rawValue: UInt8) { self.rawValue = rawValue }
    @inlinable public static func < (a: EventPhase, b: EventPhase) -> Bool { a.rawValue < b.rawValue }
    /// The phase of events scheduled without one: the middle, leaving room on both sides.
    @inlinable public static var `default`: EventPhase { EventPhase(rawValue: 128) }
}

/// Identifies one scheduled event, so it can be cancelled before it fires.
public struct EventHandle: Hashable, Sendable {
    /// The insertion sequence number, unique within one engine.
    public var sequence: UInt64
    @inlinable public init(sequence: UInt64) { self.sequence = sequence }
}

/// One scheduled event: 32 bytes of plain data.
///
/// Ordered by `(time, phase, sequence)`: the sequence is the engine's insertion counter, so ties
/// at the same time and phase break by insertion order and a run is deterministic. Phase and
/// sequence are packed into one word (`phase << 56 | sequence`) so ordering costs two integer
/// compares. `subject` names the entity the event concerns (a job, a replica, a process) and
/// `payload` carries one more word of client data (for example a generation number).
public struct Event: Sendable {
    public var time: SimTime
    @usableFromInline var orderKey: UInt64
    public var payload: UInt64
    public var subject: UInt32
    public var kind: EventKind

    /// Bits of `orderKey` below the phase: 2^56 events per engine, ~7e16, is never reached.
    @inlinable static var sequenceBits: UInt64 { 56 }
    @inlinable static var sequenceMask: UInt64 { (1 << 56) - 1 }

    @inlinable
    init(time: SimTime, phase: EventPhase, sequence: UInt64, kind: EventKind, subject: UInt32, payload: UInt64) {
        self.time = time
        self.orderKey = UInt64(phase.rawValue) << Event.sequenceBits | sequence
        self.payload = payload
        self.subject = subject
        self.kind = kind
    }

    @inlinable public var phase: EventPhase { EventPhase(rawValue: UInt8(truncatingIfNeeded: orderKey >> Event.sequenceBits)) }
    @inlinable public var sequence: UInt64 { orderKey & Event.sequenceMask }
    @inlinable public var handle: EventHandle { EventHandle(sequence: sequence) }

    /// Whether `self` fires strictly before `other`.
    @inlinable
    public func precedes(_ other: Event) -> Bool {
        if _fastPath(time.nanoseconds != other.time.nanoseconds) { return time.nanoseconds < other.time.nanoseconds }
        return orderKey < other.orderKey
    }
}
