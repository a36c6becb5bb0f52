/// Which units of one pool are free, indexed so that a placement decision costs time in the
/// size of a domain and the number of groups, never in the number of chips.
///
/// **Index.** Each domain has a bit mask of its free units; domains are kept in buckets by
/// their free count (`bucket[f]` holds the domains with exactly f free units, with each
/// domain's position for O(1) moves), and every group keeps its free-unit and
/// fully-free-domain counts.
///
/// **Policy** (topology-aware gang placement, all or nothing):
/// - a gang of at most one domain goes to the *best-fit* domain: the one with the fewest free
///   units that still holds it (keeps large holes for large gangs). O(unitsPerDomain). When
///   no domain has room it spans domains like a larger gang — except a TPU sub-slice, which
///   must be one cube's (or 2D pod's) torus.
/// - a larger gang goes to one group if any can hold it (best fit over groups), filling its
///   emptiest domains first so it spans as few domains as possible; a tight group (tensor
///   parallelism) is never split across domains. Where placements must be whole domains (TPU
///   slices of whole cubes) only fully free domains are used; such a slice is one connected
///   torus, so the slice itself is the tight group's domain. O(groups + domainsPerGroup).
/// - failing one group, and if the request allows it, the gang spans groups, taking the
///   groups with most room first (fewest spine or DCN crossings). O(domains log domains).
public struct PoolOccupancy: Sendable {
    public let hierarchy: UnitHierarchy
    private let wordsPerDomain: Int
    private var freeMask: [UInt64]
    private var freeInDomain: [Int]
    private var freeInGroup: [Int]
    private var wholeFreeDomainsInGroup: [Int]
    private var buckets: [[Int]]
    private var positionInBucket: [Int]
    /// Free units in the whole pool.
    public private(set) var freeUnits: Int

    /// A pool of `installedUnits` free units (the first ones of the hierarchy; the rest, which
    /// round the last domain up to full size, are never placed on).
    public init(hierarchy: UnitHierarchy, installedUnits: Int) {
        precondition((0...hierarchy.units).contains(installedUnits), "installed units outside the hierarchy")
        self.init(hierarchy: hierarchy)
        for unit in installedUnits..<hierarchy.units { reserve(unit: unit) }
    }

    /// An empty (all free) pool.
    public init(hierarchy: UnitHierarchy) {
        self.hierarchy = hierarchy
        let perDomain = hierarchy.unitsPerDomain
        wordsPerDomain = (perDomain + 63) / 64
        var domainMask = [UInt64](repeating: .max, count: wordsPerDomain)
        let spare = wordsPerDomain * 64 - perDomain
        if spare > 0 { domainMask[wordsPerDomain - 1] = UInt64.max >> UInt64(spare) }
        freeMask = Array((0..<hierarchy.domains).map { _ in domainMask }.joined())
        freeInDomain = Array(repeating: perDomain, count: hierarchy.domains)
        freeInGroup = Array(repeating: hierarchy.unitsPerGroup, count: hierarchy.groups)
        wholeFreeDomainsInGroup = Array(repeating: hierarchy.domainsPerGroup, count: hierarchy.groups)
        buckets = Array(repeating: [], count: perDomain + 1)
        // Reversed, so an empty pool fills from domain 0 upwards.
        buckets[perDomain] = Array((0..<hierarchy.domains).reversed())
        positionInBucket = (0..<hierarchy.domains).map { hierarchy.domains - 1 - $0 }
        freeUnits = hierarchy.units
    }

    public func isFree(unit: Int) -> Bool {
        let (word, bit) = maskIndex(unit)
        return freeMask[word] & (1 << UInt64(bit)) != 0
    }

    public func freeUnits(inDomain domain: Int) -> Int { freeInDomain[domain] }

    // MARK: Placing

