/// The idle time of a pipeline schedule (Narayanan et al. 2021, §2.2).
///
/// With p stages, m micro-batches per step and v model chunks per stage (interleaved 1F1B),
/// every stage idles for (p − 1)/v micro-batch times while the pipeline fills and drains:
///
///     bubble time       = (p − 1)/v · t_micro-batch
///     bubble fraction   = ((p − 1)/v) / (m + (p − 1)/v)      (= (p − 1)/(m + p − 1) at v = 1)
public enum PipelineBubble {
    /// Idle micro-batch times per step: (p − 1)/v.
    public static func idleMicroBatches(stages p: Int, virtualStages v: Int) -> Double {
        precondition(p >= 1 && v >= 1, "stages and virtual stages are at least 1")
        return Double(p - 1) / Double(v)
    }

    /// Bubble time over the whole step: ((p − 1)/v) / (m + (p − 1)/v).
    public static func fraction(stages p: Int, microBatches m: Int, virtualStages v: Int = 1) -> Double {
        precondition(m >= 1, "at least one micro-batch")
        let idle = idleMicroBatches(stages: p, virtualStages: v)
        return idle / (Double(m) + idle)
    }
}
