import Fleet
import Testing
@testable import Workloads

@Suite("KVCacheBudget")
struct KVCacheBudgetTests {
    let h100 = Catalog.builtIn["h100-sxm"]!

    func replica(tp: Int, precision: InferencePrecision = .bf16) -> InferenceReplicaSpec {
        InferenceReplicaSpec(model: .llama2_70B, precision: precision, parallelism: ReplicaParallelism(tensor: tp))
    }

    @Test("Llama-2-70B holds 327,680 B of KV per token in BF16")
    func bytesPerToken() {
        // 2 (K, V) · 80 layers · 8 KV heads · 128 head dim · 2 B = 327,680 B.
        let budget = KVCacheBudget(replica: replica(tp: 4), accelerator: h100)
        #expect(budget.bytesPerToken.value == 327_680)
        // TP 4 splits the 8 KV heads 2 per chip: 327,680 / 4 = 81,920 B per chip.
        #expect(budget.bytesPerTokenPerChip.value == 81_920)
        // FP8 KV halves it: 163,840 B.
        #expect(KVCacheBudget(replica: replica(tp: 4, precision: .fp8), accelerator: h100).bytesPerToken.value == 163_840)
    }

    @Test("capacity on 4 × H100 is (72 GB − 34.49 GB weights − 2 GB workspace) / 81,920 B")
    func capacityOnH100TP4() {
        // usable 80e9 · 0.9 = 72e9; weights 68,976,648,192 · 2 / 4 = 34,488,324,096;
        // KV memory 72e9 − 34,488,324,096 − 2e9 = 35,511,675,904 B;
        // tokens ⌊35,511,675,904 / 81,920⌋ = ⌊433,492.14⌋ = 433,492; blocks ⌊433,492 / 16⌋ = 27,093.
        let budget = KVCacheBudget(replica: replica(tp: 4), accelerator: h100)
        #expect(budget.weightsPerChip.value == 34_488_324_096)
        #expect(budget.kvMemoryPerChip.value == 35_511_675_904)
        #expect(budget.capacityTokens == 433_492)
        #expect(budget.capacityBlocks == 27_093)
        #expect(budget.fits)
    }

    @Test("TP 8 gives one KV head per chip; TP 16 replicates heads instead of splitting them")
    func headReplication() {
        // TP 8: 2 · 80 · 1 · 128 · 2 = 40,960 B/chip; KV memory 72e9 − 17,244,162,048 − 2e9 =
        // 52,755,837,952 → ⌊1,287,984.3⌋ = 1,287,984 tokens.
        let tp8 = KVCacheBudget(replica: replica(tp: 8), accelerator: h100)
        #expect(tp8.bytesPerTokenPerChip.value == 40_960)
        #expect(tp8.capacityTokens == 1_287_984)
        // TP 16 > 8 KV heads: each chip still holds a whole head, 40,960 B per token.
        let tp16 = KVCacheBudget(replica: replica(tp: 16), accelerator: h100)
        #expect(tp16.bytesPerTokenPerChip.value == 40_960)
    }

    @Test("a model whose weights exceed the usable HBM has no KV capacity")
    func doesNotFit() {
        // TP 1: 137.95 GB of weights on an 80 GB chip.
        let budget = KVCacheBudget(replica: replica(tp: 1), accelerator: h100)
        #expect(!budget.fits)
        #expect(budget.capacityTokens == 0)
        #expect(budget.capacityBlocks == 0)
    }

    @Test("pipeline stages split the layers, and with them the per-chip KV and weights")
    func pipeline() {
        // TP 2 × PP 2: per chip 2 · 40 layers · 4 heads · 128 · 2 B = 81,920 B; weights / 4 chips.
        let spec = InferenceReplicaSpec(model: .llama2_70B, parallelism: ReplicaParallelism(tensor: 2, pipeline: 2))
        let budget = KVCacheBudget(replica: spec, accelerator: h100)
        #expect(budget.bytesPerTokenPerChip.value == 81_920)
        #expect(budget.weightsPerChip.value == 34_488_324_096)
    }

    @Test("when the stages cannot split the layers evenly, the stage with the most sets the KV per chip")
    func unevenPipeline() {
        // 80 layers on 3 stages: 27, 27, 26 → 2 · 27 · 8 heads (TP 1) · 128 · 2 B = 110,592 B per token.
        let spec = InferenceReplicaSpec(model: .llama2_70B, parallelism: ReplicaParallelism(tensor: 1, pipeline: 3))
        #expect(KVCacheBudget(replica: spec, accelerator: h100).bytesPerTokenPerChip.value == 110_592)
    }
}
