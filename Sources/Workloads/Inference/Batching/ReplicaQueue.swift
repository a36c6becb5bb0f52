/// The requests one replica holds — waiting and running — with its KV-block pool and prefix
/// cache, and the batch-formation rule of a continuous-batching engine. No events, no clock:
/// the simulation calls `formBatch()`, times the batch with `ReplicaPerformanceModel`, and calls
/// `complete(_:)` when the iteration ends.
///
/// Batch formation (vLLM-style, running requests first, then admissions in FIFO order):
/// 1. Each running request, oldest first, gets its next step while the token budget lasts: a
///    decode (1 token) or its next prefill chunk (≤ chunk size). A step that needs a KV block
///    when none is free preempts the most recently admitted running request (`recompute`
///    mode); in `wait` mode blocks were reserved at admission, so this never happens.
/// 2. Waiting requests are admitted highest priority class first, in arrival order within a
///    class, while budget, batch size and KV blocks
///    allow (`recompute`: blocks for what this chunk computes; `wait`: blocks for prompt +
///    output). The head of the queue blocks the ones behind it (no overtaking), so a long
///    prompt is not starved. A prefix-cache hit skips the cached part of the prompt. A request
///    whose prompt + output exceeds the whole cache is rejected (it could never finish).
/// With static batching (`isContinuous == false`) step 2 runs only when nothing is running.
public struct ReplicaQueue: Sendable {
    public let policy: BatchingPolicy
    /// Tokens per KV block.
    public let kvBlockTokens: Int
    /// KV blocks the replica holds (`KVCacheBudget.capacityBlocks`).
    public let kvCapacityBlocks: Int
    /// Running requests in admission order.
    public private(set) var running: [ServingSequence] = []
    /// KV blocks held by running requests.
    public private(set) var usedBlocks = 0
    /// The replica's prefix cache, if it has one.
    public var prefixCache: PrefixCache?
    private var waitingQueue = SequenceQueue()

    /// - Precondition: positive block size and capacity.
    public init(policy: BatchingPolicy, kvBlockTokens: Int, kvCapacityBlocks: Int, prefixCache: PrefixCache? = nil) {
        precondition(kvBlockTokens > 0 && kvCapacityBlocks > 0, "a replica needs KV blocks to serve anything")
        self.policy = policy
        self.kvBlockTokens = kvBlockTokens
        self.kvCapacityBlocks = kvCapacityBlocks
        self.prefixCache = prefixCache
    }

    /// A queue sized from a replica spec and its KV budget.
    public init(replica: InferenceReplicaSpec, kvCache: KVCacheBudget) {
        self.init(policy: replica.batching, kvBlockTokens: replica.kvBlockTokens,
                  kvCapacityBlocks: kvCache.capacityBlocks, prefixCache: replica.prefixCache.map(PrefixCache.init))
    }

    /// The queues of a replica's virtual engines, one per pipeline stage, so that each stage can
    /// work on a different batch. As in vLLM (V0 `LLMEngine`: one `Scheduler` per virtual engine,
    /// each with `num_gpu_blocks // pipeline_parallel_size` KV blocks and the full batching
    /// limits), the KV cache and the prefix cache are split evenly between them; without
    /// pipeline stages this is the one queue of `init(replica:kvCache:)`.
    ///
    /// - Precondition: at least one KV block (and prefix-cache block) per virtual engine.
    public static func virtualEngines(replica: InferenceReplicaSpec, kvCache: KVCacheBudget) -> [ReplicaQueue] {
        let engines = replica.parallelism.pipeline
        guard engines > 1 else { return [ReplicaQueue(replica: replica, kvCache: kvCache)] }
        return (0..<engines).map { _ in
            ReplicaQueue(policy: replica.batching, kvBlockTokens: replica.kvBlockTokens,
                         kvCapacityBlocks: kvCache.capacityBlocks / engines,
                         prefixCache: replica.prefixCache.map {
                             PrefixCache(capacityBlocks: $0.capacityBlocks / engines, blockTokens: $0.blockTokens)
                         })
        }
    }

