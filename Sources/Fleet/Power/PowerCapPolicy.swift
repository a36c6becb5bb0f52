import SimKernel

/// What a capped power domain does when its work would draw more than the cap.
public enum PowerCapAction: String, Hashable, Sendable, CaseIterable {
    /// Lower the clocks of all running work uniformly so the total fits: performance ∝ f,
    /// dynamic power ∝ f³ (`HostPowerModel.throttled`).
    case throttle
    /// Admit nothing new that would exceed the cap until there is headroom.
    case hold
    /// Stop the lowest-priority running work until the total fits (and hold admissions).
    case preempt
}

/// A time window in which a lower cap applies (a demand-response event, a grid limit that
/// changes by the hour), optionally repeating.
public struct PowerCapWindow: Hashable, Sendable {
    /// Start and end, from the start of the simulation (of each period when repeating).
    public var start: SimDuration
    public var end: SimDuration
    public var limit: Watts
    /// Repeat every `period` (e.g. 24 h for a daily window); nil = once.
    public var period: SimDuration?

    /// - Precondition: start < end, and end ≤ period when repeating.
    public init(start: SimDuration, end: SimDuration, limit: Watts, period: SimDuration? = nil) {
        precondition(start < end, "a cap window ends after it starts")
        precondition(period.map { end <= $0 } ?? true, "a repeating cap window fits in its period")
        self.start = start
        self.end = end
        self.limit = limit
        self.period = period
    }

    /// Whether the window is in force at `time` (start inclusive, end exclusive).
    public func contains(_ time: SimTime) -> Bool {
        var t = time.nanoseconds
        if let period { t %= period.nanoseconds }
        return t >= start.nanoseconds && t < end.nanoseconds
    }

    /// The next start or end of the window after `time`.
    public func nextChange(after time: SimTime) -> SimTime {
        let t = time.nanoseconds
        guard let period else {
            if t < start.nanoseconds { return SimTime(nanoseconds: start.nanoseconds) }
            return SimTime(nanoseconds: t < end.nanoseconds ? end.nanoseconds : Int64.max)
        }
        let base = t / period.nanoseconds * period.nanoseconds
        let offset = t - base
        if offset < start.nanoseconds { return SimTime(nanoseconds: base + start.nanoseconds) }
        if offset < end.nanoseconds { return SimTime(nanoseconds: base + end.nanoseconds) }
        return SimTime(nanoseconds: base + period.nanoseconds + start.nanoseconds)
    }
}

/// A power cap on a domain (a site's facility power, or a pool's IT power), over time, and the
/// action that enforces it.
///
/// The limit at a time is the smallest of the static cap and every window in force; nil when
/// neither applies (the domain is uncapped then).
public struct PowerCapPolicy: Hashable, Sendable {
    public var limit: Watts?
    public var windows: [PowerCapWindow]
    public var action: PowerCapAction
    /// The lowest clock factor throttling may set (0 < f ≤ 1): below it the domain stays over
    /// its cap and the time over is reported. A floor on the solver, not a hardware figure
    /// (real parts have a minimum clock well above zero; the scenario may set the part's own).
    public var minimumClock: Double
    /// Throttle the lowest-priority work first (down to the minimum clock) instead of all work
    /// uniformly.
    public var throttlesByPriority: Bool

    public init(limit: Watts?, windows: [PowerCapWindow] = [], action: PowerCapAction, minimumClock: Double = 0.1,
                throttlesByPriority: Bool = false) {
        self.throttlesByPriority = throttlesByPriority
        precondition(minimumClock > 0 && minimumClock <= 1, "the minimum clock factor is in (0, 1]")
        self.limit = limit
        self.windows = windows
        self.action = action
        self.minimumClock = minimumClock
    }

    /// The cap in force at `time`, or nil when none is. O(windows).
    public func limit(at time: SimTime) -> Watts? {
        windows.filter { $0.contains(time) }.map(\.limit).reduce(limit) { current, w in current.map { min($0, w) } ?? w }
    }

    /// The next time after `time` at which the limit may change, or nil when it never does.
    public func nextChange(after time: SimTime) -> SimTime? {
        windows.map { $0.nextChange(after: time) }.filter { $0.nanoseconds != Int64.max }.min()
    }
}
