import ScenarioFormat
import Scheduling
import SimKernel
import Workloads

/// One run of a scenario: the engine, the simulated world, and the telemetry it emits.
///
/// The caller drives it in slices (`advance`) so a command-line front end can report progress
/// between slices without the engine knowing about terminals. The world's state lives in
/// `World`, the event handler; this type owns the engine and the run's bookkeeping.
public struct Simulation {
    public let scenario: Scenario
    private var engine = Engine()
    private var world: World
    private var sink: any TelemetrySink
    private var hasFinished = false

    /// Prepares a run of `scenario` with its training jobs (or `training` instead, when given)
    /// and its policy (or `policy` instead, when given). Nothing is simulated until `advance` is called.
    public init(scenario: Scenario, training: [TrainingJobSpec]? = nil, policy: (any SchedulingPolicy)? = nil,
                interval: SimDuration? = nil, sink: any TelemetrySink) {
        self.scenario = scenario
        self.sink = sink
        guard let chosen = policy ?? PolicyRegistry.policy(named: scenario.policy, parameters: scenario.policyParameters) else {
            preconditionFailure("scenario policy '\(scenario.policy)' is not in the registry (the reader checks names)")
        }
        self.world = World(fleet: scenario.fleet, training: training ?? scenario.trainingJobs(), policy: chosen,
                           interval: interval ?? Simulation.defaultInterval(for: scenario.horizon), seed: scenario.seed,
                           inference: scenario.inference, sink: sink)
        self.sink.record(.runStarted(RunStarted(
            scenarioName: scenario.name, seed: scenario.seed, horizon: scenario.horizon,
            version: GigawattVersion.string)))
        self.sink.record(.fleetDescribed(FleetInventory(scenario.fleet)))
        world.scheduleArrivals(in: &engine, horizon: SimTime.zero + scenario.horizon)
        world.startAccounting(in: &engine)
        world.startInference(in: &engine, horizon: SimTime.zero + scenario.horizon)
    }

    /// The time-series interval when none is given: one minute up to a day's horizon, one hour
    /// up to 90 days, one day beyond (a few hundred to a few thousand rows per site).
    public static func defaultInterval(for horizon: SimDuration) -> SimDuration {
        if horizon <= .days(1) { return .minutes(1) }
        if horizon <= .days(90) { return .hours(1) }
        return .days(1)
    }

    /// The end of the simulated period.
    public var horizon: SimTime { SimTime.zero + scenario.horizon }
    /// The simulated time reached so far.
    public var now: SimTime { engine.now }
    /// Events handled so far.
    public var eventsProcessed: UInt64 { engine.eventsProcessed }
    /// Whether the horizon has been reached.
    public var isComplete: Bool { engine.now >= horizon }

    /// Simulates until the horizon or until `maxEvents` more events have been handled, whichever
    /// comes first. Call repeatedly until `isComplete`.
    public mutating func advance(maxEvents: UInt64 = .max) {
        precondition(!hasFinished, "advance after finish")
        _ = engine.run(until: horizon, maxEvents: maxEvents, handler: &world)
    }

    /// Closes the run: emits the final records and returns the totals.
    /// - Precondition: the horizon has been reached.
    public mutating func finish() -> RunTotals {
        precondition(isComplete, "finish before the horizon was reached")
        precondition(!hasFinished, "finish called twice")
        hasFinished = true
        world.closeUnfinished(at: engine.now)
        world.closeInference(at: engine.now)
        world.closeAccounts(at: engine.now)
        let totals = RunTotals(simulatedTime: engine.now - .zero, eventsProcessed: engine.eventsProcessed,
                               meanStrandedChips: world.fragmentation.mean(until: engine.now),
                               peakStrandedChips: world.fragmentation.peak)
        sink.record(.runFinished(totals))
        return totals
    }

    /// Runs the whole scenario at once.
    public static func run(_ scenario: Scenario, training: [TrainingJobSpec]? = nil, sink: any TelemetrySink) -> RunTotals {
        var simulation = Simulation(scenario: scenario, training: training, sink: sink)
        while !simulation.isComplete { simulation.advance() }
        return simulation.finish()
    }
}
