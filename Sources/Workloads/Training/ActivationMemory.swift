import Fleet

/// Activation bytes of transformer layers, after Korthikanti et al. 2022 (arXiv 2205.05198, §4).
///
/// Per layer, 16-bit activations, s = sequence length, b = micro-batch, h = hidden, a = heads,
/// t = tensor-parallel degree:
///
///     no parallelism:            s·b·h·(34 + 5·a·s/h)
///     tensor parallel:           s·b·h·(10 + 24/t + 5·a·s/(h·t))
///     + sequence parallel:       s·b·h·(34/t + 5·a·s/(h·t))
///     selective recomputation:   the 5·a·s/h term dropped (attention core recomputed)
///     full recomputation:        2·s·b·h (the layer input; /t with sequence parallel) kept,
///                                plus one layer's full activations while it is recomputed.
///
/// A fused attention kernel (FlashAttention) also never stores the a·s² scores, so it drops
/// the 5·a·s/h term like selective recomputation does.
public enum ActivationMemory {
    /// Bytes one layer produces for one micro-batch on one chip, with nothing recomputed:
    /// the Korthikanti stored-activation formula for the given tensor/sequence parallelism.
    public static func perLayer(model: ModelShape, sequenceLength: Int, microBatch: Int,
                                tensor: Int, isSequenceParallel: Bool, includesScores: Bool) -> Bytes {
        let s = Double(sequenceLength), b = Double(microBatch), h = Double(model.hiddenSize)
        let a = Double(model.attentionHeads), t = Double(tensor)
        let scores = includesScores ? 5 * a * s / (h * t) : 0
        let linear = isSequenceParallel ? 34 / t : 10 + 24 / t
        return Bytes(s * b * h * (linear + scores))
    }

    /// Bytes a layer keeps for the backward pass under `parallelism.recomputation`.
    public static func storedPerLayer(model: ModelShape, sequenceLength: Int,
                                      parallelism: TrainingParallelism) -> Bytes {
        let p = parallelism
        switch p.recomputation {
        case .full:
            let input = 2 * Double(sequenceLength) * Double(p.microBatchSize) * Double(model.hiddenSize)
            return Bytes(p.isSequenceParallel ? input / Double(p.tensor) : input)
        case .selective, .none:
            let scores = p.recomputation == .none && !p.isAttentionFused
            return perLayer(model: model, sequenceLength: sequenceLength, microBatch: p.microBatchSize,
                            tensor: p.tensor, isSequenceParallel: p.isSequenceParallel, includesScores: scores)
        }
    }

    /// Micro-batches whose activations the busiest (first) pipeline stage holds at once under
    /// 1F1B: min(m, p), times 1 + (p − 1)/(p·v) for the interleaved schedule (Korthikanti §4.2.3).
    public static func microBatchesInFlight(pipeline p: Int, microBatches m: Int, virtualStages v: Int) -> Double {
        let inFlight = Double(min(m, p))
        guard v > 1 && p > 1 else { return inFlight }
        return inFlight * (1 + Double(p - 1) / Double(p * v))
    }

    /// Peak activation bytes on one chip of the first stage: stored bytes per layer × layers per
    /// stage × micro-batches in flight, plus (full recomputation) one layer's full set.
    public static func peak(model: ModelShape, sequenceLength: Int, parallelism p: TrainingParallelism,
                            microBatches: Int) -> Bytes {
        let layersPerStage = p.layersOnBusiestStage(of: model.layers)
        let stored = storedPerLayer(model: model, sequenceLength: sequenceLength, parallelism: p)
        let inFlight = microBatchesInFlight(pipeline: p.pipeline, microBatches: microBatches, virtualStages: p.virtualStages)
        var total = stored * (layersPerStage * inFlight)
        if p.recomputation == .full {
            total += perLayer(model: model, sequenceLength: sequenceLength, microBatch: p.microBatchSize,
                              tensor: p.tensor, isSequenceParallel: p.isSequenceParallel,
                              includesScores: !p.isAttentionFused)
        }
        return total
    }
}
