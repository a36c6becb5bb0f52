import Fleet
import SimKernel
import Workloads

/// Reading one inference service (`workloads.inference[]`). Keys are listed in `InferenceSchema`.
extension WorkloadsReading {
    func readService(_ r: ObjectReader) -> InferenceServiceSpec? {
        let name = required(r, "name", .nonEmptyString)
        if let name, let node = r.node["name"] { register(name: name, at: node, in: r.context.appending("name")) }
        let model = required(r, "model", Self.model)
        let precision = optional(r, "precision", Self.inferencePrecision) ?? .bf16
        let parallelism = readReplicaParallelism(r)
        let chipsPerReplica = optional(r, "chips_per_replica", .integer(.positive))
        let platforms = optional(r, "platforms", platformList) ?? []
        let replicas = optional(r, "replicas", .integer(.positive))
        let autoscaling = readAutoscaling(r)
        let batching = readBatching(r)
        let blockTokens = optional(r, "kv_block_tokens", .integer(.positive)) ?? 16
        let memoryFraction = optional(r, "memory_fraction", ValueReader<Double>.number(.positive).checked("a fraction in (0, 1]") { $0 <= 1 }) ?? 0.9
        let workspace = optional(r, "activation_workspace", .quantity(.bytes, .nonNegative)) ?? 2e9
        let slo = readSLO(r)
        let classes = readClasses(r)
        let prefixCache = readPrefixCache(r, model: model, precision: precision)
        let routing = optional(r, "routing", .choice(RoutingPolicy.self, of: "routing policy")) ?? .leastOutstandingTokens
        let requests = readRequests(r, prefixBlockTokens: (prefixCache ?? nil)?.blockTokens ?? 512)
        let fidelity = optional(r, "fidelity", .choice(InferenceFidelity.self, of: "fidelity")) ?? .iteration
        let disaggregation = readDisaggregation(r)
        r.finish()

        guard let name, let model, let parallelism, let batching, let slo, let classes, let prefixCache, let requests,
              let autoscaling, let disaggregation else { return nil }
        if let chipsPerReplica, chipsPerReplica != parallelism.chips, let node = r.node["chips_per_replica"] {
            error("\(chipsPerReplica) chips per replica does not equal tensor \(parallelism.tensor) × pipeline \(parallelism.pipeline) × expert \(parallelism.expert) = \(parallelism.chips)",
                  at: node, in: r.context.appending("chips_per_replica"))
            return nil
        }
        let scaling: ReplicaScaling
        switch (replicas, autoscaling, disaggregation) {
        case (_, _?, _?):
            error("disaggregated services have fixed group sizes; remove 'autoscaling'", at: r.node["autoscaling"]!, in: r.context.appending("autoscaling"))
            return nil
        case (let n?, nil, nil): scaling = .fixed(n)
        case (nil, let a?, nil): scaling = .autoscaled(a)
        case (nil, nil, let d?): scaling = .fixed(d.prefillReplicas + d.decodeReplicas)
        case (_?, _?, _):
            error("give either 'replicas' or 'autoscaling', not both", at: r.node["autoscaling"]!, in: r.context.appending("autoscaling"))
            return nil
        case (_?, nil, _?):
            error("a disaggregated service's replicas are its prefill_replicas + decode_replicas; remove 'replicas'",
                  at: r.node["replicas"]!, in: r.context.appending("replicas"))
            return nil
        case (nil, nil, nil):
            if r.node["replicas"] == nil && r.node["autoscaling"] == nil {
                error("missing required key 'replicas' or 'autoscaling' (how many replicas serve)", at: r.node, in: r.context)
            }
            return nil
        }
        if fidelity == .fluid {
            if disaggregation != nil, let node = r.node["fidelity"] {
                error("fluid fidelity does not model disaggregation; use fidelity 'iteration'", at: node, in: r.context.appending("fidelity"))
                return nil
            }
            if !classes.isEmpty, let node = r.node["fidelity"] {
                error("fluid fidelity does not model priority classes; use fidelity 'iteration'", at: node, in: r.context.appending("fidelity"))
                return nil
            }
            if case .synthetic(_, _, _, .some) = requests, let node = r.node["fidelity"] {
                error("fluid fidelity serves a rate, not a number of requests: drop requests.count or use fidelity 'iteration'",
                      at: node, in: r.context.appending("fidelity"))
                return nil
            }
            if case .trace = requests, let node = r.node["fidelity"] {
                error("fluid fidelity needs an arrival process (a trace is replayed request by request); use fidelity 'iteration'",
                      at: node, in: r.context.appending("fidelity"))
                return nil
            }
        }
        let replica = InferenceReplicaSpec(
            model: model, precision: precision, parallelism: parallelism, batching: batching, kvBlockTokens: blockTokens,
            prefixCache: prefixCache ?? nil, usableMemoryFraction: memoryFraction, activationWorkspacePerChip: Bytes(workspace))
        guard checkFits(replica, platforms: platforms, in: r) else { return nil }
        return InferenceServiceSpec(name: name, replica: replica, platforms: platforms, scaling: scaling, routing: routing,
                                    slo: slo, requests: requests, fidelity: fidelity, disaggregation: disaggregation ?? nil,
                                    classes: classes)
    }

