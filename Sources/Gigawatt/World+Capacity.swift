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
        // Hosts under repair are in the pool's capacity, just not usable now; hosts waiting for
        // their replicas to drain are already counted out.
        var current = inServiceHosts[index] + underRepair[index] - pendingOffline[index]
        var toDrain = 0
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
            // Inference replicas hold the rest: they drain (no new requests, running ones
            // finish) and their hosts leave service as they empty (`takePendingOffline`).
            toDrain = need - free.count
            pendingOffline[index] += toDrain
            current -= toDrain
        } else if target > current {
            let cancelled = min(pendingOffline[index], target - current)
            pendingOffline[index] -= cancelled
            current += cancelled
            let back = offlineUnits[index].prefix(target - current)
            for unit in back { occupancy[index].unreserve(unit: unit) }
            offlineUnits[index].removeFirst(back.count)
            current += back.count
        }
        inServiceHosts[index] = current + pendingOffline[index] - underRepair[index]
        if toDrain > 0 { drainReplicas(onPool: index, units: toDrain, at: time) }
        updatePower(ofSite: fleet.pools[index].site, at: time)
        needsScheduling = true
    }

    /// Takes out of service the hosts a capacity loss is still owed on `pool`, as far as free
    /// hosts allow (called when an inference replica there releases its hosts).
    mutating func takePendingOffline(pool index: Int) {
        guard pendingOffline[index] > 0 else { return }
        let free = occupancy[index].highestFreeUnits(pendingOffline[index])
        for unit in free { occupancy[index].reserve(unit: unit) }
        offlineUnits[index] = (offlineUnits[index] + free).sorted()
        pendingOffline[index] -= free.count
        inServiceHosts[index] -= free.count
    }

    /// The running job on `pool` that started last (ties: the highest job index).
    func newestRunning(inPool pool: Int) -> Int? {
        runningView.map(\.id.rawValue).filter { runs[$0].pool?.rawValue == pool }
            .max { (runs[$0].attemptStart!, $0) < (runs[$1].attemptStart!, $1) }
    }

    /// Stops a running job to give its chips back; it resumes from its last checkpoint.
    mutating func preempt(_ index: Int, at time: SimTime, engine: inout Engine) {
        stopAndRequeue(index, at: time, engine: &engine)
        runs[index].preemptions += 1
    }

    /// Stops a running job, keeps the progress of its last checkpoint, closes its attempt, frees
    /// its chips and queues it again in arrival order. Returns the placement it held.
    @discardableResult
    mutating func stopAndRequeue(_ index: Int, at time: SimTime, engine: inout Engine) -> Placement? {
        runs[index].advance(to: time)
        runs[index].rollBackToCheckpoint()
        runs[index].closeAttempt(at: time)
        let held = runs[index].placement
        if let pool = runs[index].pool, let placement = held {
            occupancy[pool.rawValue].release(placement)
            busyHosts[pool.rawValue] -= placement.unitCount
            powerLeft(index, at: time)
            if let domains = contention.leave(job: index, pool: pool.rawValue) {
                rebalanceFabric(ofPool: pool.rawValue, around: domains, at: time, engine: &engine)
            }
        }
        runs[index].state = .queued
        removeFromRunningView(index)
        runs[index].pool = nil
        runs[index].placement = nil
        runs[index].generation &+= 1  // its completion event is now stale
        let job = runs[index].queued()
        let position = queue.firstIndex { ($0.arrival, $0.id) > (job.arrival, job.id) } ?? queue.endIndex
        queue.insert(job, at: position)
        noteQueue(index, isJoining: true)
        needsScheduling = true
        return held
    }
}