    /// Empties the queue when its replica fails: every request it held, running (their KV is
    /// lost with the replica) and waiting, in order; the prefix cache is lost too.
    public mutating func evacuate() -> (running: [InferenceRequest], waiting: [InferenceRequest]) {
        let lost = (running.map(\.request), waitingQueue.elements.map(\.request))
        running = []
        waitingQueue = SequenceQueue()
        usedBlocks = 0
        if let cache = prefixCache { prefixCache = PrefixCache(capacityBlocks: cache.capacityBlocks, blockTokens: cache.blockTokens) }
        return lost
    }

    /// Sequences waiting or running: how vLLM picks the virtual engine a new request joins.
    public var unfinishedCount: Int { running.count + waitingQueue.count }

    /// Requests waiting for admission, head first.
    public var waiting: [ServingSequence] { waitingQueue.elements }
    /// How many requests wait. O(1).
    public var waitingCount: Int { waitingQueue.count }
    /// KV blocks not held by anyone.
    public var freeBlocks: Int { kvCapacityBlocks - usedBlocks }
    /// Whether nothing is waiting or running.
    public var isIdle: Bool { running.isEmpty && waitingQueue.isEmpty }

    /// Adds an arriving request at the tail of the waiting queue. Amortised O(1).
    public mutating func enqueue(_ request: InferenceRequest) {
        waitingQueue.append(ServingSequence(request))
    }

    /// Adds a request whose prompt KV was computed on another replica and transferred here
    /// (prefill/decode disaggregation): it holds its prompt's KV, has emitted its first token,
    /// and joins the batch as a decode when admitted. Amortised O(1).
    /// - Precondition: the request has more than one output token (one token is done at prefill).
    public mutating func enqueueTransferred(_ request: InferenceRequest) {
        precondition(request.outputTokens > 1, "a one-token request finishes on its prefill replica")
        var sequence = ServingSequence(request)
        sequence.computedTokens = request.promptTokens
        sequence.generatedTokens = 1
        waitingQueue.append(sequence)
    }

    func blocks(forTokens tokens: Int) -> Int { (tokens + kvBlockTokens - 1) / kvBlockTokens }

    /// Forms the next iteration's batch, admitting and preempting as described on the type.
    /// O(running + admitted).
    public mutating func formBatch() -> IterationBatch {
        var batch = IterationBatch()
        batch.entries.reserveCapacity(min(running.count + 16, policy.maxBatchSize))
        var budget = policy.tokenBudget
        let chunkLimit = policy.prefillChunkSize ?? Int.max
        let mayAdmit = policy.isContinuous || running.isEmpty
        if policy.schedule == .prefillFirst && mayAdmit {
            admit(into: &batch, budget: &budget)
            if !batch.entries.isEmpty { return batch }
        }

        // Fields are read and written in place: a `ServingSequence` holds its request's block
        // hashes, and copying one out and back costs reference counting on every step.
        var slot = 0
        while slot < running.count && budget > 0 {
            let computed = running[slot].computedTokens
            let step: IterationBatch.Step
            let tokensAfter: Int
            if running[slot].isPrefilling {
                let remaining = running[slot].prefillTarget - computed
                var chunk = min(remaining, chunkLimit)
                if chunk > budget {
                    // Unchunked prompts may overrun the budget only when they run alone.
                    guard policy.prefillChunkSize != nil || batch.entries.isEmpty else { slot += 1; continue }
                    if policy.prefillChunkSize != nil { chunk = budget }
                }
                step = .prefill(tokens: chunk, priorContext: computed)
                tokensAfter = computed + chunk
            } else {
                step = .decode(context: computed)
                tokensAfter = computed + 1
            }
            let needed = blocks(forTokens: tokensAfter) - running[slot].kvBlocks
            if needed > freeBlocks {
                // Only `recompute` gets here: `wait` reserved every block at admission.
                if !preemptNewest(until: needed, sparing: slot, into: &batch) {
                    batch.preempted.append(preempt(at: slot))
                    break  // the request itself was the newest: nothing after it remains
                }
            }
            if needed > 0 {
                running[slot].kvBlocks += needed
                usedBlocks += needed
            }
            add(step, for: running[slot].id, slot: slot, to: &batch, budget: &budget)
            slot += 1
        }

        if policy.schedule == .mixed && mayAdmit {
            admit(into: &batch, budget: &budget)
        }
        return batch
    }

