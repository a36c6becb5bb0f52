import Testing
@testable import Workloads
import SimKernel

/// Batches are drawn as text: `r0:p4+0` is a prefill chunk of 4 tokens after 0 cached,
/// `r1:d3` a decode with 3 tokens of context, `!r1` a preemption, `|` separates iterations.
@Suite("ReplicaQueue")
struct ReplicaQueueTests {
    func request(_ id: UInt64, prompt: Int, output: Int, blocks: [UInt64] = []) -> InferenceRequest {
        InferenceRequest(id: RequestID(id), arrival: .zero, promptTokens: prompt, outputTokens: output, prefixBlocks: blocks)
    }

    func picture(_ batch: IterationBatch) -> String {
        var parts = batch.entries.map { e -> String in
            switch e.step {
            case .decode(let c): return "\(e.id):d\(c)"
            case .prefill(let t, let p): return "\(e.id):p\(t)+\(p)"
            }
        }
        parts += batch.preempted.map { "!\($0.id)" }
        return parts.joined(separator: " ")
    }

    /// Runs until idle (or `limit` iterations), returning the pictures and the finished order.
    func run(_ queue: inout ReplicaQueue, limit: Int = 100) -> (timeline: String, finished: [RequestID]) {
        var pictures: [String] = []
        var finished: [RequestID] = []
        while !queue.isIdle && pictures.count < limit {
            let batch = queue.formBatch()
            queue.checkInvariants()
            pictures.append(picture(batch))
            finished += queue.complete(batch).finished.map(\.id)
            queue.checkInvariants()
        }
        return (pictures.joined(separator: " | "), finished)
    }

    @Test("continuous batching chunks prefills within the token budget and decodes alongside")
    func chunkedPrefill() {
        let policy = BatchingPolicy(tokenBudget: 8, prefillChunkSize: 4, maxBatchSize: 4)
        var queue = ReplicaQueue(policy: policy, kvBlockTokens: 4, kvCapacityBlocks: 100)
        queue.enqueue(request(0, prompt: 6, output: 3))
        queue.enqueue(request(1, prompt: 3, output: 2))
        // 1: r0 takes a 4-token chunk (budget 8 → 4), r1 its whole 3-token prompt (→ 1) and
        //    emits its first token. 2: r0's last 2 prompt tokens (first token), r1 decodes at 3
        //    and finishes (2 outputs). 3–4: r0 decodes at 6 and 7 and finishes (3 outputs).
        let (timeline, finished) = run(&queue)
        #expect(timeline == "r0:p4+0 r1:p3+0 | r0:p2+4 r1:d3 | r0:d6 | r0:d7")
        #expect(finished == [RequestID(1), RequestID(0)])
    }

    @Test("prefill-first runs a newly admitted prompt alone, pausing decodes; mixed lets them share the iteration")
    func prefillFirst() {
        func timeline(_ schedule: IterationSchedule) -> (String, [RequestID]) {
            let policy = BatchingPolicy(tokenBudget: 8, prefillChunkSize: nil, maxBatchSize: 4, schedule: schedule)
            var queue = ReplicaQueue(policy: policy, kvBlockTokens: 4, kvCapacityBlocks: 100)
            queue.enqueue(request(0, prompt: 4, output: 3))
            let first = queue.formBatch()
            _ = queue.complete(first)
            queue.enqueue(request(1, prompt: 4, output: 2))
            let (rest, finished) = run(&queue)
            return (picture(first) + " | " + rest, finished)
        }
        // r0's prompt, then r1 arrives. Prefill-first: r1's prompt alone (r0 waits), then both
        // decode (r1's second token ends it), then r0's third token.
        #expect(timeline(.prefillFirst).0 == "r0:p4+0 | r1:p4+0 | r0:d4 r1:d4 | r0:d5")
        // Mixed: r0 decodes beside r1's prompt, then both decode and finish together.
        #expect(timeline(.mixed).0 == "r0:p4+0 | r0:d4 r1:p4+0 | r0:d5 r1:d4")
    }

    @Test("recompute preemption evicts the newest request and re-prefills what it had")
    func recomputePreemption() {
        // 3 blocks of 4 tokens. Both prompts (4 tokens, 1 block each) are admitted. At the first
        // decode r0 needs a 2nd block (5 tokens) and takes the last one; r1 then needs one too,
        // none is free and r1 is the newest, so r1 is preempted. r0 decodes to the end (context
        // 4 → 8; a 3rd block at 9 tokens), then r1 returns and prefills prompt + its 1 token.
        let policy = BatchingPolicy(tokenBudget: 16, prefillChunkSize: nil, maxBatchSize: 4, preemption: .recompute)
        var queue = ReplicaQueue(policy: policy, kvBlockTokens: 4, kvCapacityBlocks: 3)
        queue.enqueue(request(0, prompt: 4, output: 6))
        queue.enqueue(request(1, prompt: 4, output: 6))
        let (timeline, finished) = run(&queue)
        #expect(timeline == "r0:p4+0 r1:p4+0 | r0:d4 !r1 | r0:d5 | r0:d6 | r0:d7 | r0:d8 | r1:p5+0 | r1:d5 | r1:d6 | r1:d7 | r1:d8")
        #expect(finished == [RequestID(0), RequestID(1)])
    }

