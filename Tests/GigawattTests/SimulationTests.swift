import Gigawatt
import ScenarioFormat
import SimKernel
import Testing

/// Collects records in memory, for tests.
final class RecordingSink: TelemetrySink {
    var records: [TelemetryRecord] = []
    func record(_ record: TelemetryRecord) { records.append(record) }
}

@Suite("Simulation")
struct SimulationTests {
    private func scenario(horizon: String = "2 h", seed: UInt64 = 3) throws -> Scenario {
        try ScenarioLoader.parse(text: #"{ name: "t", seed: \#(seed), horizon: "\#(horizon)" }"#, fileName: "t.json5")
    }

    @Test("a run reaches exactly its horizon and reports it")
    func reachesHorizon() throws {
        let sink = RecordingSink()
        let totals = Simulation.run(try scenario(), sink: sink)
        #expect(totals.simulatedTime == .hours(2))
        #expect(sink.records.count == 2)
        guard case .runStarted(let start)? = sink.records.first else {
            Issue.record("first record is not runStarted")
            return
        }
        #expect(start.scenarioName == "t" && start.seed == 3 && start.horizon == .hours(2))
        #expect(sink.records.last == .runFinished(totals))
    }

    @Test("advancing in slices ends where a single run ends")
    func slicedAdvance() throws {
        var simulation = Simulation(scenario: try scenario(), sink: RecordingSink())
        var slices = 0
        while !simulation.isComplete {
            simulation.advance(maxEvents: 1)
            slices += 1
        }
        #expect(simulation.now == simulation.horizon)
        #expect(slices >= 1)
    }
}
