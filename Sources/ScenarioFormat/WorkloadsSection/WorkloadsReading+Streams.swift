import Foundation
import SimKernel
import Workloads

/// Reading a job stream (`workloads.training_streams[]`): synthetic or replayed from a trace.
extension WorkloadsReading {
    /// Trace formats, by name.
    static let traceFormats = ["philly"]
    /// Distributions a drawn value may use, by name.
    static let distributionNames = ["constant", "uniform", "exponential", "normal", "log-normal", "weibull", "pareto"]

    func readStream(_ r: ObjectReader) -> TrainingJobStream? {
        let name = required(r, "name", .nonEmptyString)
        if let name, let node = r.node["name"] { register(name: name, at: node, in: r.context.appending("name")) }
        let template = readTemplate(r)
        let source: TrainingJobStream.Source?
        if r.node["trace"] != nil {
            source = readTrace(r)
        } else {
            source = readSynthetic(r)
        }
        r.finish()
        guard let name, let template, let source else { return nil }
        let stream = TrainingJobStream(name: name, source: source, template: template)
        guard checkSizes(of: stream, in: r) else { return nil }
        if let horizon, let seed {
            let jobs = stream.jobs(seed: seed)
            let late = jobs.filter { $0.arrival > .zero + horizon }.count
            if late > 0 {
                r.context.warning("\(late) of \(jobs.count) jobs arrive after the horizon (\(describeDuration(horizon))); they will not run",
                                  at: r.node.location)
            }
        }
        return stream
    }

    /// The template must make a valid job for every chip count the stream can produce.
    private func checkSizes(of stream: TrainingJobStream, in r: ObjectReader) -> Bool {
        var isValid = true
        let key = r.node["trace"] != nil ? "trace" : "chips"
        let node = r.node[key] ?? r.node
        for chips in stream.possibleChipCounts {
            guard case .failure(let issues) = stream.template.job(chips: chips, length: .steps(1)) else { continue }
            var where_ = "a job of \(chips) chips"
            if case .trace(_, let jobs) = stream.source, let first = jobs.first(where: { $0.chips == chips }) {
                where_ = "a job of \(chips) GPUs (first at trace line \(first.line))"
            }
            for message in issues.messages {
                error("\(where_): \(message)", at: node, in: r.context.appending(key))
            }
            isValid = false
        }
        return isValid
    }

    /// `template: { model, sequence_length, batch_per_replica?, precision?, parallelism?, … }`.
    private func readTemplate(_ r: ObjectReader) -> TrainingJobTemplate? {
        guard r.node["template"] != nil else {
            _ = r.contains("template")
            error("missing required key 'template' (an object with model, sequence_length, parallelism, …)", at: r.node, in: r.context.appending("template"))
            return nil
        }
        let result = nested(r, "template", expecting: "a job template (an object with model, sequence_length, …)") { t -> TrainingJobTemplate? in
            let model = required(t, "model", Self.model)
            let sequenceLength = required(t, "sequence_length", .integer(.positive))
            let batch = optional(t, "batch_per_replica", .integer(.positive))
            let precision = optional(t, "precision", .choice(TrainingPrecision.self, of: "precision")) ?? .bf16
            let plan = readParallelism(t, acceptsData: false)
            let common = readCommon(t, acceptsArrival: false)
            let checkpoint = readCheckpoint(t)
            let preemptible = optional(t, "preemptible", .bool) ?? false
            t.finish()
            guard let model, let sequenceLength, var plan, let common else { return nil }
            plan.data = 1
            let perReplica = batch ?? plan.microBatchSize
            if perReplica % plan.microBatchSize != 0, let node = t.node["batch_per_replica"] {
                error("\(perReplica) sequences is not a multiple of micro_batch_size \(plan.microBatchSize)", at: node,
                      in: t.context.appending("batch_per_replica"))
                return nil
            }
            return TrainingJobTemplate(model: model, sequenceLength: sequenceLength, batchPerReplica: perReplica,
                                       precision: precision, parallelism: plan, overlap: common.overlap,
                                       efficiencyOverride: common.efficiency, platforms: common.platforms,
                                       priority: common.priority, tenant: common.tenant, checkpoint: checkpoint ?? nil,
                                       isPreemptible: preemptible)
        }
        return result ?? nil
    }

    // MARK: Synthetic streams

    private func readSynthetic(_ r: ObjectReader) -> TrainingJobStream.Source? {
        let count = required(r, "count", .integer(.positive))
        let arrival = readArrivals(r)
        let chips = required(r, "chips", Self.chipChoice)
        let work = readWork(r)
        guard let count, let arrival, let chips, let work else { return nil }
        return .synthetic(count: count, arrivals: arrival.arrivals, start: arrival.start, chips: chips, work: work)
    }