    /// Places a gang or says why it cannot be placed; nothing changes on refusal.
    public mutating func place(_ request: PlacementRequest) -> Result<Placement, PlacementRefusal> {
        let h = hierarchy
        if let refusal = Self.permanentRefusal(of: request, on: h) { return .failure(refusal) }
        let tight = ceilDiv(request.chipsPerTightGroup, h.chipsPerUnit)
        // Whole tight groups: a gang is a multiple of its tight group.
        let needed = ceilDiv(ceilDiv(request.chips, h.chipsPerUnit), tight) * tight
        guard needed <= freeUnits else { return .failure(.noCapacityNow(freeUnits: freeUnits)) }

        let plan: [(domain: Int, units: Int)]?
        if needed <= h.unitsPerDomain, let domain = bestFitDomain(needed) {
            plan = [(domain, needed)]
        } else if needed <= h.unitsPerDomain && h.largePlacementsUseWholeDomains {
            // A TPU sub-slice lives inside one cube (or 2D pod): it cannot be stitched together.
            plan = nil
        } else if h.largePlacementsUseWholeDomains {
            plan = wholeDomainPlan(domains: needed / h.unitsPerDomain, maySpanGroups: request.maySpanGroups)
        } else {
            plan = partialDomainPlan(units: needed, tight: tight, maySpanGroups: request.maySpanGroups)
        }
        guard let plan else { return .failure(.noCapacityNow(freeUnits: freeUnits)) }

        var units: [Int] = []
        units.reserveCapacity(needed)
        for (domain, count) in plan { units += take(count, fromDomain: domain) }
        units.sort()
        return .success(Self.placement(of: units, hierarchy: h))
    }

    /// Why `request` can never be placed on a pool of this shape, even empty; nil when it can.
    /// O(1): a policy asks this before deciding whether a job waits or is rejected.
    public static func permanentRefusal(of request: PlacementRequest, on h: UnitHierarchy) -> PlacementRefusal? {
        let domainChips = h.unitsPerDomain * h.chipsPerUnit
        guard request.chipsPerTightGroup <= domainChips else {
            return .tightGroupExceedsDomain(groupChips: request.chipsPerTightGroup, domainChips: domainChips)
        }
        let tight = ceilDiv(request.chipsPerTightGroup, h.chipsPerUnit)
        let needed = ceilDiv(ceilDiv(request.chips, h.chipsPerUnit), tight) * tight
        let reachable = request.maySpanGroups ? h.units : h.unitsPerGroup
        guard needed <= reachable else { return .neverFits(requestedUnits: needed, poolUnits: reachable) }
        if needed > h.unitsPerDomain && h.largePlacementsUseWholeDomains && needed % h.unitsPerDomain != 0 {
            return .notWholeDomains(requestedUnits: needed, unitsPerDomain: h.unitsPerDomain)
        }
        return nil
    }

    /// The domain with the fewest free units that still has `units` free.
    private func bestFitDomain(_ units: Int) -> Int? {
        for free in units...hierarchy.unitsPerDomain {
            // The bucket's last domain: O(1), and deterministic because bucket order is a function
            // of the operations so far (never of hashing or addresses).
            if let domain = buckets[free].last { return domain }
        }
        return nil
    }

    private func wholeDomainPlan(domains count: Int, maySpanGroups: Bool) -> [(domain: Int, units: Int)]? {
        let h = hierarchy
        let groupOrder: [Int]
        if let group = (0..<h.groups).filter({ wholeFreeDomainsInGroup[$0] >= count })
            .min(by: { (wholeFreeDomainsInGroup[$0], $0) < (wholeFreeDomainsInGroup[$1], $1) }) {
            groupOrder = [group]
        } else if maySpanGroups {
            groupOrder = (0..<h.groups).sorted { (-wholeFreeDomainsInGroup[$0], $0) < (-wholeFreeDomainsInGroup[$1], $1) }
        } else {
            return nil
        }
        var plan: [(domain: Int, units: Int)] = []
        for group in groupOrder where plan.count < count {
            for domain in domainRange(ofGroup: group) where freeInDomain[domain] == h.unitsPerDomain {
                plan.append((domain, h.unitsPerDomain))
                if plan.count == count { break }
            }
        }
        return plan.count == count ? plan : nil
    }