    /// The weights must leave room for KV cache on at least one allowed catalog chip.
    private func checkFits(_ replica: InferenceReplicaSpec, platforms: [PlatformChoice], in r: ObjectReader) -> Bool {
        guard let catalog else { return true }
        let allowed = catalog.ids.compactMap { catalog[$0] }.filter { spec in platforms.isEmpty || platforms.contains { $0.admits(spec) } }
        let fitting = allowed.filter { KVCacheBudget(replica: replica, accelerator: $0).fits }
        if fitting.isEmpty, !allowed.isEmpty {
            let budget = KVCacheBudget(replica: replica, accelerator: allowed[0])
            error("the weights (\(describeBytes(budget.weightsPerChip.value)) per chip at \(replica.chips) chips per replica) leave no room for KV cache on any allowed chip; raise tensor or pipeline parallelism",
                  at: r.node["parallelism"] ?? r.node, in: r.context.appending("parallelism"))
            return false
        }
        return true
    }

    private func describeBytes(_ bytes: Double) -> String {
        bytes >= 1e9 ? "\((bytes / 1e8).rounded() / 10) GB" : "\((bytes / 1e5).rounded() / 10) MB"
    }

    /// `parallelism: { tensor?, pipeline?, expert? }`; absent, one chip.
    private func readReplicaParallelism(_ r: ObjectReader) -> ReplicaParallelism? {
        let result = nested(r, "parallelism", expecting: "an object (tensor, pipeline, expert)") { p -> ReplicaParallelism? in
            let tensor = optional(p, "tensor", .integer(.positive)) ?? 1
            let pipeline = optional(p, "pipeline", .integer(.positive)) ?? 1
            let expert = optional(p, "expert", .integer(.positive)) ?? 1
            return ReplicaParallelism(tensor: tensor, pipeline: pipeline, expert: expert)
        }
        switch result {
        case .none: return ReplicaParallelism()
        case .some(let value): return value
        }
    }

    /// `"bf16"`, `"fp8"` or `{ weights, kv_cache?, compute? }`.
    static let inferencePrecision = ValueReader<InferencePrecision>(
        expecting: "a number format (bf16, fp8, int8) or an object (weights, kv_cache, compute)"
    ) { node, context in
        let format = ValueReader<NumericFormat>.choice(NumericFormat.self, of: "number format")
        if case .object = node.kind {
            return ValueReader<InferencePrecision>.object("an object (weights, kv_cache, compute)") { p in
                let weights = p.optional("weights", format) ?? .bf16
                let kv = p.optional("kv_cache", format) ?? .bf16
                let compute = p.optional("compute", format)
                return InferencePrecision(weights: weights, kvCache: kv, compute: compute)
            }.read(node, in: context)
        }
        return format.read(node, in: context).map { $0 == .bf16 ? InferencePrecision.bf16 : InferencePrecision(weights: $0, kvCache: $0) }
    }

