/// A binary min-heap of events ordered by `(time, phase, sequence)`.
///
/// The layout is chosen for the cache: the heap is 1-based in a 64-byte-aligned buffer of
/// 32-byte events, so the two children of node i (2i and 2i+1) always share one cache line and
/// each level of a sift-down costs one line fill, not two. The sift loops move a hole instead of
/// swapping (one write per level), and choose between children arithmetically (no unpredictable
/// branch). Nothing allocates per event once the buffer has grown. Copy-on-write like the
/// standard collections.
public struct EventQueue: Sendable {
    @usableFromInline var buffer: EventBuffer
    /// Kept here rather than in the buffer: a stored `var` of a class is checked for exclusive
    /// access at run time on every write, a struct field is not.
    @usableFromInline var storedCount = 0

    public init() { buffer = EventBuffer(capacity: 64) }

    /// Reserves room for `capacity` pending events, so a run of known size never regrows.
    public mutating func reserveCapacity(_ capacity: Int) {
        makeUnique()
        if capacity > buffer.capacity { buffer = buffer.resized(to: capacity, count: storedCount) }
    }

    /// The number of pending events (including cancelled ones not yet popped). O(1).
    @inlinable public var count: Int { storedCount }
    @inlinable public var isEmpty: Bool { storedCount == 0 }

    /// The earliest event, without removing it. O(1).
    @inlinable public var first: Event? { storedCount == 0 ? nil : buffer.slots[1] }

    /// All pending events in heap order (for invariant checks and diagnostics). O(n).
    public var unorderedEvents: [Event] { (0..<storedCount).map { buffer.slots[$0 + 1] } }

    @inlinable
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&buffer) { buffer = buffer.resized(to: buffer.capacity, count: storedCount) }
    }

    /// Adds an event. O(log n), amortised.
    @inlinable
    public mutating func insert(_ event: Event) {
        makeUnique()
        if storedCount == buffer.capacity { buffer = buffer.resized(to: buffer.capacity * 2, count: storedCount) }
        let heap = buffer.slots
        storedCount &+= 1
        var hole = storedCount
        while hole > 1 {
            let parent = hole &>> 1
            guard event.precedes(heap[parent]) else { break }
            heap[hole] = heap[parent]
            hole = parent
        }
        heap[hole] = event
    }

    /// Removes and returns the earliest event, or nil when empty. O(log n).
    @inlinable
    public mutating func popFirst() -> Event? {
        let count = storedCount
        if count == 0 { return nil }
        makeUnique()
        let heap = buffer.slots
        let top = heap[1]
        let last = heap[count]
        let size = count &- 1
        storedCount = size
        if size == 0 { return top }
        // Sift the former last element down from the root (Floyd's hole technique). The
        // smaller child's time is selected arithmetically and kept in a register for the
        // compare with `last`: which child wins is a coin flip the branch predictor cannot
        // learn, and reloading the winner would put one more load on the critical path.
        // Equal times (rare) fall back to the order key.
        let lastTime = last.time.nanoseconds
        var hole = 1
        while true {
            let left = hole &<< 1
            let child: Int
            let childTime: Int64
            if left < size {
                let leftTime = heap[left].time.nanoseconds, rightTime = heap[left &+ 1].time.nanoseconds
                var isRightFirst = rightTime < leftTime
                if _slowPath(rightTime == leftTime) { isRightFirst = heap[left &+ 1].orderKey < heap[left].orderKey }
                // Masks rather than `?:`, which the optimiser may turn back into a branch.
                let pick: Int64 = isRightFirst ? 1 : 0
                child = left &+ Int(truncatingIfNeeded: pick)
                childTime = leftTime ^ ((leftTime ^ rightTime) & (0 &- pick))
            } else if left == size {
                child = left
                childTime = heap[left].time.nanoseconds
            } else {
                break
            }
            if childTime > lastTime { break }
            if _slowPath(childTime == lastTime) && heap[child].orderKey > last.orderKey { break }
            heap[hole] = heap[child]
            hole = child
        }
        heap[hole] = last
        return top
    }

    /// Removes every pending event. O(1).
    public mutating func removeAll() {
        makeUnique()
        storedCount = 0
    }

    /// Traps if the heap property is broken. Compiled only in debug builds (so `swift test`
    /// checks it) and free in release.
    public func checkInvariants() {
        #if DEBUG
        precondition(storedCount <= buffer.capacity, "event heap count exceeds its capacity")
        if storedCount >= 2 {
            for i in 2...storedCount {
                precondition(!buffer.slots[i].precedes(buffer.slots[i / 2]), "event heap order broken at slot \(i)")
            }
        }
        #endif
    }
}

/// The storage of an `EventQueue`: `capacity` event slots after one unused slot 0, in a buffer
/// aligned to a cache line. Events are plain data, so slots need no initialisation or teardown;
/// the queue keeps the count.
@usableFromInline
final class EventBuffer: @unchecked Sendable {
    // @unchecked: instances are shared only through EventQueue, which copies before writing
    // unless it holds the only reference (copy-on-write).
    @usableFromInline let slots: UnsafeMutablePointer<Event>
    @usableFromInline let capacity: Int

    static let cacheLine = 64

    @usableFromInline
    init(capacity: Int) {
        precondition(MemoryLayout<Event>.stride == 32, "the cache-line layout assumes 32-byte events")
        let capacity = max(capacity, 1)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: (capacity + 1) * MemoryLayout<Event>.stride,
                                                   alignment: EventBuffer.cacheLine)
        slots = raw.bindMemory(to: Event.self, capacity: capacity + 1)
        self.capacity = capacity
    }

    deinit { UnsafeMutableRawPointer(slots).deallocate() }

    /// A new buffer holding the first `count` events, with room for `newCapacity` (≥ count).
    @usableFromInline
    func resized(to newCapacity: Int, count: Int) -> EventBuffer {
        precondition(newCapacity >= count, "cannot shrink an event buffer below its count")
        let copy = EventBuffer(capacity: newCapacity)
        (copy.slots + 1).update(from: slots + 1, count: count)
        return copy
    }
}
