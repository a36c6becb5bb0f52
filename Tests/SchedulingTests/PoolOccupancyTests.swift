import SimKernel
import Testing
@testable import Scheduling

@Suite("PoolOccupancy")
struct PoolOccupancyTests {
    /// 2 groups × 3 domains × 4 units of 8 chips (think: HGX hosts under leaves under spines).
    private let small = UnitHierarchy(chipsPerUnit: 8, unitsPerDomain: 4, domainsPerGroup: 3, groups: 2)

    private func units(_ placement: Placement) -> [Int] { placement.unitRuns.flatMap { Array($0) } }

    @Test("a small gang goes to the fullest domain that still holds it")
    func bestFit() throws {
        var pool = PoolOccupancy(hierarchy: small)
        let a = try pool.place(PlacementRequest(chips: 24)).get()  // 3 units → domain 0
        #expect(units(a) == [0, 1, 2])
        let b = try pool.place(PlacementRequest(chips: 8)).get()   // 1 unit → the last hole of domain 0
        #expect(units(b) == [3])
        let c = try pool.place(PlacementRequest(chips: 32)).get()  // a whole domain → domain 1
        #expect(c.domains == [1])
        pool.checkInvariants()
    }

    @Test("chips round up to whole units and whole tight groups")
    func rounding() throws {
        var pool = PoolOccupancy(hierarchy: small)
        // 20 chips = 2.5 units → 3 units; tight group of 16 chips = 2 units → 4 units.
        let p = try pool.place(PlacementRequest(chips: 20, chipsPerTightGroup: 16)).get()
        #expect(p.unitCount == 4)
    }

    @Test("a large gang fills the emptiest domains of one group and never splits a tight group")
    func tightGroups() throws {
        var pool = PoolOccupancy(hierarchy: small)
        // Domains 0 and 1 lose one unit each: free counts 3, 3, 4 in group 0.
        pool.reserve(unit: 0)
        pool.reserve(unit: 4)
        // 6 units in tight pairs: usable 2 + 2 + 4 in group 0 → domain 2 (4) then domain 0 (2).
        let p = try pool.place(PlacementRequest(chips: 48, chipsPerTightGroup: 16)).get()
        #expect(p.groups == [0])
        #expect(units(p) == [1, 2, 8, 9, 10, 11])
        pool.checkInvariants()
    }

    @Test("whole-domain placements take free domains of one group, best fit over groups")
    func wholeDomains() throws {
        // TPU-like: cubes of 16 hosts, 4 cubes per pod, 2 pods.
        let tpu = UnitHierarchy(chipsPerUnit: 4, unitsPerDomain: 16, domainsPerGroup: 4, groups: 2,
                                largePlacementsUseWholeDomains: true)
        var pool = PoolOccupancy(hierarchy: tpu)
        pool.reserve(unit: 0)  // cube 0 of pod 0 is no longer whole
        #expect(pool.place(PlacementRequest(chips: 96)) == .failure(.notWholeDomains(requestedUnits: 24, unitsPerDomain: 16)))
        let fourCubes = try pool.place(PlacementRequest(chips: 256)).get()  // only pod 1 has 4 whole cubes
        #expect(fourCubes.groups == [1] && fourCubes.domains == [4, 5, 6, 7])
        let threeCubes = try pool.place(PlacementRequest(chips: 192)).get()
        #expect(threeCubes.domains == [1, 2, 3])
        #expect(pool.place(PlacementRequest(chips: 256)) == .failure(.noCapacityNow(freeUnits: 15)))
        pool.checkInvariants()
    }

