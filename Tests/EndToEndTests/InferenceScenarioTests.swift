import Foundation
import Testing

/// The inference scenarios' opening comments promise what their output shows; these tests run
/// them with the built executable and check it.
@Suite("Inference scenario findings")
struct InferenceScenarioTests {
    static func services(_ summary: [String: Any]) throws -> [String: [String: Any]] {
        let inference = try #require(summary["inference"] as? [String: Any])
        let services = try #require(inference["services"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: services.map { ($0["name"] as? String ?? "", $0) })
    }

    @Test("azure-trace-replay: all 19,366 requests complete within their SLO and each has a row in requests.csv")
    func azureReplay() throws {
        let directory = try GigawattProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = GigawattProcess.repositoryRoot.appendingPathComponent("Scenarios/azure-trace-replay.json5").path
        let result = try GigawattProcess.run(["run", file, "--out", "out", "--quiet"], in: directory)
        try #require(result.status == 0, "\(result.standardError)")
        let data = try Data(contentsOf: directory.appendingPathComponent("out/summary.json"))
        let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let chat = try #require(try Self.services(summary)["chat"])
        #expect(chat["arrived"] as? Int == 19_366)
        #expect(chat["completed"] as? Int == 19_366)
        #expect(try #require(chat["slo_attainment"] as? Double) > 0.99)
        let rows = try String(contentsOf: directory.appendingPathComponent("out/requests.csv"), encoding: .utf8)
            .split(separator: "\n")
        #expect(rows.count == 19_367)  // header + one row per request
        #expect(rows.first?.hasPrefix("service,request,outcome,replica,arrival_s,first_token_s") == true)
        // 19,366 requests × 211 output tokens on average over the hour (Splitwise's statistics).
        let tokensPerSecond = try #require(chat["output_tokens_per_s"] as? Double)
        #expect(tokensPerSecond > 1_000 && tokensPerSecond < 1_300)
    }

    @Test("inference-mooncake-prefix-cache: the hit rate approaches the trace's 28.4% ceiling")
    func mooncakeHitRate() throws {
        let services = try Self.services(try ScenarioFindingsTests.summary(of: "inference-mooncake-prefix-cache"))
        let service = try #require(services["kimi-chat"])
        let hitRate = try #require(service["prefix_cache_hit_rate"] as? Double)
        // Block-level repeats of an earlier prompt's prefix with an unbounded, global cache: 28.4%.
        // Two per-replica caches with affinity routing recover most of it.
        #expect(hitRate > 0.2 && hitRate <= 0.284, "\(hitRate)")
        #expect(service["completed"] as? Int == 1_750)
    }

    @Test("inference-disaggregation-azure-code: equal chips; the split decodes faster and prefills slower")
    func disaggregation() throws {
        let services = try Self.services(try ScenarioFindingsTests.summary(of: "inference-disaggregation-azure-code"))
        let colocated = try #require(services["colocated"]), split = try #require(services["disaggregated"])
        #expect(colocated["chip_seconds"] as? Double == split["chip_seconds"] as? Double)
        #expect(colocated["completed"] as? Int == 8_819 && split["completed"] as? Int == 8_819)
        let tpot = { (s: [String: Any]) throws -> Double in try #require((s["tpot"] as? [String: Any])?["p90_s"] as? Double) }
        let ttft = { (s: [String: Any]) throws -> Double in try #require((s["ttft"] as? [String: Any])?["p50_s"] as? Double) }
        #expect(try tpot(split) < tpot(colocated) / 3)
        #expect(try ttft(split) > ttft(colocated))
    }

    /// The catalog's H100 SXM on-demand price (Google Cloud us-central1, `gigawatt catalog h100-sxm`).
    static let h100OnDemandPerChipHour = 11.06

    @Test("inference-peak: the prefix cache halves the H100 replicas needed, lifts TTFT attainment and cuts the cost per token")
    func peak() throws {
        let services = try Self.services(try ScenarioFindingsTests.summary(of: "inference-peak"))
        let plain = try #require(services["h100"]), cached = try #require(services["h100-prefix-cache"])
        #expect(try #require(cached["peak_replicas"] as? Int) < #require(plain["peak_replicas"] as? Int))
        #expect(try #require(cached["slo_attainment"] as? Double) > #require(plain["slo_attainment"] as? Double))
        // 4 system prompts of 1,024 tokens on prompts averaging 1,155 + 1,024: at most 1,024/2,179 = 47% cached.
        let hit = try #require(cached["prefix_cache_hit_rate"] as? Double)
        #expect(hit > 0.4 && hit < 0.48)
        #expect(services.count == 4)
        // Cost per token: chip-hours at the H100 pool's on-demand price, over output tokens; the
        // cache, needing fewer replicas, serves the same traffic for less.
        for service in [plain, cached] {
            let chipSeconds = try #require(service["chip_seconds"] as? Double)
            let cost = try #require(service["capacity_cost_usd"] as? Double)
            let tokens = try #require(service["output_tokens"] as? Double)
            let perMillion = try #require(service["usd_per_million_output_tokens"] as? Double)
            #expect(cost > 0)
            #expect(abs(perMillion - cost / tokens * 1e6) <= 1e-9 * perMillion)
            #expect(abs(cost / (chipSeconds / 3_600) - Self.h100OnDemandPerChipHour) < 1e-9)
        }
        #expect(try #require(cached["usd_per_million_output_tokens"] as? Double) < #require(plain["usd_per_million_output_tokens"] as? Double))
        #expect(services["b200"]?["usd_per_million_output_tokens"] == nil)  // no list price in the catalog
    }

    @Test("the same inference scenario and seed give byte-identical requests.csv, inference.csv and summary.json")
    func byteIdentical() throws {
        let directory = try GigawattProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = GigawattProcess.repositoryRoot.appendingPathComponent("Scenarios/inference-mooncake-prefix-cache.json5").path
        for out in ["a", "b"] {
            let result = try GigawattProcess.run(["run", file, "--out", out, "--quiet"], in: directory)
            try #require(result.status == 0, "\(result.standardError)")
        }
        for name in ["requests.csv", "inference.csv", "summary.json", "trace.json"] {
            let a = try Data(contentsOf: directory.appendingPathComponent("a/\(name)"))
            let b = try Data(contentsOf: directory.appendingPathComponent("b/\(name)"))
            #expect(a == b, "\(name) differs")
            #expect(!a.isEmpty)
        }
    }
}