    private func partialDomainPlan(units needed: Int, tight: Int, maySpanGroups: Bool) -> [(domain: Int, units: Int)]? {
        let h = hierarchy
        func usable(_ domain: Int) -> Int { freeInDomain[domain] / tight * tight }
        if h.groups == 1 {
            // One group (GPU and Trainium pools): the emptiest domains first, straight from the
            // free-count buckets — O(domains taken + unitsPerDomain), no scan of the pool.
            var plan: [(domain: Int, units: Int)] = []
            var remaining = needed
            var free = h.unitsPerDomain
            while remaining > 0 && free >= tight {
                for domain in buckets[free] where remaining > 0 {
                    let count = min(free / tight * tight, remaining)
                    plan.append((domain, count))
                    remaining -= count
                }
                free -= 1
            }
            return remaining == 0 ? plan : nil
        }
        func usable(group: Int) -> Int { domainRange(ofGroup: group).reduce(0) { $0 + usable($1) } }
        // Best fit over groups: the smallest free count that can still hold the gang.
        let candidates = (0..<h.groups).filter { freeInGroup[$0] >= needed }
            .sorted { (freeInGroup[$0], $0) < (freeInGroup[$1], $1) }
        var chosen: [Int]? = candidates.first { usable(group: $0) >= needed }.map { [$0] }
        if chosen == nil && maySpanGroups {
            chosen = (0..<h.groups).map { ($0, usable(group: $0)) }.filter { $0.1 > 0 }
                .sorted { (-$0.1, $0.0) < (-$1.1, $1.0) }.map(\.0)
        }
        guard let groups = chosen else { return nil }
        var plan: [(domain: Int, units: Int)] = []
        var remaining = needed
        for group in groups where remaining > 0 {
            let domains = domainRange(ofGroup: group).filter { usable($0) > 0 }
                .sorted { (-freeInDomain[$0], $0) < (-freeInDomain[$1], $1) }
            for domain in domains where remaining > 0 {
                let count = min(usable(domain), remaining)
                plan.append((domain, count))
                remaining -= count
            }
        }
        return remaining == 0 ? plan : nil
    }

    // MARK: Releasing

    /// Frees every unit of a placement made by this occupancy.
    /// - Precondition: every unit of `placement` is currently taken.
    public mutating func release(_ placement: Placement) {
        for run in placement.unitRuns {
            for unit in run { give(unit) }
        }
    }

    /// Marks one unit taken (e.g. failed or removed from service) if it is free.
    /// Returns whether it was free.
    @discardableResult
    public mutating func reserve(unit: Int) -> Bool {
        guard isFree(unit: unit) else { return false }
        let (word, bit) = maskIndex(unit)
        freeMask[word] &= ~(1 << UInt64(bit))
        adjust(domain: hierarchy.domain(ofUnit: unit), by: -1)
        return true
    }

    /// Makes a unit that was reserved (out of service, or beyond the installed size) free again.
    /// - Precondition: the unit is taken and not part of a live placement (the caller tracks that).
    public mutating func unreserve(unit: Int) {
        give(unit)
    }

    /// The highest-numbered free units, up to `count` of them, highest first. O(units).
    public func highestFreeUnits(_ count: Int) -> [Int] {
        var found: [Int] = []
        var unit = hierarchy.units - 1
        while unit >= 0 && found.count < count {
            if isFree(unit: unit) { found.append(unit) }
            unit -= 1
        }
        return found
    }

    // MARK: Fragmentation

    /// Free units that cannot serve a gang of `units` units right now: free units in domains
    /// that hold fewer than `units` free, for gangs of up to one domain; for larger gangs that
    /// need whole domains, the free units of partly used domains. The rest of the free units
    /// could host such a gang.
    public func strandedUnits(forGangOf units: Int) -> Int {
        let h = hierarchy
        if units <= h.unitsPerDomain {
            return (1..<units).reduce(0) { $0 + $1 * buckets[$1].count }
        }
        guard h.largePlacementsUseWholeDomains else { return 0 }
        return (1..<h.unitsPerDomain).reduce(0) { $0 + $1 * buckets[$1].count }
    }

    // MARK: Internals

    private func domainRange(ofGroup group: Int) -> Range<Int> {
        group * hierarchy.domainsPerGroup ..< (group + 1) * hierarchy.domainsPerGroup
    }

