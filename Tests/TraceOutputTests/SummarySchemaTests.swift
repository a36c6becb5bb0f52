import Foundation
import Gigawatt
import ScenarioFormat
import Testing
@testable import TraceOutput

@Suite("SummarySchema")
struct SummarySchemaTests {
    static let scenarios: [URL] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json5") }.sorted().map { folder.appendingPathComponent($0) }
    }()

    private func schema() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(SummarySchema.text().utf8)) as? [String: Any])
    }

    private func problems(ofSummaryAt url: URL) throws -> [String] {
        let root = try #require(JSON5Parser.parse(try String(contentsOf: url, encoding: .utf8), diagnostics: Diagnostics(file: "summary.json")))
        return JSONSchemaChecker.problems(root, schema: try schema())
    }

    @Test("the summary of every scenario in Scenarios/ conforms to the published schema", arguments: scenarios)
    func shippedScenariosConform(_ scenarioURL: URL) throws {
        let scenario = try ScenarioLoader.load(contentsOf: scenarioURL, displayName: scenarioURL.lastPathComponent)
        let url = HandMadeRun.scratch().appendingPathExtension("json")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = SummaryWriter(url: url)
        _ = Simulation.run(scenario, sink: writer)
        #expect(writer.writeError == nil)
        let found = try problems(ofSummaryAt: url)
        #expect(found.isEmpty, "\(found)")
    }

    @Test("a hand-made run's summary conforms, and the checker catches an unknown key and a wrong type")
    func checkerCatchesMistakes() throws {
        let directory = HandMadeRun.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        try HandMadeRun().write(to: directory)
        let url = directory.appendingPathComponent("summary.json")
        #expect(try problems(ofSummaryAt: url).isEmpty)
        let text = try String(contentsOf: url, encoding: .utf8)
        try text.replacingOccurrences(of: "\"seed\" : 1", with: "\"seed\" : \"one\", \"extra\" : 2").write(to: url, atomically: true, encoding: .utf8)
        #expect(try problems(ofSummaryAt: url) == ["$.seed: expected integer, got a string", "$.extra is not in the schema"])
    }
}
