import Foundation
import Gigawatt
import SimKernel
import Testing

@Suite("Hardware failures under inference replicas")
struct InferenceFailureTests {
    static func service(replicas: Int, rate: Double) -> String {
        #"name: "chat", model: "llama-2-70b", parallelism: { tensor: 8 }, replicas: \#(replicas), requests: { arrival: "poisson", rate: \#(rate), prompt_tokens: 256, output_tokens: 32 }"#
    }

    @Test("replica failures match chip-time / MTBF within 4 standard deviations, over several seeds", arguments: [1, 2, 3] as [UInt64])
    func failureCount(seed: UInt64) throws {
        // 4 TP 8 replicas, chip MTBF 100 h: 0.08 failures per replica-hour; 300 h → about 96.
        let run = try InferenceRun.run(service: Self.service(replicas: 4, rate: 0.02), hosts: 6, horizon: "300 h", seed: seed,
                                       fleetExtra: #"failures: { chip_mtbf: "100 h", restart: "10 min", repair: "2 h" }"#)
        let service = try #require(run.services.first)
        // Expected: chips × time held (replacements included) / MTBF.
        let expected = service.chipSeconds / (100 * 3_600)
        #expect(expected > 80)
        #expect(abs(Double(service.replicaFailures) - expected) <= 4 * expected.squareRoot(),
                "\(service.replicaFailures) failures, \(expected) expected")
        // Nothing is lost: every request completes or is still in the system at the horizon.
        #expect(service.completed + service.unfinished + service.rejected == service.arrived)
        #expect(service.rejected == 0)
    }

    @Test("a failure moves the replica's requests to the others and a replacement serves after the restart time")
    func requestsSurvive() throws {
        // One failure on average every 2 h per replica; 2 replicas; requests keep coming.
        let run = try InferenceRun.run(service: Self.service(replicas: 2, rate: 0.5), hosts: 4, horizon: "6 h",
                                       fleetExtra: #"failures: { chip_mtbf: "16 h", restart: "15 min", repair: "1 h" }"#)
        let service = try #require(run.services.first)
        #expect(service.replicaFailures > 0)
        #expect(service.completed + service.unfinished + service.rejected == service.arrived)
        #expect(service.rejected == 0)
        // Some interval saw fewer than 2 replicas serving (a replacement loading) but 2 placed.
        #expect(run.intervals.contains { $0.activeReplicas < 2 } || service.replicaFailures == 0)
        // No request lost its first-token time or finished before it arrived.
        for request in run.requests { if let done = request.completion { #expect(done >= request.arrival) } }
    }

    @Test("the same seed gives the same failures, requests and results")
    func deterministic() throws {
        func run() throws -> InferenceRun {
            try InferenceRun.run(service: Self.service(replicas: 2, rate: 0.5), hosts: 3, horizon: "4 h", seed: 7,
                                 fleetExtra: #"failures: { chip_mtbf: "10 h", restart: "5 min", repair: "30 min" }"#)
        }
        let a = try run(), b = try run()
        #expect(try #require(a.services.first).replicaFailures > 0)
        #expect(a.services == b.services)
        #expect(a.requests == b.requests)
    }

    @Test("without a failure model no replica fails")
    func noFailureModel() throws {
        let a = try InferenceRun.run(service: Self.service(replicas: 2, rate: 0.5), hosts: 2, horizon: "1 h")
        #expect(a.services.first?.replicaFailures == 0)
    }
}
