import Fleet
import Testing

@Suite("Activity power model")
struct ActivityPowerModelTests {
    let h100 = HostPowerModel(spec: .h100SXM)

    @Test("an idle host draws its idle power and full activity its rating")
    func bounds() {
        // 8 × 700 W + 4,600 W = 10,200 W rated; idle 2.41/10.2 of it = 2,410 W.
        #expect(abs(h100.power(.none).value - 2_410) < 1e-9)
        #expect(abs(h100.power(ChipActivity(compute: 1, computeUtilization: 1)).value - 10_200) < 1e-9)
    }

    @Test("compute, memory-bound and communication phases draw by their coefficients")
    func phases() {
        // d = 0.5 × (0.20 + 0.94 × 0.4) + 0.2 × 0.20 + 0.1 × 0.20 = 0.288 + 0.04 + 0.02 = 0.348;
        // P = 2,410 + 7,790 × 0.348 = 5,120.92 W.
        let activity = ChipActivity(compute: 0.5, computeUtilization: 0.4, memory: 0.2, communication: 0.1)
        #expect(abs(ActivityPowerModel.calibrated.dynamicShare(activity) - 0.348) < 1e-12)
        #expect(abs(h100.power(activity).value - 5_120.92) < 1e-9)
    }

    @Test("a clock factor scales the dynamic part by its cube and leaves idle alone")
    func clockCube() {
        // At f = 0.5: 2,410 + (10,200 − 2,410) × 0.125 = 3,383.75 W.
        let full = ChipActivity(compute: 1, computeUtilization: 1)
        #expect(abs(h100.power(full, clock: 0.5).value - 3_383.75) < 1e-9)
        #expect(abs(h100.throttled(Watts(10_200), clock: 0.5).value - 3_383.75) < 1e-9)
        #expect(h100.power(.none, clock: 0.3) == h100.idle)
    }
}
