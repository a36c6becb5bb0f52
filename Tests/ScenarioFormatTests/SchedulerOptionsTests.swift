import Scheduling
import Testing
@testable import ScenarioFormat

@Suite("Scheduler options")
struct SchedulerOptionsTests {
    private let base = #"name: "s", seed: 1, horizon: "1 h""#

    private func diagnostics(_ scheduler: String) -> [String] {
        ScenarioLoader.check(text: "{ \(base), scheduler: \(scheduler) }", fileName: "s.json5").diagnostics.map(\.description)
    }

    @Test("each policy's options are read into its parameters; absent options keep the defaults")
    func reading() throws {
        let scenario = try ScenarioLoader.parse(text: """
            { \(base), scheduler: { policy: "best-platform", options: { objective: "cost", tolerance: 0.25 } } }
            """, fileName: "s.json5")
        #expect(scenario.policy == "best-platform")
        #expect(scenario.policyParameters.objective == .cost && scenario.policyParameters.tolerance == 0.25)
        let fair = try ScenarioLoader.parse(text: """
            { \(base), scheduler: { policy: "fair-share", options: { weights: { research: 3, prod: 1 }, default_weight: 0.5 } } }
            """, fileName: "s.json5")
        #expect(fair.policyParameters.tenantWeights == ["research": 3, "prod": 1] && fair.policyParameters.defaultWeight == 0.5)
        let priority = try ScenarioLoader.parse(text: #"{ \#(base), scheduler: { policy: "priority", options: { preemption: false } } }"#,
                                                fileName: "s.json5")
        #expect(!priority.policyParameters.preemption && !priority.policyParameters.preemptibleOnly)
        let power = try ScenarioLoader.parse(text: #"{ \#(base), scheduler: { policy: "power-aware", options: { reserve: 0.1 } } }"#,
                                             fileName: "s.json5")
        #expect(power.policyParameters.powerReserve == 0.1)
        #expect(try ScenarioLoader.parse(text: "{ \(base) }", fileName: "s.json5").policyParameters == PolicyParameters())
    }

    @Test("an option of another policy is an error at its position that lists the chosen policy's options")
    func wrongPolicy() {
        #expect(diagnostics(#"{ policy: "priority", options: { objective: "cost" } }"#) ==
                [#"s.json5:1:83: error: scheduler.options.objective: unknown key 'objective' (valid keys: preemption, preemptible_only)"#])
        #expect(diagnostics(#"{ policy: "fifo", options: { tolerance: 1 } }"#) ==
                [#"s.json5:1:79: error: scheduler.options.tolerance: unknown key 'tolerance': the 'fifo' policy takes no options"#])
    }

    @Test("bad option values say what was expected")
    func badValues() {
        let objective = diagnostics(#"{ policy: "best-platform", options: { objective: "speed" } }"#)
        #expect(objective.count == 1 && objective[0].contains("scheduler.options.objective") && objective[0].contains("time, cost, energy, carbon"))
        let weight = diagnostics(#"{ policy: "fair-share", options: { weights: { a: -1 } } }"#)
        #expect(weight.count == 1 && weight[0].contains("scheduler.options.weights.a") && weight[0].contains("positive"))
        let reserve = diagnostics(#"{ policy: "power-aware", options: { reserve: 1.5 } }"#)
        #expect(reserve.count == 1 && reserve[0].contains("scheduler.options.reserve"))
        // An unknown policy is reported once; its options are not checked against anything.
        #expect(diagnostics(#"{ policy: "fastest", options: { objective: "cost" } }"#).count == 1)
    }

    @Test("the schema lists the scheduler's options")
    func schema() throws {
        let scheduler = try #require((ScenarioSchema.document()["properties"] as? [String: Any])?["scheduler"] as? [String: Any])
        let options = try #require((scheduler["properties"] as? [String: Any])?["options"] as? [String: Any])
        let keys = Set(((options["properties"] as? [String: Any]) ?? [:]).keys)
        #expect(keys == ["preemption", "preemptible_only", "weights", "default_weight", "objective", "tolerance", "reserve"])
    }
}
