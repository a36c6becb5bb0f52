import Fleet
import SimKernel
import Workloads

/// What inference replicas draw, in the same per-pool sums as training jobs (`itPowerByPool`).
///
/// A placed replica's hosts draw the activity power (`ActivityPowerModel`) of one serving
/// iteration at a full decode batch: as many sequences of 1,024 tokens of context as its KV cache
/// holds, at most its batching policy's maximum — the state MLPerf's Offline scenario measures
/// (validation.md §14, the 8×H200 row of `gigawatt models power`). Decode at that batch is
/// memory-bound, so the draw is set by the memory phase. It is charged from placement to
/// release, whether or not the replica has work at that moment: an upper bound for lightly
/// loaded services (their hosts idle between iterations), chosen so that the power sums change
/// only when replicas come and go, never per iteration.
extension World {
    /// Power above idle of one host of `model`'s replica on `pool`, serving a full decode batch.
    func servingHostDynamicPower(_ model: ReplicaPerformanceModel, onPool pool: Int) -> Double {
        let replica = model.replica
        let batch = max(1, min(replica.batching.maxBatchSize, model.kvCache.capacityTokens / 1_025))
        var work = IterationWorkload()
        for _ in 0..<batch { work.addDecode(context: 1_024) }
        let activity = model.iterationTime(work).activity(chips: replica.parallelism.chipsPerStage,
                                                           peak: replica.precision.peakRate(on: model.accelerator))
        let host = hostPower[pool]
        return (host.power(activity) - host.idle).value
    }

    /// A replica on `hosts` hosts (a fraction when it shares one: its chips' share) starts
    /// drawing on `pool`. The activity is that of the replica's own chips, so a share of a host
    /// adds that share of a whole host's dynamic power at that activity.
    mutating func servingPowerJoined(_ model: ReplicaPerformanceModel, hosts: Double, onPool pool: Int) {
        poolServing[pool] += servingHostDynamicPower(model, onPool: pool) * hosts
        poolServingReplicas[pool] += 1
    }

    /// A replica on `hosts` hosts stops drawing on `pool`.
    mutating func servingPowerLeft(_ model: ReplicaPerformanceModel, hosts: Double, onPool pool: Int) {
        poolServingReplicas[pool] -= 1
        // An empty pool's sum is exactly zero, whatever rounding the additions left.
        poolServing[pool] = poolServingReplicas[pool] == 0 ? 0 : poolServing[pool] - servingHostDynamicPower(model, onPool: pool) * hosts
    }
}
