import Testing
@testable import Fleet

@Suite("PowerDomain")
struct PowerDomainTests {
    @Test("a subtree's hardware maximum sums own peaks over counted children")
    func sums() {
        let chip = PowerDomain(level: .chip, name: "chip", ownPeak: Watts(100))
        let host = PowerDomain(level: .host, name: "host", ownPeak: Watts(50), children: [.init(count: 4, domain: chip)])
        let rack = PowerDomain(level: .rack, name: "rack", children: [.init(count: 10, domain: host)])
        // host = 50 + 4 × 100 = 450 W; rack = 10 × 450 = 4500 W
        #expect(host.hardwareMaximum == Watts(450))
        #expect(rack.hardwareMaximum == Watts(4_500))
        #expect(rack.count(of: .chip) == 40)
    }

    @Test("caps bound the capped maximum at every level")
    func caps() {
        let chip = PowerDomain(level: .chip, name: "chip", ownPeak: Watts(100))
        let host = PowerDomain(level: .host, name: "host", cap: Watts(300), ownPeak: Watts(50), children: [.init(count: 4, domain: chip)])
        let rack = PowerDomain(level: .rack, name: "rack", cap: Watts(2_500), children: [.init(count: 10, domain: host)])
        // hosts capped at 300 W → 10 × 300 = 3000 W, rack cap 2500 W
        #expect(host.cappedMaximum == Watts(300))
        #expect(rack.cappedMaximum == Watts(2_500))
        #expect(rack.hardwareMaximum == Watts(4_500))
    }

    @Test("a pool's tree is racks of hosts of chips, with a partial last rack")
    func poolTree() throws {
        let spec = try Catalog.builtIn.spec("h100-sxm")
        let cluster = try GPUCluster(spec: spec, scaleUpDomains: 10, fabric: FabricOptions())
        let pool = Pool(id: PoolID(0), name: "h100", spec: spec, site: SiteID(0), topology: .gpu(cluster),
                        hostsPerRack: 4, rackCap: Watts(30_000))
        let tree = pool.powerDomain
        // 10 hosts → 2 racks of 4 + 1 rack of 2; host = 8 × 700 + 4600 = 10,200 W
        #expect(tree.count(of: .rack) == 3)
        #expect(tree.count(of: .chip) == 80)
        #expect(tree.hardwareMaximum == Watts(102_000))
        // capped: full racks 40.8 kW → 30 kW each; partial 20.4 kW → 60 + 20.4 = 80.4 kW
        #expect(tree.cappedMaximum == Watts(80_400))
    }
}
