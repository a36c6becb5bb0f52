/// How a replica forms the batch of each iteration (see `ReplicaQueue.formBatch()`).
public struct BatchingPolicy: Hashable, Sendable {
    /// Continuous (iteration-level) batching admits new requests every iteration (Orca, vLLM);
    /// otherwise a new batch is admitted only when every running request has finished.
    public var isContinuous: Bool
    /// Most tokens (decodes + prefill tokens) processed in one iteration, vLLM's
    /// `max_num_batched_tokens`.
    public var tokenBudget: Int
    /// Largest prefill piece per request per iteration (chunked prefill, Sarathi-Serve);
    /// nil processes a prompt whole, so a prompt longer than the budget runs alone.
    public var prefillChunkSize: Int?
    /// Most requests running at once, vLLM's `max_num_seqs`.
    public var maxBatchSize: Int
    /// What happens when the KV cache is full.
    public var preemption: PreemptionMode
    /// Whether prompts and decodes share iterations.
    public var schedule: IterationSchedule

    /// - Precondition: budget, chunk size and batch size are positive.
    public init(isContinuous: Bool = true, tokenBudget: Int = 8192, prefillChunkSize: Int? = 2048,
                maxBatchSize: Int = 256, preemption: PreemptionMode = .recompute, schedule: IterationSchedule = .mixed) {
        precondition(tokenBudget > 0 && maxBatchSize > 0 && (prefillChunkSize ?? 1) > 0,
                     "batching needs a positive token budget, chunk size and batch size")
        self.isContinuous = isContinuous
        self.tokenBudget = tokenBudget
        self.prefillChunkSize = prefillChunkSize
        self.maxBatchSize = maxBatchSize
        self.preemption = preemption
        self.schedule = schedule
    }
}

/// What an iteration may hold. Serialized names are the raw values.
public enum IterationSchedule: String, Hashable, Sendable, CaseIterable {
    /// Running requests first (decodes and prompt chunks in progress), then new prompts fill
    /// the rest of the token budget: prompts and decodes share iterations (Sarathi-Serve, vLLM
    /// with chunked prefill).
    case mixed
    /// vLLM's default scheduler without chunked prefill (V0 `_schedule_default`, and Vidur's
    /// vLLM scheduler after it): when any waiting prompt can be admitted the iteration runs new
    /// prompts only, whole; otherwise it decodes every running request. Decodes pause while
    /// prompts run, which lengthens time per output token and shortens time to first token.
    case prefillFirst = "prefill-first"
}

/// The answer to a full KV cache. Serialized names are the raw values.
public enum PreemptionMode: String, Hashable, Sendable, CaseIterable {
    /// Admit a request when its prompt fits (vLLM's optimistic policy); when a running request
    /// needs a block and none is free, evict the most recently admitted running request, free
    /// its blocks and put it back at the head of the queue to recompute its prompt and the
    /// tokens it had generated.
    case recompute
    /// Admit a request only when its whole KV footprint (prompt + output) fits, reserving it up
    /// front: running requests never run out, new requests wait. Nothing is ever preempted.
    case wait
}
