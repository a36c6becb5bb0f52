import Fleet
import Scheduling
import SimKernel
import Workloads

extension EventKind {
    static var trainingArrival: EventKind { EventKind(rawValue: 1) }
    static var trainingCompletion: EventKind { EventKind(rawValue: 2) }
    /// An hour boundary at which a site's price, carbon intensity or PUE may change.
    static var siteSeriesChange: EventKind { EventKind(rawValue: 3) }
    /// A pool's capacity changes (delivery, retirement, outage, restore); payload: change point.
    static var capacityChange: EventKind { EventKind(rawValue: 4) }
}

extension EventPhase {
    /// Completions first, so the capacity they free is there for the same instant's arrivals.
    static var completion: EventPhase { EventPhase(rawValue: 10) }
    static var arrival: EventPhase { EventPhase(rawValue: 20) }
}

/// The simulated world: fleet occupancy, the jobs and their progress, as the engine's event
/// handler. The scheduling policy runs once per instant in which something changed, after all
/// of that instant's events (`instantDidEnd`), and its decisions are applied here.
struct World: EventHandler {
    let fleet: FleetDescription
    var occupancy: [PoolOccupancy]
    var runs: [TrainingRun]
    /// The queue as policies see it, in arrival order (ties by job order), kept up to date as
    /// jobs arrive and leave so that each scheduling round hands it over without copying.
    var queue: [QueuedJob] = []
    /// The running jobs, sorted by (expected end, id) as policies see them, kept up to date as
    /// jobs start and stop (rates do not change while a job runs in this version). It is also
    /// the simulation's one list of what runs.
    var runningView: [RunningJob] = []
    var policy: any SchedulingPolicy
    let sink: any TelemetrySink
    var needsScheduling = false
    /// Per pool: hosts running work, hosts in service, and what a host draws. Hosts out of
    /// service (outage, retired, not yet delivered) draw nothing.
    var busyHosts: [Int]
    var inServiceHosts: [Int]
    let hostPower: [HostPowerModel]
    /// Per pool: units out of service that a later delivery or restore can bring back, sorted.
    var offlineUnits: [[Int]]
    /// Per site, by site id.
    var meters: [SiteMeter]

    init(fleet: FleetDescription, training: [TrainingJobSpec], policy: any SchedulingPolicy, interval: SimDuration,
         sink: any TelemetrySink) {
        self.fleet = fleet
        self.policy = policy
        self.sink = sink
        // Each pool's index is sized for the most chips it ever has in service; the units beyond
        // its starting size wait, reserved, for deliveries and restores.
        var occupancy: [PoolOccupancy] = []
        var offline: [[Int]] = []
        var inService: [Int] = []
        for pool in fleet.pools {
            let (base, installed) = UnitHierarchy.of(pool)
            let perUnit = base.chipsPerUnit
            let most = pool.capacity.changePoints.map { $0.available / perUnit }.max() ?? installed
            let hierarchy = base.growing(toHold: most)
            occupancy.append(PoolOccupancy(hierarchy: hierarchy, installedUnits: installed))
            offline.append(installed < most ? Array(installed..<most) : [])
            inService.append(installed)
        }
        self.occupancy = occupancy
        offlineUnits = offline
        inServiceHosts = inService
        runs = training.enumerated().map { TrainingRun(id: JobID($0.offset), input: $0.element) }
        busyHosts = Array(repeating: 0, count: fleet.pools.count)
        hostPower = fleet.pools.map { HostPowerModel(spec: $0.spec) }
        meters = fleet.sites.map { SiteMeter(site: $0, interval: interval) }
    }

    /// Starts the power accounts at time zero (every host idle) and schedules the first change
    /// of each site's hourly series.
    mutating func startAccounting(in engine: inout Engine) {
        for site in fleet.sites {
            updatePower(ofSite: site.id, at: .zero)
            if let next = meters[site.id.rawValue].nextSeriesChange(after: .zero) {
                engine.schedule(.siteSeriesChange, at: next, subject: UInt32(site.id.rawValue))
            }
        }
    }

