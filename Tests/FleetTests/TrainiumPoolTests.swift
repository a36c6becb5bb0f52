import Testing
@testable import Fleet

@Suite("TrainiumPool")
struct TrainiumPoolTests {
    static func pool(_ id: AcceleratorID, _ ultraServers: Int) throws -> TrainiumPool {
        try TrainiumPool(spec: Catalog.builtIn.spec(id), ultraServers: ultraServers, fabric: FabricOptions(radix: 64))
    }

    @Test("Trn2 UltraServers group four 16-chip instances")
    func trn2Grouping() throws {
        let pool = try Self.pool("trn2", 2)
        #expect(pool.chips == 128 && pool.instances == 8 && pool.instancesPerUltraServer == 4)
        #expect(pool.instance(ofChip: 70) == 4)
        #expect(pool.ultraServer(ofChip: 70) == 1)
        #expect(pool.instances(inUltraServer: 1) == 4..<8)
        #expect(pool.chips(inUltraServer: 1) == 64..<128)
        // 4 instances × 32 torus links + 16 positions × ring of 4 = 128 + 64 = 192
        #expect(pool.neuronLinksPerUltraServer == 192)
    }

    @Test("Trn3 Gen2 UltraServers hold 36 four-chip servers on NeuronSwitch")
    func trn3Grouping() throws {
        let pool = try Self.pool("trn3", 1)
        #expect(pool.chips == 144 && pool.instances == 36 && pool.instancesPerUltraServer == 36)
        #expect(pool.neuronLinksPerUltraServer == 144)
    }

    @Test("a Trn1 instance is its own scale-up domain, a 4x4 torus of 32 links")
    func trn1() throws {
        let pool = try Self.pool("trn1", 10)
        #expect(pool.chips == 160 && pool.instances == 10 && pool.instancesPerUltraServer == 1)
        #expect(pool.neuronLinksPerUltraServer == 32)
    }

    @Test("EFA has one endpoint per chip at the derived per-chip rate")
    func efa() throws {
        let pool = try TrainiumPool(spec: Catalog.builtIn.spec("trn2"), ultraServers: 16,
                                    fabric: FabricOptions(radix: 64, oversubscription: 3))
        // 1024 chips at 200 Gb/s (2.5e10 B/s); o = 3: 22 leaves, 352 uplinks
        // bisection = 352 × 2.5e10 / 2 = 4.4e12 B/s
        #expect(pool.fabric.endpoints == 1024)
        #expect(pool.fabric.leafUplinks == 352)
        #expect(pool.fabric.bisectionBandwidth == BytesPerSecond(4.4e12))
    }
}
