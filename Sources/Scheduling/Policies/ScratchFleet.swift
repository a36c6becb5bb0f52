import Fleet

/// A policy's scratch copy of every pool's occupancy, indexed by pool id, on which it plans a
/// round's starts and preemptions in the order it will return them (the simulation repeats the
/// same operations on the real occupancy and gets the same placements).
///
/// An array, not the view's dictionary: a pool's index is copied once, on the first change in a
/// round, and turned-away jobs (most of a long queue) are answered from the free-unit count
/// alone without touching it.
public struct ScratchFleet: Sendable {
    private var pools: [PoolOccupancy?]
    /// Free units and shape per pool, kept beside the occupancies: reading a field of an
    /// optional occupancy in an array copies the whole value (a retain and release per array
    /// inside it), which dominated the scan of a long queue.
    private var free: [Int]
    private let hierarchies: [UnitHierarchy?]

    public init(_ occupancy: [PoolID: PoolOccupancy]) {
        let slots = (occupancy.keys.map(\.rawValue).max() ?? -1) + 1
        var pools = [PoolOccupancy?](repeating: nil, count: slots)
        var free = [Int](repeating: 0, count: slots)
        var hierarchies = [UnitHierarchy?](repeating: nil, count: slots)
        for (id, pool) in occupancy {
            pools[id.rawValue] = pool
            free[id.rawValue] = pool.freeUnits
            hierarchies[id.rawValue] = pool.hierarchy
        }
        self.pools = pools
        self.free = free
        self.hierarchies = hierarchies
    }

    /// The pool's placement shape, or nil when it is not in the fleet.
    public func hierarchy(of pool: PoolID) -> UnitHierarchy? {
        pool.rawValue < hierarchies.count ? hierarchies[pool.rawValue] : nil
    }

    /// Free units of the pool now (0 when it is not in the fleet).
    public func freeUnits(of pool: PoolID) -> Int { pool.rawValue < free.count ? free[pool.rawValue] : 0 }

    /// Units a request takes on `hierarchy`: chips rounded up to units, then to whole tight groups.
    public static func unitsNeeded(_ request: PlacementRequest, on h: UnitHierarchy) -> Int {
        let tight = (request.chipsPerTightGroup + h.chipsPerUnit - 1) / h.chipsPerUnit
        let units = (request.chips + h.chipsPerUnit - 1) / h.chipsPerUnit
        return (units + tight - 1) / tight * tight
    }

    /// Whether `option` has enough free units by count now (necessary, not sufficient: the
    /// shape may still not fit). O(1), no copy: lets a policy skip work for jobs that cannot start.
    public func hasRoomByCount(_ option: PlacementOption) -> Bool {
        guard let hierarchy = hierarchy(of: option.pool) else { return false }
        let free = freeUnits(of: option.pool)
        // A request that can never fit is tried in full, so its refusal (and reason) is found.
        return Self.unitsNeeded(option.request, on: hierarchy) <= free
            || PoolOccupancy.permanentRefusal(of: option.request, on: hierarchy) != nil
    }

    /// What trying one option gives.
    public enum Trial: Sendable {
        case placed(Placement)
        /// No room in a usable shape now; may fit later.
        case noRoomNow
        /// Can never fit (the reason names the pool).
        case never(String)
    }

    /// Places `option` if it fits now (the scratch copy changes only then).
    public mutating func place(_ option: PlacementOption) -> Trial {
        guard let hierarchy = hierarchy(of: option.pool) else { return .never("\(option.pool): not in the fleet") }
        if let refusal = PoolOccupancy.permanentRefusal(of: option.request, on: hierarchy) {
            return .never("\(option.pool): \(refusal)")
        }
        // Most waiting jobs are turned away here, on the count alone, without touching the index.
        if Self.unitsNeeded(option.request, on: hierarchy) > free[option.pool.rawValue] { return .noRoomNow }
        switch pools[option.pool.rawValue]!.place(option.request) {
        case .success(let placement):
            free[option.pool.rawValue] -= placement.unitCount
            return .placed(placement)
        case .failure(let refusal): return refusal.isPermanent ? .never("\(option.pool): \(refusal)") : .noRoomNow
        }
    }

    /// Frees a placement (a running job this round's plan preempts).
    public mutating func release(_ placement: Placement, pool: PoolID) {
        pools[pool.rawValue]!.release(placement)
        free[pool.rawValue] += placement.unitCount
    }

    /// Outcome of trying a job's options in a given order.
    public enum JobTrial: Sendable {
        case started(PlacementOption)
        /// At least one option may fit later.
        case waiting
        /// No option can ever fit; the reasons joined.
        case impossible(String)
    }

    /// Starts `job` on the first of `options` (default: the job's own order) that fits now, if
    /// `admit` allows it.
    public mutating func start(_ job: QueuedJob, options: [PlacementOption]? = nil,
                               admit: (PlacementOption) -> Bool = { _ in true }) -> JobTrial {
        var reasons: [String] = []
        var mayFitLater = false
        for option in options ?? job.options {
            guard admit(option) else { mayFitLater = true; continue }
            switch place(option) {
            case .placed: return .started(option)
            case .noRoomNow: mayFitLater = true
            case .never(let why): reasons.append(why)
            }
        }
        if mayFitLater { return .waiting }
        return .impossible(job.options.isEmpty ? "no pool it may run on" : reasons.joined(separator: "; "))
    }
}
