/// The waiting sequences of a replica: one FIFO per priority class, served highest priority
/// first, each taking preempted sequences back at its head. Amortised O(1) at both ends of a
/// class (O(classes) to find the class, a handful at most).
struct SequenceQueue: Sendable {
    /// One class's FIFO; the storage is compacted when half of it is consumed.
    private struct FIFO: Sendable {
        var storage: [ServingSequence] = []
        var head = 0

        var isEmpty: Bool { head == storage.count }

        mutating func prepend(_ sequence: ServingSequence) {
            if head > 0 {
                head -= 1
                storage[head] = sequence
            } else {
                storage.insert(sequence, at: 0)
            }
        }

        mutating func removeFirst() -> ServingSequence {
            let s = storage[head]
            head += 1
            if head > 1024 && head * 2 > storage.count {
                storage.removeFirst(head)
                head = 0
            }
            return s
        }
    }

    /// Classes by decreasing priority.
    private var levels: [(priority: Int, fifo: FIFO)] = []
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    /// The head of the highest-priority non-empty class.
    var first: ServingSequence? {
        for level in levels where !level.fifo.isEmpty { return level.fifo.storage[level.fifo.head] }
        return nil
    }

    private mutating func level(of priority: Int) -> Int {
        if let i = levels.firstIndex(where: { $0.priority == priority }) { return i }
        let i = levels.firstIndex { $0.priority < priority } ?? levels.count
        levels.insert((priority, FIFO()), at: i)
        return i
    }

    mutating func append(_ sequence: ServingSequence) {
        levels[level(of: sequence.request.priority)].fifo.storage.append(sequence)
        count += 1
    }

    mutating func prepend(_ sequence: ServingSequence) {
        levels[level(of: sequence.request.priority)].fifo.prepend(sequence)
        count += 1
    }

    mutating func removeFirst() -> ServingSequence {
        precondition(!isEmpty, "removeFirst on an empty queue")
        let i = levels.firstIndex { !$0.fifo.isEmpty }!
        count -= 1
        return levels[i].fifo.removeFirst()
    }

    /// Every waiting sequence in service order. O(count); for tests and inspection.
    var elements: [ServingSequence] { levels.flatMap { $0.fifo.storage[$0.fifo.head...] } }
}
