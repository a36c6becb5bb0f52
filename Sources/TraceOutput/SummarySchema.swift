import Foundation

/// A JSON Schema (draft 2020-12) of `summary.json`, published by `gigawatt schema summary` so
/// scripts can rely on its keys and units. Every object is closed (`additionalProperties: false`),
/// so a key added to `SummaryWriter` without being added here fails the conformance tests that
/// run every shipped scenario; optional keys (absent when they do not apply, e.g. a queued job's
/// `start_s`) are the ones not listed as required.
public enum SummarySchema {
    public static func document() -> [String: Any] {
        let number = "number", integer = "integer", string = "string"
        let pool = object([
            ("name", string, "pool name", true), ("chip", string, "catalog chip id", true),
            ("platform", string, "tpu, gpu or trainium", true), ("chips", integer, "chips installed at the start", true),
            ("hosts", integer, "hosts", true), ("racks", integer, "racks", true),
            ("scale_up_domains", integer, "scale-up domains (TPU slices, NVLink domains, UltraServers)", true),
            ("it_hardware_maximum_w", number, "every chip at peak plus host overhead, W, before PUE", true),
        ])
        var site = object([
            ("name", string, "site name", true), ("chips", integer, "chips", true),
            ("it_hardware_maximum_w", number, "W before PUE", true), ("facility_hardware_maximum_w", number, "W after PUE", true),
            ("grid_limit_w", number, "the site's grid connection, W", false), ("power_cap_w", number, "the site's power cap, W", false),
        ])
        site = adding("pools", array(of: pool, "one entry per pool"), to: site, required: true)
        var fleet = object([
            ("chips", integer, "chips in the fleet", true),
            ("it_hardware_maximum_w", number, "W before PUE", true), ("facility_hardware_maximum_w", number, "W after PUE", true),
        ])
        fleet = adding("sites", array(of: site, "one entry per site"), to: fleet, required: true)

        let job = object([
            ("name", string, "job name", true),
            ("outcome", string, "completed, running, queued, rejected or not-arrived", true),
            ("reason", string, "why it was rejected", false), ("pool", string, "the pool it ran on", false),
            ("chip", string, "the chip it ran on", false), ("chips", integer, "chips asked for", true),
            ("arrival_s", number, "arrival, s from the start", true), ("start_s", number, "start, s", false),
            ("end_s", number, "completion, s", false), ("queue_wait_s", number, "arrival to start (or horizon), s", false),
            ("completion_time_s", number, "arrival to completion, s", false), ("progress", number, "steps done over steps asked for", true),
            ("step_s", number, "step time on its allocation, s", false), ("mfu", number, "model FLOPs utilisation", false),
            ("tokens_per_s", number, "training throughput", false), ("chip_hours", number, "chips × time held", true),
            ("preemptions", integer, "times stopped to give chips back", true),
            ("interruptions", integer, "times hardware failed under it", true),
            ("lost_chip_hours", number, "progress rolled back to a checkpoint, chip-hours", true),
            ("goodput", number, "useful chip-hours over held chip-hours (absent if it never ran)", false),
        ])
        var training = object([
            ("completed", integer, "jobs completed", true), ("running", integer, "jobs running at the horizon", true),
            ("queued", integer, "jobs queued at the horizon", true), ("rejected", integer, "jobs rejected", true),
            ("not_arrived", integer, "jobs arriving after the horizon", true), ("chip_hours", number, "chip-hours held", true),
            ("interruptions", integer, "hardware interruptions, all jobs", true),
            ("lost_chip_hours", number, "progress rolled back to checkpoints, chip-hours, all jobs", true),
        ])
        training = adding("jobs", array(of: job, "one entry per job"), to: training, required: true)

        let energyKeys: [(String, String, String, Bool)] = [
            ("it_energy_j", number, "IT energy, J", true), ("facility_energy_j", number, "facility energy (IT × PUE), J", true),
            ("facility_energy_mwh", number, "facility energy, MWh", true), ("cost_usd", number, "electricity cost, USD", true),
            ("carbon_kg", number, "emissions, kg CO2e", true),
        ]
        let energySite = object([("name", string, "site name", true)] + energyKeys + [
            ("peak_it_power_w", number, "largest IT power held for a non-zero time, W", true),
            ("peak_facility_power_w", number, "largest facility power held for a non-zero time, W", true),
            ("average_facility_power_w", number, "facility energy over the simulated time, W", true),
        ])
        var energy = adding("sites", array(of: energySite, "one entry per site"), to: object(energyKeys), required: true)
        let powerCap = object([
            ("domain", string, "the capped site", true), ("action", string, "throttle, hold or preempt", true),
            ("time_at_cap_s", number, "time the cap changed the outcome (clocks lowered or work waiting), s", true),
            ("time_over_cap_s", number, "time the domain drew more than its cap (nothing left to throttle, hold or stop), s", true),
            ("energy_avoided_j", number, "facility energy not drawn while the cap held (uncapped demand − actual), J; delayed work draws part of it later: compare with an uncapped run for the net saving", true),
            ("energy_avoided_mwh", number, "the same, MWh", true),
            ("delayed_chip_hours", number, "progress not made: chips × (1 − clock) while throttled, waiting chips while held, chip-hours", true),
            ("lost_chip_hours", number, "progress rolled back by the cap's preemptions, chip-hours", true),
            ("preemptions", integer, "jobs the cap stopped", true), ("lowest_clock", number, "lowest clock factor throttling set (1 = never)", true),
        ])
        energy = adding("power_caps", array(of: powerCap, "one entry per enforced power cap"), to: energy, required: true)

        var root = object([
            ("schema_version", integer, "version of this schema", true), ("gigawatt_version", string, "the simulator's version", true),
            ("scenario", string, "scenario name", true), ("seed", integer, "the seed used", true),
            ("horizon_s", number, "simulated horizon, s", true), ("horizon", string, "the horizon, as d hh:mm:ss", true),
            ("simulated_s", number, "simulated time reached, s", true), ("events_processed", integer, "events the engine handled", true),
        ])
        root = adding("fleet", fleet, to: root, required: true)
        root = adding("training", training, to: root, required: true)
        root = adding("energy", energy, to: root, required: true)
        root = adding("scheduling", object([
            ("mean_stranded_chips", number, "free chips that could not host the smallest queued gang, time-averaged", true),
            ("peak_stranded_chips", integer, "the same at its largest, after any scheduling round", true),
        ]), to: root, required: true)
        root = adding("inference", inferenceSection(), to: root, required: false)
        let costAccount = object([
            ("name", string, "job, pool or site name (\"total\" for the run)", true),
            ("site", string, "the pool's site (pools only)", false),
            ("cost_model", string, "rented on-demand / committed-1y / committed-3y / spot, owned, or none (pools only)", false),
            ("usd_per_chip_hour", number, "capacity cost of one chip-hour, USD (pools only)", false),
            ("spot_reclaims", integer, "jobs stopped by the provider reclaiming spot capacity (pools only)", false),
            ("total_usd", number, "capacity + energy paid, USD", true), ("capacity_usd", number, "rental or amortised ownership, USD", true),
            ("energy_cost_usd", number, "facility energy at the site's price, USD, paid or not", true),
            ("energy_paid_usd", number, "the energy cost paid on top of capacity (owned pools), USD", true),
            ("facility_energy_j", number, "facility energy, J", true), ("carbon_kg", number, "emissions, kg CO2e", true),
            ("embodied_carbon_kg", number, "manufacturing emissions of the chip-hours, amortised over the chips' lifetime, kg CO2e (0 unless given)", true),
            ("chip_hours", number, "chip-hours in service (pool, site, total) or held (job)", true),
            ("useful_chip_hours", number, "chip-hours of progress kept", true), ("trained_tokens", number, "tokens trained", true),
            ("usd_per_million_trained_tokens", number, "total over tokens trained × 1e6; absent without tokens", false),
            ("usd_per_useful_chip_hour", number, "total over useful chip-hours; absent without useful work", false),
        ])
        var cost = object([])
        cost = adding("total", costAccount, to: cost, required: false)
        for level in ["sites", "pools", "jobs"] {
            cost = adding(level, array(of: costAccount, "one entry per \(level.dropLast())"), to: cost, required: true)
        }
        root = adding("cost", cost, to: root, required: true)
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        root["title"] = "Gigawatt summary.json"
        return root
    }