    @Test("the preempted request is returned with its progress and goes back to the head of the queue")
    func preemptedRequestReturned() {
        let policy = BatchingPolicy(tokenBudget: 16, prefillChunkSize: nil, maxBatchSize: 4, preemption: .recompute)
        var queue = ReplicaQueue(policy: policy, kvBlockTokens: 4, kvCapacityBlocks: 3)
        queue.enqueue(request(0, prompt: 4, output: 6))
        queue.enqueue(request(1, prompt: 4, output: 6))
        _ = queue.complete(queue.formBatch())  // both prompts in, 1 block each; each emits a token
        let batch = queue.formBatch()            // r0 takes the last block; r1 (newest) is preempted
        #expect(batch.preempted.map(\.id) == [RequestID(1)])
        let victim = batch.preempted[0]
        #expect(victim.kvBlocks == 0 && victim.computedTokens == 0 && victim.preemptions == 1)
        #expect(victim.generatedTokens == 1 && victim.prefillTarget == 5)  // prompt 4 + 1 generated
        #expect(queue.waiting.first?.id == victim.id)
    }

    @Test("wait mode reserves prompt + output at admission, so nothing is ever preempted")
    func waitMode() {
        // r0 reserves ⌈(4 + 6) / 4⌉ = 3 blocks — all of them — so r1 waits until r0 finishes.
        let policy = BatchingPolicy(tokenBudget: 16, prefillChunkSize: nil, maxBatchSize: 4, preemption: .wait)
        var queue = ReplicaQueue(policy: policy, kvBlockTokens: 4, kvCapacityBlocks: 3)
        queue.enqueue(request(0, prompt: 4, output: 6))
        queue.enqueue(request(1, prompt: 4, output: 6))
        let (timeline, _) = run(&queue)
        #expect(timeline == "r0:p4+0 | r0:d4 | r0:d5 | r0:d6 | r0:d7 | r0:d8 | r1:p4+0 | r1:d4 | r1:d5 | r1:d6 | r1:d7 | r1:d8")
    }

    @Test("a request larger than the whole KV cache is rejected instead of looping")
    func rejected() {
        var queue = ReplicaQueue(policy: BatchingPolicy(), kvBlockTokens: 4, kvCapacityBlocks: 2)
        queue.enqueue(request(0, prompt: 8, output: 4))  // 12 tokens > 8
        let batch = queue.formBatch()
        #expect(batch.rejected.map(\.id) == [RequestID(0)])
        #expect(queue.isIdle)
    }

    @Test("static batching admits only when the running batch has drained")
    func staticBatching() {
        // r1 finishes in the first iteration, leaving room, but r2 waits for r0 to drain too.
        let policy = BatchingPolicy(isContinuous: false, tokenBudget: 16, prefillChunkSize: nil, maxBatchSize: 2)
        var queue = ReplicaQueue(policy: policy, kvBlockTokens: 4, kvCapacityBlocks: 100)
        queue.enqueue(request(0, prompt: 2, output: 3))
        queue.enqueue(request(1, prompt: 2, output: 1))
        queue.enqueue(request(2, prompt: 2, output: 1))
        let (timeline, _) = run(&queue)
        #expect(timeline == "r0:p2+0 r1:p2+0 | r0:d2 | r0:d3 | r2:p2+0")
    }

    @Test("prefix-cache hits skip cached prompt blocks, with hits counted on a hand-made trace")
    func prefixCacheAccounting() {
        // Prefix blocks of 4 tokens, room for 3. One request at a time:
        //   r0 [1,2,3] 12 tokens: miss;              cache 1,2,3
        //   r1 [1,2,9] 10 tokens: 2 hits → skip 8;   insert 9 evicts 3 → 1,2,9
        //   r2 [1,2]    8 tokens: 2 hits → skip 7 (last token computed)
        //   r3 [5,6]    8 tokens: miss;              inserts evict 9 then 2 → 5,6,1
        //   r4 [1,2,3] 12 tokens: 1 hit → skip 4
        // Blocks looked up 3+3+2+2+3 = 13, hit 0+2+2+0+1 = 5; tokens 50, skipped 0+8+7+0+4 = 19.
        let cache = PrefixCache(capacityBlocks: 3, blockTokens: 4)
        var queue = ReplicaQueue(policy: BatchingPolicy(tokenBudget: 64), kvBlockTokens: 4, kvCapacityBlocks: 100, prefixCache: cache)
        let trace: [(Int, [UInt64])] = [(12, [1, 2, 3]), (10, [1, 2, 9]), (8, [1, 2]), (8, [5, 6]), (12, [1, 2, 3])]
        var chunks: [String] = []
        for (i, (prompt, blocks)) in trace.enumerated() {
            queue.enqueue(request(UInt64(i), prompt: prompt, output: 1, blocks: blocks))
            let batch = queue.formBatch()
            chunks.append(picture(batch))
            _ = queue.complete(batch)
            queue.checkInvariants()
        }
        #expect(chunks == ["r0:p12+0", "r1:p2+8", "r2:p1+7", "r3:p8+0", "r4:p8+4"])
        let stats = queue.prefixCache!.statistics
        #expect(stats.requests == 5)
        #expect(stats.blocksLookedUp == 13 && stats.blocksHit == 5)
        #expect(stats.promptTokens == 50 && stats.cachedTokens == 19)
        #expect(abs(stats.tokenHitRate - 19.0 / 50) < 1e-12)
    }
}
