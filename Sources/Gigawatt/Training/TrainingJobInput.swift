import Fleet
import SimKernel
import Workloads

/// A training job as the simulation receives it: the model description and how it is scheduled.
public struct TrainingJobInput: Sendable {
    public var name: String
    public var job: TrainingJob
    public var arrival: SimTime
    public var priority: Int
    public var tenant: String?
    /// Chips the job may run on; nil = any pool.
    public var allowedChips: Set<AcceleratorID>?
    /// Platforms the job may run on; nil = any.
    public var allowedPlatforms: Set<PlatformKind>?

    public init(name: String, job: TrainingJob, arrival: SimTime = .zero, priority: Int = 0, tenant: String? = nil,
                allowedChips: Set<AcceleratorID>? = nil, allowedPlatforms: Set<PlatformKind>? = nil) {
        self.name = name
        self.job = job
        self.arrival = arrival
        self.priority = priority
        self.tenant = tenant
        self.allowedChips = allowedChips
        self.allowedPlatforms = allowedPlatforms
    }

    /// Whether the job may run on `pool` by its platform and chip lists.
    func mayRun(on pool: Pool) -> Bool {
        if let chips = allowedChips, !chips.contains(pool.spec.id) { return false }
        if let platforms = allowedPlatforms, !platforms.contains(pool.spec.platform) { return false }
        return true
    }
}
