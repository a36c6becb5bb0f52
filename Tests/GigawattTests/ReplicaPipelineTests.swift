import Fleet
@testable import Gigawatt
import SimKernel
import Testing
import Workloads

@Suite("Pipeline-parallel replicas")
struct ReplicaPipelineTests {
    static func ms(_ value: Int) -> SimDuration { .milliseconds(Int64(value)) }

    @Test("a batch waits for a stage still busy with the batch ahead of it, by hand")
    func recurrenceByHand() {
        var pipeline = ReplicaPipeline(stages: 2)
        // A formed at 0: ready 50 ms, stage 0 50–1050, send 100, stage 1 1150–2150.
        let a = pipeline.admit(at: .zero, overhead: Self.ms(50), stage: Self.ms(1000), send: Self.ms(100))
        #expect(a == SimTime.zero + Self.ms(2150))
        // B formed at 500: ready 550, stage 0 busy until 1050 → 1050–2050, send → 2150, stage 1 free at 2150 → 3150.
        let b = pipeline.admit(at: .zero + Self.ms(500), overhead: Self.ms(50), stage: Self.ms(1000), send: Self.ms(100))
        #expect(b == SimTime.zero + Self.ms(3150))
        #expect(pipeline.freeAt == [SimTime.zero + Self.ms(2050), SimTime.zero + Self.ms(3150)])
    }

    @Test("one stage is the plain iteration: formed + overhead + stage")
    func singleStage() {
        var pipeline = ReplicaPipeline(stages: 1)
        #expect(pipeline.admit(at: .zero, overhead: Self.ms(5), stage: Self.ms(20), send: .zero) == SimTime.zero + Self.ms(25))
    }

    @Test("two stages keep two batches in flight: the second request's first token comes one stage after the first's")
    func twoBatchesInFlight() throws {
        let file = try InferenceRun.trace([(0, 1000, 3, []), (0, 1000, 3, [])])
        let run = try InferenceRun.run(service: #"name: "pp", model: "llama-2-70b", parallelism: { tensor: 4, pipeline: 2 }, replicas: 1, requests: { trace: { format: "mooncake", file: "\#(file)" } }"#)
        let replica = InferenceReplicaSpec(model: .llama2_70B, parallelism: ReplicaParallelism(tensor: 4, pipeline: 2))
        let model = ReplicaPerformanceModel(replica: replica, accelerator: Catalog.builtIn["h100-sxm"]!)
        var prefill = IterationWorkload()
        prefill.addPrefill(tokens: 1000)
        let t = model.iterationTime(prefill)
        let ttfts = run.requests.compactMap(\.ttft).sorted()
        #expect(ttfts.count == 2)
        // Each request has its own virtual engine; both prefills start at 0.
        #expect(ttfts.first == t.overhead + t.stage + t.stageSend + t.stage)
        #expect(ttfts.last == ttfts[0] + t.stage)
        // Run one after the other through both stages, the second would wait a whole iteration.
        #expect(ttfts[1] < t.total + t.total)
        #expect(run.services.first?.completed == 2)
    }

    @Test("the KV cache is split between the virtual engines, each with the full batching limits")
    func virtualEngines() {
        let replica = InferenceReplicaSpec(model: .llama2_70B, parallelism: ReplicaParallelism(tensor: 4, pipeline: 2))
        let model = ReplicaPerformanceModel(replica: replica, accelerator: Catalog.builtIn["h100-sxm"]!)
        let engines = ReplicaQueue.virtualEngines(replica: replica, kvCache: model.kvCache)
        #expect(engines.count == 2)
        #expect(engines.allSatisfy { $0.kvCapacityBlocks == model.kvCache.capacityBlocks / 2 })
        #expect(engines.allSatisfy { $0.policy == replica.batching })
        let single = InferenceReplicaSpec(model: .llama2_70B, parallelism: ReplicaParallelism(tensor: 8))
        let one = ReplicaQueue.virtualEngines(replica: single, kvCache: ReplicaPerformanceModel(replica: single, accelerator: Catalog.builtIn["h100-sxm"]!).kvCache)
        #expect(one.count == 1)
    }

    @Test("a stage is the iteration's work over the stages; latency = overhead + stages × stage + sends")
    func stageBreakdown() {
        let replica = InferenceReplicaSpec(model: .llama2_70B, parallelism: ReplicaParallelism(tensor: 2, pipeline: 4))
        let model = ReplicaPerformanceModel(replica: replica, accelerator: Catalog.builtIn["h100-sxm"]!)
        var work = IterationWorkload()
        work.addDecodes(64, context: 2048)
        let t = model.iterationTime(work)
        let sum = t.overhead + t.stage + t.stage + t.stage + t.stage + t.stageSend + t.stageSend + t.stageSend
        // Each piece is rounded up to the nanosecond on its own: within 8 ns of the total.
        #expect(abs((sum - t.total).nanoseconds) <= 8)
        #expect(t.stageSend > .zero)
    }
}

@Suite("Replicas smaller than a host")
struct SharedHostTests {
    static func service(tensor: Int, replicas: Int) -> String {
        #"name: "small", model: "llama-2-70b", parallelism: { tensor: \#(tensor) }, replicas: \#(replicas), requests: { arrival: "poisson", rate: 1 }"#
    }

    @Test("two TP 4 replicas share one 8-GPU host; a third needs a second host")
    func sharing() throws {
        let two = try #require(try InferenceRun.run(service: Self.service(tensor: 4, replicas: 2), hosts: 1, horizon: "1 min").services.first)
        #expect(two.placementProblem == nil)
        #expect(two.peakReplicas == 2)
        // Chip-seconds count the replicas' own chips: 2 × 4 GPUs × 60 s.
        #expect(abs(two.chipSeconds - 480) < 1e-6)
        let three = try #require(try InferenceRun.run(service: Self.service(tensor: 4, replicas: 3), hosts: 1, horizon: "1 min").services.first)
        #expect(three.peakReplicas == 2)
        #expect(three.placementProblem?.contains("placed 2 of 3 replicas") == true)
        let onTwoHosts = try #require(try InferenceRun.run(service: Self.service(tensor: 4, replicas: 3), hosts: 2, horizon: "1 min").services.first)
        #expect(onTwoHosts.placementProblem == nil && onTwoHosts.peakReplicas == 3)
    }

    @Test("each TP 4 replica adds the same serving power, whether it opens a host or shares one")
    func sharedHostPower() throws {
        func energy(_ replicas: Int) throws -> Double {
            let run = try InferenceRun.run(service: Self.service(tensor: 4, replicas: replicas), hosts: 2, horizon: "1 h")
            return run.siteIntervals.reduce(0) { $0 + $1.itEnergy.value }
        }
        let e1 = try energy(1), e2 = try energy(2), e3 = try energy(3)
        // Replica 2 shares replica 1's host, replica 3 opens the second: each adds half a host's
        // serving power above idle (the idle hosts are counted in every run).
        #expect(e2 > e1)
        #expect(abs((e3 - e2) / (e2 - e1) - 1) < 1e-9)
    }
}
