import Fleet

/// One training step on one allocation, term by term, with the rates derived from it.
///
/// All times are seconds per optimizer step on the critical path; `step` is their sum:
/// compute + exposed tensor/expert/pipeline/data-parallel communication + bubble + evaluation.
/// The raw (unhidden) communication times are kept beside the exposed ones for reporting.
public struct StepTimeBreakdown: Hashable, Sendable {
    /// Matrix work, attention and activation traffic of all micro-batches on one stage.
    public var compute: Double
    public var tensorParallel: Double
    public var expertParallel: Double
    public var pipelineSends: Double
    public var dataParallel: Double
    public var bubble: Double
    public var evaluation: Double

    /// Communication before overlap, per step: tensor, expert, pipeline, data parallel.
    public var rawTensorParallel: Double
    public var rawExpertParallel: Double
    public var rawPipelineSends: Double
    public var rawDataParallel: Double

    public var chips: Int
    public var tokensPerStep: Double
    /// 6·N_active + 12·L·H·Q·T per token × tokens per step.
    public var modelFLOPs: Double
    /// Model FLOPs plus recomputation.
    public var hardwareFLOPs: Double
    /// Dense peak of one chip at the job's precision.
    public var peak: FlopsPerSecond
    /// The fraction of peak the linear-layer GEMMs reach (from `ComputeEfficiency`).
    public var gemmEfficiency: Double
    public var memory: MemoryFootprint

    /// Seconds per optimizer step.
    public var step: Double {
        compute + tensorParallel + expertParallel + pipelineSends + dataParallel + bubble + evaluation
    }

    /// Model FLOPs utilisation: model FLOPs / (chips × peak × step time).
    public var mfu: Double { modelFLOPs / (Double(chips) * peak.value * step) }
    /// Hardware FLOPs utilisation (recomputation counted).
    public var hfu: Double { hardwareFLOPs / (Double(chips) * peak.value * step) }
    public var tokensPerSecond: Double { tokensPerStep / step }
    /// Model FLOP/s achieved per chip.
    public var modelFlopsPerChip: FlopsPerSecond { FlopsPerSecond(modelFLOPs / (Double(chips) * step)) }
    /// Hardware FLOP/s achieved per chip (Megatron-LM's "TFLOP/s per GPU").
    public var hardwareFlopsPerChip: FlopsPerSecond { FlopsPerSecond(hardwareFLOPs / (Double(chips) * step)) }
}
