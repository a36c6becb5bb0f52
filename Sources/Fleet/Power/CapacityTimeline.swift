import SimKernel

/// A dated change to a pool's hardware.
public struct CapacityEvent: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// New chips installed and in service.
        case delivery
        /// In-service chips removed for good.
        case retirement
        /// In-service chips taken out of service (still installed).
        case outage
        /// Chips back in service after an outage.
        case restore
    }

    public var time: SimTime
    public var kind: Kind
    public var chips: Int

    public init(_ kind: Kind, chips: Int, at time: SimTime) {
        precondition(chips >= 0, "a capacity event moves a non-negative number of chips (got \(chips))")
        self.time = time
        self.kind = kind
        self.chips = chips
    }
}

/// A pool's installed and available chips over time, built from events given in any order.
///
/// Events are applied in time order; events at the same time keep the order they were given
/// (a stable sort), and the change point for that time is the state after all of them.
/// Available = installed − out of service. Lookups are O(log change points).
public struct CapacityTimeline: Hashable, Sendable {
    /// The state from `time` until the next change point.
    public struct ChangePoint: Hashable, Sendable {
        public var time: SimTime
        public var installed: Int
        public var available: Int
    }

    public var initialChips: Int
    /// The events in application order.
    public private(set) var events: [CapacityEvent]
    /// One entry per distinct event time, in time order; the first is `SimTime.zero` with the
    /// initial state unless an event happens at time zero.
    public private(set) var changePoints: [ChangePoint]

    /// A constant capacity of `initialChips`.
    public init(initialChips: Int) {
        precondition(initialChips >= 0, "initial chips cannot be negative")
        self.initialChips = initialChips
        self.events = []
        self.changePoints = [ChangePoint(time: .zero, installed: initialChips, available: initialChips)]
    }

    /// Applies `events` in time order (stable for equal times).
    /// - Throws: `CapacityTimelineError` naming the first event that would make a count negative.
    public init(initialChips: Int, events: [CapacityEvent]) throws(CapacityTimelineError) {
        self.init(initialChips: initialChips)
        let ordered = events.enumerated()
            .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
        var installed = initialChips
        var out = 0
        var points: [ChangePoint] = [ChangePoint(time: .zero, installed: installed, available: installed)]
        for event in ordered {
            precondition(event.time >= .zero, "capacity event before the start: \(event.time)")
            switch event.kind {
            case .delivery:
                installed += event.chips
            case .retirement:
                guard event.chips <= installed - out else { throw .insufficient(event, available: installed - out) }
                installed -= event.chips
            case .outage:
                guard event.chips <= installed - out else { throw .insufficient(event, available: installed - out) }
                out += event.chips
            case .restore:
                guard event.chips <= out else { throw .insufficient(event, available: out) }
                out -= event.chips
            }
            let point = ChangePoint(time: event.time, installed: installed, available: installed - out)
            if points.last!.time == event.time { points[points.count - 1] = point } else { points.append(point) }
        }
        self.events = ordered
        self.changePoints = points
    }

    /// The change point in force at `time` (events at exactly `time` included). O(log n).
    public func state(at time: SimTime) -> ChangePoint {
        var lo = 0, hi = changePoints.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if changePoints[mid].time <= time { lo = mid } else { hi = mid - 1 }
        }
        return changePoints[lo]
    }

    /// Chips in service at `time`.
    public func capacity(at time: SimTime) -> Int { state(at: time).available }
    /// Chips installed (in service or not) at `time`.
    public func installed(at time: SimTime) -> Int { state(at: time).installed }
}

/// A capacity event that asks for more chips than there are.
public enum CapacityTimelineError: Error, Hashable, Sendable, CustomStringConvertible {
    case insufficient(CapacityEvent, available: Int)

    public var description: String {
        switch self {
        case .insufficient(let e, let available):
            return "\(e.kind.rawValue) of \(e.chips) chips at \(e.time): only \(available) chips can take part"
        }
    }
}
