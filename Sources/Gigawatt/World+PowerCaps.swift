import Foundation
import Fleet
import Scheduling
import SimKernel
import Workloads

extension EventKind {
    /// A cap's limit changes (a cap window opens or closes); subject: the cap's index.
    static var powerCapChange: EventKind { EventKind(rawValue: 64) }
    /// Preemptions freed power: the scheduler runs again at the same instant.
    static var powerCapRecheck: EventKind { EventKind(rawValue: 65) }
}

/// Power caps: a site's facility power or a pool's IT power held under its cap by throttling
/// clocks, holding admissions or preempting work (`PowerCapPolicy`), enforced at the end of
/// every instant, after the scheduler's decisions, so the power recorded for any non-zero time
/// respects it.
///
/// **Throttle.** The running work of a domain runs at one clock factor f. A host of job j
/// draws I + (B_j − I) f³ (`HostPowerModel.throttled`) and its step takes s_j / f, so with
/// base = the domain's baseline (in-service hosts idle, fabric, storage) and D = Σ_j units_j ·
/// (B_j − I), IT(f) = base + D f³, and f is the largest value with P(IT(f)) ≤ cap, where P is
/// the facility power (PUE × IT) for a site and IT itself for a pool: f = ∛((cap / PUE − base) / D)
/// for a constant PUE (∛((cap − base) / D) for a pool), bisection otherwise; never below the
/// policy's minimum clock. Pool caps are solved first; a site's solve holds each job at most at
/// its pool's clock (IT(f) = base + Σ_j D_j · min(f, c_j)³). A job runs at the lowest clock of the
/// caps over it, and every job whose clock changes is re-timed at that instant as `retime` does
/// (the mechanism fabric contention uses; batched here, the policy's view re-sorted once), so
/// its progress so far is kept exactly.
///
/// With `throttlesByPriority`, levels are slowed in ascending priority: a level goes down to
/// the minimum clock before the next is touched, and the level where the cap is met gets the
/// clock that fits with the others fixed.
///
/// **Hold.** A start the scheduler decides is refused (the job stays queued) when a hold or
/// preempt domain containing its pool would draw more than its cap with the job at full clock.
///
/// **Preempt.** As hold for admissions; and while the domain is over its cap, the running job
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
        needsPowerCheck = true
        if let next = caps[index].policy.nextChange(after: engine.now) {
            engine.schedule(.powerCapChange, at: next, subject: UInt32(index))
        }
    }

    /// Whether `domain` contains `pool`.
    func domain(_ domain: CapDomain, contains pool: Int) -> Bool {
        switch domain {
        case .site(let site): fleet.pools[pool].site.rawValue == site
        case .pool(let p): p == pool
        }
    }

    func name(of domain: CapDomain) -> String {
        switch domain {
        case .site(let site): fleet.sites[site].name
        case .pool(let pool): "pool \(fleet.pools[pool].name)"
        }
    }

    /// The power `domain`'s cap limits for IT load `it` W at `time`: facility power for a site,
    /// IT power for a pool.
    func cappedWatts(_ domain: CapDomain, it: Double, at time: SimTime) -> Double {
        switch domain {
        case .site(let site): fleet.sites[site].pue.facilityPower(itLoad: Watts(it), at: time).value
        case .pool: it
        }
    }

    /// The domain's IT baseline (every in-service host idle, fabric, storage) and each running
    /// job's dynamic part at full clock, D_j = units_j · (B_j − I).
    func itDemand(of domain: CapDomain) -> (base: Double, jobs: [(index: Int, dynamic: Double)]) {
        var base = 0.0
        var jobs: [(Int, Double)] = []
        for pool in fleet.pools.indices where self.domain(domain, contains: pool) {
            base += baselinePower(ofPool: pool).value
        }
        for job in runningView where self.domain(domain, contains: job.pool.rawValue) {
            jobs.append((job.id.rawValue, jobDynamicFull[job.id.rawValue]))
        }
        // Job order, not the view's (which re-sorts as rates change): the same jobs give the
        // same sums to the last bit, so a clock is never re-solved to a value an ulp away.
        jobs.sort { $0.0 < $1.0 }
        return (base, jobs)
    }

    /// The dynamic IT power job `index` would add on `pool` at full clock, and its chips.
    func startingDemand(ofJob index: Int, on pool: Int) -> (watts: Double, chips: Int) {
        let option = runs[index].options.first { $0.placement.pool.rawValue == pool }
        let chips = runs[index].input.job.parallelism.chips
        let perUnit = occupancy[pool].hierarchy.chipsPerUnit
        let busy = unthrottledHostPower(ofJob: index, on: pool, breakdown: option?.breakdown)
        return ((busy - hostPower[pool].idle).value * Double((chips + perUnit - 1) / perUnit), chips)
    }

    /// Whether starting job `index` on `pool` now keeps every hold or preempt cap over the
    /// pool — with the running jobs `freeing` stopped first, when the start is to take their
    /// room —; a refused job is remembered as waiting for the cap that refused it.
    mutating func admitsUnderCap(_ index: Int, on pool: Int, at time: SimTime, freeing: [Int] = []) -> Bool {
        for c in caps.indices where caps[c].policy.action != .throttle && domain(caps[c].domain, contains: pool) {
            guard let limit = caps[c].policy.limit(at: time) else { continue }
            // O(pools): the running jobs' full-clock power is kept per pool.
            var it = startingDemand(ofJob: index, on: pool).watts
            for p in fleet.pools.indices where domain(caps[c].domain, contains: p) {
                it += baselinePower(ofPool: p).value + poolDynamicFull[p]
            }
            for victim in freeing where runs[victim].pool.map({ domain(caps[c].domain, contains: $0.rawValue) }) == true {
                it -= jobDynamicFull[victim]
            }
            if cappedWatts(caps[c].domain, it: it, at: time) > limit.value {
                caps[c].blocked[index] = pool
                needsPowerCheck = true  // the cap's account counts the waiting job from now
                return false
            }
        }
        for c in caps.indices { caps[c].blocked[index] = nil }
        return true
    }

    /// Applies every cap at the end of the instant at `time` (see the type's documentation)
    /// and updates each cap's account.
    mutating func enforcePowerCaps(at time: SimTime, engine: inout Engine) {
        var ceilings: [Int: Double] = [:]  // job → lowest clock of the throttle caps solved so far
        for c in caps.indices {
            caps[c].integrate(to: time)
            caps[c].blocked = caps[c].blocked.filter { runs[$0.key].state == .queued }
            let limit = caps[c].policy.limit(at: time)?.value
            switch caps[c].policy.action {
            case .throttle:
                let demand = itDemand(of: caps[c].domain)
                let clocks: [Int: Double]
                if caps[c].policy.throttlesByPriority {
                    clocks = clocksByPriority(demand, ceilings: ceilings, under: limit, cap: c, at: time)
                } else {
                    let f = clock(fitting: demand, ceilings: ceilings, under: limit, domain: caps[c].domain,
                                  minimum: caps[c].policy.minimumClock, at: time)
                    clocks = Dictionary(uniqueKeysWithValues: demand.jobs.map { ($0.index, f) })
                }
                let f = clocks.values.min() ?? 1
                caps[c].clock = f
                caps[c].lowestClock = min(caps[c].lowestClock, f)
                for (job, clock) in clocks { ceilings[job] = min(ceilings[job] ?? 1, clock) }
            case .preempt:
                if let limit { preempt(cap: c, limit: limit, at: time, engine: &engine) }
            case .hold:
                break
            }
        }
        var changedSites = Set<Int>()
        var changed: [Int: SimTime] = [:]  // job → its new expected end
        for job in runningView {
            let index = job.id.rawValue
            let f = ceilings[index] ?? 1
            guard runs[index].clock != f else { continue }
            // `retime`, batched: the policy's view is re-sorted once below, not once per job.
            powerLeft(index, at: time, isStop: false)
            runs[index].advance(to: time)
            runs[index].stepSeconds = runs[index].stepSeconds.map { $0 * runs[index].clock / f }
            runs[index].clock = f
            runs[index].generation &+= 1  // the old completion event is now stale
            let end = runs[index].completionTime(from: time)
            engine.schedule(.trainingCompletion, at: end, phase: .completion, subject: UInt32(index), payload: runs[index].generation)
            changed[index] = end
            powerJoined(index, at: time, isStart: false)
            changedSites.insert(fleet.pools[job.pool.rawValue].site.rawValue)
        }
        if !changed.isEmpty {
            for k in runningView.indices {
                if let end = changed[runningView[k].id.rawValue] { runningView[k].expectedEnd = end }
            }
            runningView.sort { ($0.expectedEnd, $0.id) < ($1.expectedEnd, $1.id) }
        }
        for site in changedSites.sorted() { updatePower(ofSite: SiteID(site), at: time) }
        for c in caps.indices { account(cap: c, limit: caps[c].policy.limit(at: time)?.value, at: time) }
    }

    /// Clocks by priority: the lowest-priority jobs are slowed first, down to the minimum clock,
    /// before the next level is touched; the level where the cap is met gets the clock that
    /// fits (the solve of `clock(fitting:)` with the other levels fixed), higher levels keep
    /// full clock.
    func clocksByPriority(_ demand: (base: Double, jobs: [(index: Int, dynamic: Double)]), ceilings: [Int: Double],
                          under limit: Double?, cap c: Int, at time: SimTime) -> [Int: Double] {
        var clocks = Dictionary(uniqueKeysWithValues: demand.jobs.map { ($0.index, 1.0) })
        guard limit != nil else { return clocks }
        let minimum = caps[c].policy.minimumClock
        let levels = Set(demand.jobs.map { runs[$0.index].input.priority }).sorted()
        func cubed(_ job: (index: Int, dynamic: Double), _ f: Double) -> Double {
            let x = min(f, ceilings[job.index] ?? 1)
            return job.dynamic * x * x * x
        }
        for level in levels {
            var base = demand.base
            var group: [(index: Int, dynamic: Double)] = []
            for job in demand.jobs {
                let p = runs[job.index].input.priority
                if p == level { group.append(job) } else { base += cubed(job, p < level ? minimum : 1) }
            }
            let f = clock(fitting: (base, group), ceilings: ceilings, under: limit, domain: caps[c].domain, minimum: minimum, at: time)
            for job in group { clocks[job.index] = f }
            if f > minimum || cappedWatts(caps[c].domain, it: base + group.map { cubed($0, f) }.reduce(0, +), at: time) <= limit! {
                break
            }
        }
        return clocks
    }

    /// The clock factor that fits `demand` under `limit` (1 when it fits already), each job held
    /// at most at its ceiling from caps solved before.
    func clock(fitting demand: (base: Double, jobs: [(index: Int, dynamic: Double)]), ceilings: [Int: Double],
               under limit: Double?, domain: CapDomain, minimum: Double, at time: SimTime) -> Double {
        func power(_ f: Double) -> Double {
            var it = demand.base
            for job in demand.jobs {
                let c = min(f, ceilings[job.index] ?? 1)
                it += job.dynamic * c * c * c
            }
            return cappedWatts(domain, it: it, at: time)
        }
        // A hair under the cap, so the meter's sum (the same terms in another order) stays under it too.
        guard let cap = limit, !demand.jobs.isEmpty, power(1) > cap else { return 1 }
        let limit = cap * (1 - 1e-12)
        guard power(minimum) <= limit else { return minimum }
        let unconstrained = demand.jobs.allSatisfy { (ceilings[$0.index] ?? 1) >= 1 }
        let dynamic = demand.jobs.map(\.dynamic).reduce(0, +)
        var pue: Double?
        switch domain {
        case .pool: pue = 1
        case .site(let site): if case .constant(let p) = fleet.sites[site].pue { pue = p }
        }
        if unconstrained, let pue, dynamic > 0 {
            var f = min(1, cbrt((limit / pue - demand.base) / dynamic))
            while f > minimum && power(f) > limit { f = f.nextDown }
            return max(minimum, f)
        }
        var low = minimum, high = 1.0  // power(low) ≤ limit < power(high)
        for _ in 0..<200 where high - low > 1e-15 {
            let mid = (low + high) / 2
            if power(mid) <= limit { low = mid } else { high = mid }
        }
        return low
    }

    mutating func preempt(cap c: Int, limit: Double, at time: SimTime, engine: inout Engine) {
        let domain = caps[c].domain
        var stopped: Set<Int> = []
        while true {
            let demand = itDemand(of: domain)
            let it = demand.base + demand.jobs.map(\.dynamic).reduce(0, +)
            guard cappedWatts(domain, it: it, at: time) > limit else { break }
            // Lowest priority first; preemptible before not; then the most recently started.
            guard let victim = demand.jobs.map(\.index).min(by: { a, b in
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
            stopped.insert(fleet.pools[pool].site.rawValue)
        }
        for site in stopped.sorted() { updatePower(ofSite: SiteID(site), at: time) }
        if !stopped.isEmpty { engine.schedule(.powerCapRecheck, at: time, subject: UInt32(c)) }
    }

    /// Sets the cap's rates from now on: power avoided, chips delayed, at cap, over cap.
    mutating func account(cap c: Int, limit: Double?, at time: SimTime) {
        let domain = caps[c].domain
        let demand = itDemand(of: domain)
        var waiting = 0.0, waitingChips = 0
        for (job, pool) in caps[c].blocked.sorted(by: { $0.key < $1.key }) {  // a fixed order: same sum, same bits
            let start = startingDemand(ofJob: job, on: pool)
            waiting += start.watts
            waitingChips += start.chips
        }
        var actualIT = demand.base, fullIT = demand.base, delayed = Double(waitingChips)
        var isThrottled = false
        for job in demand.jobs {
            let f = runs[job.index].clock
            actualIT += job.dynamic * f * f * f
            fullIT += job.dynamic
            if caps[c].policy.action == .throttle && f < 1 {
                delayed += Double(runs[job.index].input.job.parallelism.chips) * (1 - f)
                isThrottled = true
            }
        }
        let actual = cappedWatts(domain, it: actualIT, at: time)
        let uncapped = cappedWatts(domain, it: fullIT + waiting, at: time)
        let state = (limit: limit, clock: caps[c].policy.action == .throttle ? caps[c].clock : 1.0, waiting: caps[c].blocked.count)
        if caps[c].lastReported.map({ $0.limit != state.limit || $0.clock != state.clock || $0.waiting != state.waiting }) ?? true {
            caps[c].lastReported = state
            let site: Int = switch domain {
            case .site(let s): s
            case .pool(let p): fleet.pools[p].site.rawValue
            }
            sink.record(.powerCapState(PowerCapSample(site: fleet.sites[site].name, domain: name(of: domain), time: time,
                                                      limit: state.limit, clock: state.clock, waitingJobs: state.waiting)))
        }
        caps[c].set(avoided: uncapped - actual, delayedChips: delayed, atCap: isThrottled || waitingChips > 0,
                    overCap: limit.map { actual > $0 * (1 + 1e-12) } ?? false, at: time)
    }

    /// Closes every cap's account at `horizon` and reports it.
    mutating func closeCaps(at horizon: SimTime) {
        for c in caps.indices {
            caps[c].integrate(to: horizon)
            sink.record(.powerCap(caps[c].report(name: name(of: caps[c].domain))))
        }
    }
}