    private func readArrivals(_ r: ObjectReader) -> (arrivals: TrainingJobStream.Arrivals, start: SimDuration)? {
        guard r.node["arrival"] != nil else {
            _ = r.contains("arrival")
            error("missing required key 'arrival' (an object such as { process: \"poisson\", rate: \"20/h\" })",
                  at: r.node, in: r.context.appending("arrival"))
            return nil
        }
        let result = nested(r, "arrival", expecting: "an arrival process (an object such as { process: \"poisson\", rate: \"20/h\" })") { a -> (TrainingJobStream.Arrivals, SimDuration)? in
            let process = required(a, "process", .choice(["poisson", "periodic"], of: "arrival process"))
            let start = optional(a, "start", .duration(.nonNegative)) ?? .zero
            switch process {
            case "poisson":
                let rate = optional(a, "rate", Self.rate)
                let mean = optional(a, "mean_interarrival", .duration(.positive))
                switch (rate, mean, a.node["rate"], a.node["mean_interarrival"]) {
                case (let rate?, nil, _, nil): return (.poisson(meanInterarrival: SimDuration(seconds: 1 / rate)), start)
                case (nil, let mean?, nil, _): return (.poisson(meanInterarrival: mean), start)
                case (_, _, _?, let node?):
                    error("give either 'rate' or 'mean_interarrival', not both", at: node, in: a.context.appending("mean_interarrival"))
                    return nil
                case (_, _, nil, nil):
                    error("missing required key 'rate' or 'mean_interarrival' (a Poisson process needs one)", at: a.node, in: a.context)
                    return nil
                default:
                    return nil
                }
            case "periodic":
                guard let interval = required(a, "interval", .duration(.positive)) else { return nil }
                return (.periodic(interval: interval), start)
            default:
                a.allow("rate", "mean_interarrival", "interval")  // the process is unknown (reported)
                return nil
            }
        }
        guard let value = result ?? nil else { return nil }
        return (value.0, value.1)
    }

    /// Exactly one of `tokens`, `steps`, `duration`: a value or `{ distribution, … }`.
    private func readWork(_ r: ObjectReader) -> TrainingJobStream.Work? {
        let tokens = optional(r, "tokens", Self.drawn(Self.count("number of tokens")))
        let steps = optional(r, "steps", Self.drawn(.number(.positive)))
        let duration = optional(r, "duration", Self.drawn(ValueReader<SimDuration>.duration(.positive).map(\.seconds)))
        let given = ["tokens", "steps", "duration"].filter { r.node[$0] != nil }
        guard given.count == 1 else {
            if given.isEmpty {
                error("missing required key 'tokens', 'steps' or 'duration' (how much each job trains)", at: r.node, in: r.context)
            } else {
                error("give one of 'tokens', 'steps' or 'duration', not \(given.map { "'\($0)'" }.joined(separator: " and "))",
                      at: r.node[given[1]]!, in: r.context.appending(given[1]))
            }
            return nil
        }
        if let tokens { return .tokens(tokens) }
        if let steps { return .steps(steps) }
        if let duration { return .duration(duration) }
        return nil
    }

    // MARK: Trace streams

    private func readTrace(_ r: ObjectReader) -> TrainingJobStream.Source? {
        for key in ["count", "arrival", "chips", "tokens", "steps", "duration"] {
            if let member = r.member(key) {
                error("'\(key)' does not apply to a trace stream (the trace gives each job's arrival, GPUs and duration)",
                      at: member.value, in: r.context.appending(key))
            }
        }
        let result = nested(r, "trace", expecting: "a trace (an object with format, file, …)") { t -> TrainingJobStream.Source? in
            let format = required(t, "format", .choice(Self.traceFormats, of: "trace format"))
            let file = required(t, "file", .nonEmptyString)
            let limit = optional(t, "limit", .integer(.positive))
            let arrivalScale = optional(t, "arrival_scale", .number(.positive)) ?? 1
            let durationScale = optional(t, "duration_scale", .number(.positive)) ?? 1
            t.finish()
            guard let format, let file, let fileNode = t.node["file"] else { return nil }
            let fileContext = t.context.appending("file")
            let rows: [PhillyTraceReader.Row]
            do {
                let read = try PhillyTraceReader.read(t.context.resolve(file))
                for problem in read.problems.prefix(10) {
                    error("\(file):\(problem.line): \(problem.message)", at: fileNode, in: fileContext)
                }
                if read.problems.count > 10 {
                    error("\(file): \(read.problems.count - 10) more malformed rows", at: fileNode, in: fileContext)
                }
                guard read.problems.isEmpty else { return nil }
                rows = read.rows
            } catch {
                self.error("trace file '\(file)' \(error)", at: fileNode, in: fileContext)
                return nil
            }
            guard !rows.isEmpty else {
                error("trace file '\(file)' has a header but no jobs", at: fileNode, in: fileContext)
                return nil
            }
            let ordered = rows.sorted { ($0.submitted, $0.line) < ($1.submitted, $1.line) }.prefix(limit ?? rows.count)
            let origin = ordered.first!.submitted
            let jobs = ordered.map { row in
                TrainingJobStream.ReplayedJob(
                    line: row.line, arrival: SimDuration(seconds: Double(row.submitted - origin) * arrivalScale),
                    chips: row.gpus, duration: SimDuration(seconds: row.duration * durationScale))
            }
            return .trace(format: format, jobs: jobs)
        }
        return result ?? nil
    }

