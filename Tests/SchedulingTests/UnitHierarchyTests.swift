import Fleet
import Testing
@testable import Scheduling

@Suite("UnitHierarchy of a pool")
struct UnitHierarchyTests {
    let catalog = Catalog.builtIn

    @Test("an Ironwood pool is hosts in 4x4x4 cubes in pods, placed as whole cubes")
    func ironwood() throws {
        let spec = try catalog.spec("tpu-v7")
        let pool = Pool(id: PoolID(0), name: "tpu", spec: spec, site: SiteID(0), topology: .tpu(TPUPodFabric(spec: spec, pods: 2)))
        let (h, installed) = UnitHierarchy.of(pool)
        // 4 chips per host [gke-7x]; a cube is 64 chips = 16 hosts; a 9,216-chip pod = 144 cubes.
        #expect(h.chipsPerUnit == 4 && h.unitsPerDomain == 16 && h.domainsPerGroup == 144 && h.groups == 2)
        #expect(h.largePlacementsUseWholeDomains)
        #expect(installed * h.chipsPerUnit == 18_432)
    }

    @Test("an HGX H100 cluster is hosts under leaves: 32 ports down per 64-port leaf hold 4 hosts")
    func hgx() throws {
        let spec = try catalog.spec("h100-sxm")
        let cluster = try GPUCluster(spec: spec, scaleUpDomains: 10, fabric: FabricOptions())
        let pool = Pool(id: PoolID(0), name: "h100", spec: spec, site: SiteID(0), topology: .gpu(cluster))
        let (h, installed) = UnitHierarchy.of(pool)
        // Radix 64, 1:1 → 32 host ports per leaf; 8 GPUs (NICs) per host → 4 hosts per leaf;
        // 10 hosts → 3 leaves, the last holding 2: 12 slots, 10 installed.
        #expect(h.chipsPerUnit == 8 && h.unitsPerDomain == 4 && h.domainsPerGroup == 3)
        #expect(installed == 10)
        var occupancy = PoolOccupancy(hierarchy: h, installedUnits: installed)
        #expect(occupancy.freeUnits == 10)
        #expect(occupancy.place(PlacementRequest(chips: 88)) == .failure(.noCapacityNow(freeUnits: 10)))
        #expect((try? occupancy.place(PlacementRequest(chips: 80)).get())?.unitCount == 10)
    }

    @Test("a GB200 NVL72 pool is trays of 4 GPUs in racks of 18")
    func nvl72() throws {
        let spec = try catalog.spec("gb200")
        let cluster = try GPUCluster(spec: spec, scaleUpDomains: 3, fabric: FabricOptions())
        let pool = Pool(id: PoolID(0), name: "gb200", spec: spec, site: SiteID(0), topology: .gpu(cluster))
        let (h, _) = UnitHierarchy.of(pool)
        #expect(h.chipsPerUnit == 4 && h.unitsPerDomain == 18 && h.domainsPerGroup == 3)
        var occupancy = PoolOccupancy(hierarchy: h, installedUnits: h.units)
        // Tensor parallelism of 72 needs one whole rack.
        let placement = try occupancy.place(PlacementRequest(chips: 144, chipsPerTightGroup: 72)).get()
        #expect(placement.domains.count == 2)
    }

    @Test("a Trainium2 pool is 16-chip instances in 64-chip UltraServers")
    func trainium() throws {
        let spec = try catalog.spec("trn2")
        let trn = try TrainiumPool(spec: spec, ultraServers: 5, fabric: FabricOptions())
        let pool = Pool(id: PoolID(0), name: "trn2", spec: spec, site: SiteID(0), topology: .trainium(trn))
        let (h, _) = UnitHierarchy.of(pool)
        #expect(h.chipsPerUnit == 16 && h.unitsPerDomain == 4 && h.domainsPerGroup == 5)
        var occupancy = PoolOccupancy(hierarchy: h, installedUnits: h.units)
        // A 64-chip job fits one UltraServer and is kept in one.
        #expect((try occupancy.place(PlacementRequest(chips: 64)).get()).domains.count == 1)
    }
}
