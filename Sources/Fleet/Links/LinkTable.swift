import SimKernel

/// All links of a fleet in struct-of-arrays form, indexed by `LinkID`.
///
/// Columns instead of an array of `Link` so a solver can scan capacities contiguously; a `Link`
/// value is assembled on demand by the subscript. Appending is amortised O(1).
public struct LinkTable: Sendable {
    public private(set) var levels: [LinkLevel] = []
    /// Per-direction capacity of one physical link, in B/s.
    public private(set) var capacities: [Double] = []
    public private(set) var latencies: [SimDuration] = []
    public private(set) var multiplicities: [Int] = []
    public private(set) var froms: [LinkEndpoint] = []
    public private(set) var tos: [LinkEndpoint] = []

    public init() {}

    public var count: Int { levels.count }

    /// Appends a link and returns its id (the next index).
    @discardableResult
    public mutating func append(level: LinkLevel, capacity: BytesPerSecond, latency: SimDuration? = nil,
                                multiplicity: Int = 1, from: LinkEndpoint, to: LinkEndpoint) -> LinkID {
        precondition(multiplicity >= 1, "a link stands for at least one physical link")
        precondition(count < Int(Int32.max), "link table full")
        let id = LinkID(Int32(count))
        levels.append(level)
        capacities.append(capacity.value)
        latencies.append(latency ?? level.defaultLatency)
        multiplicities.append(multiplicity)
        froms.append(from)
        tos.append(to)
        return id
    }

    public subscript(id: LinkID) -> Link {
        let i = Int(id.rawValue)
        return Link(id: id, level: levels[i], capacity: BytesPerSecond(capacities[i]), latency: latencies[i],
                    multiplicity: multiplicities[i], from: froms[i], to: tos[i])
    }

    /// Physical links represented, by level (sum of multiplicities). O(count).
    public func physicalLinkCount(_ level: LinkLevel) -> Int {
        var total = 0
        for i in 0..<count where levels[i] == level { total += multiplicities[i] }
        return total
    }
}
