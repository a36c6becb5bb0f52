import Foundation
import Testing

@Suite("gigawatt compare")
struct CompareCommandTests {
    private let quickstart = GigawattProcess.repositoryRoot.appendingPathComponent("Scenarios/training-quickstart.json5").path

    private func run(_ arguments: [String], in directory: URL) throws {
        let result = try GigawattProcess.run(["run", quickstart, "--quiet"] + arguments, in: directory)
        #expect(result.status == 0, "\(result.standardError)")
    }

    @Test("a run writes a copy of its scenario; compared with itself, every delta is zero and the files appear together")
    func selfComparison() throws {
        let directory = try GigawattProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try run(["--out", "a", "--horizon", "6 h"], in: directory)
        let copy = try String(contentsOf: directory.appendingPathComponent("a/scenario.json5"), encoding: .utf8)
        #expect(copy.hasPrefix("// gigawatt run --horizon \"6 h\" (overrides of this file)\n//"))
        let result = try GigawattProcess.run(["compare", "a", "a", "--out", "cmp"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("scenario fields that differ:\n  none"))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("cmp").path).sorted()
        #expect(files == ["comparison.csv", "comparison.html", "comparison.json"])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("cmp/comparison.json"))) as? [String: Any]
        let metrics = try #require(json?["metrics"] as? [[String: Any]])
        #expect(!metrics.isEmpty)
        for metric in metrics { #expect((metric["delta"] as? [Double])?.allSatisfy { $0 == 0 } == true, "\(metric["path"]!)") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["a", "cmp"])
    }

    @Test("different seeds show up as a scenario difference; different intervals need --resample; different horizons are refused")
    func incompatibleRuns() throws {
        let directory = try GigawattProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try run(["--out", "a", "--horizon", "6 h"], in: directory)
        try run(["--out", "b", "--horizon", "6 h", "--seed", "99", "--interval", "1 h"], in: directory)
        try run(["--out", "c", "--horizon", "3 h"], in: directory)
        let refused = try GigawattProcess.run(["compare", "a", "b", "--out", "cmp"], in: directory)
        #expect(refused.status == 65 && refused.standardError.contains("--resample"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("cmp").path))
        let resampled = try GigawattProcess.run(["compare", "a", "b", "--resample"], in: directory)
        #expect(resampled.status == 0, "\(resampled.standardError)")
        #expect(resampled.standardOutput.contains("resampled from 00:01:00, 01:00:00"))
        #expect(resampled.standardOutput.contains("seed") && resampled.standardOutput.contains("99"))
        let horizons = try GigawattProcess.run(["compare", "a", "c", "--resample"], in: directory)
        #expect(horizons.status == 65 && horizons.standardError.contains("different horizons"))
        let missing = try GigawattProcess.run(["compare", "a"], in: directory)
        #expect(missing.status == 2)
    }

    @Test("bad --trace-window and --trace-pools values are usage errors that write nothing")
    func traceOptions() throws {
        let directory = try GigawattProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (options, message) in [(["--trace-window", "5h..2h"], "must come after the start"),
                                   (["--trace-window", "2d..3d"], "after the end of the run"),
                                   (["--trace-pools", "gpu,nope"], "no pool 'nope'")] {
            let result = try GigawattProcess.run(["run", quickstart, "--out", "out", "--quiet"] + options, in: directory)
            #expect(result.status == 2 && result.standardError.contains(message), "\(options): \(result.standardError)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        try run(["--out", "out", "--trace-window", "1h..3h", "--trace-pools", "gpu"], in: directory)
    }

    @Test("schema summary prints the summary.json schema")
    func summarySchema() throws {
        let result = try GigawattProcess.run(["schema", "summary"])
        #expect(result.status == 0)
        let schema = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        #expect(schema?["title"] as? String == "Gigawatt summary.json")
        #expect(try GigawattProcess.run(["schema", "nope"]).status == 2)
    }
}