    /// Preempts running requests from the newest back until `needed` blocks are free, never
    /// touching `sparing` or anything before it. Returns false if that is not enough.
    private mutating func preemptNewest(until needed: Int, sparing: Int, into batch: inout IterationBatch) -> Bool {
        while needed > freeBlocks {
            guard running.count - 1 > sparing else { return false }
            batch.preempted.append(preempt(at: running.count - 1))
        }
        return true
    }

    /// Removes the running request at `slot`, frees its KV and puts it back at the head of the
    /// waiting queue to be recomputed.
    private mutating func preempt(at slot: Int) -> ServingSequence {
        var victim = running.remove(at: slot)
        usedBlocks -= victim.kvBlocks
        victim.kvBlocks = 0
        victim.computedTokens = 0
        victim.prefillTarget = victim.request.promptTokens + victim.generatedTokens
        victim.preemptions += 1
        waitingQueue.prepend(victim)
        return victim
    }

    private mutating func admit(into batch: inout IterationBatch, budget: inout Int) {
        let chunkLimit = policy.prefillChunkSize ?? Int.max
        while budget > 0, running.count < policy.maxBatchSize, var sequence = waitingQueue.first {
            if sequence.computedTokens > 0 {
                // Transferred KV (only `enqueueTransferred` queues a sequence holding KV).
                let whole = blocks(forTokens: sequence.request.promptTokens + sequence.request.outputTokens)
                if whole > kvCapacityBlocks {
                    batch.rejected.append(waitingQueue.removeFirst().request)
                    continue
                }
                let footprint = policy.preemption == .wait ? whole : blocks(forTokens: sequence.computedTokens + 1)
                guard footprint <= freeBlocks else { return }
                _ = waitingQueue.removeFirst()
                sequence.kvBlocks = footprint
                usedBlocks += footprint
                running.append(sequence)
                batch.admitted.append(sequence.id)
                add(.decode(context: sequence.computedTokens), for: sequence.id, slot: running.count - 1, to: &batch, budget: &budget)
                continue
            }
            let isFirstAdmission = sequence.generatedTokens == 0 && sequence.preemptions == 0
            let request = sequence.request
            let cached = isFirstAdmission
                ? (prefixCache?.cachedTokens(blocks: request.prefixBlocks, promptTokens: request.promptTokens) ?? 0)
                : 0
            let remaining = sequence.prefillTarget - cached
            var chunk = min(remaining, chunkLimit)
            if chunk > budget {
                if policy.prefillChunkSize != nil {
                    chunk = budget
                } else if !batch.entries.isEmpty {
                    return
                }
            }
            let footprint = policy.preemption == .wait
                ? blocks(forTokens: request.promptTokens + request.outputTokens)
                : blocks(forTokens: cached + chunk)
            // A request whose full context cannot fit even alone would be preempted forever.
            if blocks(forTokens: request.promptTokens + request.outputTokens) > kvCapacityBlocks {
                batch.rejected.append(waitingQueue.removeFirst().request)
                continue
            }
            guard footprint <= freeBlocks else { return }

            _ = waitingQueue.removeFirst()
            if isFirstAdmission, prefixCache != nil {
                sequence.cachedPrefixTokens = prefixCache!.lookup(blocks: request.prefixBlocks,
                                                                  promptTokens: request.promptTokens)
            }
            sequence.computedTokens = cached
            sequence.kvBlocks = footprint
            usedBlocks += footprint
            running.append(sequence)
            batch.admitted.append(sequence.id)
            add(.prefill(tokens: chunk, priorContext: cached), for: sequence.id, slot: running.count - 1,
                to: &batch, budget: &budget)
        }
    }

