import Foundation
import ScenarioFormat
import SimKernel

/// What part of a run `trace.json` holds: a time window and some pools (both optional), so a long
/// run's trace stays small enough for Perfetto to open and shows what one is looking at.
///
/// Spans are cut at the window's edges, instants and counter samples outside it are left out,
/// and each counter starts at the window with the value it held there. Pools not selected get no
/// process, their jobs no track; sites appear when they hold a selected pool.
public struct TraceSelection: Sendable, Equatable {
    /// Simulated times from `window.lowerBound` to `window.upperBound`; nil for the whole run.
    public var window: ClosedRange<SimTime>?
    /// Pool names; nil for every pool.
    public var pools: Set<String>?

    public init(window: ClosedRange<SimTime>? = nil, pools: Set<String>? = nil) {
        self.window = window
        self.pools = pools
    }

    /// The whole run, every pool.
    public static let everything = TraceSelection()

    /// Reads `START..END` (durations from the start of the run, e.g. `2d..5d`, `90 min..3 h`;
    /// either side may be left out for the start or the end of the run).
    /// - Returns: the window, or a message saying what is wrong.
    public static func window(_ text: String, horizon: SimDuration) -> Result<ClosedRange<SimTime>, TraceSelectionError> {
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2 else {
            return .failure(TraceSelectionError("--trace-window expects START..END, two durations such as 2d..5d, got '\(text)'"))
        }
        func bound(_ part: String, name: String, otherwise: SimDuration) -> Result<SimDuration, TraceSelectionError> {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return .success(otherwise) }
            return QuantityParser.duration(trimmed, bound: .nonNegative).mapError { TraceSelectionError("--trace-window \(name): \($0)") }
        }
        let start: SimDuration, end: SimDuration
        switch bound(parts[0], name: "start", otherwise: .zero) {
        case .success(let value): start = value
        case .failure(let error): return .failure(error)
        }
        switch bound(parts[1], name: "end", otherwise: horizon) {
        case .success(let value): end = value
        case .failure(let error): return .failure(error)
        }
        guard start < end else {
            return .failure(TraceSelectionError("--trace-window: the end (\(end)) must come after the start (\(start))"))
        }
        guard start < horizon else {
            return .failure(TraceSelectionError("--trace-window starts at \(start), at or after the end of the run (\(horizon))"))
        }
        return .success((SimTime.zero + start)...(SimTime.zero + min(end, horizon)))
    }

    /// Reads a comma-separated list of pool names, each of which must be one of `known`.
    public static func pools(_ text: String, known: [String]) -> Result<Set<String>, TraceSelectionError> {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if names.contains(where: \.isEmpty) {
            return .failure(TraceSelectionError("--trace-pools expects pool names separated by commas, got '\(text)'"))
        }
        for name in names where !known.contains(name) {
            return .failure(TraceSelectionError("--trace-pools: the scenario has no pool '\(name)'; its pools: \(known.joined(separator: ", "))"))
        }
        return .success(Set(names))
    }

    func includes(pool: String) -> Bool { pools?.contains(pool) ?? true }

    func includes(_ time: SimTime) -> Bool { window?.contains(time) ?? true }

    /// `start...end` cut to the window; nil when they do not overlap.
    func clip(_ start: SimTime, _ end: SimTime) -> (SimTime, SimTime)? {
        guard let window else { return (start, end) }
        let from = max(start, window.lowerBound), to = min(end, window.upperBound)
        // A zero-length span inside the window (an instant job) is kept; one that only touches an edge is not.
        guard from < to || (start == end && window.contains(start)) else { return nil }
        return (from, to)
    }
}

/// A bad `--trace-window` or `--trace-pools` value.
public struct TraceSelectionError: Error, Equatable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
