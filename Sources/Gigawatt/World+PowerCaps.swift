import Foundation
import Fleet
import Scheduling
import SimKernel
import Workloads

extension EventKind {
    /// A capped site's limit changes (a cap window opens or closes); subject: the cap's index.
    static var powerCapChange: EventKind { EventKind(rawValue: 64) }
    /// Preemptions freed power: the scheduler runs again at the same instant.
    static var powerCapRecheck: EventKind { EventKind(rawValue: 65) }
}

/// Power caps: a site's facility power held under its cap by throttling clocks, holding
/// admissions or preempting work (`PowerCapPolicy`), enforced at the end of every instant,
/// after the scheduler's decisions, so the power recorded for any non-zero time respects it.
///
/// **Throttle.** All running work at the site runs at one clock factor f. A host of job j
/// draws I + (B_j − I) f³ (`HostPowerModel.throttled`) and its step takes s_j / f, so with
/// base = idle power of every in-service host and D = Σ_j units_j (B_j − I), IT(f) = base + D f³
/// and f is the largest value with PUE(IT(f)) · IT(f) ≤ cap: f = ∛((cap / PUE − base) / D) for
/// a constant PUE, bisection otherwise; never below the policy's minimum clock. Every job
/// whose clock changes is re-timed at that instant through `retime` (the mechanism fabric
/// contention uses), so its progress so far is kept exactly.
///
/// **Hold.** A start the scheduler decides is refused (the job stays queued) when the site's
/// facility power with the job running at full clock would exceed the cap.
///
/// **Preempt.** As hold for admissions; and while the site is over its cap, the running job
/// with the lowest priority (preemptible before not, then the most recently started) is
/// stopped and re-queued, rolled back to its last checkpoint.
extension World {
    /// Schedules the first limit change of every cap.
    func scheduleCapChanges(in engine: inout Engine) {
        for (index, cap) in caps.enumerated() {
            if let next = cap.policy.nextChange(after: .zero) {
                engine.schedule(.powerCapChange, at: next, subject: UInt32(index))
            }
        }
    }

    /// A cap's limit changed: the enforcement at the end of this instant applies it; the next
    /// change is scheduled.
    mutating func capLimitChanged(_ index: Int, engine: inout Engine) {
        needsScheduling = true  // a raised cap may admit held work
        if let next = caps[index].policy.nextChange(after: engine.now) {
            engine.schedule(.powerCapChange, at: next, subject: UInt32(index))
        }
    }

    /// The cap of `site`, if it has one.
    func capIndex(ofSite site: Int) -> Int? { caps.firstIndex { $0.site == site } }

    /// Facility power of `site` at `time` for IT load `it` watts.
    func facilityWatts(site: Int, it: Double, at time: SimTime) -> Double {
        fleet.sites[site].pue.facilityPower(itLoad: Watts(it), at: time).value
    }

    /// The site's IT power as base (every in-service host idle) plus each running job's dynamic
    /// part at full clock: IT(f) = base + dynamic · f³ when all run at f.
    func itDemand(ofSite site: Int) -> (base: Double, dynamic: Double, jobs: [Int]) {
        var base = 0.0, dynamic = 0.0
        var jobs: [Int] = []
        for pool in fleet.pools where pool.site.rawValue == site {
            base += baselinePower(ofPool: pool.id.rawValue).value
        }
        for job in runningView where fleet.pools[job.pool.rawValue].site.rawValue == site {
            let index = job.id.rawValue
            let busy = unthrottledHostPower(ofJob: index, on: job.pool.rawValue, breakdown: runs[index].breakdown)
            dynamic += (busy - hostPower[job.pool.rawValue].idle).value * Double(job.units)
            jobs.append(index)
        }
        return (base, dynamic, jobs)
    }

    /// The dynamic IT power job `index` would add on `pool` at full clock, and its hosts.
    func startingDemand(ofJob index: Int, on pool: Int) -> (watts: Double, chips: Int) {
        let option = runs[index].options.first { $0.placement.pool.rawValue == pool }
        let units = (runs[index].input.job.parallelism.chips + occupancy[pool].hierarchy.chipsPerUnit - 1)
            / occupancy[pool].hierarchy.chipsPerUnit
        let busy = unthrottledHostPower(ofJob: index, on: pool, breakdown: option?.breakdown)
        return ((busy - hostPower[pool].idle).value * Double(units), runs[index].input.job.parallelism.chips)
    }

    /// Whether starting job `index` on `pool` now keeps a hold or preempt cap; a refused job is
    /// remembered as waiting for the cap.
    mutating func admitsUnderCap(_ index: Int, on pool: Int, at time: SimTime) -> Bool {
        let site = fleet.pools[pool].site.rawValue
        guard let c = capIndex(ofSite: site), caps[c].policy.action != .throttle,
              let limit = caps[c].policy.limit(at: time) else { return true }
        let demand = itDemand(ofSite: site)
        let adding = startingDemand(ofJob: index, on: pool).watts
        guard facilityWatts(site: site, it: demand.base + demand.dynamic + adding, at: time) > limit.value else {
            caps[c].blocked[index] = nil
            return true
        }
        caps[c].blocked[index] = pool
        return false
    }

