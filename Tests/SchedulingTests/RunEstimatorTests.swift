import Fleet
import SimKernel
import Testing
@testable import Scheduling

@Suite("RunEstimator")
struct RunEstimatorTests {
    private func pool(_ spec: AcceleratorSpec) throws -> Pool {
        Pool(id: PoolID(0), name: "h100", spec: spec, site: SiteID(0),
             topology: .gpu(try GPUCluster(spec: spec, scaleUpDomains: 4, fabric: FabricOptions())))
    }

    private let site = Site(id: SiteID(0), name: "lab", pue: .constant(1.2), electricityPrice: .constant(.perMegawattHour(80)),
                            carbonIntensity: .constant(.perKilowattHour(400)), timeZoneIdentifier: "UTC")

    @Test("a 16-GPU, 3-hour H100 run: rental cost, facility energy and carbon by hand")
    func h100Run() throws {
        let spec = try Catalog.builtIn.spec("h100-sxm")
        let estimate = RunEstimator.estimate(duration: .hours(3), chips: 16, hosts: 2, hostPower: HostPowerModel(spec: spec).busy,
                                             pool: try pool(spec), site: site, at: .zero)
        // Cost: 16 chips × 3 h × $11.06/chip-h (catalog on-demand price) = $530.88.
        #expect(abs(estimate.cost.value - 530.88) < 1e-9)
        // Energy: a busy host is its 10.2 kW maximum (8 × 700 W + 4.6 kW) × 532/700 (typical/peak
        // chip power) = 7,752 W; 2 hosts × 7,752 W × PUE 1.2 × 10,800 s = 200,931,840 J.
        #expect(abs(estimate.energy.value - 200_931_840) < 1e-3)
        // Carbon: 200,931,840 J / 3.6 MJ/kWh × 400 g/kWh = 22,325.76 g.
        #expect(abs(estimate.carbon.value - 22_325.76) < 1e-6)
        #expect(estimate.duration == .hours(3))
        #expect(estimate.value(for: .time) == 10_800 && estimate.value(for: .cost) == estimate.cost.value)
    }

    @Test("a chip without a published price pays its facility energy at the site's price")
    func unpricedChip() throws {
        var spec = try Catalog.builtIn.spec("h100-sxm")
        spec.price = nil
        let estimate = RunEstimator.estimate(duration: .hours(3), chips: 16, hosts: 2, hostPower: HostPowerModel(spec: spec).busy,
                                             pool: try pool(spec), site: site, at: .zero)
        // 200,931,840 J / 3.6e9 J/MWh × $80/MWh = $4.465152.
        #expect(abs(estimate.cost.value - 4.465152) < 1e-9)
    }
}
