import Foundation
import Testing
import Fleet
import SimKernel
@testable import ScenarioFormat

@Suite("ScenarioLoader")
struct ScenarioLoaderTests {
    static let valid = """
    // What does a month of the demo fleet cost?
    {
      name: 'demo',
      description: 'A small fleet for tests.',
      seed: 18446744073709551615,
      horizon: '30 d',
      fleet: {},
      outputs: { },
    }
    """

    @Test("a valid scenario loads with every field, the seed exact to the last bit")
    func loadsValid() throws {
        let scenario = try ScenarioLoader.parse(text: Self.valid, fileName: "demo.json5")
        #expect(scenario.sourceFile == "demo.json5")
        #expect(scenario.name == "demo")
        #expect(scenario.description == "A small fleet for tests.")
        #expect(scenario.seed == UInt64.max)
        #expect(scenario.horizon == .days(30))
        #expect(scenario.fleet == .empty)
        #expect(scenario.chips.isEmpty)
        #expect(scenario.outputs?.members?.isEmpty == true)
        #expect(scenario.workloads == nil)
    }

    @Test("a file with three different mistakes reports exactly those three, each located")
    func threeMistakes() {
        let text = """
        {
          name: 'demo',
          horizn: '30 d',
          seed: 'forty-two',
          horizon: '30 dd',
        }
        """
        #expect(throws: ScenarioError.self) { try ScenarioLoader.parse(text: text, fileName: "scenarios/bad.json5") }
        let report = ScenarioLoader.check(text: text, fileName: "scenarios/bad.json5")
        #expect(report.scenario == nil)
        #expect(rendered(report.diagnostics) == [
            "scenarios/bad.json5:3:3: error: horizn: unknown key 'horizn'; did you mean 'horizon'? (valid keys: name, description, seed, horizon, start, fleet, workloads, scheduler, power, outputs)",
            "scenarios/bad.json5:4:9: error: seed: expected an unsigned 64-bit integer (0 to 18446744073709551615), got string \"forty-two\"",
            "scenarios/bad.json5:5:12: error: horizon: expected a positive duration such as \"30 d\" (units: ns, us, µs, μs, ms, s, min, h, d), got \"30 dd\"",
        ])
    }

    @Test("every missing required key is reported, not only the first")
    func missingKeys() {
        let report = ScenarioLoader.check(text: "{ description: 'x' }", fileName: "a.json5")
        #expect(report.diagnostics.map(\.path.description) == ["name", "seed", "horizon"])
        #expect(report.diagnostics.allSatisfy { $0.location == SourcePosition(line: 1, column: 1) })
    }

    @Test("a horizon must be positive and an empty name is rejected")
    func valueChecks() {
        let report = ScenarioLoader.check(text: "{ name: ' ', seed: -1, horizon: 0 }", fileName: "a.json5")
        #expect(report.diagnostics.map(\.message) == [
            "expected a non-empty string, got \" \"",
            "expected an unsigned 64-bit integer (0 to 18446744073709551615), got -1",
            "expected a positive duration, got 0 s",
        ])
    }

    @Test("keys inside sections not yet defined are reported; a section must be an object")
    func reservedSections() {
        let text = "{ name: 'a', seed: 1, horizon: 60,\n  power: { caps: [] },\n  fleet: 3 }"
        #expect(rendered(ScenarioLoader.check(text: text, fileName: "a.json5").diagnostics) == [
            "a.json5:2:12: error: power.caps: unknown key 'caps': the 'power' section takes no keys yet in this version",
            "a.json5:3:10: error: fleet: expected an object (the 'fleet' section: sites, chips, pools, capacity, failures), got number 3",
        ])
    }

    @Test("a scenario that is not an object says so")
    func rootNotObject() {
        #expect(rendered(ScenarioLoader.check(text: "[1]", fileName: "a.json5").diagnostics) == [
            "a.json5:1:1: error: expected a scenario (an object with name, seed, horizon, …), got an array of 1 element",
        ])
    }

    @Test("a syntax error is reported alone, since nothing after it can be trusted")
    func syntaxErrorOnly() {
        let report = ScenarioLoader.check(text: "{ name: 'a' seed: 1 }", fileName: "a.json5")
        #expect(rendered(report.diagnostics) == ["a.json5:1:13: error: expected ',' or '}' after object member, found 'seed'"])
    }

    @Test("duplicate keys make the scenario invalid")
    func duplicateKeys() {
        let report = ScenarioLoader.check(text: "{ name: 'a', seed: 1, horizon: 60, seed: 2 }", fileName: "a.json5")
        #expect(report.scenario == nil)
        #expect(report.diagnostics.map(\.message) == ["duplicate key 'seed' (first defined at 1:14); each key may appear only once"])
    }

    @Test("the error renders one diagnostic per line")
    func errorDescription() {
        do {
            _ = try ScenarioLoader.parse(text: "{}", fileName: "a.json5")
            Issue.record("an empty scenario loaded")
        } catch {
            #expect(error.renderedLines.count == 3)
            #expect(error.description.split(separator: "\n").count == 3)
            #expect(error.description.hasPrefix("a.json5:1:1: error: name: missing required key 'name'"))
        }
    }

    @Test("seed and horizon can be overridden for a run")
    func overrides() throws {
        let scenario = try ScenarioLoader.parse(text: Self.valid, fileName: "demo.json5")
        let changed = scenario.with(seed: 7).with(horizon: .hours(1))
        #expect(changed.seed == 7)
        #expect(changed.horizon == .hours(1))
        #expect(changed.name == scenario.name)
        #expect(changed.fleet == scenario.fleet)
    }

    @Test("a file is named in messages as the caller named it, relative paths staying relative")
    func loadsFromURL() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-format-\(UInt64.random(in: 0...UInt64.max))", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("{ name: 'a', seed: 1, horizon: 'x' }".utf8).write(to: directory.appendingPathComponent("bad.json5"))
        try Data(Self.valid.utf8).write(to: directory.appendingPathComponent("good.json5"))

        let good = try ScenarioLoader.load(contentsOf: URL(fileURLWithPath: "good.json5", relativeTo: directory))
        #expect(good.sourceFile == "good.json5")
        #expect(good.warnings.isEmpty)
        let named = try ScenarioLoader.load(contentsOf: directory.appendingPathComponent("good.json5"), displayName: "Scenarios/good.json5")
        #expect(named.sourceFile == "Scenarios/good.json5")
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(contentsOf: URL(fileURLWithPath: "bad.json5", relativeTo: directory)) }
        do {
            _ = try ScenarioLoader.load(contentsOf: URL(fileURLWithPath: "bad.json5", relativeTo: directory))
        } catch {
            #expect(error.description.hasPrefix("bad.json5:1:32: error: horizon: "))
        }
    }

    @Test("a missing or non-UTF-8 file is unreadable, with a reason and no absolute path")
    func unreadable() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-format-\(UInt64.random(in: 0...UInt64.max))", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data([0x7B, 0x20, 0xFF, 0x7D]).write(to: directory.appendingPathComponent("binary.json5"))

        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(contentsOf: URL(fileURLWithPath: "missing.json5", relativeTo: directory)) }
        do {
            _ = try ScenarioLoader.load(contentsOf: URL(fileURLWithPath: "missing.json5", relativeTo: directory))
        } catch {
            #expect(error.description == "missing.json5: error: cannot read the scenario: no such file")
        }
        do {
            _ = try ScenarioLoader.load(contentsOf: URL(fileURLWithPath: "binary.json5", relativeTo: directory))
        } catch {
            #expect(error.description == "binary.json5: error: cannot read the scenario: not UTF-8 text (invalid byte at offset 2)")
        }
    }
}
