/// What a gang needs from one pool: a number of chips, all at once or none.
public struct PlacementRequest: Hashable, Sendable {
    /// Chips requested; rounded up to whole units by the placer.
    public var chips: Int
    /// Chips that must share one domain (a tensor-parallel group that needs the scale-up links).
    /// At most one domain's chips; 1 when the job has no such constraint.
    public var chipsPerTightGroup: Int
    /// Whether the placement may span groups (multislice over DCN, several leaves over the spine).
    public var maySpanGroups: Bool

    public init(chips: Int, chipsPerTightGroup: Int = 1, maySpanGroups: Bool = true) {
        precondition(chips > 0, "a placement request needs at least one chip")
        precondition(chipsPerTightGroup > 0, "a tight group has at least one chip")
        self.chips = chips
        self.chipsPerTightGroup = chipsPerTightGroup
        self.maySpanGroups = maySpanGroups
    }
}

/// Where a gang was placed: runs of consecutive units in the pool's numbering.
public struct Placement: Hashable, Sendable {
    /// Sorted, non-overlapping, non-adjacent runs of unit indices.
    public var unitRuns: [Range<Int>]
    /// Domains touched, in increasing order (how many fast-link islands the job spans).
    public var domains: [Int]
    /// Groups touched, in increasing order (1 = no spine / DCN crossing).
    public var groups: [Int]

    public init(unitRuns: [Range<Int>], domains: [Int], groups: [Int]) {
        self.unitRuns = unitRuns
        self.domains = domains
        self.groups = groups
    }

    public var unitCount: Int { unitRuns.reduce(0) { $0 + $1.count } }
}

/// Why a request cannot be placed (now or ever).
public enum PlacementRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// The pool is too small for the request even when empty.
    case neverFits(requestedUnits: Int, poolUnits: Int)
    /// A tight group is larger than a domain, so it can never share the fast links.
    case tightGroupExceedsDomain(groupChips: Int, domainChips: Int)
    /// A placement larger than a domain must be whole domains here, and the request is not.
    case notWholeDomains(requestedUnits: Int, unitsPerDomain: Int)
    /// Not enough free capacity in the right shape now; may fit later.
    case noCapacityNow(freeUnits: Int)

    public var isPermanent: Bool {
        if case .noCapacityNow = self { return false }
        return true
    }

    public var description: String {
        switch self {
        case .neverFits(let requested, let pool):
            return "needs \(requested) units but the pool has \(pool)"
        case .tightGroupExceedsDomain(let group, let domain):
            return "a tight group of \(group) chips cannot fit one scale-up domain of \(domain) chips"
        case .notWholeDomains(let requested, let perDomain):
            return "\(requested) units is larger than one domain but not a multiple of its \(perDomain) units"
        case .noCapacityNow(let free):
            return "not enough free capacity in a usable shape (\(free) units free)"
        }
    }
}
