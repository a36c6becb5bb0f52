import Foundation
import Gigawatt
import ScenarioFormat
import SimKernel
import Testing

/// A capacity loss on a pool that inference replicas fill: with no training job to stop, the
/// newest replicas drain (no new requests; running ones finish) and their hosts leave service as
/// they empty, so the pool ends with the capacity the scenario asked for.
@Suite("Inference replicas and capacity loss")
struct InferenceCapacityLossTests {
    static func run(outageHosts: Int) throws -> (intervals: [InferenceInterval], service: InferenceServiceResult, power: [SitePowerSample]) {
        let capacity = outageHosts == 0 ? "" : """
            capacity: [{ pool: "h100", at: "2 min", change: "outage", hosts: \(outageHosts) }],
            """
        let text = """
        { name: "outage-under-serving", seed: 3, horizon: "6 min",
          fleet: { sites: [{ name: "s", pue: 1.2, electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh" }],
                   pools: [{ name: "h100", site: "s", chip: "h100-sxm", hosts: 4 }], \(capacity) },
          workloads: { inference: [{ name: "chat", model: "llama-2-70b", parallelism: { tensor: 8 }, replicas: 4,
                                     requests: { arrival: "poisson", rate: 2, prompt_tokens: 500, output_tokens: 100 } }] } }
        """
        let scenario = try ScenarioLoader.parse(text: text, fileName: "outage-under-serving.json5")
        let sink = RecordingSink()
        var simulation = Simulation(scenario: scenario, interval: .minutes(1), sink: sink)
        while !simulation.isComplete { simulation.advance() }
        _ = simulation.finish()
        var intervals: [InferenceInterval] = [], services: [InferenceServiceResult] = [], power: [SitePowerSample] = []
        for record in sink.records {
            switch record {
            case .inferenceInterval(let row): intervals.append(row)
            case .inferenceService(let service): services.append(service)
            case .sitePower(let sample): power.append(sample)
            default: break
            }
        }
        return (intervals, try #require(services.first), power)
    }

    @Test("an outage of half the hosts drains half the replicas, every request is still accounted for, and the hosts stop drawing")
    func outageDrainsReplicas() throws {
        let run = try Self.run(outageHosts: 2)
        // Minutes 0–1: four replicas; from the outage on (and once drained, by minute 3) two.
        #expect(run.intervals.first?.placedReplicas == 4)
        #expect(run.intervals.last?.placedReplicas == 2)
        #expect(run.intervals.last?.activeReplicas == 2)
        #expect(run.service.arrived == run.service.completed + run.service.rejected + run.service.unfinished)
        #expect(run.service.rejected == 0)
        // Out-of-service hosts draw nothing: the site ends below the run without the outage.
        let baseline = try Self.run(outageHosts: 0)
        let end = try #require(run.power.last?.itPower), baselineEnd = try #require(baseline.power.last?.itPower)
        #expect(end < baselineEnd)
        #expect(baseline.intervals.last?.placedReplicas == 4)
    }
}
