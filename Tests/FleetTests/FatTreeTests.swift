import Testing
@testable import Fleet

@Suite("FatTree")
struct FatTreeTests {
    static let ndr = BytesPerSecond.gigabitsPerSecond(400) // 5e10 B/s

    @Test("leaf ports split the radix by the oversubscription")
    func leafPorts() {
        #expect(FabricOptions(radix: 64, oversubscription: 1).leafPorts == (32, 32))
        #expect(FabricOptions(radix: 64, oversubscription: 3).leafPorts == (48, 16))
        #expect(FabricOptions(radix: 64, oversubscription: 2).leafPorts == (42, 21))
    }

    @Test("a non-blocking two-tier fabric of 1024 NICs matches the hand count")
    func nonBlocking() throws {
        // 128 hosts × 8 NICs = 1024 endpoints; k = 64, o = 1 → d = 32, u = 32
        // leaves = 1024 / 32 = 32; uplinks = 32 × 32 = 1024; spines = 1024 / 64 = 16
        // links = 1024 host-leaf + 1024 leaf-spine = 2048
        // bisection = min(1024, 1024) × 5e10 / 2 = 2.56e13 B/s (25.6 TB/s)
        let tree = try FatTree(endpoints: 1024, lineRate: Self.ndr, options: FabricOptions(radix: 64))
        #expect(tree.tiers == 2)
        #expect(tree.leaves == 32)
        #expect(tree.leafUplinks == 1024)
        #expect(tree.spines == 16)
        #expect(tree.links == 2048)
        #expect(tree.bisectionBandwidth == BytesPerSecond(2.56e13))
    }

    @Test("3:1 oversubscription cuts uplinks, spines and bisection")
    func oversubscribed() throws {
        // k = 64, o = 3 → d = 48, u = 16; leaves = ⌈1024 / 48⌉ = 22 (21.33)
        // uplinks = 22 × 16 = 352; spines = ⌈352 / 64⌉ = 6 (5.5); links = 1024 + 352 = 1376
        // bisection = min(1024, 352) × 5e10 / 2 = 8.8e12 B/s
        let tree = try FatTree(endpoints: 1024, lineRate: Self.ndr, options: FabricOptions(radix: 64, oversubscription: 3))
        #expect(tree.leaves == 22)
        #expect(tree.leafUplinks == 352)
        #expect(tree.spines == 6)
        #expect(tree.links == 1376)
        #expect(tree.bisectionBandwidth == BytesPerSecond(8.8e12))
    }

    @Test("a rail-optimised fabric gives each rail its own leaves")
    func railOptimized() throws {
        // 100 hosts × 8 rails; per rail 100 NICs → ⌈100 / 32⌉ = 4 leaves → 32 leaves
        // (flat: ⌈800 / 32⌉ = 25); uplinks = 32 × 32 = 1024; spines = 16
        // bisection = min(800, 1024) × 5e10 / 2 = 2e13 B/s
        let options = FabricOptions(radix: 64, oversubscription: 1, isRailOptimized: true)
        let tree = try FatTree(endpoints: 800, lineRate: Self.ndr, options: options, rails: 8)
        #expect(tree.leaves == 32)
        #expect(tree.spines == 16)
        #expect(tree.bisectionBandwidth == BytesPerSecond(2e13))
        #expect(try FatTree(endpoints: 800, lineRate: Self.ndr, options: FabricOptions(radix: 64)).leaves == 25)
    }

    @Test("beyond k leaves a third tier of core switches is added")
    func threeTier() throws {
        // k = 8, o = 1 → d = 4, u = 4; 64 endpoints → 16 leaves > 8
        // pods of k/2 = 4 leaves → 4 pods; spines = 4 × 4 = 16; spine uplinks = 64; cores = 64 / 8 = 8
        // links = 64 + 64 + 64 = 192
        let tree = try FatTree(endpoints: 64, lineRate: Self.ndr, options: FabricOptions(radix: 8))
        #expect(tree.tiers == 3)
        #expect(tree.leaves == 16)
        #expect(tree.spines == 16)
        #expect(tree.cores == 8)
        #expect(tree.links == 192)
        #expect(tree.bisectionBandwidth == Self.ndr.times(64) / 2)
    }

    @Test("a fabric too large for three tiers is an error with the maximum")
    func tooLarge() {
        // k = 8, o = 1: at most 8 pods × 4 leaves × 4 ports = 128 endpoints
        #expect(throws: FabricError.tooLarge(endpoints: 129, maximum: 128, radix: 8)) {
            try FatTree(endpoints: 129, lineRate: Self.ndr, options: FabricOptions(radix: 8))
        }
    }

    @Test("endpoints that fit one leaf need no spine")
    func singleLeaf() throws {
        let tree = try FatTree(endpoints: 16, lineRate: Self.ndr, options: FabricOptions(radix: 64))
        #expect(tree.tiers == 1 && tree.spines == 0 && tree.links == 16)
        #expect(tree.bisectionBandwidth == Self.ndr.times(8))
    }
}

@Suite("GPUCluster")
struct GPUClusterTests {
    @Test("HGX hosts are their own NVLink domain; the fabric has one endpoint per GPU")
    func hgx() throws {
        let cluster = try GPUCluster(spec: Catalog.builtIn.spec("h100-sxm"), scaleUpDomains: 128, fabric: FabricOptions(radix: 64))
        #expect(cluster.gpus == 1024 && cluster.hosts == 128 && cluster.hostsPerDomain == 1)
        #expect(cluster.fabric.spines == 16)
        #expect(cluster.scaleUpDomain(ofGPU: 17) == 2)
    }

    @Test("NVL72 racks hold 18 four-GPU trays")
    func nvl72() throws {
        let cluster = try GPUCluster(spec: Catalog.builtIn.spec("gb200"), scaleUpDomains: 4, fabric: FabricOptions(radix: 64))
        // 4 racks × 72 = 288 GPUs; 288 / 4 = 72 trays; 18 per rack
        #expect(cluster.gpus == 288 && cluster.hosts == 72 && cluster.hostsPerDomain == 18)
        #expect(cluster.gpus(inDomain: 1) == 72..<144)
        #expect(cluster.host(ofGPU: 75) == 18)
    }
}