    /// `batching: { continuous?, token_budget?, chunk_size? (or "none"), max_batch_size?, on_kv_full?, schedule? }`.
    /// `schedule: "prefill-first"` runs prompts whole, so its chunk size defaults to "none" and
    /// a number is an error.
    private func readBatching(_ r: ObjectReader) -> BatchingPolicy? {
        let result = nested(r, "batching", expecting: "an object (continuous, token_budget, chunk_size, max_batch_size, on_kv_full, schedule)") { b -> BatchingPolicy? in
            let continuous = optional(b, "continuous", .bool) ?? true
            let budget = optional(b, "token_budget", .integer(.positive)) ?? 8192
            var chunk = optional(b, "chunk_size", Self.chunkSize)
            let batch = optional(b, "max_batch_size", .integer(.positive)) ?? 256
            let mode = optional(b, "on_kv_full", .choice(PreemptionMode.self, of: "KV-full policy")) ?? .recompute
            let schedule = optional(b, "schedule", .choice(IterationSchedule.self, of: "iteration schedule")) ?? .mixed
            if schedule == .prefillFirst, case .some(.some) = chunk, let member = b.member("chunk_size") {
                error("schedule \"prefill-first\" runs prompts whole: chunk_size must be \"none\" or left out", at: member.value,
                      in: b.context.appending("chunk_size"))
                chunk = .some(nil)
            }
            return BatchingPolicy(isContinuous: continuous, tokenBudget: budget, prefillChunkSize: chunk ?? (schedule == .mixed ? 2048 : nil),
                                  maxBatchSize: batch, preemption: mode, schedule: schedule)
        }
        switch result {
        case .none: return BatchingPolicy()
        case .some(let value): return value
        }
    }

    static let chunkSize = ValueReader<Int?>(expecting: "a positive integer or \"none\" (whole prompts)") { node, context in
        if node.string == "none" { return .some(nil) }
        return ValueReader<Int>.integer(.positive).read(node, in: context).map { .some($0) }
    }

    /// `slo: { ttft?, tpot?, e2e? }` durations.
    private func readSLO(_ r: ObjectReader) -> LatencySLO? {
        let result = nested(r, "slo", expecting: "an object (ttft, tpot, e2e)") { s -> LatencySLO? in
            let ttft = optional(s, "ttft", .duration(.positive))
            let tpot = optional(s, "tpot", .duration(.positive))
            let e2e = optional(s, "e2e", .duration(.positive))
            return LatencySLO(timeToFirstToken: ttft, timePerOutputToken: tpot, endToEnd: e2e)
        }
        switch result {
        case .none: return LatencySLO()
        case .some(let value): return value
        }
    }

    /// `classes: [{ name, share, priority?, slo? }]`: shares sum to 1, names are unique.
    private func readClasses(_ r: ObjectReader) -> [RequestClass]? {
        guard let member = r.member("classes") else { return [] }
        let context = r.context.appending("classes")
        guard let elements = member.value.elements, !elements.isEmpty else {
            error("expected a non-empty array of request classes (objects with name, share, priority, slo), got \(member.value.valueSummary)",
                  at: member.value, in: context)
            return nil
        }
        var classes: [RequestClass] = []
        var isValid = true
        for (i, element) in elements.enumerated() {
            let value = ValueReader<RequestClass>.object("a request class (an object with name, share, priority, slo)") { c in
                let name = c.required("name", .nonEmptyString)
                let share = c.required("share", ValueReader<Double>.number(.positive).checked("a fraction in (0, 1]") { $0 <= 1 })
                let priority = c.optional("priority", .integer) ?? 0
                let slo = c.optional("slo", ValueReader<LatencySLO>.object("an object (ttft, tpot, e2e)") { s in
                    LatencySLO(timeToFirstToken: s.optional("ttft", .duration(.positive)),
                               timePerOutputToken: s.optional("tpot", .duration(.positive)),
                               endToEnd: s.optional("e2e", .duration(.positive)))
                })
                guard let name, let share, c.node["slo"] == nil || slo != nil else { return nil }
                return RequestClass(name: name, share: share, priority: priority, slo: slo ?? LatencySLO())
            }.read(element, in: context.appending(index: i))
            if let value {
                if classes.contains(where: { $0.name == value.name }) {
                    error("duplicate class name '\(value.name)'", at: element, in: context.appending(index: i))
                    isValid = false
                }
                classes.append(value)
            } else {
                invalidate()
                isValid = false
            }
        }
        guard isValid else { return nil }
        let total = classes.reduce(0) { $0 + $1.share }
        guard abs(total - 1) <= 1e-6 else {
            error("class shares must add up to 1 (got \(total))", at: member.value, in: context)
            return nil
        }
        return classes
    }

