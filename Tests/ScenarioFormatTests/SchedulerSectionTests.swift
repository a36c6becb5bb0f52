import Testing
@testable import ScenarioFormat

@Suite("Scheduler section")
struct SchedulerSectionTests {
    @Test("the policy is read by name, FIFO when absent, and an unknown name lists the valid ones")
    func policy() throws {
        let base = #"name: "s", seed: 1, horizon: "1 h""#
        #expect(try ScenarioLoader.parse(text: "{ \(base) }", fileName: "s.json5").policy == "fifo")
        #expect(try ScenarioLoader.parse(text: #"{ \#(base), scheduler: { policy: "fifo" } }"#, fileName: "s.json5").policy == "fifo")
        let report = ScenarioLoader.check(text: #"{ \#(base), scheduler: { policy: "fifa" } }"#, fileName: "s.json5")
        #expect(report.scenario == nil)
        #expect(report.diagnostics.map(\.description) ==
                [#"s.json5:1:60: error: scheduler.policy: unknown scheduling policy 'fifa'; did you mean 'fifo'? (valid: fifo, easy-backfill, priority, shortest-remaining-first, fair-share, best-platform, power-aware)"#])
    }
}
