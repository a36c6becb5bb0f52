import Fleet

/// The time of one optimizer step of a training job on an allocation (DESIGN.md "Training
/// job"): compute + exposed communication + pipeline bubble (+ evaluation), term by term.
///
/// **Compute** (per micro-batch on one chip; `computePerMicroBatch`): the linear-layer FLOPs at
/// the job's precision, the attention core in BF16, each at the `ComputeEfficiency` fraction of
/// peak for its per-chip GEMM shape, plus the memory-bound traffic of the activations the layers
/// produce: κ × `ActivationMemory.perLayer` bytes over HBM bandwidth, κ = 2 (written forward,
/// read backward; 3 with full recomputation, which writes them again). The step runs at the
/// pace of the busiest stage, which holds ⌈L/(p·v)⌉·v whole layers
/// (`TrainingParallelism.layersOnBusiestStage`); the embedding and output layers are spread
/// evenly with the rest.
///
/// **Communication** (`CollectiveCost` on each group's `GroupRoute`), per micro-batch:
/// tensor parallel 4 all-reduces per layer (2 forward, 2 backward; +2 with full recomputation)
/// of s·b·h 16-bit values; expert parallel 4 all-to-alls per layer (dispatch and combine,
/// forward and backward) of s·b·k·h/t values; pipeline 2·v point-to-point sends per stage of
/// s·b·h/t values (Megatron's scatter-gather over the tensor group). Per step: the gradient
/// all-reduce (ZeRO 0–2: reduce-scatter + all-gather, the same volume) of 2 bytes per local
/// parameter over the data group; ZeRO-3 instead gathers weights twice and reduce-scatters
/// gradients every micro-batch within the shard group, then all-reduces the shard across replicas.
/// Each class is exposed per `CommunicationOverlap.exposed` against its window.
///
/// **Bubble**: (p − 1)/v micro-batch times (`PipelineBubble`), each micro-batch time counting
/// its exposed tensor, expert and pipeline communication.
///
/// **Rank order** (which ranks share a scale-up unit): GPUs and Trainium follow Megatron —
/// tensor fastest, then data, then pipeline; TPUs tensor, pipeline, then data, so that data
/// parallelism is the dimension that crosses slices over DCN (MaxText/Pax multislice).
public enum StepTime {
    /// Activation bytes moved through HBM per byte produced (see the type's documentation).
    public static let activationTrafficFactor = 2.0

    /// The step on `allocation`. `scaleOutBandwidthShare` is the per-chip, per-direction
    /// scale-out (NIC / EFA / DCN) bandwidth this job gets — the simulation passes the max-min
    /// fair share of contended links; nil means the catalog's full per-chip rate.
    /// `checksMemory: false` skips the HBM check, for what-if estimates of jobs that save
    /// memory in ways `MemoryFootprint` does not represent (FP8 activation caching, offload).
    public static func estimate(_ job: TrainingJob, on allocation: TrainingAllocation,
                                scaleOutBandwidthShare: BytesPerSecond? = nil,
                                checksMemory: Bool = true) throws(StepTimeError) -> StepTimeBreakdown {
        let issues = job.issues()
        guard issues.isEmpty else { throw .invalidJob(issues) }
        let p = job.parallelism
        guard p.chips == allocation.chips else { throw .chipCountMismatch(job: p.chips, allocation: allocation.chips) }
        let spec = allocation.spec
        guard let peak = job.precision.peak(on: spec) else { throw .unsupportedPrecision(job.precision, accelerator: spec.id) }
        if checksMemory, let shortfall = MemoryFootprint.shortfall(job, on: spec) { throw .doesNotFit(shortfall) }

        let model = job.model
        let m = job.microBatchesPerStep
        let (computeMB, gemmEfficiency) = computePerMicroBatch(job, spec: spec, peak: peak)
        let routes = Routes(job: job, allocation: allocation, share: scaleOutBandwidthShare)

        let s = Double(job.sequenceLength), b = Double(p.microBatchSize), h = Double(model.hiddenSize)
        let t = Double(p.tensor)
        let layersPerStage = p.layersOnBusiestStage(of: model.layers)
        let collectivesPerLayer = p.recomputation == .full ? 6.0 : 4.0
        let activation = Bytes(s * b * h * 2)

        let tensorMB = p.tensor > 1 ? layersPerStage * collectivesPerLayer * routes.tensor.allReduce(activation) : 0
        var expertMB = 0.0
        if p.expert > 1 && model.isMixtureOfExperts {
            let dispatched = Bytes(s * b * Double(model.expertsPerToken) * h * 2 / t)
            expertMB = layersPerStage * collectivesPerLayer * routes.expert.allToAll(dispatched)
        }
        var pipelineMB = 0.0
        if p.pipeline > 1 {
            let channel = routes.pipelineNeighbour
            pipelineMB = 2 * Double(p.virtualStages) * CollectiveCost.pointToPoint(activation / t, over: channel)
        }
        let o = job.overlap
        let exposedTensorMB = CommunicationOverlap.exposed(tensorMB, window: computeMB, fraction: o.tensorParallel)
        let exposedExpertMB = CommunicationOverlap.exposed(expertMB, window: computeMB, fraction: o.expert)
        let exposedPipelineMB = CommunicationOverlap.exposed(pipelineMB, window: computeMB, fraction: o.pipeline)

        let (rawData, exposedData) = dataParallel(job, routes: routes, computePerMicroBatch: computeMB)

        let microBatchTime = computeMB + exposedTensorMB + exposedExpertMB + exposedPipelineMB
        let bubble = PipelineBubble.idleMicroBatches(stages: p.pipeline, virtualStages: p.virtualStages) * microBatchTime
        let mm = Double(m)
        let training = mm * microBatchTime + exposedData + bubble
        let modelPerToken = TrainingFLOPs.model(model, sequenceLength: job.sequenceLength).total
        let hardwarePerToken = TrainingFLOPs.hardware(model, sequenceLength: job.sequenceLength,
                                                      recomputation: p.recomputation).total
        return StepTimeBreakdown(
            compute: mm * computeMB, tensorParallel: mm * exposedTensorMB, expertParallel: mm * exposedExpertMB,
            pipelineSends: mm * exposedPipelineMB, dataParallel: exposedData, bubble: bubble,
            evaluation: job.evaluationOverhead * training,
            rawTensorParallel: mm * tensorMB, rawExpertParallel: mm * expertMB, rawPipelineSends: mm * pipelineMB,
            rawDataParallel: rawData, chips: p.chips, tokensPerStep: job.tokensPerStep,
            modelFLOPs: modelPerToken * job.tokensPerStep, hardwareFLOPs: hardwarePerToken * job.tokensPerStep,
            peak: peak, gemmEfficiency: gemmEfficiency, memory: MemoryFootprint.of(job))
    }