    /// `prefix_cache: { capacity_tokens | capacity, block_tokens? }` — `capacity` in bytes of KV,
    /// converted with the model's KV bytes per token. Nil inside: no cache.
    private func readPrefixCache(_ r: ObjectReader, model: ModelShape?, precision: InferencePrecision) -> PrefixCacheConfiguration?? {
        let result = nested(r, "prefix_cache", expecting: "an object (capacity_tokens or capacity, block_tokens)") { c -> PrefixCacheConfiguration? in
            let tokens = optional(c, "capacity_tokens", .integer(.positive))
            let bytes = optional(c, "capacity", .quantity(.bytes, .positive))
            let block = optional(c, "block_tokens", .integer(.positive)) ?? 512
            switch (tokens, bytes) {
            case (let t?, nil):
                return PrefixCacheConfiguration(capacityTokens: max(t, block), blockTokens: block)
            case (nil, let b?):
                guard let model else { return nil }
                let perToken = 2 * Double(model.layers * model.kvHeads * model.headDim) * precision.kvCache.bytesPerElement
                return PrefixCacheConfiguration(capacityTokens: max(Int(b / perToken), block), blockTokens: block)
            case (_?, _?):
                error("give either 'capacity_tokens' or 'capacity', not both", at: c.node["capacity"]!, in: c.context.appending("capacity"))
                return nil
            case (nil, nil):
                if c.node["capacity_tokens"] == nil && c.node["capacity"] == nil {
                    error("missing required key 'capacity_tokens' or 'capacity' (how much prefix KV each replica keeps)", at: c.node, in: c.context)
                }
                return nil
            }
        }
        switch result {
        case .none: return .some(nil)
        case .some(let value?): return .some(value)
        case .some(nil): return nil
        }
    }

    /// `autoscaling: { min, max, target_utilization | target_queue, interval?, scale_up_delay?, scale_down_cooldown? }`.
    private func readAutoscaling(_ r: ObjectReader) -> AutoscalingPolicy?? {
        let result = nested(r, "autoscaling", expecting: "an object (min, max, target_utilization or target_queue, …)") { a -> AutoscalingPolicy? in
            let low = required(a, "min", .integer(.positive))
            let high = required(a, "max", .integer(.positive))
            let utilization = optional(a, "target_utilization", ValueReader<Double>.number(.positive).checked("a fraction in (0, 1]") { $0 <= 1 })
            let queue = optional(a, "target_queue", .number(.positive))
            let interval = optional(a, "interval", .duration(.positive)) ?? .seconds(30)
            let delay = optional(a, "scale_up_delay", .duration(.nonNegative)) ?? .seconds(120)
            let cooldown = optional(a, "scale_down_cooldown", .duration(.nonNegative)) ?? .minutes(5)
            guard let low, let high else { return nil }
            guard high >= low else {
                error("max \(high) is below min \(low)", at: a.node["max"]!, in: a.context.appending("max"))
                return nil
            }
            let target: AutoscalingPolicy.Target
            switch (utilization, queue) {
            case (let u?, nil): target = .utilization(u)
            case (nil, let q?): target = .queuePerReplica(q)
            case (_?, _?):
                error("give either 'target_utilization' or 'target_queue', not both", at: a.node["target_queue"]!, in: a.context.appending("target_queue"))
                return nil
            case (nil, nil):
                if a.node["target_utilization"] == nil && a.node["target_queue"] == nil {
                    error("missing required key 'target_utilization' or 'target_queue' (what the autoscaler holds)", at: a.node, in: a.context)
                }
                return nil
            }
            return AutoscalingPolicy(minReplicas: low, maxReplicas: high, target: target, evaluationInterval: interval,
                                     scaleUpDelay: delay, scaleDownCooldown: cooldown)
        }
        switch result {
        case .none: return .some(nil)
        case .some(let value?): return .some(value)
        case .some(nil): return nil
        }
    }

    /// `disaggregation: { prefill_replicas, decode_replicas, transfer_bandwidth?, transfer_latency? }`.
    private func readDisaggregation(_ r: ObjectReader) -> Disaggregation?? {
        let result = nested(r, "disaggregation", expecting: "an object (prefill_replicas, decode_replicas, transfer_bandwidth, transfer_latency)") { d -> Disaggregation? in
            let prefill = required(d, "prefill_replicas", .integer(.positive))
            let decode = required(d, "decode_replicas", .integer(.positive))
            // 400 Gb/s: one ConnectX-7 NIC per GPU (hardware.md, H100 HGX scale-out).
            let bandwidth = optional(d, "transfer_bandwidth", .quantity(.bandwidth, .positive)) ?? 50e9
            let latency = optional(d, "transfer_latency", .duration(.nonNegative)) ?? .microseconds(100)
            guard let prefill, let decode else { return nil }
            return Disaggregation(prefillReplicas: prefill, decodeReplicas: decode, transferBandwidth: BytesPerSecond(bandwidth),
                                  transferLatency: latency)
        }
        switch result {
        case .none: return .some(nil)
        case .some(let value?): return .some(value)
        case .some(nil): return nil
        }
    }
}