    private func maskIndex(_ unit: Int) -> (word: Int, bit: Int) {
        let domain = hierarchy.domain(ofUnit: unit)
        let slot = unit - domain * hierarchy.unitsPerDomain
        return (domain * wordsPerDomain + slot / 64, slot % 64)
    }

    /// Takes the `count` lowest free units of `domain`.
    private mutating func take(_ count: Int, fromDomain domain: Int) -> [Int] {
        precondition(freeInDomain[domain] >= count, "taking \(count) units from a domain with \(freeInDomain[domain]) free")
        var taken: [Int] = []
        taken.reserveCapacity(count)
        var word = 0
        while taken.count < count {
            let index = domain * wordsPerDomain + word
            while freeMask[index] != 0 && taken.count < count {
                let bit = freeMask[index].trailingZeroBitCount
                freeMask[index] &= freeMask[index] - 1
                taken.append(domain * hierarchy.unitsPerDomain + word * 64 + bit)
            }
            word += 1
        }
        adjust(domain: domain, by: -count)
        return taken
    }

    private mutating func give(_ unit: Int) {
        let (word, bit) = maskIndex(unit)
        precondition(freeMask[word] & (1 << UInt64(bit)) == 0, "releasing unit \(unit), which is free")
        freeMask[word] |= 1 << UInt64(bit)
        adjust(domain: hierarchy.domain(ofUnit: unit), by: 1)
    }

    /// Moves a domain between free-count buckets and keeps the group counts.
    private mutating func adjust(domain: Int, by delta: Int) {
        let old = freeInDomain[domain], new = old + delta
        let full = hierarchy.unitsPerDomain
        // Swap-remove from the old bucket.
        let position = positionInBucket[domain]
        let moved = buckets[old].removeLast()
        if moved != domain {
            buckets[old][position] = moved
            positionInBucket[moved] = position
        }
        positionInBucket[domain] = buckets[new].count
        buckets[new].append(domain)
        freeInDomain[domain] = new
        let group = hierarchy.group(ofDomain: domain)
        freeInGroup[group] += delta
        freeUnits += delta
        if old == full { wholeFreeDomainsInGroup[group] -= 1 }
        if new == full { wholeFreeDomainsInGroup[group] += 1 }
    }

    private static func placement(of sortedUnits: [Int], hierarchy h: UnitHierarchy) -> Placement {
        var runs: [Range<Int>] = []
        for unit in sortedUnits {
            if let last = runs.last, last.upperBound == unit {
                runs[runs.count - 1] = last.lowerBound ..< unit + 1
            } else {
                runs.append(unit ..< unit + 1)
            }
        }
        var domains: [Int] = []
        for unit in sortedUnits where domains.last != h.domain(ofUnit: unit) { domains.append(h.domain(ofUnit: unit)) }
        var groups: [Int] = []
        for domain in domains where groups.last != h.group(ofDomain: domain) { groups.append(h.group(ofDomain: domain)) }
        return Placement(unitRuns: runs, domains: domains, groups: groups)
    }

    /// Traps if the masks, counts and buckets disagree. Debug builds only.
    public func checkInvariants() {
        #if DEBUG
        var total = 0
        for domain in 0..<hierarchy.domains {
            let bits = (0..<wordsPerDomain).reduce(0) { $0 + freeMask[domain * wordsPerDomain + $1].nonzeroBitCount }
            precondition(bits == freeInDomain[domain], "domain \(domain): mask has \(bits) free, count says \(freeInDomain[domain])")
            precondition(buckets[bits][positionInBucket[domain]] == domain, "domain \(domain) is not where its bucket says")
            total += bits
        }
        precondition(total == freeUnits, "free units \(freeUnits) ≠ sum over domains \(total)")
        for group in 0..<hierarchy.groups {
            let range = domainRange(ofGroup: group)
            precondition(range.reduce(0) { $0 + freeInDomain[$1] } == freeInGroup[group], "group \(group) free count is stale")
            precondition(range.filter { freeInDomain[$0] == hierarchy.unitsPerDomain }.count == wholeFreeDomainsInGroup[group],
                         "group \(group) whole-free count is stale")
        }
        #endif
    }
}

private func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }
