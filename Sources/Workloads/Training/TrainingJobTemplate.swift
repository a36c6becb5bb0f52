import Fleet
import SimKernel

/// What every job of a stream shares; the stream supplies each job's chip count and length.
///
/// The parallelism's `data` degree is not fixed: a job of c chips gets
/// data = c / (tensor × pipeline), and its global batch is data × `batchPerReplica`
/// sequences, so the per-chip work stays the same as jobs grow or shrink.
public struct TrainingJobTemplate: Hashable, Sendable {
    public var model: ModelShape
    public var sequenceLength: Int
    /// Sequences per data-parallel rank per step; a multiple of the micro-batch size.
    public var batchPerReplica: Int
    public var precision: TrainingPrecision
    /// Tensor, pipeline, expert, ZeRO and the rest; `data` is replaced per job.
    public var parallelism: TrainingParallelism
    public var overlap: CommunicationOverlap
    public var efficiencyOverride: [PlatformKind: Double]
    public var platforms: [PlatformChoice]
    public var priority: Int
    public var tenant: String?
    public var checkpoint: CheckpointPolicy?
    public var isPreemptible: Bool

    public init(model: ModelShape, sequenceLength: Int, batchPerReplica: Int, precision: TrainingPrecision = .bf16,
                parallelism: TrainingParallelism, overlap: CommunicationOverlap = .standard,
                efficiencyOverride: [PlatformKind: Double] = [:], platforms: [PlatformChoice] = [], priority: Int = 0,
                tenant: String? = nil, checkpoint: CheckpointPolicy? = nil, isPreemptible: Bool = false) {
        self.model = model
        self.sequenceLength = sequenceLength
        self.batchPerReplica = batchPerReplica
        self.precision = precision
        self.parallelism = parallelism
        self.overlap = overlap
        self.efficiencyOverride = efficiencyOverride
        self.platforms = platforms
        self.priority = priority
        self.tenant = tenant
        self.checkpoint = checkpoint
        self.isPreemptible = isPreemptible
    }

    /// Chips per data-parallel replica: tensor × pipeline. A job's chip count must be a multiple.
    public var chipsPerReplica: Int { parallelism.tensor * parallelism.pipeline }

    /// The job of `chips` chips and `length`, or the reasons there is none (field paths as in
    /// `TrainingJob.issues`).
    public func job(chips: Int, length: TrainingJob.Length) -> Result<TrainingJob, TemplateIssues> {
        guard chips >= 1, chips % chipsPerReplica == 0 else {
            return .failure(TemplateIssues(messages: [
                "\(chips) chips is not a multiple of tensor \(parallelism.tensor) × pipeline \(parallelism.pipeline) = \(chipsPerReplica)",
            ]))
        }
        var plan = parallelism
        plan.data = chips / chipsPerReplica
        let job = TrainingJob(model: model, sequenceLength: sequenceLength, globalBatch: plan.data * batchPerReplica,
                              length: length, precision: precision, parallelism: plan, overlap: overlap,
                              efficiencyOverride: efficiencyOverride)
        let issues = job.issues()
        return issues.isEmpty ? .success(job) : .failure(TemplateIssues(messages: issues))
    }

    /// A spec for `job` with the template's scheduling fields.
    func spec(name: String, job: TrainingJob, fixedDuration: SimDuration?, arrival: SimTime, stream: String) -> TrainingJobSpec {
        TrainingJobSpec(name: name, job: job, fixedDuration: fixedDuration, platforms: platforms, priority: priority,
                        tenant: tenant, arrival: arrival, checkpoint: checkpoint, isPreemptible: isPreemptible,
                        stream: stream)
    }
}

/// Why a template cannot make a job of some size.
public struct TemplateIssues: Error, Hashable, Sendable {
    public var messages: [String]
}