    /// IT power of a pool: busy hosts at their typical draw, the rest idle. Placement units are
    /// hosts on every platform (HGX host, NVL72 tray, Trainium instance, TPU host).
    private func itPower(ofPool index: Int) -> Watts {
        let model = hostPower[index]
        return model.busy.times(busyHosts[index]) + model.idle.times(inServiceHosts[index] - busyHosts[index])
    }

    private mutating func updatePower(ofSite site: SiteID, at time: SimTime) {
        var total = Watts.zero
        var busy = 0, installed = 0
        for pool in fleet.pools where pool.site == site {
            total += itPower(ofPool: pool.id.rawValue)
            busy += busyHosts[pool.id.rawValue]
            installed += inServiceHosts[pool.id.rawValue]
        }
        let fraction = installed > 0 ? Double(busy) / Double(installed) : 0
        for interval in meters[site.rawValue].update(itPower: total, utilization: fraction, at: time) {
            sink.record(.siteInterval(interval))
        }
        let meter = meters[site.rawValue]
        sink.record(.sitePower(SitePowerSample(site: meter.site.name, time: time, itPower: total.value,
                                               facilityPower: meter.facilityEnergy.rate)))
    }

    /// Closes the power accounts at `horizon`: the last intervals (a partial one included) and
    /// each site's totals.
    mutating func closeAccounts(at horizon: SimTime) {
        for index in meters.indices {
            for interval in meters[index].advance(to: horizon) { sink.record(.siteInterval(interval)) }
            if let last = meters[index].openInterval(endingAt: horizon) { sink.record(.siteInterval(last)) }
            sink.record(.siteEnergy(meters[index].totals))
        }
    }

    /// Schedules every arrival and capacity change up to the horizon.
    func scheduleArrivals(in engine: inout Engine, horizon: SimTime) {
        for run in runs where run.input.arrival <= horizon {
            engine.schedule(.trainingArrival, at: run.input.arrival, phase: .arrival, subject: UInt32(run.id.rawValue))
        }
        for pool in fleet.pools {
            for (index, point) in pool.capacity.changePoints.enumerated() where point.time <= horizon && !pool.capacity.events.isEmpty {
                engine.schedule(.capacityChange, at: point.time, phase: .completion, subject: UInt32(pool.id.rawValue),
                                payload: UInt64(index))
            }
        }
    }

    mutating func handle(_ event: Event, engine: inout Engine) {
        let index = Int(event.subject)
        switch event.kind {
        case .trainingArrival:
            arrive(index, at: engine.now)
        case .trainingCompletion:
            guard runs[index].generation == event.payload, runs[index].state == .running else { return }
            complete(index, at: engine.now)
        case .capacityChange:
            let pool = fleet.pools[index]
            let point = pool.capacity.changePoints[Int(event.payload)]
            setInService(pool: index, units: point.available / occupancy[index].hierarchy.chipsPerUnit, at: engine.now)
        case .siteSeriesChange:
            let site = SiteID(index)
            updatePower(ofSite: site, at: engine.now)
            if let next = meters[index].nextSeriesChange(after: engine.now) {
                engine.schedule(.siteSeriesChange, at: next, subject: event.subject)
            }
        default:
            preconditionFailure("no handler for event kind \(event.kind.rawValue)")
        }
    }

    mutating func instantDidEnd(_ time: SimTime, engine: inout Engine) {
        guard needsScheduling else { return }
        needsScheduling = false
        let view = SchedulerView(
            now: time, queue: queue,
            running: policy.usesRunningJobs ? runningView : [],
            occupancy: Dictionary(uniqueKeysWithValues: fleet.pools.map { ($0.id, occupancy[$0.id.rawValue]) }))
        for decision in policy.decide(view) {
            // A decision about a job that is not waiting is a bug in the policy, not bad input.
            switch decision {
            case .start(let id, let option):
                precondition(runs[id.rawValue].state == .queued, "\(policy.name) started \(id), which is not queued")
                start(id.rawValue, with: option, at: time, engine: &engine)
            case .reject(let id, let reason):
                precondition(runs[id.rawValue].state == .queued, "\(policy.name) rejected \(id), which is not queued")
                reject(id.rawValue, reason: reason)
            }
        }
    }

