import Fleet
import SimKernel
import Workloads

/// Reading one training job (`workloads.training[]`) and the parts a stream's template shares.
extension WorkloadsReading {
    /// The fields a job and a stream template share.
    struct CommonFields {
        var overlap: CommunicationOverlap
        var platforms: [PlatformChoice]
        var efficiency: [PlatformKind: Double]
        var priority: Int
        var tenant: String?
        var checkpoint: CheckpointPolicy?
        var isPreemptible: Bool
    }

    func readJob(_ r: ObjectReader) -> TrainingJobSpec? {
        let name = required(r, "name", .nonEmptyString)
        if let name, let node = r.node["name"] { register(name: name, at: node, in: r.context.appending("name")) }
        let model = required(r, "model", Self.model)
        let length = readLength(r)
        let sequenceLength = required(r, "sequence_length", .integer(.positive))
        let globalBatch = required(r, "global_batch", .integer(.positive))
        let precision = optional(r, "precision", .choice(TrainingPrecision.self, of: "precision")) ?? .bf16
        let plan = readParallelism(r, acceptsData: true)
        let chips = optional(r, "chips", .integer(.positive))
        let common = readCommon(r, acceptsArrival: true)
        let arrival = optional(r, "arrival", .duration(.nonNegative)) ?? .zero
        let checkpoint = readCheckpoint(r)
        let preemptible = optional(r, "preemptible", .bool) ?? false
        r.finish()
        guard let name, let model, let length, let sequenceLength, let globalBatch, var plan, let common else { return nil }
        let perReplica = plan.tensor * plan.pipeline
        if plan.data < 1 {
            if let chips {
                guard chips % perReplica == 0 else {
                    error("\(chips) chips is not a multiple of tensor \(plan.tensor) × pipeline \(plan.pipeline) = \(perReplica)",
                          at: r.node["chips"]!, in: r.context.appending("chips"))
                    return nil
                }
                plan.data = chips / perReplica
            } else {
                plan.data = 1
            }
        } else if let chips, chips != plan.chips {
            error("\(chips) chips does not equal data \(plan.data) × tensor \(plan.tensor) × pipeline \(plan.pipeline) = \(plan.chips)",
                  at: r.node["chips"]!, in: r.context.appending("chips"))
            return nil
        }
        let job = TrainingJob(model: model, sequenceLength: sequenceLength, globalBatch: globalBatch, length: length,
                              precision: precision, parallelism: plan, overlap: common.overlap,
                              efficiencyOverride: common.efficiency)
        let issues = job.issues()
        guard issues.isEmpty else {
            report(issues: issues, in: r)
            return nil
        }
        let at = SimTime.zero + arrival
        if let horizon, arrival > horizon, let node = r.node["arrival"] {
            r.context.appending("arrival").warning(
                "the job arrives at \(describeDuration(arrival)), after the horizon (\(describeDuration(horizon))); it will not run",
                at: node.location)
        }
        return TrainingJobSpec(name: name, job: job, platforms: common.platforms, priority: common.priority,
                               tenant: common.tenant, arrival: at, checkpoint: checkpoint ?? nil,
                               isPreemptible: preemptible)
    }

    /// `tokens` or `steps`, exactly one.
    private func readLength(_ r: ObjectReader) -> TrainingJob.Length? {
        let tokens = optional(r, "tokens", Self.count("number of tokens"))
        let steps = optional(r, "steps", .integer(.positive))
        switch (tokens, steps, r.node["tokens"], r.node["steps"]) {
        case (let t?, nil, _, nil): return .tokens(t)
        case (nil, let s?, nil, _): return .steps(s)
        case (_, _, _?, let stepsNode?):
            error("give either 'tokens' or 'steps', not both", at: stepsNode, in: r.context.appending("steps"))
            return nil
        case (_, _, nil, nil):
            error("missing required key 'tokens' or 'steps' (how long to train: tokens such as \"2T\", or optimizer steps)",
                  at: r.node, in: r.context)
            return nil
        default:
            return nil  // an invalid value, already reported
        }
    }

    /// The shared scheduling fields except `arrival` and the checkpoint (read in key order by the caller).
    func readCommon(_ r: ObjectReader, acceptsArrival: Bool) -> CommonFields? {
        let overlap = optional(r, "overlap", Self.overlap) ?? .standard
        let platforms = optional(r, "platforms", platformList) ?? []
        let efficiency = readEfficiency(r)
        let priority = optional(r, "priority", .integer) ?? 0
        let tenant = optional(r, "tenant", .nonEmptyString)
        guard let efficiency else { return nil }
        return CommonFields(overlap: overlap, platforms: platforms, efficiency: efficiency, priority: priority,
                            tenant: tenant, checkpoint: nil, isPreemptible: false)
    }

