import Foundation
import Fleet
import Scheduling
import SimKernel
import Workloads

extension EventKind {
    /// The provider reclaims spot capacity from a pool; subject: the pool.
    static var spotReclaim: EventKind { EventKind(rawValue: 66) }
}

/// Spot reclaims: each spot pool with a `reclaimInterval` loses a running job at exponential
/// intervals of that mean (a Poisson process per pool, drawn from the pool's own stream
/// "spot-reclaim"/pool, so other pools' draws do not depend on it). The job, chosen uniformly
/// among the pool's running jobs in id order, is preempted: it rolls back to its last
/// checkpoint and queues again. A reclaim that finds the pool idle takes nothing.
extension World {
    func reclaimInterval(ofPool pool: Int) -> SimDuration? {
        guard case .rented(let rental)? = fleet.pools[pool].cost else { return nil }
        return rental.reclaimInterval
    }

    /// Schedules every spot pool's first reclaim.
    mutating func scheduleSpotReclaims(in engine: inout Engine) {
        for pool in fleet.pools.indices { scheduleNextReclaim(ofPool: pool, after: .zero, engine: &engine) }
    }

    mutating func scheduleNextReclaim(ofPool pool: Int, after time: SimTime, engine: inout Engine) {
        guard let mean = reclaimInterval(ofPool: pool) else { return }
        if spotStreams.isEmpty {
            spotStreams = fleet.pools.indices.map { RandomStream(seed: seed, key: StreamKey("spot-reclaim", UInt64($0))) }
            spotReclaims = Array(repeating: 0, count: fleet.pools.count)
        }
        let gap = -mean.seconds * log(spotStreams[pool].nextOpenUnit())
        engine.schedule(.spotReclaim, at: time + SimDuration(secondsRoundingUp: gap), phase: .completion, subject: UInt32(pool))
    }

    mutating func reclaimSpot(pool: Int, at time: SimTime, engine: inout Engine) {
        let running = runningView.filter { $0.pool.rawValue == pool }.map(\.id.rawValue).sorted()
        if !running.isEmpty {
            let victim = running[Int(spotStreams[pool].nextIndex(below: UInt64(running.count)))]
            preempt(victim, at: time, engine: &engine)
            spotReclaims[pool] += 1
            updatePower(ofSite: fleet.pools[pool].site, at: time)
        }
        scheduleNextReclaim(ofPool: pool, after: time, engine: &engine)
    }
}
