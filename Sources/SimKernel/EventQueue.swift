/// A binary min-heap of events ordered by `(time, phase, sequence)`.
///
/// One `ContiguousArray` of 32-byte value elements; the sift loops run on an unsafe buffer
/// inside one `withUnsafeMutableBufferPointer` per operation and move a hole instead of swapping
/// (one write per level). Nothing here allocates per event once the array has grown.
public struct EventQueue: Sendable {
    @usableFromInline var storage: ContiguousArray<Event> = []

    public init() {}

    /// Reserves room for `capacity` pending events, so a run of known size never regrows.
    public mutating func reserveCapacity(_ capacity: Int) { storage.reserveCapacity(capacity) }

    /// The number of pending events (including cancelled ones not yet popped). O(1).
    @inlinable public var count: Int { storage.count }
    @inlinable public var isEmpty: Bool { storage.isEmpty }

    /// The earliest event, without removing it. O(1).
    @inlinable public var first: Event? { storage.first }

    /// Adds an event. O(log n).
    @inlinable
    public mutating func insert(_ event: Event) {
        storage.append(event)
        let last = storage.count - 1
        storage.withUnsafeMutableBufferPointer { heap in
            var hole = last
            while hole > 0 {
                let parent = (hole - 1) >> 1
                guard event.precedes(heap[parent]) else { break }
                heap[hole] = heap[parent]
                hole = parent
            }
            heap[hole] = event
        }
    }

    /// Removes and returns the earliest event, or nil when empty. O(log n).
    @inlinable
    public mutating func popFirst() -> Event? {
        guard let last = storage.popLast() else { return nil }
        let count = storage.count
        if count == 0 { return last }
        return storage.withUnsafeMutableBufferPointer { heap in
            let top = heap[0]
            // Sift the former last element down from the root (Floyd's hole technique). The
            // choice between the two children is arithmetic, not a branch: it is a coin flip the
            // branch predictor cannot learn, and a mispredict costs more than the compare.
            var hole = 0
            while true {
                let left = 2 &* hole &+ 1
                let right = left &+ 1
                let child: Int
                if right < count {
                    child = left &+ Int(heap[right].sortKey < heap[left].sortKey ? 1 : 0)
                } else if left < count {
                    child = left
                } else {
                    break
                }
                guard heap[child].precedes(last) else { break }
                heap[hole] = heap[child]
                hole = child
            }
            heap[hole] = last
            return top
        }
    }

    /// Removes every pending event. O(n).
    public mutating func removeAll() { storage.removeAll(keepingCapacity: true) }

    /// Traps if the heap property is broken. Compiled only in debug builds (so `swift test`
    /// checks it) and free in release.
    public func checkInvariants() {
        #if DEBUG
        for i in 1..<max(storage.count, 1) {
            let parent = (i - 1) / 2
            precondition(!storage[i].precedes(storage[parent]), "event heap order broken at index \(i)")
        }
        #endif
    }
}