    /// The `parallelism` object; `data` is 0 when not given (the caller derives it from chips).
    /// Absent, the plan is one chip of plain data parallelism.
    func readParallelism(_ r: ObjectReader, acceptsData: Bool) -> TrainingParallelism? {
        let result = nested(r, "parallelism", expecting: "an object (data, tensor, pipeline, expert, zero, …)") { p -> TrainingParallelism? in
            let data = acceptsData ? optional(p, "data", .integer(.positive)) : nil
            let tensor = optional(p, "tensor", .integer(.positive)) ?? 1
            let pipeline = optional(p, "pipeline", .integer(.positive)) ?? 1
            let expert = optional(p, "expert", .integer(.positive)) ?? 1
            let zero = optional(p, "zero", ValueReader<Int>.integer(in: 0...3).map { ZeROStage(rawValue: $0)! }) ?? ZeROStage.none
            let shardGroup = optional(p, "zero_shard_group", .integer(.positive))
            let micro = optional(p, "micro_batch_size", .integer(.positive)) ?? 1
            let virtual = optional(p, "virtual_stages", .integer(.positive)) ?? 1
            let recompute = optional(p, "recompute", .choice(ActivationRecomputation.self, of: "recomputation")) ?? ActivationRecomputation.none
            let sequenceParallel = optional(p, "sequence_parallel", .bool) ?? false
            let fused = optional(p, "fused_attention", .bool) ?? false
            return TrainingParallelism(data: data ?? 0, tensor: tensor, pipeline: pipeline, expert: expert, zeroStage: zero,
                                       zeroShardGroup: shardGroup, microBatchSize: micro, virtualStages: virtual,
                                       recomputation: recompute, isSequenceParallel: sequenceParallel, isAttentionFused: fused)
        }
        switch result {
        case .none: return TrainingParallelism(data: 0)
        case .some(let plan): return plan
        }
    }

    /// `checkpoint: { interval: "1 h" | "optimal", write?: "100 GB/s", restore?: "200 GB/s" }`.
    func readCheckpoint(_ r: ObjectReader) -> CheckpointPolicy?? {
        nested(r, "checkpoint", expecting: "an object (interval, write, restore)") { c -> CheckpointPolicy? in
            let interval = required(c, "interval", Self.checkpointInterval)
            let write = optional(c, "write", .quantity(.bandwidth, .positive))
            let restore = optional(c, "restore", .quantity(.bandwidth, .positive))
            guard let interval else { return nil }
            return CheckpointPolicy(interval: interval, writeBandwidth: write.map(BytesPerSecond.init),
                                    restoreBandwidth: restore.map(BytesPerSecond.init))
        }
    }

    /// `efficiency: { gpu: 0.55 }`: per-platform-kind ceilings in (0, 1].
    private func readEfficiency(_ r: ObjectReader) -> [PlatformKind: Double]? {
        guard let member = r.member("efficiency") else { return [:] }
        let context = r.context.appending("efficiency")
        guard let members = member.value.members else {
            error("expected an object of efficiency fractions by platform kind (such as { gpu: 0.55 }), got \(member.value.valueSummary)",
                  at: member.value, in: context)
            return nil
        }
        var out: [PlatformKind: Double] = [:]
        var isValid = true
        let kinds = PlatformKind.allCases.map(\.rawValue)
        for entry in members {
            let entryContext = context.appending(entry.key)
            guard let kind = PlatformKind(rawValue: entry.key) else {
                entryContext.error(unknownNameMessage(entry.key, kind: "platform kind", valid: kinds), at: entry.keyLocation)
                invalidate()
                isValid = false
                continue
            }
            let fraction = ValueReader<Double>.number(.positive).checked("a fraction in (0, 1]") { $0 <= 1 }
            if let value = fraction.read(entry.value, in: entryContext) { out[kind] = value } else { invalidate(); isValid = false }
        }
        return isValid ? out : nil
    }

    /// A list of chip ids and platform kinds, each checked against the catalog.
    var platformList: ValueReader<[PlatformChoice]> {
        let catalog = catalog
        let kinds = PlatformKind.allCases.map(\.rawValue)
        let entry = ValueReader<PlatformChoice>(expecting: "a chip id or platform kind (such as \"h100-sxm\" or \"gpu\")") { node, context in
            guard let name = node.string else {
                context.mismatch(expected: "a chip id or platform kind (such as \"h100-sxm\" or \"gpu\")", got: node)
                return nil
            }
            if let kind = PlatformKind(rawValue: name) { return .platform(kind) }
            guard let catalog else { return .chip(AcceleratorID(name)) }
            if catalog[AcceleratorID(name)] != nil { return .chip(AcceleratorID(name)) }
            context.error(unknownNameMessage(name, kind: "chip or platform", valid: kinds + catalog.ids.map(\.rawValue)), at: node.location)
            return nil
        }
        return .array(of: entry, nonEmpty: true)
    }

    // MARK: Value readers

    static let overlap: ValueReader<CommunicationOverlap> = .lookup(
        [("none", .none), ("standard", .standard), ("full", .full)], of: "overlap")

    static let checkpointInterval = ValueReader<CheckpointPolicy.Interval>(
        expecting: "a positive duration such as \"1 h\", or \"optimal\" (Young/Daly)"
    ) { node, context in
        if node.string == "optimal" { return .optimal }
        return ValueReader<SimDuration>.duration(.positive).read(node, in: context).map { .every($0) }
    }

    /// A positive count: a number (`70e9`) or a string with an optional decimal suffix
    /// k (10³), M (10⁶), B or G (10⁹), T (10¹²), P (10¹⁵): `"70B"`, `"2 T"`, `"1.5e12"`.
    static func count(_ noun: String) -> ValueReader<Double> {
        let expectation = "a positive \(noun) such as 2e12 or \"2T\" (suffixes k, M, B or G, T, P)"
        return ValueReader(expecting: expectation) { node, context in
            switch node.kind {
            case .number(let number) where number.value.isFinite && number.value > 0:
                return number.value
            case .string(let text):
                if let value = parseCount(text) { return value }
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
    }

    static func parseCount(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let scales: [Character: Double] = ["k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "G": 1e9, "T": 1e12, "P": 1e15]
        var number = Substring(trimmed)
        var scale = 1.0
        if let last = trimmed.last, let s = scales[last] {
            scale = s
            number = trimmed.dropLast()
        }
        guard let value = Double(number.trimmingCharacters(in: .whitespaces)), value.isFinite, value > 0 else { return nil }
        return value * scale
    }
}
