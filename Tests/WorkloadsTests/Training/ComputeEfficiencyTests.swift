import Testing
import Fleet
import Workloads

@Suite("ComputeEfficiency")
struct ComputeEfficiencyTests {
    @Test("square GEMM intensity is n/3 FLOP per byte at 16 bits")
    func intensity() {
        // 2·1024³ / (2 B × 3·1024²) = 1024/3 = 341.33
        let i = ComputeEfficiency.gemmIntensity(m: 1024, k: 1024, n: 1024, bytesPerElement: 2)
        #expect(abs(i - 1024.0 / 3) < 1e-9)
    }

    @Test("a fused kernel drops the output term")
    func fused() {
        // 2·1024·128·1024 / (2 × (1024·128 + 128·1024)) = 268435456 / 524288 = 512
        let i = ComputeEfficiency.gemmIntensity(m: 1024, k: 128, n: 1024, bytesPerElement: 2, writesOutput: false)
        #expect(abs(i - 512) < 1e-9)
    }

    @Test("the additive roofline: 1 / (1/e + R/I)")
    func curve() {
        // e = 0.5, R = 150, I = 300: 1 / (2 + 0.5) = 0.4
        #expect(abs(ComputeEfficiency(ceiling: 0.5).fraction(intensity: 300, ridge: 150) - 0.4) < 1e-12)
    }

    @Test("efficiency falls as per-chip work shrinks and saturates at the ceiling")
    func monotone() {
        let e = ComputeEfficiency(ceiling: 0.7)
        let values = [16.0, 64, 256, 1024, 65536].map { e.fraction(intensity: $0, ridge: 295) }
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 < $1 })
        #expect(values.last! < 0.7 && values.last! > 0.69)
    }

    @Test("one ceiling per platform family")
    func calibration() {
        #expect(ComputeEfficiency.ceiling(for: .gpu) == 0.67)
        #expect(ComputeEfficiency.ceiling(for: .tpu) == 0.66)
        #expect(ComputeEfficiency.ceiling(for: .trainium) == 0.67)
    }
}
