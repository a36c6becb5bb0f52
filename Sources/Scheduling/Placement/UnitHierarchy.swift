/// The shape of a pool as the placer sees it: allocation units grouped into domains, domains
/// grouped into groups.
///
/// One structure serves every platform because each has the same three levels, with names of
/// its own:
///
/// | platform | unit (allocated whole) | domain (fast local links) | group (one placement tier up) |
/// |---|---|---|---|
/// | TPU v4 / v5p / Ironwood | host (4 chips) | 4x4x4 cube (16 hosts) | pod (cubes joined by optical switches) |
/// | TPU v5e / v6e | host (8 chips) | pod (32 hosts, 16x16) | the pool (slices never span pods) |
/// | GPU, HGX | host (8 GPUs, one NVLink domain) | leaf switch | spine block |
/// | GPU, GB200 NVL72 | tray (4 GPUs) | NVL72 rack (18 trays) | leaf switch |
/// | Trainium | instance (16 chips) | UltraServer (4 or 9 instances) | leaf switch |
///
/// Units are numbered domain-major (`domain · unitsPerDomain + slot`), domains group-major, so a
/// unit's chips are `unit · chipsPerUnit ..< (unit + 1) · chipsPerUnit` in the pool's numbering.
public struct UnitHierarchy: Hashable, Sendable {
    public var chipsPerUnit: Int
    public var unitsPerDomain: Int
    public var domainsPerGroup: Int
    public var groups: Int
    /// Whether a placement larger than one domain must consist of whole domains (TPU 3D slices
    /// are cube multiples); otherwise it may take part of a domain.
    public var largePlacementsUseWholeDomains: Bool

    public init(chipsPerUnit: Int, unitsPerDomain: Int, domainsPerGroup: Int, groups: Int,
                largePlacementsUseWholeDomains: Bool = false) {
        precondition(chipsPerUnit > 0 && unitsPerDomain > 0 && domainsPerGroup > 0 && groups > 0,
                     "a unit hierarchy needs positive sizes")
        self.chipsPerUnit = chipsPerUnit
        self.unitsPerDomain = unitsPerDomain
        self.domainsPerGroup = domainsPerGroup
        self.groups = groups
        self.largePlacementsUseWholeDomains = largePlacementsUseWholeDomains
    }

    public var domains: Int { domainsPerGroup * groups }
    public var units: Int { unitsPerDomain * domains }
    public var chips: Int { chipsPerUnit * units }
    public var unitsPerGroup: Int { unitsPerDomain * domainsPerGroup }

    /// The same hierarchy with room for at least `units` units: more domains in the single group,
    /// or more groups (pods) where there are several. Used to size a pool for its largest
    /// capacity over time (deliveries).
    public func growing(toHold units: Int) -> UnitHierarchy {
        guard units > self.units else { return self }
        var grown = self
        if groups == 1 {
            grown.domainsPerGroup = (units + unitsPerDomain - 1) / unitsPerDomain
        } else {
            grown.groups = (units + unitsPerGroup - 1) / unitsPerGroup
        }
        return grown
    }

    @inlinable public func domain(ofUnit unit: Int) -> Int { unit / unitsPerDomain }
    @inlinable public func group(ofDomain domain: Int) -> Int { domain / domainsPerGroup }
    public func chips(ofUnit unit: Int) -> Range<Int> { unit * chipsPerUnit ..< (unit + 1) * chipsPerUnit }
}
