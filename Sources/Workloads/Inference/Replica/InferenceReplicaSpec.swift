import Fleet

/// One inference replica: the model, the formats it is served in, how it is split over chips,
/// how it batches, and its KV and prefix caches. A service runs many identical replicas.
public struct InferenceReplicaSpec: Hashable, Sendable {
    public var model: ModelShape
    public var precision: InferencePrecision
    public var parallelism: ReplicaParallelism
    public var batching: BatchingPolicy
    /// Tokens per paged KV-cache block (vLLM's default is 16).
    public var kvBlockTokens: Int
    /// The prefix cache, or nil when prompts are always prefilled in full.
    public var prefixCache: PrefixCacheConfiguration?
    /// Share of each chip's HBM the engine may use (vLLM's `gpu_memory_utilization`, default
    /// 0.9): the rest is left to the runtime, CUDA graphs and fragmentation.
    public var usableMemoryFraction: Double
    /// Peak activation memory per chip, reserved before the KV cache is sized (vLLM measures it
    /// with a profiling pass at the full token budget). 2 GB is our estimate for a 70B model at
    /// an 8K token budget with TP ≥ 2 — not a measured figure; override per scenario.
    public var activationWorkspacePerChip: Bytes

    /// - Precondition: `kvBlockTokens > 0`, `0 < usableMemoryFraction ≤ 1`, workspace ≥ 0.
    public init(model: ModelShape, precision: InferencePrecision = .bf16,
                parallelism: ReplicaParallelism, batching: BatchingPolicy = BatchingPolicy(),
                kvBlockTokens: Int = 16, prefixCache: PrefixCacheConfiguration? = nil,
                usableMemoryFraction: Double = 0.9, activationWorkspacePerChip: Bytes = .gigabytes(2)) {
        precondition(kvBlockTokens > 0, "kvBlockTokens must be positive (got \(kvBlockTokens))")
        precondition(usableMemoryFraction > 0 && usableMemoryFraction <= 1,
                     "usableMemoryFraction must be in (0, 1] (got \(usableMemoryFraction))")
        precondition(activationWorkspacePerChip.value >= 0, "activation workspace must be ≥ 0")
        self.model = model
        self.precision = precision
        self.parallelism = parallelism
        self.batching = batching
        self.kvBlockTokens = kvBlockTokens
        self.prefixCache = prefixCache
        self.usableMemoryFraction = usableMemoryFraction
        self.activationWorkspacePerChip = activationWorkspacePerChip
    }

    /// Chips one replica occupies.
    public var chips: Int { parallelism.chips }
}

/// Size and granularity of a replica's prefix cache (LRU over prompt-block hashes).
public struct PrefixCacheConfiguration: Hashable, Sendable {
    /// Blocks the cache holds before it evicts the least recently used.
    public var capacityBlocks: Int
    /// Prompt tokens per hashed block (Mooncake traces hash 512-token blocks).
    public var blockTokens: Int

    /// - Precondition: both are positive.
    public init(capacityBlocks: Int, blockTokens: Int) {
        precondition(capacityBlocks > 0 && blockTokens > 0, "prefix cache needs positive capacity and block size")
        self.capacityBlocks = capacityBlocks
        self.blockTokens = blockTokens
    }

    /// A cache holding `tokens` prompt tokens, rounded down to whole blocks.
    public init(capacityTokens: Int, blockTokens: Int) {
        self.init(capacityBlocks: max(1, capacityTokens / blockTokens), blockTokens: blockTokens)
    }
}