    /// Seconds one chip computes on one micro-batch, and the efficiency its dense GEMM reaches.
    ///
    /// Per chip the work is 1/(t·p) of the micro-batch's hardware FLOPs. Efficiencies come from
    /// the GEMM shapes: shared layers m = b·s tokens, k = h, n = 4h/t; experts m = b·s·k·EP/E
    /// tokens per local expert, n = expert width / t; attention core m = n = s, k = head width,
    /// in BF16, its score matrix written to HBM unless the kernel is fused.
    public static func computePerMicroBatch(_ job: TrainingJob, spec: AcceleratorSpec,
                                            peak: FlopsPerSecond) -> (seconds: Double, gemmEfficiency: Double) {
        let p = job.parallelism
        let model = job.model
        let s = Double(job.sequenceLength), b = Double(p.microBatchSize), h = Double(model.hiddenSize)
        let t = Double(p.tensor)
        // Linear-layer GEMMs run at the job's precision; the attention core stays in BF16. A job's
        // own ceiling replaces the platform's for its precision and scales the BF16 one alike.
        let calibrated = ComputeEfficiency.ceiling(for: spec.platform, precision: job.precision)
        let scale = job.efficiencyOverride[spec.platform].map { $0 / calibrated } ?? 1
        let efficiency = ComputeEfficiency(ceiling: calibrated * scale)
        let bf16Efficiency = ComputeEfficiency(ceiling: min(1, ComputeEfficiency.ceiling(for: spec.platform) * scale))
        let hbm = spec.hbmBandwidth.value.value
        let ridge = peak.value / hbm
        let bf16 = spec.peakBF16.value.value
        let bytes = job.precision.bytesPerElement

        let flops = TrainingFLOPs.hardware(model, sequenceLength: job.sequenceLength, recomputation: p.recomputation)
        // The busiest stage's share of the layers (1/p when p·v divides L).
        let perChip = b * s / t * p.layersOnBusiestStage(of: model.layers) / Double(model.layers)
        let expertShare = model.isMixtureOfExperts
            ? Double(model.expertsPerToken) * model.parametersPerExpert / model.activeParameters : 0

        let denseIntensity = ComputeEfficiency.gemmIntensity(m: b * s, k: h, n: 4 * h / t, bytesPerElement: bytes)
        let denseFraction = efficiency.fraction(intensity: denseIntensity, ridge: ridge)
        var seconds = flops.linear * (1 - expertShare) * perChip / (denseFraction * peak.value)
        if expertShare > 0 {
            let tokensPerExpert = b * s * Double(model.expertsPerToken) * Double(p.expert) / Double(model.experts)
            let intensity = ComputeEfficiency.gemmIntensity(m: tokensPerExpert, k: h, n: model.feedForwardWidth / t,
                                                            bytesPerElement: bytes)
            seconds += flops.linear * expertShare * perChip / (efficiency.fraction(intensity: intensity, ridge: ridge) * peak.value)
        }
        let attentionIntensity = ComputeEfficiency.gemmIntensity(m: s, k: Double(model.headDim), n: s, bytesPerElement: 2,
                                                                 writesOutput: !p.isAttentionFused)
        let attentionFraction = bf16Efficiency.fraction(intensity: attentionIntensity, ridge: bf16 / hbm)
        seconds += flops.attention * perChip / (attentionFraction * bf16)

        let produced = ActivationMemory.perLayer(model: model, sequenceLength: job.sequenceLength, microBatch: p.microBatchSize,
                                                 tensor: p.tensor, isSequenceParallel: p.isSequenceParallel,
                                                 includesScores: !p.isAttentionFused)
        let traffic = activationTrafficFactor + (p.recomputation == .full ? 1 : 0)
        seconds += produced.value * traffic * p.layersOnBusiestStage(of: model.layers) / hbm
        return (seconds, denseFraction)
    }