    @Test("a gang spans groups only when allowed, taking the roomiest groups first")
    func spanning() throws {
        var pool = PoolOccupancy(hierarchy: small)
        #expect(pool.place(PlacementRequest(chips: 8 * 13, maySpanGroups: false))
                == .failure(.neverFits(requestedUnits: 13, poolUnits: 12)))
        pool.reserve(unit: 0)  // group 0 has 11 free, group 1 has 12
        let p = try pool.place(PlacementRequest(chips: 8 * 14)).get()
        #expect(p.groups == [0, 1])
        #expect(p.unitCount == 14)
        pool.checkInvariants()
    }

    @Test("a tight group larger than a domain is refused for good")
    func tightGroupTooLarge() {
        var pool = PoolOccupancy(hierarchy: small)
        let refusal = pool.place(PlacementRequest(chips: 64, chipsPerTightGroup: 64))
        #expect(refusal == .failure(.tightGroupExceedsDomain(groupChips: 64, domainChips: 32)))
        if case .failure(let why) = refusal { #expect(why.isPermanent) }
    }

    @Test("stranded units are the free units no gang of the given size can use")
    func fragmentation() throws {
        var pool = PoolOccupancy(hierarchy: small)
        _ = try pool.place(PlacementRequest(chips: 24))  // domain 0: 1 free
        _ = try pool.place(PlacementRequest(chips: 16))  // domain 1: 2 free
        // A gang of 3 units cannot use domain 0's 1 nor domain 1's 2 free units.
        #expect(pool.strandedUnits(forGangOf: 3) == 3)
        #expect(pool.strandedUnits(forGangOf: 2) == 1)
        #expect(pool.strandedUnits(forGangOf: 1) == 0)
    }

    @Test("random place and release: no unit is double-booked, gangs are whole, release restores",
          arguments: 0..<40)
    func randomised(seed: UInt64) throws {
        var rng = RandomStream(seed: seed, key: StreamKey("placement"))
        let whole = rng.nextIndex(below: 2) == 0
        let h = UnitHierarchy(chipsPerUnit: 4, unitsPerDomain: 1 + Int(rng.nextIndex(below: 70)),
                              domainsPerGroup: 1 + Int(rng.nextIndex(below: 5)), groups: 1 + Int(rng.nextIndex(below: 4)),
                              largePlacementsUseWholeDomains: whole)
        var pool = PoolOccupancy(hierarchy: h)
        var owner = [Int?](repeating: nil, count: h.units)
        var live: [(id: Int, placement: Placement)] = []
        for step in 0..<300 {
            if !live.isEmpty && rng.nextIndex(below: 3) == 0 {
                let index = Int(rng.nextIndex(below: UInt64(live.count)))
                let (id, placement) = live.remove(at: index)
                for unit in units(placement) {
                    #expect(owner[unit] == id)
                    owner[unit] = nil
                }
                pool.release(placement)
            } else {
                let maxChips = h.chips / (1 + Int(rng.nextIndex(below: 4)))
                let chips = 1 + Int(rng.nextIndex(below: UInt64(maxChips)))
                let tight = 1 + Int(rng.nextIndex(below: UInt64(min(chips, h.unitsPerDomain * h.chipsPerUnit))))
                let request = PlacementRequest(chips: chips, chipsPerTightGroup: tight, maySpanGroups: rng.nextIndex(below: 2) == 0)
                if case .success(let placement) = pool.place(request) {
                    let got = units(placement)
                    let tightUnits = (tight + 3) / 4
                    #expect(placement.unitCount >= (chips + 3) / 4 && placement.unitCount % tightUnits == 0)
                    for unit in got {
                        #expect(owner[unit] == nil, "unit \(unit) double-booked")
                        owner[unit] = step
                    }
                    // Each tight group's units lie in one domain: count per domain is a multiple.
                    // (Whole-domain slices are one connected torus, so there the slice is the
                    // tight domain.)
                    var perDomain: [Int: Int] = [:]
                    for unit in got { perDomain[h.domain(ofUnit: unit), default: 0] += 1 }
                    if !whole || placement.domains.count == 1 {
                        #expect(perDomain.values.allSatisfy { $0 % tightUnits == 0 })
                    }
                    if !request.maySpanGroups { #expect(placement.groups.count == 1) }
                    live.append((step, placement))
                }
            }
            pool.checkInvariants()
            #expect(pool.freeUnits == owner.filter { $0 == nil }.count)
        }
        for (_, placement) in live { pool.release(placement) }
        #expect(pool.freeUnits == h.units)
    }
}
