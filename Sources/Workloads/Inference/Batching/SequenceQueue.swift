/// A FIFO of waiting sequences that also takes preempted ones back at its head. Amortised O(1)
/// at both ends; the storage is compacted when half of it is consumed.
struct SequenceQueue: Sendable {
    private var storage: [ServingSequence] = []
    private var head = 0

    var count: Int { storage.count - head }
    var isEmpty: Bool { head == storage.count }
    var first: ServingSequence? { isEmpty ? nil : storage[head] }

    mutating func append(_ sequence: ServingSequence) { storage.append(sequence) }

    mutating func prepend(_ sequence: ServingSequence) {
        if head > 0 {
            head -= 1
            storage[head] = sequence
        } else {
            storage.insert(sequence, at: 0)
        }
    }

    mutating func removeFirst() -> ServingSequence {
        precondition(!isEmpty, "removeFirst on an empty queue")
        let s = storage[head]
        head += 1
        if head > 1024 && head * 2 > storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return s
    }

    var elements: ArraySlice<ServingSequence> { storage[head...] }
}
