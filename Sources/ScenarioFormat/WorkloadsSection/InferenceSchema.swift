/// The keys of every object of an inference service (`workloads.inference[]`), in the order
/// the reader asks for them. For `gigawatt schema`; a test checks each list against the keys
/// the reader accepts.
///
/// ```json5
/// inference: [{
///   name, model, precision?, parallelism?: { tensor?, pipeline?, expert? }, chips_per_replica?,
///   platforms?, replicas | autoscaling: { min, max, target_utilization | target_queue, interval?,
///   scale_up_delay?, scale_down_cooldown? }, batching?: { continuous?, token_budget?, chunk_size?,
///   max_batch_size?, on_kv_full?, schedule? }, kv_block_tokens?, memory_fraction?, activation_workspace?,
///   slo?: { ttft?, tpot?, e2e? }, classes?: [{ name, share, priority?, slo? }], prefix_cache?: { capacity_tokens | capacity, block_tokens? },
///   routing?, requests: { arrival, rate, … } | { trace: { format, file, time_scale?, limit? } },
///   fidelity?, disaggregation?: { prefill_replicas, decode_replicas, transfer_bandwidth?, transfer_latency? },
/// }]
/// ```
public enum InferenceSchema {
    /// Every object of a service, outermost first (paths relative to `workloads`).
    public static let objects: [FleetSchema.Object] = [
        FleetSchema.Object(path: "inference[]", keys: [
            ScenarioKey("name", "a unique non-empty string", .required),
            ScenarioKey("model", "a published model name or a model object", .required),
            ScenarioKey("precision", "bf16, fp8, int8, or an object (weights, kv_cache, compute)", note: "default: bf16"),
            ScenarioKey("parallelism", "an object (tensor, pipeline, expert)", note: "default: one chip"),
            ScenarioKey("chips_per_replica", "a positive integer, checked against parallelism"),
            ScenarioKey("platforms", "an array of chip ids or platform kinds", note: "default: any pool"),
            ScenarioKey("replicas", "a positive integer", .oneOf("replicas")),
            ScenarioKey("autoscaling", "an object (min, max, target_utilization or target_queue, …)", .oneOf("replicas")),
            ScenarioKey("batching", "an object (continuous, token_budget, chunk_size, max_batch_size, on_kv_full, schedule)"),
            ScenarioKey("kv_block_tokens", "a positive integer", note: "default: 16"),
            ScenarioKey("memory_fraction", "a fraction in (0, 1]", note: "default: 0.9"),
            ScenarioKey("activation_workspace", "bytes per chip such as \"2 GB\"", note: "default: 2 GB"),
            ScenarioKey("slo", "an object (ttft, tpot, e2e)", note: "default: no objective"),
            ScenarioKey("classes", "an array of priority classes (name, share, priority, slo)", note: "default: one class with slo"),
            ScenarioKey("prefix_cache", "an object (capacity_tokens or capacity, block_tokens)", note: "default: none"),
            ScenarioKey("routing", "round-robin, least-outstanding-tokens or prefix-affinity", note: "default: least-outstanding-tokens"),
            ScenarioKey("requests", "an object (arrival, rate, … or trace)", .required),
            ScenarioKey("fidelity", "iteration or fluid", note: "default: iteration"),
            ScenarioKey("disaggregation", "an object (prefill_replicas, decode_replicas, transfer_bandwidth, transfer_latency)",
                        .oneOf("replicas")),
        ]),
        FleetSchema.Object(path: "inference[].parallelism", keys: [
            ScenarioKey("tensor", "a positive integer", note: "default: 1"),
            ScenarioKey("pipeline", "a positive integer", note: "default: 1"),
            ScenarioKey("expert", "a positive integer", note: "default: 1"),
        ]),
        FleetSchema.Object(path: "inference[].autoscaling", keys: [
            ScenarioKey("min", "a positive integer", .required),
            ScenarioKey("max", "a positive integer ≥ min", .required),
            ScenarioKey("target_utilization", "a fraction in (0, 1]", .oneOf("target")),
            ScenarioKey("target_queue", "waiting requests per replica", .oneOf("target")),
            ScenarioKey("interval", "a positive duration", note: "default: 30 s"),
            ScenarioKey("scale_up_delay", "a duration (provisioning + model load)", note: "default: 120 s"),
            ScenarioKey("scale_down_cooldown", "a duration", note: "default: 5 min"),
        ]),
        FleetSchema.Object(path: "inference[].batching", keys: [
            ScenarioKey("continuous", "a boolean", note: "default: true"),
            ScenarioKey("token_budget", "a positive integer", note: "default: 8192"),
            ScenarioKey("chunk_size", "a positive integer or \"none\"", note: "default: 2048"),
            ScenarioKey("max_batch_size", "a positive integer", note: "default: 256"),
            ScenarioKey("on_kv_full", "recompute or wait", note: "default: recompute"),
            ScenarioKey("schedule", "mixed or prefill-first",
                        note: "default: mixed (prompt chunks share iterations with decodes); prefill-first is vLLM's scheduler without chunked prefill"),
        ]),
        FleetSchema.Object(path: "inference[].slo", keys: [
            ScenarioKey("ttft", "a positive duration"),
            ScenarioKey("tpot", "a positive duration"),
            ScenarioKey("e2e", "a positive duration"),
        ]),
        FleetSchema.Object(path: "inference[].classes[]", keys: [
            ScenarioKey("name", "a unique non-empty string", .required),
            ScenarioKey("share", "a fraction in (0, 1]; the shares add up to 1", .required),
            ScenarioKey("priority", "an integer, higher admitted first", note: "default: 0"),
            ScenarioKey("slo", "an object (ttft, tpot, e2e)", note: "default: no objective"),
        ]),
        FleetSchema.Object(path: "inference[].prefix_cache", keys: [
            ScenarioKey("capacity_tokens", "a positive integer", .oneOf("capacity")),
            ScenarioKey("capacity", "bytes of KV such as \"40 GB\"", .oneOf("capacity")),
            ScenarioKey("block_tokens", "a positive integer", note: "default: 512 (the Mooncake traces' block)"),
        ]),
        FleetSchema.Object(path: "inference[].requests", keys: [
            ScenarioKey("arrival", "poisson, rate-curve, gamma, mmpp or diurnal", .oneOf("source")),
            ScenarioKey("prompt_tokens", "a number or a distribution object", note: "default: Azure 2023 conversation log-normal"),
            ScenarioKey("output_tokens", "a number or a distribution object", note: "default: Azure 2023 conversation log-normal"),
            ScenarioKey("max_prompt_tokens", "a positive integer"),
            ScenarioKey("max_output_tokens", "a positive integer"),
            ScenarioKey("rate", "requests per second or \"20/s\"", note: "poisson, gamma, diurnal (mean)"),
            ScenarioKey("cv", "a positive number", note: "gamma"),
            ScenarioKey("peak_to_trough", "a ratio ≥ 1", note: "diurnal, default 3"),
            ScenarioKey("peak_at", "a duration", note: "diurnal, default 14 h"),
            ScenarioKey("period", "a positive duration", note: "diurnal (default 1 d) or a repeating rate curve"),
            ScenarioKey("curve", "an array of { at, rate }", note: "rate-curve"),
            ScenarioKey("calm_rate", "requests per second", note: "mmpp"),
            ScenarioKey("burst_rate", "requests per second", note: "mmpp"),
            ScenarioKey("calm_duration", "a positive duration", note: "mmpp"),
            ScenarioKey("burst_duration", "a positive duration", note: "mmpp"),
            ScenarioKey("shared_prefix", "an object (tokens, groups): system prompts every prompt starts with"),
            ScenarioKey("count", "a positive integer", note: "requests in all (iteration fidelity); default: until the horizon"),
            ScenarioKey("trace", "an object (format, file, time_scale, limit)", .oneOf("source")),
        ]),
        FleetSchema.Object(path: "inference[].requests.shared_prefix", keys: [
            ScenarioKey("tokens", "a positive integer", .required),
            ScenarioKey("groups", "a positive integer: distinct prefixes, chosen uniformly", note: "default: 1"),
        ]),
        FleetSchema.Object(path: "inference[].requests.trace", keys: [
            ScenarioKey("format", "azure-llm-2023 or mooncake", .required),
            ScenarioKey("file", "a path relative to the scenario file", .required),
            ScenarioKey("time_scale", "a positive number (0.5 replays twice as fast)", note: "default: 1"),
            ScenarioKey("limit", "a positive integer: replay the first rows only"),
        ]),
        FleetSchema.Object(path: "inference[].disaggregation", keys: [
            ScenarioKey("prefill_replicas", "a positive integer", .required),
            ScenarioKey("decode_replicas", "a positive integer", .required),
            ScenarioKey("transfer_bandwidth", "a bandwidth such as \"50 GB/s\"", note: "default: 50 GB/s (one 400 Gb/s NIC)"),
            ScenarioKey("transfer_latency", "a duration", note: "default: 100 µs"),
        ]),
    ]

    /// The keys of the object at `path`, or nil.
    public static func keys(at path: String) -> [ScenarioKey]? { objects.first { $0.path == path }?.keys }
}
