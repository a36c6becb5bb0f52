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
    /// Per pool: hosts failed and under repair (out of service until their repair ends).
    var underRepair: [Int]
    /// Per pool: hosts a capacity loss takes out of service once the inference replicas on them
    /// have drained (World+Capacity).
    var pendingOffline: [Int]
    let hostPower: [HostPowerModel]
    /// Per pool: units out of service that a later delivery or restore can bring back, sorted.
    var offlineUnits: [[Int]]
    /// Per site, by site id.
    var meters: [SiteMeter]
    /// The jobs sharing oversubscribed scale-out links, and their fair shares.
    var contention: FabricContention
    /// Free chips that cannot host the smallest queued gang, over time (see World+Scheduling).
    var fragmentation = FragmentationMeter()
    var queuedGangs: QueuedGangSizes
    /// Inference services (World+Inference.swift), the scenario seed their request streams
    /// derive from, the time-series interval, and the horizon (set when they start).
    var services: [ServiceRun]
    let inferenceSeed: UInt64
    let seriesInterval: SimDuration
    var inferenceHorizon = SimDuration.zero
    var fluidModels = FluidModels()
    /// The capped domains' enforcement state (World+PowerCaps): pools' caps, then sites'.
    var caps: [PowerCapState]
    /// Per pool, per job: energy, carbon and capacity cost (World+Cost); per site, the factor
    /// integrals the job accounts use; per pool, the running jobs' power above idle and their
    /// count; per job, its share of that sum.
    var poolAccounts: [EnergyAccount] = []
    var jobAccounts: [JobEnergyAccount] = []
    var siteFactors: [SiteFactorIntegral] = []
    var poolDynamic: [Double] = []
    /// Per pool: inference replicas' power above idle, and how many replicas draw it
    /// (World+ServingPower).
    var poolServing: [Double] = []
    var poolServingReplicas: [Int] = []
    var poolRunning: [Int] = []
    var jobDynamic: [Double] = []
    /// Per job: its power above idle at full clock once booted (what caps solve with).
    var jobDynamicFull: [Double] = []
    /// Per pool: the sum of its running jobs' `jobDynamicFull`.
    var poolDynamicFull: [Double] = []
    /// Per job: when its hosts finish booting (pools that power idle hosts off), while they boot.
    var bootingUntil: [SimTime?] = []
    /// Boots begun this instant, whose end events are scheduled when it ends.
    var pendingBoots: [(job: Int, at: SimTime)] = []
    /// Whether power or a cap changed this instant (caps are enforced only then).
    var needsPowerCheck = false
    /// Some inference service's placed replicas changed this instant: redraw its next failure.
    var inferenceFailureRatesChanged = false
    /// Failed inference replicas waiting for room to be replaced, over all services.
    var pendingReplacements = 0
    /// The run's seed, and per pool the spot-reclaim stream and reclaim count (World+SpotReclaim).
    var seed: UInt64 = 0
    var spotStreams: [RandomStream] = []
    var spotReclaims: [Int] = []

    init(fleet: FleetDescription, training: [TrainingJobSpec], policy: any SchedulingPolicy, interval: SimDuration,
         seed: UInt64 = 0, inference: [InferenceServiceSpec] = [], sink: any TelemetrySink) {
        self.fleet = fleet
        services = inference.map(ServiceRun.init)
        inferenceSeed = seed
        seriesInterval = interval
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
        contention = FabricContention(fabrics: zip(fleet.pools, occupancy).map { ContendedFabric.of($0, hierarchy: $1.hierarchy) })
        offlineUnits = offline
        inServiceHosts = inService
        self.seed = seed
        runs = training.enumerated().map { TrainingRun(id: JobID($0.offset), input: $0.element, seed: seed) }
        underRepair = Array(repeating: 0, count: fleet.pools.count)
        pendingOffline = Array(repeating: 0, count: fleet.pools.count)
        busyHosts = Array(repeating: 0, count: fleet.pools.count)
        hostPower = fleet.pools.map { HostPowerModel(spec: $0.spec) }
        meters = fleet.sites.map { SiteMeter(site: $0, interval: interval) }
        queuedGangs = QueuedGangSizes(pools: fleet.pools.count)
        // Pool caps first: a site's throttle solves with its pools' clocks as ceilings.
        caps = fleet.pools.compactMap { pool in pool.capPolicy.map { PowerCapState(domain: .pool(pool.id.rawValue), policy: $0) } }
            + fleet.sites.compactMap { site in site.capPolicy.map { PowerCapState(domain: .site(site.id.rawValue), policy: $0) } }
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
            complete(index, at: engine.now, engine: &engine)
        case .trainingFailure:
            guard runs[index].attempt == event.payload, runs[index].state == .running else { return }
            interrupt(index, at: engine.now, engine: &engine)
        case .hostRepaired:
            repair(unit: Int(event.payload), ofPool: index, at: engine.now)
        case .capacityChange:
            let pool = fleet.pools[index]
            let point = pool.capacity.changePoints[Int(event.payload)]
            sink.record(.poolCapacity(PoolCapacityChange(pool: pool.name, time: engine.now, installedChips: point.installed,
                                                         availableChips: point.available)))
            setInService(pool: index, units: point.available / occupancy[index].hierarchy.chipsPerUnit, at: engine.now, engine: &engine)
        case .siteSeriesChange:
            let site = SiteID(index)
            updatePower(ofSite: site, at: engine.now)
            if let next = meters[index].nextSeriesChange(after: engine.now) {
                engine.schedule(.siteSeriesChange, at: next, subject: event.subject)
            }
        case .powerCapChange:
            capLimitChanged(index, engine: &engine)
        case .powerCapRecheck:
            needsScheduling = true
        case .bootComplete:
            hostsBooted(index, at: engine.now)
        case .spotReclaim:
            reclaimSpot(pool: index, at: engine.now, engine: &engine)
        default:
            guard handleInference(event, engine: &engine) else { preconditionFailure("no handler for event kind \(event.kind.rawValue)") }
        }
    }

    mutating func instantDidEnd(_ time: SimTime, engine: inout Engine) {
        schedule(at: time, engine: &engine)
        if !caps.isEmpty && needsPowerCheck {
            needsPowerCheck = false
            enforcePowerCaps(at: time, engine: &engine)
            needsPowerCheck = false  // enforcement's own power updates are already settled
        }
        if !pendingBoots.isEmpty { scheduleBoots(in: &engine) }
        if pendingReplacements > 0 { retryReplacements(at: time, engine: &engine) }
        if inferenceFailureRatesChanged { redrawReplicaFailures(at: time, engine: &engine) }
    }

    /// Runs the policy if anything changed this instant and applies its decisions.
    private mutating func schedule(at time: SimTime, engine: inout Engine) {
        guard needsScheduling else { return }
        runSchedulingRounds(at: time, engine: &engine)
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
