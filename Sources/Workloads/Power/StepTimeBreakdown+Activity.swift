import Fleet

extension StepTimeBreakdown {
    /// How each chip spends one training step, for the activity power model.
    ///
    /// Compute and evaluation are math phases at u = hardware FLOPs / (chips × peak × compute
    /// time) — the activation traffic the compute term includes lowers u, which is how its
    /// memory-bound share shows; exposed tensor, expert, pipeline and data-parallel
    /// communication is the communication phase; the pipeline bubble is idle.
    public var activity: ChipActivity {
        guard step > 0 else { return .none }
        let busy = compute + evaluation
        let utilization = compute > 0 ? min(1, hardwareFLOPs / (Double(chips) * peak.value * compute)) : 0
        let communication = tensorParallel + expertParallel + pipelineSends + dataParallel
        return ChipActivity(compute: min(1, busy / step), computeUtilization: utilization,
                            communication: min(1 - min(1, busy / step), communication / step))
    }
}

extension IterationTimeBreakdown {
    /// How each chip of a replica spends one serving iteration, for the activity power model
    /// (`chips` chips per stage at `peak` FLOP/s each).
    ///
    /// The roofline overlaps math and memory traffic for max(compute, memory): that span is a
    /// math phase at u = FLOPs / (chips × peak × span) when compute bounds it, a memory-bound
    /// phase when memory does; communication is the communication phase; the fixed overhead
    /// (kernel launches, scheduling) is idle.
    public func activity(chips: Int, peak: FlopsPerSecond) -> ChipActivity {
        let t = total.seconds
        guard t > 0 else { return .none }
        let span = max(computeTime, memoryTime).seconds
        let comm = min(1 - min(1, span / t), communicationTime.seconds / t)
        if computeTime >= memoryTime {
            let u = span > 0 ? min(1, flops / (Double(chips) * peak.value * span)) : 0
            return ChipActivity(compute: min(1, span / t), computeUtilization: u, communication: comm)
        }
        return ChipActivity(compute: 0, computeUtilization: 0, memory: min(1, span / t), communication: comm)
    }
}
