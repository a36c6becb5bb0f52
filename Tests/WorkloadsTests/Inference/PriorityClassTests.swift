import SimKernel
import Testing
@testable import Workloads

@Suite("Priority classes")
struct PriorityClassTests {
    func request(_ id: UInt64, priority: Int) -> InferenceRequest {
        var r = InferenceRequest(id: RequestID(id), arrival: .zero, promptTokens: 4, outputTokens: 2)
        r.priority = priority
        return r
    }

    @Test("waiting requests are admitted highest priority first, FIFO within a class; a preempted one returns to its class's head")
    func admissionOrder() {
        // One request per iteration (budget 4 = one 4-token prompt), batch size 1.
        var queue = ReplicaQueue(policy: BatchingPolicy(tokenBudget: 4, prefillChunkSize: 4, maxBatchSize: 1),
                                 kvBlockTokens: 4, kvCapacityBlocks: 100)
        for (id, priority) in [(0, 0), (1, 0), (2, 5), (3, 1), (4, 5)] { queue.enqueue(request(UInt64(id), priority: priority)) }
        #expect(queue.waiting.map(\.id.rawValue) == [2, 4, 3, 0, 1])
        #expect(queue.waitingCount == 5)
        var admitted: [UInt64] = []
        while !queue.isIdle {
            let batch = queue.formBatch()
            admitted += batch.admitted.map(\.rawValue)
            _ = queue.complete(batch)
        }
        #expect(admitted == [2, 4, 3, 0, 1])
    }

    @Test("classes are drawn by share from their own stream, with their priorities")
    func drawnByShare() throws {
        let classes = [RequestClass(name: "interactive", share: 0.25, priority: 1), RequestClass(name: "batch", share: 0.75)]
        let spec = RequestSourceSpec.synthetic(process: .poisson(ratePerSecond: 100), lengths: .azureConversation)
        var source = try spec.makeSource(seed: 3, index: 0, classes: classes)
        var counts = [0, 0]
        for _ in 0..<20_000 {
            let r = source.next()!
            counts[r.requestClass] += 1
            #expect(r.priority == classes[r.requestClass].priority)
        }
        // Binomial(20,000, 0.25): σ = 61; 4σ ≈ 245.
        #expect(abs(counts[0] - 5_000) < 245)
        // Arrivals do not move when classes are added (common random numbers).
        var plain = try spec.makeSource(seed: 3, index: 0)
        var classed = try spec.makeSource(seed: 3, index: 0, classes: classes)
        for _ in 0..<100 { #expect(plain.next()?.arrival == classed.next()?.arrival) }
    }
}
