/// Receives events from the engine. Conformers are usually structs holding the simulation state;
/// the engine calls them through generics (specialised, no existential per event).
public protocol EventHandler {
    /// Handles one event. `engine.now` equals `event.time`; new events may be scheduled at or after it.
    mutating func handle(_ event: Event, engine: inout Engine)

    /// Called once after every event of an instant has been handled, including events that
    /// handlers scheduled for that same instant. This is where a scheduler runs once per instant,
    /// after all same-time arrivals and completions. It may schedule more events at `time`; they
    /// are handled next and this method is called again afterwards.
    mutating func instantDidEnd(_ time: SimTime, engine: inout Engine)
}

extension EventHandler {
    public mutating func instantDidEnd(_ time: SimTime, engine: inout Engine) {}
}

/// Why `Engine.run` returned.
public enum StopReason: Equatable, Sendable {
    /// No events are left.
    case drained
    /// The next pending event lies after the time limit.
    case reachedTimeLimit
    /// The event budget of this call was used up (possibly in the middle of an instant).
    case exhaustedBudget
    /// A handler called `requestStop()`.
    case stopRequested
}

/// The discrete-event engine: a clock, a queue and a loop, and nothing about datacenters.
///
/// Events fire in `(time, phase, insertion sequence)` order, so the same inputs always give the
/// same order. Cancellation is lazy: a cancelled event stays in the heap and is skipped when it
/// reaches the top, which keeps `cancel` O(1).
public struct Engine: Sendable {
    /// The current simulated time. Never decreases.
    @inlinable public var now: SimTime { clock }
    /// Events handled since the engine was created (cancelled events are not counted).
    @inlinable public var eventsProcessed: UInt64 { handledCount }

    @usableFromInline var clock: SimTime = .zero
    @usableFromInline var handledCount: UInt64 = 0

    @usableFromInline var queue = EventQueue()
    @usableFromInline var nextSequence: UInt64 = 0
    @usableFromInline var cancelled: Set<UInt64> = []
    @usableFromInline var isInstantOpen = false
    @usableFromInline var isStopRequested = false

    public init() {}

    /// Reserves heap room for `capacity` pending events.
    public mutating func reserveCapacity(_ capacity: Int) { queue.reserveCapacity(capacity) }

    /// Events scheduled and neither handled nor cancelled. O(1).
    public var pendingCount: Int { queue.count - cancelled.count }

    /// The time of the next event that will fire, if any. Amortised O(log n) (drops cancelled tops).
    public mutating func nextEventTime() -> SimTime? {
        dropCancelledTop()
        return queue.first?.time
    }

    /// Schedules an event at an absolute time. O(log n).
    /// - Precondition: `time >= now` (an event in the past is a programming error).
    @inlinable
    @discardableResult
    public mutating func schedule(
        _ kind: EventKind, at time: SimTime, phase: EventPhase = .default,
        subject: UInt32 = 0, payload: UInt64 = 0
    ) -> EventHandle {
        precondition(time >= now, "event \(kind.rawValue) scheduled at \(time), before now (\(now))")
        let sequence = nextSequence
        nextSequence &+= 1
        queue.insert(Event(time: time, phase: phase, sequence: sequence, kind: kind, subject: subject, payload: payload))
        return EventHandle(sequence: sequence)
    }

    /// Schedules an event `delay` after now. O(log n).
    /// - Precondition: `delay >= .zero`.
    @inlinable
    @discardableResult
    public mutating func schedule(
        _ kind: EventKind, after delay: SimDuration, phase: EventPhase = .default,
        subject: UInt32 = 0, payload: UInt64 = 0
    ) -> EventHandle {
        schedule(kind, at: now + delay, phase: phase, subject: subject, payload: payload)
    }

    /// Cancels a pending event: it will not be handled. O(1).
    /// - Precondition: the event is still pending (neither handled nor already cancelled).
    public mutating func cancel(_ handle: EventHandle) {
        precondition(handle.sequence < nextSequence, "cancel of an event that was never scheduled")
        let (inserted, _) = cancelled.insert(handle.sequence)
        precondition(inserted, "event \(handle.sequence) cancelled twice")
    }

    /// Asks the running loop to return after the current event.
    public mutating func requestStop() { isStopRequested = true }

    /// Handles events in order until one of the limits is reached.
    ///
    /// - Parameters:
    ///   - limit: events at or before this time are handled; when the run stops because nothing
    ///     is left at or before a finite `limit`, the clock advances to `limit` (the simulation was
    ///     observed until then).
    ///   - maxEvents: the most events to handle in this call.
    /// - Returns: why the loop stopped.
    /// - Complexity: O(log n) per event.
    @inlinable
    public mutating func run<Handler: EventHandler>(
        until limit: SimTime = .distantFuture, maxEvents: UInt64 = .max, handler: inout Handler
    ) -> StopReason {
        precondition(limit >= now, "run(until: \(limit)) is before now (\(now))")
        isStopRequested = false
        var handledThisCall: UInt64 = 0
        while true {
            if !cancelled.isEmpty { dropCancelledTop() }
            guard let next = queue.first, next.time <= limit else {
                if isInstantOpen {
                    isInstantOpen = false
                    handler.instantDidEnd(now, engine: &self)
                    continue  // the handler may have scheduled more work for this instant
                }
                if limit != .distantFuture { clock = limit }
                return queue.isEmpty ? .drained : .reachedTimeLimit
            }
            if isInstantOpen && next.time != now {
                isInstantOpen = false
                handler.instantDidEnd(now, engine: &self)
                continue
            }
            if handledThisCall == maxEvents { return .exhaustedBudget }
            _ = queue.popFirst()
            precondition(next.time >= now, "time went backwards: \(next.time) after \(now)")
            clock = next.time
            isInstantOpen = true
            handledThisCall &+= 1
            handledCount &+= 1
            handler.handle(next, engine: &self)
            if isStopRequested {
                isStopRequested = false
                return .stopRequested
            }
        }
    }

    @usableFromInline
    mutating func dropCancelledTop() {
        while let top = queue.first, cancelled.remove(top.sequence) != nil {
            _ = queue.popFirst()
        }
    }

    /// Traps if the queue's heap order is broken or a cancelled event is not pending.
    /// Compiled in debug builds only.
    public func checkInvariants() {
        #if DEBUG
        queue.checkInvariants()
        let events = queue.unorderedEvents
        precondition(events.allSatisfy { $0.time >= now }, "a pending event lies before now")
        let pending = Set(events.map(\.sequence))
        precondition(cancelled.isSubset(of: pending), "a cancelled event is no longer pending")
        #endif
    }
}
