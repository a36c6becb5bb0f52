import Fleet
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
        #expect(sink.records.count == 3)
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

@Suite("FleetInventory")
struct FleetInventoryTests {
    @Test("the inventory sums chips, hosts, racks and hardware maximum power per site")
    func inventory() throws {
        let scenario = try ScenarioLoader.parse(text: """
            { name: "inv", seed: 1, horizon: "1 h",
              fleet: {
                sites: [{ name: "lab", pue: 1.2, electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh" }],
                pools: [{ name: "gpu", site: "lab", chip: "h100-sxm", hosts: 5 }],
              } }
            """, fileName: "inv.json5")
        let inventory = FleetInventory(scenario.fleet)
        let site = try #require(inventory.sites.first)
        let pool = try #require(site.pools.first)
        #expect(pool.chips == 40 && pool.hosts == 5)
        // Default HGX rack: 4 hosts → one full rack and one partial rack.
        #expect(pool.racks == 2)
        // H100 host: 8 × 700 W [hpctech-h100] + 4.6 kW overhead (10.2 kW rated node
        // [latif-h100-node] − 5.6 kW of GPUs) = 10.2 kW; 5 hosts = 51 kW; × PUE 1.2 = 61.2 kW.
        #expect(abs(site.itHardwareMaximum.value - 51_000) < 1e-6)
        #expect(abs(site.facilityHardwareMaximum.value - 61_200) < 1e-6)
    }

    @Test("a run records the fleet right after it starts")
    func recorded() throws {
        let sink = RecordingSink()
        _ = Simulation.run(try ScenarioLoader.parse(text: #"{ name: "e", seed: 1, horizon: "1 s" }"#, fileName: "e.json5"), sink: sink)
        guard sink.records.count == 3, case .fleetDescribed(let inventory) = sink.records[1] else {
            Issue.record("expected runStarted, fleetDescribed, runFinished; got \(sink.records)")
            return
        }
        #expect(inventory.sites.isEmpty && inventory.chips == 0)
    }
}
