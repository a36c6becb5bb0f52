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
