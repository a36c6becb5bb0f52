import Testing
import Workloads

@Suite("TrainingFLOPs")
struct TrainingFLOPsTests {
    @Test("GPT-3 175B model FLOPs per token: 6N plus 12·L·H·Q·T")
    func gpt3() {
        let f = TrainingFLOPs.model(.gpt3_175B, sequenceLength: 2048)
        // 6 × 175e9 = 1.05e12; 12 × 96 × (96 × 128) × 2048 = 2.8991e10
        #expect(f.linear == 1.05e12)
        #expect(abs(f.attention - 2.8991029248e10) < 1)
    }

    @Test("full recomputation adds a forward pass: 8N and 16·L·H·Q·T")
    func fullRecomputation() {
        let f = TrainingFLOPs.hardware(.gpt3_175B, sequenceLength: 2048, recomputation: .full)
        // 8 × 175e9 = 1.4e12; 16 × 96 × 12288 × 2048 = 3.8655e10
        #expect(abs(f.linear - 1.4e12) < 1)
        #expect(abs(f.attention - 3.8654705664e10) < 1)
    }

    @Test("selective recomputation re-runs only the attention core")
    func selective() {
        let f = TrainingFLOPs.hardware(.gpt3_175B, sequenceLength: 2048, recomputation: .selective)
        #expect(f.linear == 1.05e12)
        #expect(abs(f.attention - 3.8654705664e10) < 1)
    }

    @Test("PaLM's published check: 6N alone gives 45.7% MFU at 238.3K tokens/s on 6144 chips")
    func palmCheck() {
        // 6 × 540e9 × 238.3e3 / (6144 × 275e12) = 7.7209e17 / 1.6896e18 = 0.45697
        let mfu = TrainingFLOPs.model(.palm540B, sequenceLength: 2048).linear * 238.3e3 / (6144 * 275e12)
        #expect(abs(mfu - 0.45697) < 1e-4)
    }
}
