/// How a training job splits its model and batch over chips (Megatron-LM "PTD-P" terms,
/// Narayanan et al. 2021, arXiv 2104.04473).
///
/// chips = data × tensor × pipeline. Expert parallelism is carved out of the data-parallel
/// ranks (as in Megatron-Core and DeepSeek-V3): the `expert` ranks of one group hold different
/// experts and exchange tokens by all-to-all, so `expert` must divide `data`. Rank order is
/// tensor fastest, then data, then pipeline: a tensor group sits inside one scale-up domain
/// when it fits, and neighbouring data ranks share a domain when the tensor group is smaller.
public struct TrainingParallelism: Hashable, Sendable, Codable {
    /// Data-parallel replicas (including the ranks sharded by ZeRO / FSDP).
    public var data: Int
    /// Tensor (intra-layer) parallel degree.
    public var tensor: Int
    /// Pipeline stages.
    public var pipeline: Int
    /// Expert-parallel degree (1 for a dense model).
    public var expert: Int
    public var zeroStage: ZeROStage
    /// Sequences per micro-batch on one data-parallel rank.
    public var microBatchSize: Int
    /// Model chunks per pipeline stage in the interleaved 1F1B schedule (1 = plain 1F1B).
    public var virtualStages: Int
    public var recomputation: ActivationRecomputation
    /// Megatron sequence parallelism: layer norms and dropout are split over the tensor group
    /// too, so their activations shrink by `tensor` (Korthikanti et al. 2022 §4.2.2).
    public var isSequenceParallel: Bool
    /// Attention computed by a fused kernel (FlashAttention or the TPU's fused attention): the
    /// a·s² score matrix never reaches HBM.
    public var isAttentionFused: Bool
    /// Hybrid sharding (PyTorch HSDP, TPU multislice FSDP): ZeRO shards within groups of this
    /// many data ranks and replicates across groups; nil shards over all `data` ranks.
    public var zeroShardGroup: Int?

    public init(data: Int, tensor: Int = 1, pipeline: Int = 1, expert: Int = 1,
                zeroStage: ZeROStage = .none, zeroShardGroup: Int? = nil, microBatchSize: Int = 1,
                virtualStages: Int = 1, recomputation: ActivationRecomputation = .none,
                isSequenceParallel: Bool = false, isAttentionFused: Bool = false) {
        self.data = data
        self.tensor = tensor
        self.pipeline = pipeline
        self.expert = expert
        self.zeroStage = zeroStage
        self.microBatchSize = microBatchSize
        self.virtualStages = virtualStages
        self.recomputation = recomputation
        self.isSequenceParallel = isSequenceParallel
        self.isAttentionFused = isAttentionFused
        self.zeroShardGroup = zeroShardGroup
    }

    /// Data ranks one ZeRO shard spans: `zeroShardGroup`, or all of `data`.
    public var shardGroup: Int { zeroShardGroup ?? data }

    /// data × tensor × pipeline.
    public var chips: Int { data * tensor * pipeline }

    /// Layers on the busiest pipeline stage: ⌈L/(p·v)⌉·v. Layers are whole, so when p·v does not
    /// divide L some stage carries a layer more than L/p, and a pipeline runs at the pace of its
    /// slowest stage (DeepSeek-V3: 61 layers on 16 stages → 4, not 3.81). Equals L/p when p·v
    /// divides L, as Megatron requires.
    public func layersOnBusiestStage(of layers: Int) -> Double {
        let chunks = pipeline * virtualStages
        return Double((layers + chunks - 1) / chunks * virtualStages)
    }

    /// Every inconsistency with `model` and `globalBatch`, as messages with the field name;
    /// empty when the plan is usable.
    public func issues(model: ModelShape, globalBatch: Int) -> [String] {
        var out: [String] = []
        for (name, v) in [("data", data), ("tensor", tensor), ("pipeline", pipeline), ("expert", expert),
                          ("micro_batch_size", microBatchSize), ("virtual_stages", virtualStages)] where v < 1 {
            out.append("parallelism.\(name): must be at least 1 (got \(v))")
        }
        guard out.isEmpty else { return out }
        if data % expert != 0 {
            out.append("parallelism.expert: \(expert) must divide data \(data) (experts are spread over data ranks)")
        }
        if expert > 1 && model.experts % expert != 0 {
            out.append("parallelism.expert: \(expert) must divide the model's \(model.experts) experts")
        }
        if let g = zeroShardGroup, g < 1 || data % g != 0 {
            out.append("parallelism.zero_shard_group: \(g) must divide data \(data)")
        }
        if pipeline * virtualStages > model.layers {
            out.append("parallelism.pipeline: \(pipeline) stages × \(virtualStages) virtual stages exceed \(model.layers) layers")
        }
        if model.attentionHeads % tensor != 0 {
            out.append("parallelism.tensor: \(tensor) must divide \(model.attentionHeads) attention heads")
        }
        if globalBatch % (data * microBatchSize) != 0 {
            out.append("global_batch: \(globalBatch) sequences is not a multiple of data \(data) × micro_batch_size \(microBatchSize)")
        }
        return out
    }
}
