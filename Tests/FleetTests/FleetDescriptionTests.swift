import Testing
@testable import Fleet

@Suite("FleetDescription")
struct FleetDescriptionTests {
    static func site(_ i: Int, _ name: String) -> Site {
        Site(id: SiteID(i), name: name, pue: .constant(1.1), gridLimit: .megawatts(1_500),
             electricityPrice: .constant(.perMegawattHour(80)), carbonIntensity: .constant(.perKilowattHour(400)),
             timeZoneIdentifier: "America/Chicago")
    }

    /// 44 Ironwood pods (405,504) + 4,700 Trn2 UltraServers (300,800) + 2,400 NVL72 racks (172,800)
    /// + 21,184 HGX H100 hosts (169,472) = 1,048,576 chips.
    static func millionChipFleet() throws -> FleetDescription {
        let catalog = Catalog.builtIn
        let big = FabricOptions(radix: 128, oversubscription: 1, isRailOptimized: true)
        let pools = [
            Pool(id: PoolID(0), name: "ironwood", spec: try catalog.spec("tpu-v7"), site: SiteID(0),
                 topology: .tpu(TPUPodFabric(spec: try catalog.spec("tpu-v7"), pods: 44))),
            Pool(id: PoolID(1), name: "trn2", spec: try catalog.spec("trn2"), site: SiteID(1),
                 topology: .trainium(try TrainiumPool(spec: catalog.spec("trn2"), ultraServers: 4_700,
                                                      fabric: FabricOptions(radix: 128, oversubscription: 2)))),
            Pool(id: PoolID(2), name: "gb200", spec: try catalog.spec("gb200"), site: SiteID(2),
                 topology: .gpu(try GPUCluster(spec: catalog.spec("gb200"), scaleUpDomains: 2_400, fabric: big))),
            Pool(id: PoolID(3), name: "h100", spec: try catalog.spec("h100-sxm"), site: SiteID(2),
                 topology: .gpu(try GPUCluster(spec: catalog.spec("h100-sxm"), scaleUpDomains: 21_184, fabric: big))),
        ]
        return FleetDescription(sites: [site(0, "oklahoma"), site(1, "indiana"), site(2, "texas")], pools: pools)
    }

    @Test("a 1,048,576-chip fleet is described, numbered, powered and linked")
    func millionChips() throws {
        let fleet = try Self.millionChipFleet()
        #expect(fleet.totalChips == 1_048_576)
        #expect(fleet.chipRange(of: PoolID(1)) == 405_504 ..< 706_304)
        #expect(fleet.pool(ofChip: 0) == PoolID(0))
        #expect(fleet.pool(ofChip: 405_504) == PoolID(1))
        #expect(fleet.pool(ofChip: 1_048_575) == PoolID(3))

        let trees = fleet.powerTrees()
        #expect(trees.count == 3)
        #expect(trees.map { $0.count(of: .chip) }.reduce(0, +) == 1_048_576)
        // Texas H100 part: 21,184 hosts × 10.2 kW = 216,076.8 kW
        let h100 = fleet.pools[3].powerDomain.hardwareMaximum
        #expect(abs(h100.value - 21_184 * 10_200) < 1e-3)

        let links = fleet.links()
        // 44 pods × (ICI + DCN) + 4,700 UltraServers + 2 fabric tiers (trn2: 4700 leaves > 128 → 3)
        // + 2,400 + 3 tiers + 21,184 + 3 tiers: one entry per domain and tier, not per chip
        #expect(links.count == 88 + 4_700 + 3 + 2_400 + 3 + 21_184 + 3)
        // Ironwood ICI: 405,504 chips × 3 links per chip
        #expect(links.physicalLinkCount(.ici) == 405_504 * 3)
        #expect(links.physicalLinkCount(.nvLink) == 172_800 + 169_472)
        #expect(links.physicalLinkCount(.neuronLink) == 4_700 * 192)
    }

    @Test("links carry per-direction capacity per physical link")
    func linkCapacity() throws {
        let fleet = try Self.millionChipFleet()
        let links = fleet.links()
        // Ironwood ICI: 1.2 TB/s bidirectional / (2 × 6 ports) = 100 GB/s per direction
        let ici = links[LinkID(0)]
        #expect(ici.level == .ici && ici.capacity == BytesPerSecond(1e11))
        #expect(ici.from == .chips(0 ..< 9_216))
        // Trn2 NeuronLink: 64 × 1.28e12 / (4 × 192) ≈ 1.0667e11 B/s
        let neuron = links[LinkID(88)]
        #expect(neuron.level == .neuronLink)
        #expect(abs(neuron.capacity.value - 64 * 1.28e12 / 768) < 1)
    }
}

@Suite("FleetDescription empty")
struct EmptyFleetDescriptionTests {
    @Test("an empty fleet has no chips, power trees or links")
    func empty() {
        let fleet = FleetDescription.empty
        #expect(fleet.isEmpty && fleet.totalChips == 0 && fleet.sites.isEmpty)
        #expect(fleet.chipOffsets == [0])
        #expect(fleet.powerTrees().isEmpty)
        #expect(fleet.links().count == 0)
    }

    @Test("a TPU pool keeps the slice shapes it is carved into")
    func sliceShapes() throws {
        let spec = try Catalog.builtIn.spec("tpu-v5p")
        let pool = Pool(id: PoolID(0), name: "v5p", spec: spec, site: SiteID(0),
                        topology: .tpu(TPUPodFabric(spec: spec, pods: 1)), sliceShapes: [SliceShape(4, 4, 8), SliceShape(2, 2, 1)])
        #expect(pool.sliceShapes == [SliceShape(4, 4, 8), SliceShape(2, 2, 1)])
        #expect(Pool(id: PoolID(0), name: "v5p", spec: spec, site: SiteID(0), topology: .tpu(TPUPodFabric(spec: spec, pods: 1))).sliceShapes.isEmpty)
    }
}
