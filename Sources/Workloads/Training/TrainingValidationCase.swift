import Fleet

/// One published training result and the inputs that should reproduce it.
public struct TrainingValidationCase: Hashable, Sendable, CustomStringConvertible {
    /// What is compared, and how a `StepTimeBreakdown` is turned into it.
    public enum Metric: Hashable, Sendable {
        /// Wall-clock minutes to train the job's tokens (MLPerf time-to-train).
        case minutesToTrain
        /// Days to train the job's tokens.
        case daysToTrain
        /// Model FLOPs utilisation, as a fraction.
        case mfu
        case tokensPerSecond
        /// Megatron-LM's reported TFLOP/s per GPU: 96·B·s·l·h²·(1 + s/6h + V/16lh) per step
        /// (Narayanan et al. 2021, eq. 3: full recomputation counted) over the step time.
        case megatronTFLOPsPerGPU
        /// Thousands of chip-hours per trillion tokens.
        case kiloChipHoursPerTrillionTokens

        public var unit: String {
            switch self {
            case .minutesToTrain: return "min"
            case .daysToTrain: return "days"
            case .mfu: return "MFU %"
            case .tokensPerSecond: return "K tok/s"
            case .megatronTFLOPsPerGPU: return "TFLOP/s/GPU"
            case .kiloChipHoursPerTrillionTokens: return "K chip-h/T tok"
            }
        }
    }

    /// Stable kebab-case name (test argument and table row).
    public var id: String
    public var job: TrainingJob
    public var allocation: TrainingAllocation
    public var metric: Metric
    /// The published figure, in `metric.unit`.
    public var published: Double
    /// Where the figure and the setup come from, and which inputs are assumptions.
    public var source: String
    /// Why this row is not expected within tolerance with the single calibration; nil when it is.
    public var knownGap: String?
    /// False when the published setup saves memory in ways `MemoryFootprint` does not model.
    public var checksMemory: Bool
    /// What this row calibrates (nil for an out-of-sample check): its error is near 0 by
    /// construction, so the table marks it.
    public var calibrates: String?

    public init(id: String, job: TrainingJob, allocation: TrainingAllocation, metric: Metric,
                published: Double, source: String, knownGap: String? = nil, checksMemory: Bool = true,
                calibrates: String? = nil) {
        self.id = id
        self.job = job
        self.allocation = allocation
        self.metric = metric
        self.published = published
        self.source = source
        self.knownGap = knownGap
        self.checksMemory = checksMemory
        self.calibrates = calibrates
    }

    public var description: String { id }

    /// The model's prediction of `metric`, in `metric.unit`.
    public func predicted() throws(StepTimeError) -> Double {
        let step = try StepTime.estimate(job, on: allocation, checksMemory: checksMemory)
        return value(of: step)
    }

    /// `metric` read off a step breakdown.
    public func value(of step: StepTimeBreakdown) -> Double {
        let seconds = Double(job.steps) * step.step
        switch metric {
        case .minutesToTrain: return seconds / 60
        case .daysToTrain: return seconds / 86_400
        case .mfu: return step.mfu * 100
        case .tokensPerSecond: return step.tokensPerSecond / 1e3
        case .megatronTFLOPsPerGPU:
            let m = job.model
            let b = Double(job.globalBatch), s = Double(job.sequenceLength), l = Double(m.layers)
            let h = Double(m.hiddenSize), v = Double(m.vocabularySize)
            let flops = 96 * b * s * l * h * h * (1 + s / (6 * h) + v / (16 * l * h))
            return flops / (Double(step.chips) * step.step) / 1e12
        case .kiloChipHoursPerTrillionTokens:
            return 1e12 / step.tokensPerSecond * Double(step.chips) / 3_600 / 1e3
        }
    }

    /// (predicted − published) / published.
    public func relativeError() throws(StepTimeError) -> Double {
        (try predicted() - published) / published
    }
}