    /// The `inference` section (present when the scenario has inference services).
    private static func inferenceSection() -> [String: Any] {
        let number = "number", integer = "integer", string = "string"
        let latency = object([
            ("p50_s", number, "median, s (log-bucket histogram, ±1.1%)", false), ("p90_s", number, "90th percentile, s", false),
            ("p99_s", number, "99th percentile, s", false), ("mean_s", number, "mean, s", false),
        ])
        var service = object([
            ("name", string, "service name", true), ("fidelity", string, "iteration or fluid", true),
            ("pool", string, "the pool its replicas run on", false), ("chip", string, "their chip", false),
            ("chips_per_replica", integer, "chips per replica", true),
            ("placement_problem", string, "why fewer replicas than asked were placed", false),
            ("initial_replicas", integer, "replicas asked for at the start", true), ("peak_replicas", integer, "most replicas placed at once", true),
            ("arrived", integer, "requests arrived", true), ("completed", integer, "requests completed", true),
            ("rejected", integer, "requests rejected (larger than a replica's KV cache, or no replica serving)", true),
            ("unfinished", integer, "requests waiting, running or in KV transfer at the horizon", true),
            ("prompt_tokens", number, "prompt tokens of completed requests", true), ("output_tokens", number, "output tokens emitted", true),
            ("cached_prompt_tokens", number, "prompt tokens served from the prefix cache", true),
            ("output_tokens_per_s", number, "output tokens over the simulated time", true),
            ("slo_attainment", number, "completed requests meeting every SLO objective over completed + rejected", false),
            ("prefix_cache_hit_rate", number, "cached over looked-up prompt tokens (absent without a cache)", false),
            ("utilization", number, "busy-time fraction of serving replicas", true),
            ("chip_seconds", number, "chips × time held by replicas (for cost per token)", true),
            ("capacity_cost_usd", number, "the replicas' chip-hours at the pool's capacity price (rental or amortised ownership), USD", true),
            ("usd_per_million_output_tokens", number, "capacity_cost_usd per million output tokens (absent without tokens or a price)", false),
            ("preemptions", integer, "KV-full preemptions (recompute)", true),
            ("replica_failures", integer, "replicas lost to hardware failures (their requests went to other replicas)", true),
            ("mean_waiting", number, "time-averaged waiting requests", true),
            ("skipped_trace_lines", integer, "malformed trace lines skipped", true),
        ])
        for key in ["ttft", "tpot", "e2e"] { service = adding(key, latency, to: service, required: true) }
        var requestClass = object([
            ("name", string, "class name", true), ("priority", integer, "higher is admitted first", true),
            ("completed", integer, "requests completed", true), ("rejected", integer, "requests rejected", true),
            ("slo_attainment", number, "completed meeting the class's SLO over completed + rejected", false),
        ])
        for key in ["ttft", "tpot"] { requestClass = adding(key, latency, to: requestClass, required: true) }
        service = adding("classes", array(of: requestClass, "per priority class (absent without classes)"), to: service, required: false)
        let section = object([
            ("output_tokens", number, "output tokens, all services", true), ("prompt_tokens", number, "prompt tokens, all services", true),
            ("chip_seconds", number, "chip-seconds held, all services", true),
            ("capacity_cost_usd", number, "capacity cost of the replicas' chip-hours, all services, USD", true),
        ])
        return adding("services", array(of: service, "one entry per service"), to: section, required: true)
    }

    private static func object(_ keys: [(name: String, type: String, description: String, isRequired: Bool)]) -> [String: Any] {
        var properties: [String: Any] = [:]
        for key in keys { properties[key.name] = ["type": key.type, "description": key.description] }
        return ["type": "object", "properties": properties, "additionalProperties": false,
                "required": keys.filter(\.isRequired).map(\.name)]
    }

    private static func array(of items: [String: Any], _ description: String) -> [String: Any] {
        ["type": "array", "description": description, "items": items]
    }

    private static func adding(_ name: String, _ schema: [String: Any], to object: [String: Any], required: Bool) -> [String: Any] {
        var object = object
        var properties = object["properties"] as! [String: Any]
        properties[name] = schema
        object["properties"] = properties
        if required { object["required"] = (object["required"] as! [String]) + [name] }
        return object
    }

    /// The schema as pretty, sorted JSON text.
    public static func text() -> String {
        let data = try! JSONSerialization.data(withJSONObject: document(), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
