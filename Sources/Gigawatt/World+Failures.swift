import Fleet
import Foundation
import Scheduling
import SimKernel
import Workloads

extension EventKind {
    /// Hardware under a running job fails; payload: the job's attempt it was drawn for.
    static var trainingFailure: EventKind { EventKind(rawValue: 5) }
    /// A failed host returns to its pool; subject: pool, payload: the unit.
    static var hostRepaired: EventKind { EventKind(rawValue: 6) }
}

/// Hardware failures: each attempt of a job draws its time to the next interruption from the
/// fleet's `FailureModel` (exponential at rate λ = chips / MTBF_chip + hosts / MTBF_host, from
/// the job's own random stream, so draws do not depend on what else happens in the run). An
/// interruption rolls the job back to its last checkpoint, takes one of its hosts out of
/// service for the repair time, and re-queues the job, which pays the restart time and the
/// checkpoint restore when it starts again.
extension World {
    /// Interruptions per second of job `index` on `pool` (0 without a failure model).
    func interruptionRate(of index: Int, pool: Int) -> Double {
        guard let failures = fleet.failures else { return 0 }
        let chips = runs[index].input.chips
        let perHost = occupancy[pool].hierarchy.chipsPerUnit
        return failures.rate(chips: chips, hosts: (chips + perHost - 1) / perHost, platform: fleet.pools[pool].spec.platform)
    }

    /// Starts an attempt: the job first restarts and restores its checkpoint when it has been
    /// stopped before, and draws the time of its next interruption.
    mutating func beginAttempt(_ index: Int, at time: SimTime, engine: inout Engine) {
        runs[index].attempt &+= 1
        runs[index].attemptStart = time
        let restore = runs[index].stepsDone > 0 ? runs[index].restoreSeconds : 0
        runs[index].stalledUntil = time + runs[index].pendingRestart + SimDuration(secondsRoundingUp: restore)
        runs[index].pendingRestart = .zero
        guard let pool = runs[index].pool?.rawValue else { return }
        let rate = interruptionRate(of: index, pool: pool)
        guard rate > 0 else { return }
        let wait = -log(runs[index].failureStream.nextOpenUnit()) / rate
        // Beyond ~30 years the draw cannot fall inside a run (and would overflow the clock).
        guard wait < 1e9 else { return }
        engine.schedule(.trainingFailure, at: time + SimDuration(secondsRoundingUp: wait), phase: .completion,
                        subject: UInt32(index), payload: runs[index].attempt)
    }

    /// Job `index` loses a host: roll back, send the host to repair, queue the job again.
    mutating func interrupt(_ index: Int, at time: SimTime, engine: inout Engine) {
        guard let failures = fleet.failures, let pool = runs[index].pool?.rawValue else { return }
        let units = runs[index].placement.map { $0.unitRuns.flatMap { Array($0) } } ?? []
        let failed = units.isEmpty ? nil : units[Int(runs[index].failureStream.nextIndex(below: UInt64(units.count)))]
        stopAndRequeue(index, at: time, engine: &engine)
        runs[index].interruptions += 1
        runs[index].pendingRestart = failures.restart
        if let failed, occupancy[pool].reserve(unit: failed) {
            inServiceHosts[pool] -= 1
            underRepair[pool] += 1
            engine.schedule(.hostRepaired, at: time + failures.repair, phase: .completion, subject: UInt32(pool),
                            payload: UInt64(failed))
        }
        updatePower(ofSite: fleet.pools[pool].site, at: time)
    }

    /// A repaired host returns to service.
    mutating func repair(unit: Int, ofPool pool: Int, at time: SimTime) {
        occupancy[pool].unreserve(unit: unit)
        underRepair[pool] -= 1
        inServiceHosts[pool] += 1
        updatePower(ofSite: fleet.pools[pool].site, at: time)
        needsScheduling = true
    }
}