    private mutating func addToRunningView(_ index: Int, at time: SimTime) {
        let job = RunningJob(id: runs[index].id, pool: runs[index].pool!, units: runs[index].units,
                             expectedEnd: runs[index].completionTime(from: time))
        let position = runningView.partitioningIndex { ($0.expectedEnd, $0.id) > (job.expectedEnd, job.id) }
        runningView.insert(job, at: position)
    }

    private mutating func removeFromRunningView(_ index: Int) {
        if let position = runningView.firstIndex(where: { $0.id.rawValue == index }) { runningView.remove(at: position) }
    }

    // MARK: Transitions

    private mutating func arrive(_ index: Int, at time: SimTime) {
        var run = runs[index]
        for pool in fleet.pools where run.input.mayRun(on: pool.spec) {
            let chips = run.input.job.parallelism.chips
            let request = PlacementRequest(chips: chips, chipsPerTightGroup: run.input.job.parallelism.tensor)
            switch TrainingAllocationChoice.allocation(chips, in: pool) {
            case .failure(let problem):
                run.excluded.append("\(pool.name): \(problem)")
            case .success(let allocation):
                if let fixed = run.input.fixedDuration {
                    // A replayed job runs for its recorded time on any pool it may use.
                    let step = fixed.seconds / max(run.totalSteps, 1)
                    run.options.append(.init(placement: PlacementOption(pool: pool.id, request: request, predictedDuration: fixed),
                                             stepSeconds: step, breakdown: nil))
                    continue
                }
                do {
                    let breakdown = try StepTime.estimate(run.input.job, on: allocation)
                    let duration = SimDuration(secondsRoundingUp: breakdown.step * run.totalSteps)
                    run.options.append(.init(placement: PlacementOption(pool: pool.id, request: request, predictedDuration: duration),
                                             stepSeconds: breakdown.step, breakdown: breakdown))
                } catch {
                    run.excluded.append("\(pool.name): \(error)")
                }
            }
        }
        runs[index] = run
        if run.options.isEmpty {
            let why = run.excluded.isEmpty ? "no pool of an allowed platform or chip" : run.excluded.joined(separator: "; ")
            reject(index, reason: why)
            return
        }
        runs[index].state = .queued
        queue.append(runs[index].queued())
        needsScheduling = true
    }

    private mutating func start(_ index: Int, with option: PlacementOption, at time: SimTime, engine: inout Engine) {
        guard case .success(let placement) = occupancy[option.pool.rawValue].place(option.request) else {
            preconditionFailure("policy started \(runs[index].id) on \(option.pool), which has no room")
        }
        guard let chosen = runs[index].options.first(where: { $0.placement.pool == option.pool }) else {
            preconditionFailure("policy started \(runs[index].id) on \(option.pool), not one of its options")
        }
        removeFromQueue(index)
        runs[index].advance(to: time)
        runs[index].state = .running
        runs[index].pool = option.pool
        runs[index].placement = placement
        runs[index].units = placement.unitCount
        runs[index].breakdown = chosen.breakdown
        runs[index].stepSeconds = chosen.stepSeconds
        runs[index].start = time
        runs[index].lastUpdate = time
        runs[index].generation &+= 1
        busyHosts[option.pool.rawValue] += placement.unitCount
        addToRunningView(index, at: time)
        updatePower(ofSite: fleet.pools[option.pool.rawValue].site, at: time)
        engine.schedule(.trainingCompletion, at: runs[index].completionTime(from: time), phase: .completion,
                        subject: UInt32(index), payload: runs[index].generation)
    }

