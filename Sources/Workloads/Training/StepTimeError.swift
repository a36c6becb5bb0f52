import Fleet

/// Why a step time cannot be estimated.
public enum StepTimeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The job description is inconsistent; each string names the field and value.
    case invalidJob([String])
    case chipCountMismatch(job: Int, allocation: Int)
    case unsupportedPrecision(TrainingPrecision, accelerator: AcceleratorID)
    case doesNotFit(MemoryShortfall)

    public var description: String {
        switch self {
        case .invalidJob(let issues): return "invalid training job: " + issues.joined(separator: "; ")
        case .chipCountMismatch(let job, let allocation):
            return "parallelism uses \(job) chips (data × tensor × pipeline) but the allocation has \(allocation)"
        case .unsupportedPrecision(let p, let id): return "\(id) has no \(p.rawValue) matrix unit"
        case .doesNotFit(let shortfall): return "does not fit: \(shortfall)"
        }
    }
}