    /// Applies every cap at the end of the instant at `time` (see the type's documentation)
    /// and updates each cap's account.
    mutating func enforcePowerCaps(at time: SimTime, engine: inout Engine) {
        for c in caps.indices {
            caps[c].integrate(to: time)
            let site = caps[c].site
            let limit = caps[c].policy.limit(at: time)?.value
            caps[c].blocked = caps[c].blocked.filter { runs[$0.key].state == .queued }
            switch caps[c].policy.action {
            case .throttle:
                throttle(cap: c, limit: limit, at: time, engine: &engine)
            case .preempt:
                if let limit { preempt(cap: c, limit: limit, at: time, engine: &engine) }
            case .hold:
                break
            }
            account(cap: c, limit: limit, at: time)
        }
    }

    /// The clock factor that fits `demand` under `limit` at `site` (1 when it fits already).
    func clock(fitting demand: (base: Double, dynamic: Double, jobs: [Int]), under limit: Double?, site: Int,
               minimum: Double, at time: SimTime) -> Double {
        func facility(_ f: Double) -> Double { facilityWatts(site: site, it: demand.base + demand.dynamic * f * f * f, at: time) }
        // A hair under the cap, so the meter's sum (the same terms in another order) stays under it too.
        guard let cap = limit, demand.dynamic > 0, facility(1) > cap else { return 1 }
        let limit = cap * (1 - 1e-12)
        guard facility(minimum) <= limit else { return minimum }
        if case .constant(let pue) = fleet.sites[site].pue {
            var f = min(1, cbrt((limit / pue - demand.base) / demand.dynamic))
            while f > minimum && facility(f) > limit { f = f.nextDown }
            return max(minimum, f)
        }
        var low = minimum, high = 1.0  // facility(low) ≤ limit < facility(high)
        for _ in 0..<200 where high - low > 1e-15 {
            let mid = (low + high) / 2
            if facility(mid) <= limit { low = mid } else { high = mid }
        }
        return low
    }

    mutating func throttle(cap c: Int, limit: Double?, at time: SimTime, engine: inout Engine) {
        let site = caps[c].site
        let demand = itDemand(ofSite: site)
        let f = clock(fitting: demand, under: limit, site: site, minimum: caps[c].policy.minimumClock, at: time)
        caps[c].clock = f
        caps[c].lowestClock = min(caps[c].lowestClock, f)
        var changed = false
        for job in demand.jobs where runs[job].clock != f {
            retime(job, at: time, engine: &engine) { run in
                run.stepSeconds = run.stepSeconds.map { $0 * run.clock / f }
                run.clock = f
            }
            changed = true
        }
        if changed { updatePower(ofSite: SiteID(site), at: time) }
    }

    mutating func preempt(cap c: Int, limit: Double, at time: SimTime, engine: inout Engine) {
        let site = caps[c].site
        var stopped = false
        while true {
            let demand = itDemand(ofSite: site)
            guard facilityWatts(site: site, it: demand.base + demand.dynamic, at: time) > limit else { break }
            // Lowest priority first; preemptible before not; then the most recently started.
            guard let victim = demand.jobs.min(by: { a, b in
                let ka = (runs[a].input.priority, runs[a].input.isPreemptible ? 0 : 1)
                let kb = (runs[b].input.priority, runs[b].input.isPreemptible ? 0 : 1)
                if ka != kb { return ka < kb }
                return (runs[a].attemptStart!, a) > (runs[b].attemptStart!, b)
            }) else { break }
            let pool = runs[victim].pool!.rawValue
            let lostBefore = runs[victim].lostChipSeconds
            preempt(victim, at: time, engine: &engine)
            caps[c].lostChipSeconds += runs[victim].lostChipSeconds - lostBefore
            caps[c].preemptions += 1
            caps[c].blocked[victim] = pool
            stopped = true
        }
        if stopped {
            updatePower(ofSite: SiteID(site), at: time)
            engine.schedule(.powerCapRecheck, at: time, subject: UInt32(c))
        }
    }

    /// Sets the cap's rates from now on: power avoided, chips delayed, at cap, over cap.
    mutating func account(cap c: Int, limit: Double?, at time: SimTime) {
        let site = caps[c].site
        let demand = itDemand(ofSite: site)
        let f = caps[c].policy.action == .throttle ? caps[c].clock : 1
        var waiting = 0.0, waitingChips = 0
        for (job, pool) in caps[c].blocked {
            let start = startingDemand(ofJob: job, on: pool)
            waiting += start.watts
            waitingChips += start.chips
        }
        let actual = facilityWatts(site: site, it: demand.base + demand.dynamic * f * f * f, at: time)
        let uncapped = facilityWatts(site: site, it: demand.base + demand.dynamic + waiting, at: time)
        var runningChips = 0
        for job in demand.jobs { runningChips += runs[job].input.job.parallelism.chips }
        let delayed = Double(runningChips) * (1 - f) + Double(waitingChips)
        caps[c].set(avoided: uncapped - actual, delayedChips: delayed, atCap: f < 1 || waitingChips > 0,
                    overCap: limit.map { actual > $0 * (1 + 1e-12) } ?? false, at: time)
    }

    /// Closes every cap's account at `horizon` and reports it.
    mutating func closeCaps(at horizon: SimTime) {
        for c in caps.indices {
            caps[c].integrate(to: horizon)
            sink.record(.powerCap(caps[c].report(siteName: fleet.sites[caps[c].site].name)))
        }
    }
}
