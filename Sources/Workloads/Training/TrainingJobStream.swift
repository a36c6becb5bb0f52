import Fleet
import SimKernel

/// Many training jobs described at once: drawn from distributions, or replayed from a job
/// trace. `jobs(seed:)` expands a stream into concrete `TrainingJobSpec`s.
///
/// **Determinism.** Job i of a synthetic stream draws, in this order, its interarrival time,
/// its chip count and its length from its own `RandomStream(seed:, key: StreamKey("training-stream:<name>", i))`.
/// So a stream's jobs depend only on the seed, the stream's name and its own parameters: adding
/// another stream, or more jobs to this one, changes none of the jobs already there.
public struct TrainingJobStream: Hashable, Sendable {
    /// When jobs arrive.
    public enum Arrivals: Hashable, Sendable {
        /// Exponential interarrival times with this mean (a Poisson process).
        case poisson(meanInterarrival: SimDuration)
        /// One job every `interval`, the first at the stream's start.
        case periodic(interval: SimDuration)
    }

    /// How much each job trains. Draws are clamped to at least one step (tokens, steps) or one
    /// second (duration).
    public enum Work: Hashable, Sendable {
        /// Tokens, drawn.
        case tokens(DrawnValue)
        /// Optimizer steps, drawn and rounded to the nearest whole step.
        case steps(DrawnValue)
        /// A fixed run time in seconds, drawn (`TrainingJobSpec.fixedDuration`).
        case duration(DrawnValue)
    }

    /// Where the jobs come from.
    public enum Source: Hashable, Sendable {
        case synthetic(count: Int, arrivals: Arrivals, start: SimDuration, chips: ChipCountChoice, work: Work)
        /// Replayed jobs, already mapped to arrival offsets, chip counts and run times.
        case trace(format: String, jobs: [ReplayedJob])
    }

    /// One job of a trace, mapped onto the simulation's clock.
    public struct ReplayedJob: Hashable, Sendable {
        /// The line of the trace file the job came from (for messages).
        public var line: Int
        public var arrival: SimDuration
        public var chips: Int
        public var duration: SimDuration

        public init(line: Int, arrival: SimDuration, chips: Int, duration: SimDuration) {
            self.line = line
            self.arrival = arrival
            self.chips = chips
            self.duration = duration
        }
    }

    public var name: String
    public var source: Source
    public var template: TrainingJobTemplate

    public init(name: String, source: Source, template: TrainingJobTemplate) {
        self.name = name
        self.source = source
        self.template = template
    }

    /// The random stream of job `index`.
    public func randomStream(seed: UInt64, index: Int) -> RandomStream {
        RandomStream(seed: seed, key: StreamKey("training-stream:" + name, UInt64(index)))
    }

    /// Every job of the stream, in arrival order, named `<stream>/<index>`. O(jobs).
    /// - Precondition: the template makes a valid job for every chip count the stream can draw
    ///   (the scenario reader checks this before a `Scenario` exists).
    public func jobs(seed: UInt64) -> [TrainingJobSpec] {
        switch source {
        case .synthetic(let count, let arrivals, let start, let chips, let work):
            var out: [TrainingJobSpec] = []
            out.reserveCapacity(count)
            var clock = SimTime.zero + start
            for index in 0..<count {
                var rng = randomStream(seed: seed, index: index)
                switch arrivals {
                case .poisson(let mean):
                    clock += SimDuration(seconds: Distribution.exponential(mean: mean.seconds).sample(using: &rng))
                case .periodic(let interval):
                    if index > 0 { clock += interval }
                }
                let size = chips.sample(using: &rng)
                let draw = work.value.sample(using: &rng)
                out.append(makeJob(index: index, chips: size, work: work, draw: draw, arrival: clock))
            }
            return out
        case .trace(_, let replayed):
            return replayed.enumerated().map { index, entry in
                makeJob(index: index, chips: entry.chips, work: .duration(.constant(entry.duration.seconds)),
                        draw: entry.duration.seconds, arrival: .zero + entry.arrival, exactDuration: entry.duration)
            }
        }
    }

    private func makeJob(index: Int, chips: Int, work: Work, draw: Double, arrival: SimTime,
                         exactDuration: SimDuration? = nil) -> TrainingJobSpec {
        let length: TrainingJob.Length
        var fixed: SimDuration?
        let tokensPerStep = Double(chips / template.chipsPerReplica * template.batchPerReplica * template.sequenceLength)
        switch work {
        case .tokens: length = .tokens(max(draw, tokensPerStep))
        case .steps: length = .steps(max(1, Int(draw.rounded())))
        case .duration:
            length = .steps(1)
            fixed = exactDuration ?? SimDuration(seconds: max(1, draw))
        }
        guard case .success(let job) = template.job(chips: chips, length: length) else {
            preconditionFailure("stream \(name): the template cannot make a job of \(chips) chips (unvalidated stream)")
        }
        return template.spec(name: "\(name)/\(index)", job: job, fixedDuration: fixed, arrival: arrival, stream: name)
    }

    /// The chip counts the stream can produce, ascending, for validating the template.
    public var possibleChipCounts: [Int] {
        switch source {
        case .synthetic(_, _, _, let chips, _): Array(Set(chips.choices)).sorted()
        case .trace(_, let jobs): Array(Set(jobs.map(\.chips))).sorted()
        }
    }
}

extension TrainingJobStream.Work {
    /// The distribution of the drawn value.
    public var value: DrawnValue {
        switch self {
        case .tokens(let v), .steps(let v), .duration(let v): v
        }
    }
}

/// A `Distribution` that can be stored in a `Hashable` scenario: compared exactly, hashed by
/// its mean (equal distributions have equal means, so the hash agrees with `==`).
public struct DrawnValue: Hashable, Sendable {
    public var distribution: Distribution

    public init(_ distribution: Distribution) { self.distribution = distribution }

    public static func constant(_ value: Double) -> DrawnValue { DrawnValue(.constant(value)) }

    public func sample(using rng: inout RandomStream) -> Double { distribution.sample(using: &rng) }

    public func hash(into hasher: inout Hasher) { hasher.combine(distribution.mean) }
}

/// A chip count drawn from a weighted list.
public struct ChipCountChoice: Hashable, Sendable {
    public let choices: [Int]
    /// Cumulative weights normalised to end at 1.
    private let cumulative: [Double]

    /// - Precondition: `choices` is non-empty, `weights` (equal weights when nil) has one
    ///   non-negative entry per choice and a positive sum.
    public init(choices: [Int], weights: [Double]? = nil) {
        let w = weights ?? Array(repeating: 1, count: choices.count)
        precondition(!choices.isEmpty && w.count == choices.count, "a chip-count choice needs one weight per choice")
        precondition(w.allSatisfy { $0 >= 0 && $0.isFinite } && w.reduce(0, +) > 0, "weights must be non-negative with a positive sum")
        let total = w.reduce(0, +)
        var running = 0.0
        self.choices = choices
        self.cumulative = w.map { running += $0; return running / total }
    }

    /// One chip count. O(choices).
    public func sample(using rng: inout RandomStream) -> Int {
        let u = rng.nextUnit()
        return choices[cumulative.firstIndex { u < $0 } ?? choices.count - 1]
    }

    /// The expected chip count Σ pᵢ·cᵢ.
    public var mean: Double {
        var previous = 0.0
        return zip(choices, cumulative).reduce(0) { sum, pair in
            defer { previous = pair.1 }
            return sum + Double(pair.0) * (pair.1 - previous)
        }
    }
}
