/// A span of simulated time in integer nanoseconds.
///
/// Simulated time is an integer so that event order never depends on floating-point rounding
/// and a run is reproducible bit for bit. Int64 nanoseconds cover ±292 years, far beyond any
/// horizon a fleet study needs; arithmetic traps on overflow rather than wrapping.
public struct SimDuration: Hashable, Comparable, Sendable {
    /// The span in nanoseconds; negative spans are allowed (a difference of two times).
    public var nanoseconds: Int64

    @inlinable
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    // Computed rather than stored: a stored static is reached through a lazy-initialisation
    // check on every use from another module, which the event loop would pay per event.
    @inlinable public static var zero: SimDuration { SimDuration(nanoseconds: 0) }
    @inlinable public static var nanosecondsPerSecond: Int64 { 1_000_000_000 }

    @inlinable public static func nanoseconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n) }
    @inlinable public static func microseconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: checkedMultiply(n, 1_000)) }
    @inlinable public static func milliseconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: checkedMultiply(n, 1_000_000)) }
    @inlinable public static func seconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: checkedMultiply(n, nanosecondsPerSecond)) }
    @inlinable public static func minutes(_ n: Int64) -> SimDuration { .seconds(checkedMultiply(n, 60)) }
    @inlinable public static func hours(_ n: Int64) -> SimDuration { .seconds(checkedMultiply(n, 3_600)) }
    @inlinable public static func days(_ n: Int64) -> SimDuration { .seconds(checkedMultiply(n, 86_400)) }

    /// The span closest to `seconds`, rounded **up** to the next nanosecond.
    ///
    /// Work is continuous (FLOPs, bytes, tokens) but time is discrete; rounding up guarantees a
    /// completion event never fires before the work it stands for is done.
    /// - Precondition: `seconds` is finite and within ±292 years.
    @inlinable
    public init(secondsRoundingUp seconds: Double) {
        let ns = (seconds * 1e9).rounded(.up)
        precondition(ns.isFinite && abs(ns) < 9.2e18, "duration of \(seconds) s is outside ±292 years")
        self.init(nanoseconds: Int64(ns))
    }

    /// The span closest to `seconds`, rounded to the nearest nanosecond.
    /// - Precondition: `seconds` is finite and within ±292 years.
    @inlinable
    public init(seconds: Double) {
        let ns = (seconds * 1e9).rounded(.toNearestOrEven)
        precondition(ns.isFinite && abs(ns) < 9.2e18, "duration of \(seconds) s is outside ±292 years")
        self.init(nanoseconds: Int64(ns))
    }

    /// Whether `seconds` converts to a duration (finite and within ±292 years).
    public static func isRepresentable(seconds: Double) -> Bool {
        let ns = seconds * 1e9
        return ns.isFinite && abs(ns) < 9.2e18
    }

    /// The span in seconds as a Double (for rates and reporting, never for ordering).
    @inlinable public var seconds: Double { Double(nanoseconds) / 1e9 }

    @inlinable public static func < (a: SimDuration, b: SimDuration) -> Bool { a.nanoseconds < b.nanoseconds }
    @inlinable public static func + (a: SimDuration, b: SimDuration) -> SimDuration { SimDuration(nanoseconds: checkedAdd(a.nanoseconds, b.nanoseconds)) }
    @inlinable public static func - (a: SimDuration, b: SimDuration) -> SimDuration { SimDuration(nanoseconds: checkedSubtract(a.nanoseconds, b.nanoseconds)) }
    @inlinable public static func * (a: SimDuration, k: Int64) -> SimDuration { SimDuration(nanoseconds: checkedMultiply(a.nanoseconds, k)) }
    @inlinable public static prefix func - (a: SimDuration) -> SimDuration { SimDuration(nanoseconds: checkedSubtract(0, a.nanoseconds)) }
    @inlinable public static func += (a: inout SimDuration, b: SimDuration) { a = a + b }
    @inlinable public static func -= (a: inout SimDuration, b: SimDuration) { a = a - b }
}

