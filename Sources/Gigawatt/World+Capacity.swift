import Fleet
import Scheduling
import SimKernel
import Workloads

/// Capacity changes: outages, deliveries and retirements, and the jobs they displace.
extension World {
    /// Brings a pool to `target` units in service: removals take free units from the top of the
    /// pool first and preempt the most recently started jobs when there are too few (they go
    /// back to the queue and resume from their last checkpoint); additions bring back the
    /// lowest-numbered units out of service.
    mutating func setInService(pool index: Int, units target: Int, at time: SimTime, engine: inout Engine) {
        var current = inServiceHosts[index]
        if target < current {
            let need = current - target
            var free = occupancy[index].highestFreeUnits(need)
            while free.count < need, let victim = newestRunning(inPool: index) {
                preempt(victim, at: time, engine: &engine)
                free = occupancy[index].highestFreeUnits(need)
            }
            for unit in free { occupancy[index].reserve(unit: unit) }
            offlineUnits[index] = (offlineUnits[index] + free).sorted()
            current -= free.count
        } else if target > current {
            let back = offlineUnits[index].prefix(target - current)
            for unit in back { occupancy[index].unreserve(unit: unit) }
            offlineUnits[index].removeFirst(back.count)
            current += back.count
        }
        inServiceHosts[index] = current
        updatePower(ofSite: fleet.pools[index].site, at: time)
        needsScheduling = true
    }

    /// The running job on `pool` that started last (ties: the highest job index).
    func newestRunning(inPool pool: Int) -> Int? {
        runningView.map(\.id.rawValue).filter { runs[$0].pool?.rawValue == pool }
            .max { (runs[$0].start!, $0) < (runs[$1].start!, $1) }
    }

    /// Stops a running job, keeps the progress of its last checkpoint, and queues it again in
    /// arrival order.
    mutating func preempt(_ index: Int, at time: SimTime, engine: inout Engine) {
        runs[index].advance(to: time)
        runs[index].rollBackToCheckpoint()
        if let pool = runs[index].pool, let placement = runs[index].placement {
            occupancy[pool.rawValue].release(placement)
            busyHosts[pool.rawValue] -= placement.unitCount
            if let domains = contention.leave(job: index, pool: pool.rawValue) {
                rebalanceFabric(ofPool: pool.rawValue, around: domains, at: time, engine: &engine)
            }
        }
        runs[index].state = .queued
        removeFromRunningView(index)
        runs[index].pool = nil
        runs[index].placement = nil
        runs[index].preemptions += 1
        runs[index].generation &+= 1  // its completion event is now stale
        let job = runs[index].queued()
        let position = queue.firstIndex { ($0.arrival, $0.id) > (job.arrival, job.id) } ?? queue.endIndex
        queue.insert(job, at: position)
    }
}
