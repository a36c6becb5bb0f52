import Fleet

/// The KV-cache arithmetic of one replica on one accelerator.
///
/// Bytes per token (whole replica) = 2 (K and V) · layers · kvHeads · headDim · bytes/element.
/// Each chip holds `layers / pipeline` layers and `max(1, kvHeads / tensor)` KV heads — when
/// tensor parallelism exceeds the KV heads, heads are replicated rather than split, so per-chip
/// bytes stop shrinking. Capacity in tokens =
/// (HBM · usable fraction − weights per chip − activation workspace) / bytes per token per chip.
public struct KVCacheBudget: Hashable, Sendable {
    /// KV bytes one token adds across the whole replica.
    public var bytesPerToken: Bytes
    /// KV bytes one token adds on each chip.
    public var bytesPerTokenPerChip: Bytes
    /// Weight bytes resident on each chip.
    public var weightsPerChip: Bytes
    /// HBM the engine may use per chip (capacity × usable fraction).
    public var usableMemoryPerChip: Bytes
    /// What is left per chip for the KV cache (negative when the weights do not fit).
    public var kvMemoryPerChip: Bytes
    /// Tokens of KV the replica can hold (0 when the weights do not fit).
    public var capacityTokens: Int
    /// Whole KV blocks the replica can hold.
    public var capacityBlocks: Int

    public init(replica: InferenceReplicaSpec, accelerator: AcceleratorSpec) {
        let model = replica.model
        let p = replica.parallelism
        let kvBytes = replica.precision.kvCache.bytesPerElement
        bytesPerToken = Bytes(2 * Double(model.layers * model.kvHeads * model.headDim) * kvBytes)
        // Every stage holds KV for the same tokens, so the stage with the most layers (⌈L/p⌉
        // when p does not divide L) sets the capacity.
        let layersPerChip = Double((model.layers + p.pipeline - 1) / p.pipeline)
        let kvHeadsPerChip = max(1, Double(model.kvHeads) / Double(p.tensor))
        bytesPerTokenPerChip = Bytes(2 * layersPerChip * kvHeadsPerChip * Double(model.headDim) * kvBytes)
        // Expert parallelism is assumed to split all weights evenly: exact for the experts that
        // dominate an MoE, slightly optimistic for the replicated attention layers.
        weightsPerChip = Bytes(model.parameters * replica.precision.weights.bytesPerElement / Double(p.chips))
        usableMemoryPerChip = accelerator.hbmCapacity.value * replica.usableMemoryFraction
        kvMemoryPerChip = usableMemoryPerChip - weightsPerChip - replica.activationWorkspacePerChip
        let tokens = kvMemoryPerChip.value / bytesPerTokenPerChip.value
        capacityTokens = tokens > 0 ? Int(tokens.rounded(.down)) : 0
        capacityBlocks = capacityTokens / replica.kvBlockTokens
    }

    /// Whether the weights and workspace leave room for any KV cache at all.
    public var fits: Bool { capacityTokens > 0 }
}
