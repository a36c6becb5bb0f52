import Fleet

/// What a training job asks for: the model, how much to train it, and how it is parallelised.
///
/// A pure description; `StepTime.estimate` turns it into a step time on an allocation. The
/// global batch is counted in sequences of `sequenceLength` tokens.
public struct TrainingJob: Hashable, Sendable {
    /// How long to train.
    public enum Length: Hashable, Sendable {
        case tokens(Double)
        case steps(Int)
    }

    public var model: ModelShape
    public var sequenceLength: Int
    /// Sequences per optimizer step, over all data-parallel ranks.
    public var globalBatch: Int
    public var length: Length
    public var precision: TrainingPrecision
    public var parallelism: TrainingParallelism
    public var overlap: CommunicationOverlap
    /// Per-platform replacement for the efficiency ceiling of `ComputeEfficiency` at the job's
    /// precision (a user who has measured their stack); the BF16 attention core's ceiling is
    /// scaled by the same ratio. Platforms not listed use the built-in calibration.
    public var efficiencyOverride: [PlatformKind: Double]
    /// Time spent on evaluation, as a fraction of the training step (0 when none). MLPerf GPT-3
    /// evaluates 5,662 sequences forward-only every 24,576 trained: (5662 / 24576) × (2/6) = 7.68%.
    public var evaluationOverhead: Double

    public init(model: ModelShape, sequenceLength: Int, globalBatch: Int, length: Length,
                precision: TrainingPrecision = .bf16, parallelism: TrainingParallelism,
                overlap: CommunicationOverlap = .standard, efficiencyOverride: [PlatformKind: Double] = [:],
                evaluationOverhead: Double = 0) {
        self.model = model
        self.sequenceLength = sequenceLength
        self.globalBatch = globalBatch
        self.length = length
        self.precision = precision
        self.parallelism = parallelism
        self.overlap = overlap
        self.efficiencyOverride = efficiencyOverride
        self.evaluationOverhead = evaluationOverhead
    }

    /// Tokens consumed by one optimizer step: globalBatch × sequenceLength.
    public var tokensPerStep: Double { Double(globalBatch) * Double(sequenceLength) }

    /// Micro-batches each data-parallel rank runs per step: globalBatch / (data × microBatchSize).
    public var microBatchesPerStep: Int {
        globalBatch / (parallelism.data * parallelism.microBatchSize)
    }

    /// Optimizer steps to finish (tokens rounded up to whole steps).
    public var steps: Int {
        switch length {
        case .steps(let n): return n
        case .tokens(let t): return Int((t / tokensPerStep).rounded(.up))
        }
    }

    /// Tokens the whole job trains on.
    public var totalTokens: Double { Double(steps) * tokensPerStep }

    /// Every problem with the description (field path and value); empty when it is usable.
    public func issues() -> [String] {
        var out: [String] = []
        if sequenceLength < 1 { out.append("sequence_length: must be positive (got \(sequenceLength))") }
        if globalBatch < 1 { out.append("global_batch: must be positive (got \(globalBatch))") }
        switch length {
        case .tokens(let t) where !(t > 0): out.append("tokens: must be positive (got \(t))")
        case .steps(let n) where n < 1: out.append("steps: must be positive (got \(n))")
        default: break
        }
        if !(0..<10).contains(evaluationOverhead) {
            out.append("evaluation_overhead: must be a fraction ≥ 0 (got \(evaluationOverhead))")
        }
        for (platform, e) in efficiencyOverride.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where !(e > 0 && e <= 1) {
            out.append("efficiency.\(platform.rawValue): must be in (0, 1] (got \(e))")
        }
        if sequenceLength >= 1 && globalBatch >= 1 {
            out += parallelism.issues(model: model, globalBatch: globalBatch)
        }
        return out
    }
}
