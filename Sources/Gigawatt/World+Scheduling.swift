import Fleet
import Scheduling
import SimKernel
import Workloads

/// The scheduling round: the policy's view, its decisions applied in order, and the
/// fragmentation the round leaves.
extension World {
    /// Rounds per instant at most: a round that preempts queues its victims again, and the next
    /// round may start them elsewhere at the same instant. Each round stops a job only for a
    /// strictly higher-priority one, so a handful of rounds always suffices in practice; the
    /// bound keeps a misbehaving policy from looping forever.
    static let maxRoundsPerInstant = 4

    /// Runs the policy until a round changes nothing that needs another (no preemption), then
    /// records the fragmentation left at this instant.
    mutating func runSchedulingRounds(at time: SimTime, engine: inout Engine) {
        var round = 0
        while needsScheduling && round < World.maxRoundsPerInstant {
            needsScheduling = false
            round += 1
            let view = SchedulerView(
                now: time, queue: queue,
                running: policy.usesRunningJobs ? runningView : [],
                occupancy: Dictionary(uniqueKeysWithValues: fleet.pools.map { ($0.id, occupancy[$0.id.rawValue]) }),
                power: policy.usesPowerView ? powerView(at: time) : nil)
            applyRound(policy.decide(view), at: time, engine: &engine)
        }
        // Anything left over (the round bound) waits for the next instant with an event.
        recordFragmentation(at: time)
    }

    /// Applies a round's decisions in order. Preemptions directly before a start make that
    /// start's room: under a `hold` (or `preempt`) cap the start is checked as if they had
    /// happened, and when the cap refuses it they do not happen (the victims keep running).
    /// A later start of the round planned in room those victims would have left, and which
    /// therefore is not free, waits for the next round instead of failing.
    mutating func applyRound(_ decisions: [Decision], at time: SimTime, engine: inout Engine) {
        var held: [(job: Int, decision: Decision)] = []  // preemptions waiting for the start they make room for
        var keptVictims = false
        for decision in decisions {
            if case .preempt(let id, _) = decision {
                precondition(runs[id.rawValue].state == .running, "\(policy.name) preempted \(id), which is not running")
                held.append((id.rawValue, decision))
                continue
            }
            if case .start(let id, let option) = decision, !held.isEmpty, !caps.isEmpty,
               !admitsUnderCap(id.rawValue, on: option.pool.rawValue, at: time, freeing: held.map(\.job)) {
                held.removeAll()
                keptVictims = true
                continue
            }
            for preemption in held { apply(preemption.decision, at: time, engine: &engine) }
            held.removeAll()
            if keptVictims, case .start(_, let option) = decision {
                var trial = occupancy[option.pool.rawValue]
                guard case .success = trial.place(option.request) else { continue }
            }
            apply(decision, at: time, engine: &engine)
        }
        for preemption in held { apply(preemption.decision, at: time, engine: &engine) }
    }

    /// Applies one decision. A decision about a job in the wrong state is a bug in the policy,
    /// not bad input: it traps with the policy's name.
    mutating func apply(_ decision: Decision, at time: SimTime, engine: inout Engine) {
        switch decision {
        case .start(let id, let option):
            precondition(runs[id.rawValue].state == .queued, "\(policy.name) started \(id), which is not queued")
            // A power cap with the `hold` action admits nothing that would take it over the cap.
            guard caps.isEmpty || admitsUnderCap(id.rawValue, on: option.pool.rawValue, at: time) else { return }
            start(id.rawValue, with: option, at: time, engine: &engine)
        case .reject(let id, let reason):
            precondition(runs[id.rawValue].state == .queued, "\(policy.name) rejected \(id), which is not queued")
            reject(id.rawValue, reason: reason)
        case .preempt(let id, _):
            precondition(runs[id.rawValue].state == .running, "\(policy.name) preempted \(id), which is not running")
            let pool = runs[id.rawValue].pool!
            preempt(id.rawValue, at: time, engine: &engine)
            updatePower(ofSite: fleet.pools[pool.rawValue].site, at: time)
        }
    }

