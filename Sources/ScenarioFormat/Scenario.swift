import Fleet
import Scheduling
import SimKernel
import Workloads

/// One validated scenario: what to simulate, for how long, with which seed, on which fleet.
///
/// Immutable and `Sendable`, so a sweep can run many variants in parallel. Built only by
/// `ScenarioLoader` (or `with…` copies of a loaded one), so every `Scenario` has passed
/// validation. The `fleet` section is read into a `FleetDescription` and `workloads.training`
/// into `training` and `trainingStreams`; the `scheduler`, `power` and `outputs` sections are
/// kept as located JSON for now; each will get its own validated type as it is specified, read
/// with the same `ObjectReader` toolkit.
public struct Scenario: Hashable, Sendable {
    /// The file the scenario came from, as the user named it (for messages and reports).
    public let sourceFile: String
    /// A short human name, required and non-empty (it labels reports and traces).
    public let name: String
    /// Free text about what question the scenario answers.
    public let description: String?
    /// The root of every random stream. Required, not defaulted: a reproducible run must say
    /// which seed it used. Any UInt64, read exactly (not through Double).
    public let seed: UInt64
    /// How much simulated time to run; positive.
    public let horizon: SimDuration

    /// The sites and pools of the `fleet` section; `FleetDescription.empty` when it is absent.
    /// Pool specs carry the scenario's overrides, marked `.supplied("scenario FILE:LINE")`.
    public let fleet: FleetDescription
    /// The chips the scenario defines (`fleet.chips`), in file order.
    public let chips: [AcceleratorSpec]
    /// The `workloads` section as written (its parts are read into `training`,
    /// `trainingStreams` and `inference`).
    public let workloads: JSONNode?
    /// The training jobs written out in `workloads.training`, in file order.
    public let training: [TrainingJobSpec]
    /// The job streams of `workloads.training_streams`, in file order; `trainingJobs()`
    /// expands them with the scenario's seed.
    public let trainingStreams: [TrainingJobStream]
    /// The `scheduler` section as written (read into `policy`).
    public let scheduler: JSONNode?
    /// The inference services of `workloads.inference`, in file order.
    public let inference: [InferenceServiceSpec]
    /// The scheduling policy's registry name (`scheduler.policy`; "fifo" when the section or
    /// key is absent).
    public let policy: String
    /// The policy's options (`scheduler.options`); defaults when absent.
    public internal(set) var policyParameters = PolicyParameters()
    /// The `power` section, unread (no keys are defined yet).
    public let power: JSONNode?
    /// The `outputs` section, unread (no keys are defined yet).
    public let outputs: JSONNode?

    /// The built-in catalog with the scenario's chips added, for resolving chip ids and listing
    /// which figures came from the scenario.
    public var catalog: Catalog {
        var catalog = Catalog.builtIn
        for chip in chips { catalog.insert(chip) }
        return catalog
    }

    /// Problems found while loading that do not stop a run (all of severity `.warning`), in file
    /// order, for the CLI to print before it starts.
    public private(set) var warnings: [Diagnostic] = []

    init(
        sourceFile: String, name: String, description: String?, seed: UInt64, horizon: SimDuration,
        fleet: FleetDescription, chips: [AcceleratorSpec],
        workloads: JSONNode?, scheduler: JSONNode?, power: JSONNode?, outputs: JSONNode?,
        training: [TrainingJobSpec] = [], trainingStreams: [TrainingJobStream] = [], policy: String = "fifo",
        inference: [InferenceServiceSpec] = []
    ) {
        precondition(horizon > .zero, "a scenario's horizon must be positive, got \(horizon)")
        self.sourceFile = sourceFile
        self.name = name
        self.description = description
        self.seed = seed
        self.horizon = horizon
        self.fleet = fleet
        self.chips = chips
        self.workloads = workloads
        self.scheduler = scheduler
        self.power = power
        self.outputs = outputs
        self.training = training
        self.trainingStreams = trainingStreams
        self.policy = policy
        self.inference = inference
    }

    /// Every training job: the written-out jobs, then each stream's jobs expanded with `seed`
    /// (see `TrainingJobStream.jobs(seed:)`), in that order. O(jobs); call once per run.
    public func trainingJobs() -> [TrainingJobSpec] {
        training + trainingStreams.flatMap { $0.jobs(seed: seed) }
    }

    /// This scenario with another seed (the CLI's `--seed`).
    public func with(seed: UInt64) -> Scenario {
        var copy = Scenario(
            sourceFile: sourceFile, name: name, description: description, seed: seed, horizon: horizon,
            fleet: fleet, chips: chips, workloads: workloads, scheduler: scheduler, power: power, outputs: outputs,
            training: training, trainingStreams: trainingStreams, policy: policy, inference: inference)
        copy.warnings = warnings
        copy.policyParameters = policyParameters
        return copy
    }

    /// This scenario with another horizon (the CLI's `--horizon`).
    /// - Precondition: `horizon` is positive (the CLI validates its argument first).
    public func with(horizon: SimDuration) -> Scenario {
        var copy = Scenario(
            sourceFile: sourceFile, name: name, description: description, seed: seed, horizon: horizon,
            fleet: fleet, chips: chips, workloads: workloads, scheduler: scheduler, power: power, outputs: outputs,
            training: training, trainingStreams: trainingStreams, policy: policy, inference: inference)
        copy.warnings = warnings
        copy.policyParameters = policyParameters
        return copy
    }

    /// This scenario carrying the warnings its loading produced.
    func with(warnings: [Diagnostic]) -> Scenario {
        precondition(warnings.allSatisfy { $0.severity == .warning }, "a loaded scenario cannot carry errors")
        var copy = self
        copy.warnings = warnings
        copy.policyParameters = policyParameters
        return copy
    }
}
