import Testing
@testable import ScenarioFormat

@Suite("FieldPath")
struct FieldPathTests {
    @Test("renders keys with dots and indices in brackets")
    func rendering() {
        let path = FieldPath.root.appending("fleet").appending("pools").appending(index: 2).appending("chips-per-host")
        #expect(path.description == "fleet.pools[2].chips-per-host")
        #expect(FieldPath.root.appending(index: 0).appending("a").description == "[0].a")
    }

    @Test("quotes keys that are not plain names")
    func oddKeys() {
        #expect(FieldPath.root.appending("pools").appending("us east").description == #"pools["us east"]"#)
        #expect(FieldPath.root.appending("2x").description == #"["2x"]"#)
    }
}

@Suite("Diagnostic")
struct DiagnosticTests {
    @Test("renders on one line as FILE:LINE:COL: severity: path: message")
    func rendering() {
        let path = FieldPath.root.appending("fleet").appending("pools").appending(index: 2).appending("chips")
        let diagnostic = Diagnostic(
            file: "scenarios/a.json5", location: SourcePosition(line: 12, column: 14), path: path,
            message: "expected a positive integer, got -3")
        #expect(diagnostic.description == "scenarios/a.json5:12:14: error: fleet.pools[2].chips: expected a positive integer, got -3")
        let fileWide = Diagnostic(file: "a.json5", location: nil, path: .root, message: "cannot read", severity: .warning)
        #expect(fileWide.description == "a.json5: warning: cannot read")
    }
}

@Suite("Diagnostics")
struct DiagnosticsTests {
    @Test("collects everything and lists it by location, file-wide problems first, ties in report order")
    func ordering() {
        let diagnostics = Diagnostics(file: "f")
        diagnostics.error("c", at: SourcePosition(line: 3, column: 1), path: .root)
        diagnostics.warning("a2", at: SourcePosition(line: 1, column: 5), path: .root)
        diagnostics.error("a1", at: SourcePosition(line: 1, column: 5), path: .root)
        diagnostics.error("b", at: SourcePosition(line: 2, column: 9), path: .root)
        diagnostics.error("whole file", at: nil, path: .root)
        #expect(diagnostics.all.map(\.message) == ["whole file", "a2", "a1", "b", "c"])
        #expect(diagnostics.hasErrors)
    }

    @Test("warnings alone are not errors")
    func warningsOnly() {
        let diagnostics = Diagnostics(file: "f")
        diagnostics.warning("w", at: nil, path: .root)
        #expect(!diagnostics.hasErrors)
    }
}

@Suite("NameSuggestion")
struct NameSuggestionTests {
    static let keys = ["name", "description", "seed", "horizon", "fleet", "workloads", "scheduler", "power", "outputs"]

    @Test("suggests the nearest valid name for common typos", arguments: [
        ("horizn", "horizon"), ("hoirzon", "horizon"), ("horizonn", "horizon"), ("Horizon", "horizon"),
        ("sead", "seed"), ("workload", "workloads"), ("schedular", "scheduler"), ("desription", "description"),
    ])
    func suggestions(typo: String, expected: String) {
        #expect(NameSuggestion.nearest(to: typo, in: Self.keys) == expected)
    }

    @Test("suggests nothing when no name is close")
    func noSuggestion() {
        #expect(NameSuggestion.nearest(to: "budget", in: Self.keys) == nil)
        #expect(NameSuggestion.nearest(to: "xy", in: Self.keys) == nil)
    }

    @Test("matches names that differ only in case and separators")
    func separators() {
        #expect(NameSuggestion.nearest(to: "chipsPerHost", in: ["chips", "chips-per-host"]) == "chips-per-host")
    }

    @Test("counts an adjacent swap as one edit", arguments: [("ab", "ba", 1), ("abc", "abc", 0), ("", "abc", 3), ("kitten", "sitting", 3)])
    func distance(a: String, b: String, expected: Int) {
        #expect(NameSuggestion.distance(a, b) == expected)
    }
}
