import Fleet

/// What one chip must hold to train: the model state, sharded by the parallelism, and the
/// activations of the micro-batches in flight.
///
/// **Model state** (mixed-precision Adam; Rajbhandari et al. 2020 §3.1): 16-bit weights (2 B),
/// 16-bit gradients (2 B) and the optimizer's FP32 master weights, momentum and variance
/// (4 + 4 + 4 = 12 B): 16 bytes per parameter. ZeRO stage 1 divides the 12 by the
/// data-parallel degree, stage 2 also the gradients, stage 3 also the weights.
///
/// **Sharding.** Shared (non-expert) weights split over tensor × pipeline and, for ZeRO, over
/// the data-parallel ranks. Routed-expert weights split over tensor × pipeline × expert, and
/// ZeRO shards them over the data ranks that hold the same experts (data / expert). With
/// hybrid sharding, `shardGroup` replaces `data` in both.
/// Embedding and output-layer imbalance between stages is ignored.
public struct MemoryFootprint: Hashable, Sendable {
    public var weights: Bytes
    public var gradients: Bytes
    public var optimizer: Bytes
    public var activations: Bytes

    public init(weights: Bytes, gradients: Bytes, optimizer: Bytes, activations: Bytes) {
        self.weights = weights
        self.gradients = gradients
        self.optimizer = optimizer
        self.activations = activations
    }

    public var total: Bytes { weights + gradients + optimizer + activations }

    public static let weightBytesPerParameter = 2.0
    public static let gradientBytesPerParameter = 2.0
    public static let optimizerBytesPerParameter = 12.0

    /// The per-chip footprint of `job`.
    public static func of(_ job: TrainingJob) -> MemoryFootprint {
        let p = job.parallelism
        let model = job.model
        let modelParallel = Double(p.tensor * p.pipeline)
        let shared = model.sharedParameters / modelParallel
        let experts = model.expertParameters / (modelParallel * Double(p.expert))
        let dataShards = Double(p.shardGroup)
        let expertDataShards = Double(max(1, p.shardGroup / p.expert))
        func state(_ bytesPerParameter: Double, shardedFrom stage: ZeROStage) -> Bytes {
            let sharded = p.zeroStage >= stage
            let perChip = shared / (sharded ? dataShards : 1) + experts / (sharded ? expertDataShards : 1)
            return Bytes(perChip * bytesPerParameter)
        }
        return MemoryFootprint(
            weights: state(weightBytesPerParameter, shardedFrom: .weights),
            gradients: state(gradientBytesPerParameter, shardedFrom: .gradients),
            optimizer: state(optimizerBytesPerParameter, shardedFrom: .optimizer),
            activations: ActivationMemory.peak(model: model, sequenceLength: job.sequenceLength,
                                               parallelism: p, microBatches: job.microBatchesPerStep))
    }

    /// Nil when `job` fits in `spec`'s HBM, else the shortfall naming each part.
    public static func shortfall(_ job: TrainingJob, on spec: AcceleratorSpec) -> MemoryShortfall? {
        let footprint = of(job)
        let hbm = spec.hbmCapacity.value
        return footprint.total > hbm ? MemoryShortfall(footprint: footprint, available: hbm, accelerator: spec.id.rawValue) : nil
    }
}
