import Foundation
import Testing

/// Each shipped scenario's opening comment promises what its output shows; these tests run the
/// scenario and check that the output shows it.
@Suite("Scenario findings")
struct ScenarioFindingsTests {
    /// Runs `Scenarios/<name>.json5` and returns its summary.json.
    static func summary(of name: String, extra: [String] = []) throws -> [String: Any] {
        let directory = try GigawattProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = GigawattProcess.repositoryRoot.appendingPathComponent("Scenarios/\(name).json5").path
        let result = try GigawattProcess.run(["run", file, "--out", "out", "--quiet"] + extra, in: directory)
        try #require(result.status == 0, "\(result.standardError)")
        let data = try Data(contentsOf: directory.appendingPathComponent("out/summary.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func jobs(_ summary: [String: Any]) throws -> [String: [String: Any]] {
        let training = try #require(summary["training"] as? [String: Any])
        let jobs = try #require(training["jobs"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: jobs.map { ($0["name"] as? String ?? "", $0) })
    }

    @Test("frontier-training-run: Daly's interval keeps the most goodput; interruptions follow Llama 3's rate")
    func frontierTrainingRun() throws {
        let jobs = try Self.jobs(try Self.summary(of: "frontier-training-run"))
        let goodput = { (name: String) throws -> Double in try #require(jobs[name]?["goodput"] as? Double) }
        #expect(try goodput("ckpt-optimal") > goodput("ckpt-30s"))
        #expect(try goodput("ckpt-optimal") > goodput("ckpt-3h"))
        // 16,384 GPUs for 720 h at one interruption per 50,677 GPU-hours: 232.8 expected per
        // job (Poisson, σ ≈ 15); the chip-hours held are the whole horizon for all three.
        for name in ["ckpt-30s", "ckpt-optimal", "ckpt-3h"] {
            let interruptions = try #require(jobs[name]?["interruptions"] as? Int)
            let chipHours = try #require(jobs[name]?["chip_hours"] as? Double)
            let expected = chipHours / 50_677.0
            #expect(abs(Double(interruptions) - expected) < 4 * expected.squareRoot(), "\(name): \(interruptions) vs \(expected)")
        }
    }

    @Test("philly-replay: every job of the week is replayed; most complete after a queue wait of hours")
    func phillyReplay() throws {
        let summary = try Self.summary(of: "philly-replay")
        let training = try #require(summary["training"] as? [String: Any])
        let jobs = try Self.jobs(summary)
        #expect(jobs.count == 11_386)
        #expect(try #require(training["completed"] as? Int) > 11_300)
        #expect(training["rejected"] as? Int == 0)
        let waits = jobs.values.compactMap { $0["queue_wait_s"] as? Double }
        let mean = waits.reduce(0, +) / Double(waits.count) / 3_600
        #expect(mean > 1 && mean < 6, "mean queue wait \(mean) h")
    }
}
