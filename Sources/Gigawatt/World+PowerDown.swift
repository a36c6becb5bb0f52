import Fleet
import SimKernel

extension EventKind {
    /// A job's hosts finished booting (a pool that powers idle hosts off); subject: the job.
    static var bootComplete: EventKind { EventKind(rawValue: 67) }
}

/// Power-down of idle capacity (`Pool.bootDelay`): hosts with no work draw nothing; a job
/// starting on them stalls for the boot delay, its hosts drawing idle power, and draws its
/// activity's power from the end of the boot (`powerJoined` starts the boot, this ends it).
extension World {
    mutating func scheduleBoots(in engine: inout Engine) {
        for boot in pendingBoots {
            engine.schedule(.bootComplete, at: boot.at, phase: .completion, subject: UInt32(boot.job))
        }
        pendingBoots.removeAll()
    }

    /// The boot of job `index` ended: from now on its hosts draw its activity's power. A stale
    /// event (the job stopped since: `powerLeft` cleared its boot) changes nothing.
    mutating func hostsBooted(_ index: Int, at time: SimTime) {
        guard runs[index].state == .running, bootingUntil[index] == time else { return }
        powerLeft(index, at: time, isStop: false)
        bootingUntil[index] = nil
        powerJoined(index, at: time, isStart: false)
        updatePower(ofSite: fleet.pools[runs[index].pool!.rawValue].site, at: time)
    }
}