/// A point in simulated time: nanoseconds since the start of the simulation.
///
/// Kept distinct from `SimDuration` (as NIO keeps `NIODeadline` from `TimeAmount`) so that adding
/// two points, a meaningless operation, does not compile.
public struct SimTime: Hashable, Comparable, Sendable {
    /// Nanoseconds since the simulation started.
    public var nanoseconds: Int64

    @inlinable
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The instant the simulation starts.
    @inlinable public static var zero: SimTime { SimTime(nanoseconds: 0) }
    /// A time later than any event: used as "no limit".
    @inlinable public static var distantFuture: SimTime { SimTime(nanoseconds: .max) }

    /// Seconds since the start, as a Double (for rates and reporting, never for ordering).
    @inlinable public var seconds: Double { Double(nanoseconds) / 1e9 }

    @inlinable public static func < (a: SimTime, b: SimTime) -> Bool { a.nanoseconds < b.nanoseconds }
    @inlinable public static func + (t: SimTime, d: SimDuration) -> SimTime { SimTime(nanoseconds: checkedAdd(t.nanoseconds, d.nanoseconds)) }
    @inlinable public static func - (t: SimTime, d: SimDuration) -> SimTime { SimTime(nanoseconds: checkedSubtract(t.nanoseconds, d.nanoseconds)) }
    @inlinable public static func - (a: SimTime, b: SimTime) -> SimDuration { SimDuration(nanoseconds: checkedSubtract(a.nanoseconds, b.nanoseconds)) }
    @inlinable public static func += (t: inout SimTime, d: SimDuration) { t = t + d }
}

@usableFromInline
func checkedAdd(_ a: Int64, _ b: Int64) -> Int64 {
    let (r, overflow) = a.addingReportingOverflow(b)
    precondition(!overflow, "simulated time overflow: \(a) ns + \(b) ns exceeds ±292 years")
    return r
}

@usableFromInline
func checkedSubtract(_ a: Int64, _ b: Int64) -> Int64 {
    let (r, overflow) = a.subtractingReportingOverflow(b)
    precondition(!overflow, "simulated time overflow: \(a) ns - \(b) ns exceeds ±292 years")
    return r
}

@usableFromInline
func checkedMultiply(_ a: Int64, _ b: Int64) -> Int64 {
    let (r, overflow) = a.multipliedReportingOverflow(by: b)
    precondition(!overflow, "simulated time overflow: \(a) × \(b) ns exceeds ±292 years")
    return r
}

extension SimDuration: CustomStringConvertible {
    /// `3d 04:05:06.000000007`: days (omitted when zero), then hh:mm:ss and nine fractional digits
    /// (omitted when the span is whole seconds). Negative spans carry a leading minus.
    public var description: String { formatNanoseconds(nanoseconds) }
}

extension SimTime: CustomStringConvertible {
    /// The elapsed time since the start, in the same form as `SimDuration`: `3d 04:05:06.000000007`.
    public var description: String { formatNanoseconds(nanoseconds) }
}

func formatNanoseconds(_ value: Int64) -> String {
    // Work in UInt64 magnitude so Int64.min formats instead of trapping.
    let negative = value < 0
    let magnitude = value.magnitude
    let fraction = magnitude % 1_000_000_000
    var secondsTotal = magnitude / 1_000_000_000
    let seconds = secondsTotal % 60; secondsTotal /= 60
    let minutes = secondsTotal % 60; secondsTotal /= 60
    let hours = secondsTotal % 24
    let days = secondsTotal / 24

    var out = negative ? "-" : ""
    if days > 0 { out += "\(days)d " }
    out += pad(hours, 2) + ":" + pad(minutes, 2) + ":" + pad(seconds, 2)
    if fraction != 0 { out += "." + pad(fraction, 9) }
    return out
}

private func pad(_ n: UInt64, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
