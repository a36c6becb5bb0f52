import Fleet
import SimKernel

/// The roofline iteration time of one replica on one accelerator.
///
/// For an iteration with `d` decode and `p` prefill tokens (see `IterationWorkload`):
///
///     FLOPs  = 2 · N_active · (d + p) + 4 · layers · (heads · headDim) · (Σ decode context + Σ prefill positions)
///     bytes  = weights + (Σ decode context + Σ prefill prior context) · KV/token + (d + p) · KV/token
///     t      = max(FLOPs / (n · peak · e_c), bytes / (n · HBM · e_m)) + t_comm + t_overhead
///
/// with n = chips per pipeline stage: t is the latency of one batch through every stage (the
/// weights of every stage are read within it, but only one stage's chips work on the batch at a
/// time). Communication is α–β on the scale-up links, one direction being half the catalog's
/// bidirectional figure: 2 all-reduces per layer of (d + p) · hidden · 2 bytes with a ring cost
/// α + 2(TP−1)/TP · size / (link · e_l); PP−1 stage-to-stage sends of the same payload; and for
/// MoE with EP > 1, 2 all-to-alls per layer moving (EP−1)/EP of it. Nothing overlaps (vLLM does
/// not overlap tensor-parallel collectives with compute).
///
/// **Pipeline stages.** With PP = k the batch's work splits evenly over the stages: one stage
/// takes `stage` = (max(compute, memory) + per-layer collectives) / k, each hop a send, and
/// the overhead is paid once before the first stage, so t = overhead + k·stage + (k−1)·send.
/// A stage is free for the next batch after `stage`, which is what lets an engine keep k
/// batches in flight (vLLM's virtual engines; the simulation's `ReplicaPipeline`).
///
/// Simplifications, stated so a reader can judge them: the LM head is counted for every token
/// (it runs only on the last token of a prefill chunk), activations are not counted as HBM
/// traffic, and an MoE reads min(all weights, active weights × tokens) — every expert once the
/// batch is large enough to touch them all.
public struct ReplicaPerformanceModel: Hashable, Sendable {
    public let replica: InferenceReplicaSpec
    public let accelerator: AcceleratorSpec
    public let calibration: PlatformCalibration
    /// The replica's KV-cache arithmetic on this accelerator.
    public let kvCache: KVCacheBudget

    /// The model of `replica` on `accelerator`, calibrated for its platform family unless given.
    public init(replica: InferenceReplicaSpec, accelerator: AcceleratorSpec, calibration: PlatformCalibration? = nil) {
        self.replica = replica
        self.accelerator = accelerator
        self.calibration = calibration ?? .builtIn(for: accelerator.platform)
        self.kvCache = KVCacheBudget(replica: replica, accelerator: accelerator)
    }

    /// FLOPs of `work`.
    public func flops(_ work: IterationWorkload) -> Double {
        let model = replica.model
        let linear = 2 * model.activeParameters * Double(work.tokens)
        let attendedTokens = Double(work.decodeContextTokens) + work.prefillAttendedPositions
        let attention = 4 * Double(model.layers) * Double(model.attentionWidth) * attendedTokens
        return linear + attention
    }

    /// HBM bytes moved by `work`.
    public func bytes(_ work: IterationWorkload) -> Double {
        let model = replica.model
        let weightBytes = replica.precision.weights.bytesPerElement
        let weightsRead = model.isMixtureOfExperts
            ? min(model.parameters, model.activeParameters * Double(max(work.tokens, 1)))
            : model.parameters
        let kvPerToken = kvCache.bytesPerToken.value
        let kvRead = Double(work.decodeContextTokens + work.prefillContextTokens) * kvPerToken
        let kvWritten = Double(work.tokens) * kvPerToken
        return weightsRead * weightBytes + kvRead + kvWritten
    }

    /// Seconds of collectives for an iteration of `tokens` tokens: the per-layer collectives of
    /// every stage plus the PP − 1 stage-to-stage sends.
    public func communicationSeconds(tokens: Int) -> Double {
        layerCollectiveSeconds(tokens: tokens) + Double(replica.parallelism.pipeline - 1) * stageSendSeconds(tokens: tokens)
    }

    /// Tensor all-reduces and expert all-to-alls of all layers for `tokens` tokens.
    public func layerCollectiveSeconds(tokens: Int) -> Double {
        guard tokens > 0 else { return 0 }
        let p = replica.parallelism
        let model = replica.model
        let alpha = calibration.collectiveLatency.seconds
        let payload = activationPayload(tokens: tokens)
        var seconds = 0.0
        if p.tensor > 1 {
            let tp = Double(p.tensor)
            seconds += 2 * Double(model.layers) * (alpha + 2 * (tp - 1) / tp * payload / linkRate)
        }
        if p.expert > 1 && model.isMixtureOfExperts {
            let ep = Double(p.expert)
            seconds += 2 * Double(model.layers) * (alpha + (ep - 1) / ep * payload / linkRate)
        }
        return seconds
    }

    /// One stage-to-stage send of `tokens` tokens' activations (0 without pipeline stages).
    public func stageSendSeconds(tokens: Int) -> Double {
        guard tokens > 0, replica.parallelism.pipeline > 1 else { return 0 }
        return calibration.collectiveLatency.seconds + activationPayload(tokens: tokens) / linkRate
    }

    private func activationPayload(tokens: Int) -> Double {
        Double(tokens) * Double(replica.model.hiddenSize) * InferencePrecision.activationBytes
    }

    /// One direction of a scale-up link (half the catalog's bidirectional figure) at the link efficiency.
    private var linkRate: Double { accelerator.scaleUpBandwidth.value.value / 2 * calibration.linkEfficiency }

    /// The roofline time of `work`. An empty workload costs nothing.
    public func iterationTime(_ work: IterationWorkload) -> IterationTimeBreakdown {
        guard !work.isEmpty else {
            return IterationTimeBreakdown(flops: 0, bytes: 0, computeTime: .zero, memoryTime: .zero,
                                          communicationTime: .zero, overhead: .zero, total: .zero, stage: .zero, stageSend: .zero)
        }
        let n = Double(replica.parallelism.chipsPerStage)
        let f = flops(work)
        let b = bytes(work)
        let compute = f / (n * replica.precision.peakRate(on: accelerator).value * calibration.computeEfficiency)
        let memory = b / (n * accelerator.hbmBandwidth.value.value * calibration.bandwidthEfficiency)
        let collectives = layerCollectiveSeconds(tokens: work.tokens)
        let send = stageSendSeconds(tokens: work.tokens)
        let stages = Double(replica.parallelism.pipeline)
        let communication = collectives + (stages - 1) * send
        let overhead = calibration.iterationOverhead
        let total = max(compute, memory) + communication + overhead.seconds
        return IterationTimeBreakdown(
            flops: f, bytes: b,
            computeTime: SimDuration(secondsRoundingUp: compute),
            memoryTime: SimDuration(secondsRoundingUp: memory),
            communicationTime: SimDuration(secondsRoundingUp: communication),
            overhead: overhead,
            total: SimDuration(secondsRoundingUp: total),
            stage: SimDuration(secondsRoundingUp: (max(compute, memory) + collectives) / stages),
            stageSend: SimDuration(secondsRoundingUp: send))
    }
}
