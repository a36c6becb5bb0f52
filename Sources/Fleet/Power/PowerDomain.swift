/// A level of the power-delivery tree, from one chip up to the site.
public enum PowerDomainLevel: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case chip, host, rack, pool, site

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: PowerDomainLevel, b: PowerDomainLevel) -> Bool { a.rank < b.rank }
}

/// A node of the power-domain tree: its own load, an optional cap, and groups of identical
/// children.
///
/// Identical children are stored once with a count (`PowerDomain.Group`), so a pool of 400,000
/// chips is a handful of nodes (pool → racks × n → hosts × 16 → chips × 4), never one node per
/// chip. Sums are therefore O(distinct nodes), not O(chips).
public struct PowerDomain: Hashable, Sendable {
    /// `count` identical copies of `domain`.
    public struct Group: Hashable, Sendable {
        public var count: Int
        public var domain: PowerDomain
        public init(count: Int, domain: PowerDomain) {
            precondition(count >= 0, "a group count cannot be negative")
            self.count = count
            self.domain = domain
        }
    }

    public var level: PowerDomainLevel
    public var name: String
    /// The most this domain may draw, whatever its hardware could; nil = uncapped.
    public var cap: Watts?
    /// Maximum draw of this node itself, outside its children: a chip's peak, a host's overhead.
    public var ownPeak: Watts
    public var children: [Group]

    public init(level: PowerDomainLevel, name: String, cap: Watts? = nil, ownPeak: Watts = .zero, children: [Group] = []) {
        for child in children {
            precondition(child.domain.level < level, "a \(level) cannot contain a \(child.domain.level)")
        }
        self.level = level
        self.name = name
        self.cap = cap
        self.ownPeak = ownPeak
        self.children = children
    }

    /// The hardware maximum of the subtree: own peak plus every child's, ignoring caps.
    /// O(distinct nodes in the subtree).
    public var hardwareMaximum: Watts {
        children.reduce(ownPeak) { $0 + $1.domain.hardwareMaximum.times($1.count) }
    }

    /// The most the subtree can draw once caps apply: at each node, min(cap, own + Σ children's
    /// capped maxima).
    public var cappedMaximum: Watts {
        let sum = children.reduce(ownPeak) { $0 + $1.domain.cappedMaximum.times($1.count) }
        return cap.map { min($0, sum) } ?? sum
    }

    /// Leaf nodes at `level` in the subtree (e.g. chips), counting multiplicities.
    public func count(of level: PowerDomainLevel) -> Int {
        if self.level == level { return 1 }
        return children.reduce(0) { $0 + $1.count * $1.domain.count(of: level) }
    }
}
