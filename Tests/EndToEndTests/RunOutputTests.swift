import Foundation
import Testing

@Suite("gigawatt run output")
struct RunOutputTests {
    private func scenario(_ name: String) -> String {
        GigawattProcess.repositoryRoot.appendingPathComponent("Scenarios/\(name).json5").path
    }

    @Test("a run writes its output directory with a summary")
    func writesSummary() throws {
        let directory = try GigawattProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try GigawattProcess.run(["run", scenario("quickstart"), "--out", "out", "--quiet"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("out/summary.json"))) as? [String: Any]
        #expect(summary?["scenario"] as? String == "quickstart")
        #expect(summary?["seed"] as? Int == 42)
        #expect(summary?["horizon_s"] as? Double == 86_400)
        #expect(summary?["simulated_s"] as? Double == 86_400)
        // The quickstart fleet: 256 TPU v6e + 32 H100 + 128 Trainium2 chips.
        #expect((summary?["fleet"] as? [String: Any])?["chips"] as? Int == 416)
        // Nothing but the results is left in the parent: no staging directory.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out"])
    }

    @Test("the same scenario and seed give byte-identical results")
    func deterministic() throws {
        let directory = try GigawattProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["a", "b"] {
            let result = try GigawattProcess.run(["run", scenario("quickstart"), "--out", name, "--quiet"], in: directory)
            #expect(result.status == 0)
        }
        let a = try Data(contentsOf: directory.appendingPathComponent("a/summary.json"))
        let b = try Data(contentsOf: directory.appendingPathComponent("b/summary.json"))
        #expect(a == b)
    }

    @Test("command-line seed and horizon override the scenario's")
    func overrides() throws {
        let directory = try GigawattProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try GigawattProcess.run(["run", scenario("quickstart"), "--out", "out", "--seed", "7", "--horizon", "90 min", "--quiet"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("out/summary.json"))) as? [String: Any]
        #expect(summary?["seed"] as? Int == 7)
        #expect(summary?["horizon_s"] as? Double == 5_400)
    }

    @Test("an existing output directory is never replaced without --force")
    func refusesToOverwrite() throws {
        let directory = try GigawattProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("earlier results".utf8).write(to: out.appendingPathComponent("notes.txt"))

        let refused = try GigawattProcess.run(["run", scenario("quickstart"), "--out", "out", "--quiet"], in: directory)
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("--force"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("notes.txt").path))

        let forced = try GigawattProcess.run(["run", scenario("quickstart"), "--out", "out", "--force", "--quiet"], in: directory)
        #expect(forced.status == 0)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("notes.txt").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("summary.json").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out"])
    }

    @Test("an invalid scenario exits 65 and creates no output directory")
    func invalidScenarioWritesNothing() throws {
        let directory = try GigawattProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try #"{ name: "x", seed: 1, horizon: "-3 d" }"#.write(to: directory.appendingPathComponent("bad.json5"), atomically: true, encoding: .utf8)
        let result = try GigawattProcess.run(["run", "bad.json5", "--out", "out"], in: directory)
        #expect(result.status == 65)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["bad.json5"])
    }
}

@Suite("Scenarios folder")
struct ScenarioFolderTests {
    static let files: [String] = {
        let folder = GigawattProcess.repositoryRoot.appendingPathComponent("Scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json5") }.sorted()
    }()

    @Test("the Scenarios folder is not empty")
    func hasScenarios() { #expect(!Self.files.isEmpty) }

    @Test("every scenario opens with a comment saying what it answers, validates and runs", arguments: files)
    func scenarioRuns(_ name: String) throws {
        let text = try String(contentsOf: GigawattProcess.repositoryRoot.appendingPathComponent("Scenarios/\(name)"), encoding: .utf8)
        #expect(text.hasPrefix("//"))
        let validate = try GigawattProcess.run(["validate", "Scenarios/\(name)"])
        #expect(validate.status == 0, "\(validate.standardError)")
        let run = try GigawattProcess.run(["run", "Scenarios/\(name)", "--quiet"])
        #expect(run.status == 0, "\(run.standardError)")
    }
}

@Suite("README")
struct ReadmeTests {
    @Test("the scenario example in the README is a valid scenario")
    func scenarioExample() throws {
        let readme = try String(contentsOf: GigawattProcess.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "```json5\n"))
        let end = try #require(readme.range(of: "\n```", range: start.upperBound..<readme.endIndex))
        let directory = try GigawattProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try String(readme[start.upperBound..<end.lowerBound]).write(to: directory.appendingPathComponent("readme.json5"), atomically: true, encoding: .utf8)
        let result = try GigawattProcess.run(["validate", "readme.json5"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
    }
}

@Suite("timeseries.csv")
struct TimeSeriesOutputTests {
    @Test("the time series adds up to the summary's energy, cost and carbon, per site")
    func addsUp() throws {
        let directory = try GigawattProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // 90 minutes at a 7-minute interval: 12 full intervals and a 6-minute partial one.
        let scenario = GigawattProcess.repositoryRoot.appendingPathComponent("Scenarios/quickstart.json5").path
        let result = try GigawattProcess.run(["run", scenario, "--out", "out", "--horizon", "90 min", "--interval", "7 min", "--quiet"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let csv = try String(contentsOf: directory.appendingPathComponent("out/timeseries.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        #expect(header.first == "interval_start_s" && header.contains("facility_energy_j"))
        let rows = lines.dropFirst()
        #expect(rows.count == 13)
        #expect(rows.last?[0] == "5040.0" && rows.last?[1] == "5400.0")
        func total(_ column: String) -> Double {
            let index = header.firstIndex(of: column)!
            return rows.reduce(0) { $0 + Double($1[index])! }
        }
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("out/summary.json"))) as? [String: Any]
        let energy = try #require(summary?["energy"] as? [String: Any])
        let facility = try #require(energy["facility_energy_j"] as? Double)
        let cost = try #require(energy["cost_usd"] as? Double)
        let carbon = try #require(energy["carbon_kg"] as? Double)
        #expect(abs(total("facility_energy_j") - facility) <= 1e-9 * facility)
        #expect(abs(total("cost_usd") - cost) <= 1e-9 * cost)
        #expect(abs(total("carbon_g") / 1_000 - carbon) <= 1e-9 * carbon)
    }
}