    /// Gradient (and, for ZeRO-3, weight) collectives per step: (raw, exposed) seconds.
    static func dataParallel(_ job: TrainingJob, routes: Routes, computePerMicroBatch computeMB: Double) -> (Double, Double) {
        let p = job.parallelism
        let model = job.model
        let modelParallel = Double(p.tensor * p.pipeline)
        let sharedGradients = Bytes(model.sharedParameters / modelParallel * MemoryFootprint.gradientBytesPerParameter)
        let expertGradients = Bytes(model.expertParameters / (modelParallel * Double(p.expert))
                                    * MemoryFootprint.gradientBytesPerParameter)
        let m = Double(job.microBatchesPerStep)
        let backwardWindow = computeMB * 2 / 3
        let fraction = job.overlap.dataParallel
        if p.zeroStage == .weights {
            let perMicroBatch = 3 * routes.shard.reduceScatter(sharedGradients + expertGradients)
            let replicas = p.data / p.shardGroup > 1 ? routes.replica.allReduce((sharedGradients + expertGradients) / Double(p.shardGroup)) : 0
            let exposed = m * CommunicationOverlap.exposed(perMicroBatch, window: computeMB, fraction: fraction)
                + CommunicationOverlap.exposed(replicas, window: backwardWindow, fraction: fraction)
            return (m * perMicroBatch + replicas, exposed)
        }
        var raw = p.data > 1 ? routes.data.allReduce(sharedGradients) : 0
        if model.isMixtureOfExperts && p.data / p.expert > 1 {
            raw += routes.expertData.allReduce(expertGradients)
        }
        return (raw, CommunicationOverlap.exposed(raw, window: backwardWindow, fraction: fraction))
    }
}

/// The route of every parallel group of one job on one allocation (see `StepTime`'s rank order).
struct Routes {
    var tensor: GroupRoute
    var data: GroupRoute
    var expert: GroupRoute
    var expertData: GroupRoute
    var shard: GroupRoute
    var replica: GroupRoute
    var pipeline: GroupRoute

    init(job: TrainingJob, allocation: TrainingAllocation, share: BytesPerSecond?) {
        let p = job.parallelism
        let remote = allocation.scaleOutChannel(share: share)
        let isTPU = allocation.spec.platform == .tpu
        let dataStride = isTPU ? p.tensor * p.pipeline : p.tensor
        let pipelineStride = isTPU ? p.tensor : p.tensor * p.data
        func route(_ size: Int, _ stride: Int) -> GroupRoute {
            GroupRoute(size: size, stride: stride, allocation: allocation, remoteChannel: remote)
        }
        tensor = route(p.tensor, 1)
        data = route(p.data, dataStride)
        expert = route(p.expert, dataStride)
        expertData = route(max(1, p.data / p.expert), dataStride * p.expert)
        shard = route(p.shardGroup, dataStride)
        replica = route(max(1, p.data / p.shardGroup), dataStride * p.shardGroup)
        pipeline = route(p.pipeline, pipelineStride)
        isPipelineLocal = pipeline.local.ranks > 1
        localNeighbour = isTPU ? allocation.iciLinkChannel : allocation.scaleUpChannel
        remoteNeighbour = remote
    }

    private var isPipelineLocal: Bool
    private var localNeighbour: CollectiveChannel
    private var remoteNeighbour: CollectiveChannel

    /// The channel between adjacent pipeline stages: one scale-up link when they share a unit,
    /// else the scale-out path.
    var pipelineNeighbour: CollectiveChannel { isPipelineLocal ? localNeighbour : remoteNeighbour }
}
