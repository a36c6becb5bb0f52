import SimKernel

/// A value that is constant, or varies by hour of the simulation (electricity price, grid carbon).
///
/// An hourly series repeats: hour h of the simulation uses `values[h % values.count]`, so 24
/// values describe a typical day and 8,760 a year. Hour 0 starts at `SimTime.zero`; a site whose
/// series are given by local hour (`series_hours: "local"`) has them converted to simulation
/// hours through its time zone when the scenario is read.
public enum HourlySeries<Value: Hashable & Sendable>: Hashable, Sendable {
    case constant(Value)
    case hourly([Value])

    /// The value in force at `time`. O(1).
    /// - Precondition: an hourly series is not empty; `time` is not negative.
    public func value(at time: SimTime) -> Value {
        switch self {
        case .constant(let v): return v
        case .hourly(let values):
            precondition(!values.isEmpty, "an hourly series needs at least one value")
            precondition(time.nanoseconds >= 0, "series looked up before the start: \(time)")
            let hour = Int(time.nanoseconds / (3_600 * SimDuration.nanosecondsPerSecond))
            return values[hour % values.count]
        }
    }

    /// The next time after `time` at which the value may change (the next hour boundary), or
    /// nil for a constant: lets the simulation schedule exact price/carbon changes.
    public func nextChange(after time: SimTime) -> SimTime? {
        guard case .hourly(let values) = self, values.count > 1 else { return nil }
        let hourNs = 3_600 * SimDuration.nanosecondsPerSecond
        return SimTime(nanoseconds: (time.nanoseconds / hourNs + 1) * hourNs)
    }
}