    // MARK: Value readers

    /// A rate: a number per second, or `"20/h"` (any duration unit after the slash).
    static let rate = ValueReader<Double>(expecting: "a positive rate such as \"20/h\" (or a number per second)") { node, context in
        let expectation = "a positive rate such as \"20/h\" (or a number per second)"
        switch node.kind {
        case .number(let number) where number.value.isFinite && number.value > 0:
            return number.value
        case .string(let text):
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 2, let count = Double(parts[0].trimmingCharacters(in: .whitespaces)), count > 0, count.isFinite,
               case .success(let unit) = QuantityParser.duration("1 " + parts[1].trimmingCharacters(in: .whitespaces), bound: .positive) {
                return count / unit.seconds
            }
            context.rejected(expected: expectation, got: node)
            return nil
        case .number:
            context.rejected(expected: expectation, got: node)
            return nil
        default:
            context.mismatch(expected: expectation, got: node)
            return nil
        }
    }

    /// `64` or `{ choices: [8, 16, 64], weights?: [0.5, 0.3, 0.2] }`.
    static let chipChoice = ValueReader<ChipCountChoice>(expecting: "a chip count or { choices, weights }") { node, context in
        if case .number = node.kind {
            return ValueReader<Int>.integer(.positive).read(node, in: context).map { ChipCountChoice(choices: [$0]) }
        }
        return ValueReader<ChipCountChoice>.object("a chip count or an object { choices, weights? }") { c in
            let choices = c.required("choices", .array(of: .integer(.positive), nonEmpty: true))
            let weights = c.optional("weights", .array(of: .number(.nonNegative), nonEmpty: true))
            guard let choices else { return nil }
            if c.node["weights"] != nil && weights == nil { return nil }
            if let weights {
                let node = c.node["weights"]!
                guard weights.count == choices.count else {
                    c.context.appending("weights").error("expected \(choices.count) weights (one per choice), got \(weights.count)", at: node.location)
                    return nil
                }
                guard weights.reduce(0, +) > 0 else {
                    c.context.appending("weights").error("the weights must not all be zero", at: node.location)
                    return nil
                }
            }
            return ChipCountChoice(choices: choices, weights: weights)
        }.read(node, in: context)
    }

    /// A constant written as `value` would be, or `{ distribution: "log-normal", mean, sd }`
    /// with parameters read by `value`.
    static func drawn(_ parameter: ValueReader<Double>) -> ValueReader<DrawnValue> {
        ValueReader(expecting: "\(parameter.expectation), or a distribution object") { node, context in
            guard case .object = node.kind else { return parameter.read(node, in: context).map(DrawnValue.constant) }
            return ValueReader<DrawnValue>.object("a distribution") { d in
                guard let name = d.required("distribution", .choice(distributionNames, of: "distribution")) else { return nil }
                func p(_ key: String) -> Double? { d.required(key, parameter) }
                func shape() -> Double? { d.required("shape", .number(.positive)) }
                let distribution: Distribution?
                switch name {
                case "constant": distribution = p("value").map { .constant($0) }
                case "uniform":
                    let (low, high) = (p("low"), p("high"))
                    distribution = low.flatMap { l in high.map { h in .uniform(low: l, high: h) } }
                case "exponential": distribution = p("mean").map { .exponential(mean: $0) }
                case "normal":
                    let (mean, sd) = (p("mean"), p("sd"))
                    distribution = mean.flatMap { m in sd.map { s in .normal(mean: m, standardDeviation: s) } }
                case "log-normal":
                    let (mean, sd) = (p("mean"), p("sd"))
                    distribution = mean.flatMap { m in sd.map { s in .logNormal(mean: m, standardDeviation: s) } }
                case "weibull":
                    let (shape, scale) = (shape(), p("scale"))
                    distribution = shape.flatMap { k in scale.map { l in .weibull(shape: k, scale: l) } }
                default:
                    let (scale, shape) = (p("scale"), shape())
                    distribution = shape.flatMap { a in scale.map { x in .pareto(scale: x, shape: a) } }
                }
                guard let distribution else { return nil }
                if let problem = distribution.problem {
                    d.context.error(problem, at: d.node.location)
                    return nil
                }
                return DrawnValue(distribution)
            }.read(node, in: context)
        }
    }
}