    private mutating func complete(_ index: Int, at time: SimTime) {
        runs[index].advance(to: time)
        runs[index].stepsDone = runs[index].totalSteps
        runs[index].state = .finished
        removeFromRunningView(index)
        runs[index].end = time
        if let pool = runs[index].pool, let placement = runs[index].placement {
            occupancy[pool.rawValue].release(placement)
            busyHosts[pool.rawValue] -= placement.unitCount
            updatePower(ofSite: fleet.pools[pool.rawValue].site, at: time)
        }
        sink.record(.trainingJob(result(of: runs[index], horizon: time)))
        needsScheduling = true
    }

    private mutating func removeFromQueue(_ index: Int) {
        if let position = queue.firstIndex(where: { $0.id.rawValue == index }) { queue.remove(at: position) }
    }

    private mutating func reject(_ index: Int, reason: String) {
        removeFromQueue(index)
        runs[index].state = .rejected(reason)
        sink.record(.trainingJob(result(of: runs[index], horizon: runs[index].input.arrival)))
    }

    /// Records every job that has not completed or been rejected, as it stands at `horizon`.
    mutating func closeUnfinished(at horizon: SimTime) {
        for index in runs.indices {
            switch runs[index].state {
            case .finished, .rejected: continue
            case .pending, .queued, .running:
                runs[index].advance(to: horizon)
                sink.record(.trainingJob(result(of: runs[index], horizon: horizon)))
            }
        }
    }

    // MARK: Capacity

    /// Brings a pool to `target` units in service: removals take free units from the top of the
    /// pool first and preempt the most recently started jobs when there are too few (they go
    /// back to the queue and resume from their last checkpoint); additions bring back the
    /// lowest-numbered units out of service.
    private mutating func setInService(pool index: Int, units target: Int, at time: SimTime) {
        var current = inServiceHosts[index]
        if target < current {
            let need = current - target
            var free = occupancy[index].highestFreeUnits(need)
            while free.count < need, let victim = newestRunning(inPool: index) {
                preempt(victim, at: time)
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
    private func newestRunning(inPool pool: Int) -> Int? {
        runningView.map(\.id.rawValue).filter { runs[$0].pool?.rawValue == pool }
            .max { (runs[$0].start!, $0) < (runs[$1].start!, $1) }
    }

    /// Stops a running job, keeps the progress of its last checkpoint, and queues it again in
    /// arrival order.
    private mutating func preempt(_ index: Int, at time: SimTime) {
        runs[index].advance(to: time)
        runs[index].rollBackToCheckpoint()
        if let pool = runs[index].pool, let placement = runs[index].placement {
            occupancy[pool.rawValue].release(placement)
            busyHosts[pool.rawValue] -= placement.unitCount
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

    // MARK: Results

    private func result(of run: TrainingRun, horizon: SimTime) -> TrainingJobResult {
        let outcome: TrainingJobResult.Outcome
        var reason: String?
        switch run.state {
        case .finished: outcome = .completed
        case .running: outcome = .running
        case .queued: outcome = .queued
        case .pending: outcome = .notArrived
        case .rejected(let why): outcome = .rejected; reason = why
        }
        if reason == nil && !run.excluded.isEmpty { reason = "not usable: " + run.excluded.joined(separator: "; ") }
        let pool = run.pool.map { fleet.pools[$0.rawValue] }
        let chips = run.input.job.parallelism.chips
        let held = run.start.map { ((run.end ?? horizon) - $0).seconds } ?? 0
        return TrainingJobResult(
            name: run.input.name, outcome: outcome, reason: reason, pool: pool?.name, chip: pool?.spec.id.rawValue,
            chips: chips, arrival: run.input.arrival, start: run.start, end: run.end,
            progress: run.totalSteps > 0 ? run.stepsDone / run.totalSteps : 1,
            stepSeconds: run.stepSeconds, mfu: run.breakdown?.mfu, tokensPerSecond: run.breakdown?.tokensPerSecond,
            chipHours: Double(chips) * held / 3_600, preemptions: run.preemptions)
    }
}

extension Array {
    /// The first index whose element satisfies `belongsInSecondPartition`, for an array already
    /// partitioned by it (all false, then all true). O(log n).
    func partitioningIndex(where belongsInSecondPartition: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if belongsInSecondPartition(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
