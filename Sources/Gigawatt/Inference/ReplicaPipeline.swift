import SimKernel

/// The pipeline stages of one replica as a FIFO line of servers: when each stage is next free.
///
/// A batch enters the first stage after the engine's per-iteration overhead, spends `stage` in
/// each stage and `send` on each hop; a stage still busy with an earlier batch holds it back:
///
///     ready₀ = formed + overhead
///     end_k  = max(ready_k, free_k) + stage,    free_k ← end_k,    ready_{k+1} = end_k + send
///
/// so with k stages up to k batches are in flight, one per stage — what vLLM's virtual engines
/// and Vidur's replica stages do — instead of one batch walking through every stage while the
/// others idle. The batch completes at the last stage's end.
struct ReplicaPipeline {
    private(set) var freeAt: [SimTime]

    init(stages: Int) {
        precondition(stages >= 1, "a replica has at least one stage")
        freeAt = Array(repeating: .zero, count: stages)
    }

    /// Runs a batch formed at `time` through every stage; returns when it leaves the last.
    mutating func admit(at time: SimTime, overhead: SimDuration, stage: SimDuration, send: SimDuration) -> SimTime {
        var ready = time + overhead
        for k in freeAt.indices {
            if k > 0 { ready = ready + send }
            let end = max(ready, freeAt[k]) + stage
            freeAt[k] = end
            ready = end
        }
        return ready
    }
}
