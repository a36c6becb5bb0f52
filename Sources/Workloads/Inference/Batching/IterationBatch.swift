/// One iteration's batch, as `ReplicaQueue.formBatch()` formed it.
public struct IterationBatch: Hashable, Sendable {
    /// What one running request does in the iteration.
    public enum Step: Hashable, Sendable {
        /// One decode step with `context` tokens already in the KV cache.
        case decode(context: Int)
        /// A prefill chunk of `tokens` after `priorContext` tokens already in the KV cache.
        case prefill(tokens: Int, priorContext: Int)
    }

    /// A running request and its step, in the replica's running order.
    public struct Entry: Hashable, Sendable {
        public var id: RequestID
        public var step: Step
        /// Position in `ReplicaQueue.running` when the batch was formed.
        var slot: Int
    }

    public var entries: [Entry] = []
    /// The aggregate work, ready for `ReplicaPerformanceModel.iterationTime`.
    public var workload = IterationWorkload()
    /// Requests admitted from the waiting queue this iteration.
    public var admitted: [RequestID] = []
    /// Requests preempted this iteration (back at the head of the waiting queue, KV freed).
    public var preempted: [ServingSequence] = []
    /// Requests dropped because their KV footprint exceeds the whole cache: they can never run.
    public var rejected: [InferenceRequest] = []

    public init() {}

    /// Whether the iteration has nothing to run.
    public var isEmpty: Bool { entries.isEmpty }
}
