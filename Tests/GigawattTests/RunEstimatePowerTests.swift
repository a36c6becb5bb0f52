import Fleet
@testable import Gigawatt
import ScenarioFormat
import Scheduling
import SimKernel
import Testing
import Workloads

@Suite("Scheduler estimates use the accounting's power")
struct RunEstimatePowerTests {
    static let text = """
        { name: "estimate", seed: 1, horizon: "1 d",
          fleet: { sites: [{ name: "lab", pue: 1.25, electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh" }],
                   pools: [{ name: "gpu", site: "lab", chip: "h100-sxm", hosts: 4 }] },
          workloads: { training: [{ name: "j", model: "megatron-1.7b", steps: 100, sequence_length: 2048, global_batch: 32,
                                    parallelism: { data: 16 }, chips: 16 }] } }
        """

    @Test("a job's option carries the activity power of its step, and its energy is hosts × that × PUE × duration")
    func estimateMatchesAccounting() throws {
        let scenario = try ScenarioLoader.parse(text: Self.text, fileName: "estimate.json5")
        var world = World(fleet: scenario.fleet, training: scenario.trainingJobs(), policy: FIFOPolicy(), interval: .hours(1),
                          sink: RecordingSink())
        world.arrive(0, at: .zero)
        let option = try #require(world.runs[0].options.first)
        let estimate = try #require(option.placement.estimate)
        let breakdown = try #require(option.breakdown)
        let host = HostPowerModel(spec: try Catalog.builtIn.spec("h100-sxm"))
        // The draw the accounting charges a running host of this job (World.hostPower(ofJob:) at clock 1).
        let charged = host.power(breakdown.activity)
        #expect(estimate.hostPower == charged)
        #expect(charged != host.busy)  // the catalog's typical figure would differ
        // 16 GPUs = 2 hosts; facility energy = 2 × host W × PUE 1.25 × run seconds.
        let seconds = try #require(option.placement.predictedDuration).seconds
        #expect(abs(estimate.energy.value - 2 * charged.value * 1.25 * seconds) < 1e-6 * estimate.energy.value)
    }

    @Test("a power view adds an option's own host power above idle, × PUE, per unit; typical power without an estimate")
    func powerViewUsesTheOption() {
        let view = PowerView(poolSite: [0], wattsPerBusyUnit: [Watts(6_000)], idleWattsPerUnit: [Watts(2_000)],
                             facilityPerITWatt: [1.2], headroom: [nil], limit: [nil])
        let request = PlacementRequest(chips: 16, chipsPerTightGroup: 1)
        let estimated = PlacementOption(pool: PoolID(0), request: request, predictedDuration: .hours(1),
                                        estimate: RunEstimate(duration: .hours(1), energy: Joules(0), cost: Dollars(0),
                                                              carbon: GramsCO2(0), hostPower: Watts(7_000)))
        // (7,000 − 2,000) W × 1.2 × 2 hosts = 12,000 W
        #expect(view.added(units: 2, option: estimated) == Watts(12_000))
        let bare = PlacementOption(pool: PoolID(0), request: request)
        #expect(view.added(units: 2, option: bare) == Watts(12_000))  // 6,000 W typical per unit × 2
    }
}
