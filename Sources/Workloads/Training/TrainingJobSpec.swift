import Fleet
import SimKernel

/// One training job as a scenario describes it: the model and how much to train it
/// (`TrainingJob`), plus everything about scheduling it — when it arrives, where it may run,
/// its priority, tenant, checkpoint policy and whether it may be preempted.
///
/// The scenario's `workloads.training` entries read into these directly; streams
/// (`TrainingJobStream`) expand into them. Memory fit is not checked here: it depends on the
/// platform, and the simulation rejects a job at placement with `MemoryShortfall`'s message.
public struct TrainingJobSpec: Hashable, Sendable {
    /// Unique within the scenario: the name written in the file, or `<stream>/<index>` for a
    /// job a stream generated.
    public var name: String
    public var job: TrainingJob
    /// The measured run time of a replayed trace job, or of a stream whose jobs are drawn as
    /// durations: the job holds its chips for this long of uninterrupted progress instead of
    /// `job.steps` × its step time. nil for a modelled job.
    public var fixedDuration: SimDuration?
    /// The chips or platform kinds the job may run on (a pool is admitted when any entry
    /// admits it); empty means any.
    public var platforms: [PlatformChoice]
    /// Larger runs first under a priority policy; 0 by default.
    public var priority: Int
    public var tenant: String?
    /// Submission time, from the start of the run.
    public var arrival: SimTime
    /// nil when the job never checkpoints (an interruption loses all its progress).
    public var checkpoint: CheckpointPolicy?
    public var isPreemptible: Bool
    /// The stream that generated the job, nil for a job written out in the scenario.
    public var stream: String?

    public init(name: String, job: TrainingJob, fixedDuration: SimDuration? = nil, platforms: [PlatformChoice] = [],
                priority: Int = 0, tenant: String? = nil, arrival: SimTime = .zero,
                checkpoint: CheckpointPolicy? = nil, isPreemptible: Bool = false, stream: String? = nil) {
        self.name = name
        self.job = job
        self.fixedDuration = fixedDuration
        self.platforms = platforms
        self.priority = priority
        self.tenant = tenant
        self.arrival = arrival
        self.checkpoint = checkpoint
        self.isPreemptible = isPreemptible
        self.stream = stream
    }

    /// Chips the job holds: data × tensor × pipeline.
    public var chips: Int { job.parallelism.chips }

    /// Whether the job may run on chips of `spec`. O(platforms).
    public func mayRun(on spec: AcceleratorSpec) -> Bool {
        platforms.isEmpty || platforms.contains { $0.admits(spec) }
    }

    /// The chip ids among `platforms`, or nil when they name none (for callers that filter
    /// by chip and by platform kind separately).
    public var allowedChips: Set<AcceleratorID>? {
        let ids = platforms.compactMap { if case .chip(let id) = $0 { id } else { nil } }
        return ids.isEmpty ? nil : Set(ids)
    }

    /// The platform kinds among `platforms`, or nil when they name none.
    public var allowedPlatforms: Set<PlatformKind>? {
        let kinds = platforms.compactMap { if case .platform(let kind) = $0 { kind } else { nil } }
        return kinds.isEmpty ? nil : Set(kinds)
    }
}

/// One entry of a job's `platforms` list: a catalog chip (`"h100-sxm"`) or a whole platform
/// kind (`"gpu"`).
public enum PlatformChoice: Hashable, Sendable, CustomStringConvertible {
    case platform(PlatformKind)
    case chip(AcceleratorID)

    /// Whether chips of `spec` satisfy this entry.
    public func admits(_ spec: AcceleratorSpec) -> Bool {
        switch self {
        case .platform(let kind): spec.platform == kind
        case .chip(let id): spec.id == id
        }
    }

    /// The name as a scenario writes it.
    public var description: String {
        switch self {
        case .platform(let kind): kind.rawValue
        case .chip(let id): id.rawValue
        }
    }
}

/// When a training job saves its state, and how fast it writes and reads it back.
public struct CheckpointPolicy: Hashable, Sendable {
    public enum Interval: Hashable, Sendable {
        /// A fixed time between checkpoints (of progress, not of wall time).
        case every(SimDuration)
        /// The Young/Daly optimum √(2·δ·M) for write time δ and mean time between interruptions
        /// M of the job's allocation; the simulation computes it, since M depends on the chips.
        case optimal
    }

    public var interval: Interval
    /// Aggregate write bandwidth to checkpoint storage; nil = the simulation's default.
    public var writeBandwidth: BytesPerSecond?
    /// Aggregate read bandwidth when restoring; nil = the simulation's default.
    public var restoreBandwidth: BytesPerSecond?

    public init(interval: Interval, writeBandwidth: BytesPerSecond? = nil, restoreBandwidth: BytesPerSecond? = nil) {
        self.interval = interval
        self.writeBandwidth = writeBandwidth
        self.restoreBandwidth = restoreBandwidth
    }
}
