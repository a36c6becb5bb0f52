import Foundation
import Testing

/// Scenarios/power-cap-600mw.json5 promises, in its opening comment, what each cap action does;
/// these tests run it (and its variants: the other actions, the cap removed) and check.
@Suite("Scenario findings: power-cap-600mw")
struct PowerCapScenarioTests {
    /// The scenario with `cap_action` set to `action`, or with the cap and window removed when nil.
    static func summary(action: String?) throws -> [String: Any] {
        var text = try String(contentsOf: GigawattProcess.repositoryRoot.appendingPathComponent("Scenarios/power-cap-600mw.json5"),
                              encoding: .utf8)
        let field = #"cap_action: "throttle","#
        try #require(text.contains(field))
        if let action {
            text = text.replacingOccurrences(of: field, with: #"cap_action: "\#(action)","#)
        } else {
            text = text.replacingOccurrences(of: field, with: "")
            text = text.replacingOccurrences(of: #"cap_windows: [{ from: "17 h", to: "21 h", cap: "500 MW", every: "24 h" }],"#, with: "")
        }
        let directory = try GigawattProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try text.write(to: directory.appendingPathComponent("cap.json5"), atomically: true, encoding: .utf8)
        let result = try GigawattProcess.run(["run", "cap.json5", "--out", "out", "--quiet"], in: directory)
        try #require(result.status == 0, "\(result.standardError)")
        let data = try Data(contentsOf: directory.appendingPathComponent("out/summary.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func site(_ summary: [String: Any]) throws -> [String: Any] {
        let energy = try #require(summary["energy"] as? [String: Any])
        return try #require((energy["sites"] as? [[String: Any]])?.first)
    }

    static func cap(_ summary: [String: Any]) throws -> [String: Any] {
        let energy = try #require(summary["energy"] as? [String: Any])
        return try #require((energy["power_caps"] as? [[String: Any]])?.first)
    }

    static func number(_ object: [String: Any], _ key: String) throws -> Double {
        try #require(object[key] as? Double ?? (object[key] as? Int).map(Double.init), "\(key)")
    }

    @Test("uncapped, the campus wants ~685 MW; throttled, it never exceeds 600 MW, at ~0.93 clock and lower in the window")
    func throttle() throws {
        let uncapped = try Self.summary(action: nil)
        let wanted = try Self.number(Self.site(uncapped), "peak_facility_power_w") / 1e6
        #expect(wanted > 670 && wanted < 700, "uncapped peak \(wanted) MW")
        let throttled = try Self.summary(action: "throttle")
        #expect(try Self.number(Self.site(throttled), "peak_facility_power_w") <= 600e6 * (1 + 1e-9))
        let cap = try Self.cap(throttled)
        // Under 600 MW alone f ≈ 0.93; the 500 MW window needs f ≈ 0.83.
        let lowest = try Self.number(cap, "lowest_clock")
        #expect(lowest > 0.8 && lowest < 0.86, "lowest clock \(lowest)")
        #expect(try Self.number(cap, "time_over_cap_s") == 0)
        #expect(try Self.number(cap, "preemptions") == 0)
        // Throttling saves energy net: a step at clock f costs f² of its dynamic energy.
        let energy = { (s: [String: Any]) throws -> Double in try Self.number(try #require(s["energy"] as? [String: Any]), "facility_energy_j") }
        #expect(try energy(throttled) < energy(uncapped))
    }

    @Test("hold never touches running work, so the evening window is breached; preempt stops jobs and loses work instead")
    func holdAndPreempt() throws {
        let hold = try Self.cap(try Self.summary(action: "hold"))
        // The first evening's window opens with every job running: 4 h over the 500 MW cap.
        #expect(try Self.number(hold, "time_over_cap_s") == 14_400)
        #expect(try Self.number(hold, "delayed_chip_hours") > 0)
        #expect(try Self.number(hold, "preemptions") == 0)
        let preempt = try Self.cap(try Self.summary(action: "preempt"))
        #expect(try Self.number(preempt, "time_over_cap_s") == 0)
        #expect(try Self.number(preempt, "preemptions") > 0)
        // Each preempted job rolls back at most its 30-minute checkpoint interval: < 16,384 × 0.5 h each.
        let lost = try Self.number(preempt, "lost_chip_hours"), preemptions = try Self.number(preempt, "preemptions")
        #expect(lost > 0 && lost <= preemptions * 16_384 * 0.5 * 1.01)
    }
}

/// Scenarios/gpu-to-tpu-trainium-{gpu,mixed}.json5 promise a cost comparison in their opening
/// comment; this runs both and checks it.
@Suite("Scenario findings: gpu-to-tpu-trainium")
struct GPUToTPUTrainiumScenarioTests {
    static func jobs(_ variant: String) throws -> (cost: [String: [String: Any]], training: [String: [String: Any]]) {
        let summary = try ScenarioFindingsTests.summary(of: "gpu-to-tpu-trainium-\(variant)")
        let cost = try #require((summary["cost"] as? [String: Any])?["jobs"] as? [[String: Any]])
        return (Dictionary(uniqueKeysWithValues: cost.map { ($0["name"] as? String ?? "", $0) }),
                try ScenarioFindingsTests.jobs(summary))
    }

    @Test("the mixed fleet trains the same portfolio for ~48 % less, with text runs 1.6–4.5× slower")
    func costAndTime() throws {
        let gpu = try Self.jobs("gpu"), mixed = try Self.jobs("mixed")
        #expect(Set(gpu.cost.keys) == Set(mixed.cost.keys) && gpu.cost.count == 8)
        for job in Array(gpu.training.values) + Array(mixed.training.values) { #expect(job["outcome"] as? String == "completed") }
        let total = { (jobs: [String: [String: Any]]) -> Double in jobs.values.compactMap { $0["total_usd"] as? Double }.reduce(0, +) }
        let reduction = 1 - total(mixed.cost) / total(gpu.cost)
        #expect(reduction > 0.45 && reduction < 0.51, "portfolio cost reduction \(reduction)")
        let hours = { (jobs: [String: [String: Any]], name: String) throws -> Double in
            try #require(jobs[name]?["completion_time_s"] as? Double) / 3_600
        }
        let slower8B = try hours(mixed.training, "text-8b-0") / hours(gpu.training, "text-8b-0")
        let slower13B = try hours(mixed.training, "text-13b-0") / hours(gpu.training, "text-13b-0")
        #expect(slower8B > 1.5 && slower8B < 1.7, "8B slowdown \(slower8B)")
        #expect(slower13B > 4.3 && slower13B < 4.7, "13B slowdown \(slower13B)")
        // Multimodal stays on the same H100s: the same cost.
        #expect(try #require(gpu.cost["multimodal-13b-0"]?["total_usd"] as? Double)
                == (try #require(mixed.cost["multimodal-13b-0"]?["total_usd"] as? Double)))
    }
}