    /// The power a policy sees: per site, the limit less the facility power now; per pool, what
    /// one more busy host adds at the facility (busy − idle host draw × the site's PUE now).
    func powerView(at time: SimTime) -> PowerView {
        var headroom: [Watts?] = []
        var limit: [Watts?] = []
        var pue: [Double] = []
        let byPool = itPowerByPool()
        for site in fleet.sites {
            var it = Watts.zero
            for pool in fleet.pools where pool.site == site.id { it += byPool[pool.id.rawValue] }
            let facility = site.pue.facilityPower(itLoad: it, at: time)
            headroom.append(site.facilityLimit.map { $0 - facility })
            limit.append(site.facilityLimit)
            pue.append(it.value > 0 ? facility / it : site.pue.pue(atITLoad: it, at: time))
        }
        let poolSite = fleet.pools.map(\.site.rawValue)
        let perUnit = fleet.pools.indices.map { (hostPower[$0].busy - hostPower[$0].idle) * pue[poolSite[$0]] }
        return PowerView(poolSite: poolSite, wattsPerBusyUnit: perUnit, idleWattsPerUnit: hostPower.map(\.idle),
                         facilityPerITWatt: poolSite.map { pue[$0] }, headroom: headroom, limit: limit)
    }

    /// What a whole run of job `index` on `pool` (`hosts` hosts for `duration`, a step of
    /// `breakdown`) is expected to cost, for policies that rank platforms: its hosts at the power
    /// the accounting will charge them (`unthrottledHostPower`).
    func runEstimate(of index: Int, on pool: Pool, hosts: Int, duration: SimDuration, breakdown: StepTimeBreakdown?,
                     at time: SimTime) -> RunEstimate {
        RunEstimator.estimate(duration: duration, chips: runs[index].input.chips, hosts: hosts,
                              hostPower: unthrottledHostPower(ofJob: index, on: pool.id.rawValue, breakdown: breakdown), pool: pool,
                              site: fleet.sites[pool.site.rawValue], at: time)
    }

    /// Chips free now that cannot host the smallest queued gang (per pool: the smallest gang
    /// among the queued jobs' options on that pool; a pool no queued job may use counts none).
    /// O(pools × unitsPerDomain): the smallest gangs are kept as jobs enter and leave the queue.
    func strandedChips() -> Int {
        var total = 0
        for pool in fleet.pools.indices {
            guard let smallest = queuedGangs.smallest(inPool: pool) else { continue }
            total += occupancy[pool].strandedUnits(forGangOf: smallest) * occupancy[pool].hierarchy.chipsPerUnit
        }
        return total
    }

    /// Job `index` joined (`isJoining`) or left the queue: its gang sizes per pool are counted
    /// in or out.
    mutating func noteQueue(_ index: Int, isJoining: Bool) {
        for option in runs[index].options {
            let pool = option.placement.pool.rawValue
            let units = ScratchFleet.unitsNeeded(option.placement.request, on: occupancy[pool].hierarchy)
            if isJoining { queuedGangs.add(units, pool: pool) } else { queuedGangs.remove(units, pool: pool) }
        }
    }

    /// Closes the time since the last round at the previous stranded count and takes the new one.
    mutating func recordFragmentation(at time: SimTime) {
        fragmentation.record(strandedChips(), at: time)
    }
}

/// How many queued jobs could use a gang of each size (in units) on each pool, and the smallest
/// such size: the fragmentation metric's reference gang, kept without walking the queue.
struct QueuedGangSizes {
    private var counts: [[Int: Int]]
    private var smallestUnits: [Int?]

    init(pools: Int) {
        counts = Array(repeating: [:], count: pools)
        smallestUnits = Array(repeating: nil, count: pools)
    }

    func smallest(inPool pool: Int) -> Int? { smallestUnits[pool] }

    mutating func add(_ units: Int, pool: Int) {
        counts[pool][units, default: 0] += 1
        smallestUnits[pool] = min(smallestUnits[pool] ?? units, units)
    }

    mutating func remove(_ units: Int, pool: Int) {
        guard let count = counts[pool][units] else { preconditionFailure("removing a gang of \(units) units that was never queued") }
        counts[pool][units] = count > 1 ? count - 1 : nil
        // Few distinct sizes: the minimum of the keys is cheap and independent of hash order.
        if count == 1 && smallestUnits[pool] == units { smallestUnits[pool] = counts[pool].keys.min() }
    }
}

/// The time integral of stranded chips (free but unable to host the smallest queued gang),
/// sampled after every scheduling round: the count only changes at rounds and at events that
/// free or take chips, all of which end in a round.
struct FragmentationMeter {
    private(set) var chipSeconds = 0.0
    private(set) var peak = 0
    private var current = 0
    private var since = SimTime.zero

    mutating func record(_ stranded: Int, at time: SimTime) {
        chipSeconds += Double(current) * (time - since).seconds
        current = stranded
        since = time
        peak = max(peak, stranded)
    }

    /// Mean stranded chips over [0, horizon].
    func mean(until horizon: SimTime) -> Double {
        let total = chipSeconds + Double(current) * (horizon - since).seconds
        let span = (horizon - SimTime.zero).seconds
        return span > 0 ? total / span : Double(current)
    }
}