    private func add(_ step: IterationBatch.Step, for id: RequestID, slot: Int,
                     to batch: inout IterationBatch, budget: inout Int) {
        batch.entries.append(IterationBatch.Entry(id: id, step: step, slot: slot))
        switch step {
        case .decode(let context):
            batch.workload.addDecode(context: context)
            budget -= 1
        case .prefill(let tokens, let prior):
            batch.workload.addPrefill(tokens: tokens, priorContext: prior)
            budget -= tokens
        }
    }

    /// Applies a finished iteration: advances every request in `batch`, emits tokens, releases
    /// finished requests (and their KV) and caches completed prompts' blocks. `batch` must be the
    /// last one `formBatch()` returned; only `enqueue` may run in between. O(running).
    public mutating func complete(_ batch: IterationBatch) -> IterationOutcome {
        var outcome = IterationOutcome()
        var anyFinished = false
        var cached: [[UInt64]] = []
        running.withUnsafeMutableBufferPointer { running in
            for entry in batch.entries {
                assert(running[entry.slot].id == entry.id, "complete(_:) got a batch that is not the current one")
                switch entry.step {
                case .decode:
                    running[entry.slot].computedTokens += 1
                    running[entry.slot].generatedTokens += 1
                    outcome.generatedTokens += 1
                case .prefill(let tokens, _):
                    running[entry.slot].computedTokens += tokens
                    outcome.prefilledTokens += tokens
                    if !running[entry.slot].isPrefilling {
                        if running[entry.slot].generatedTokens == 0 {
                            outcome.firstTokens.append(entry.id)
                            if prefixCache != nil && !running[entry.slot].request.prefixBlocks.isEmpty {
                                cached.append(running[entry.slot].request.prefixBlocks)
                            }
                        }
                        running[entry.slot].generatedTokens += 1
                        outcome.generatedTokens += 1
                    }
                }
                if running[entry.slot].isFinished { anyFinished = true }
            }
        }
        for blocks in cached { prefixCache!.insert(blocks: blocks) }
        if anyFinished {
            for sequence in running where sequence.isFinished {
                usedBlocks -= sequence.kvBlocks
                outcome.finished.append(sequence)
            }
            running.removeAll { $0.isFinished }
        }
        return outcome
    }

    /// Traps if the block ledger or the batch limits are broken. Debug builds only.
    public func checkInvariants() {
        #if DEBUG
        precondition(usedBlocks == running.reduce(0) { $0 + $1.kvBlocks }, "KV block ledger out of balance")
        precondition(usedBlocks <= kvCapacityBlocks, "KV blocks over capacity")
        precondition(running.count <= policy.maxBatchSize, "more running requests than maxBatchSize")
        for s in running { precondition(blocks(forTokens: s.computedTokens) <= s.kvBlocks, "\(s.id) holds KV without blocks") }
        prefixCache?.checkInvariants()
        #endif
    }
}

/// What one completed iteration produced.
public struct IterationOutcome: Hashable, Sendable {
    /// Requests that emitted their first token (time to first token ends here).
    public var firstTokens: [RequestID] = []
    /// Requests that emitted their last token, removed from the replica.
    public var finished: [ServingSequence] = []
    /// Output tokens emitted (decodes + prefills that completed a prompt).
    public var generatedTokens = 0
    /// Prefill tokens computed.
    public var prefilledTokens = 0

    public init() {}
}
