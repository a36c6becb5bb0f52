import SimKernel

/// One end of a link: a contiguous range of global chip indices (a chip, a host, a scale-up
/// domain) or a switch tier of a pool's fabric.
public enum LinkEndpoint: Hashable, Sendable {
    case chips(Range<Int>)
    case switchTier(pool: PoolID, tier: Int)
}

/// A network link, or an aggregate of identical parallel links, with its capacity and latency.
///
/// Links are first-class so collectives can be routed over them and share them through the
/// kernel's max-min fair-share solver. Enumerating every physical link of a million-chip fleet
/// would cost millions of entries for no modelling gain, so a `Link` may stand for
/// `multiplicity` identical links between the same two groups (e.g. all ICI links of one pod, or
/// all leaf-to-spine uplinks of one fabric): its shareable capacity is `aggregateCapacity`.
public struct Link: Hashable, Sendable {
    public var id: LinkID
    public var level: LinkLevel
    /// Capacity of one physical link in each direction (links are full duplex).
    public var capacity: BytesPerSecond
    public var latency: SimDuration
    /// Physical links this entry stands for (1 when enumerated individually).
    public var multiplicity: Int
    public var from: LinkEndpoint
    public var to: LinkEndpoint

    public init(id: LinkID, level: LinkLevel, capacity: BytesPerSecond, latency: SimDuration,
                multiplicity: Int = 1, from: LinkEndpoint, to: LinkEndpoint) {
        precondition(multiplicity >= 1, "a link stands for at least one physical link")
        self.id = id
        self.level = level
        self.capacity = capacity
        self.latency = latency
        self.multiplicity = multiplicity
        self.from = from
        self.to = to
    }

    /// Capacity of all `multiplicity` links together, per direction.
    public var aggregateCapacity: BytesPerSecond { capacity.times(multiplicity) }
}
