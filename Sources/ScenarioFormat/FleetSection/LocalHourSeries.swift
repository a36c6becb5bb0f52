import Fleet
import Foundation
import SimKernel

/// Turns a 24-value series indexed by the site's local hour of day into the simulation's
/// hourly series, through the site's time zone (Foundation `TimeZone`, so daylight-saving
/// changes apply: on a spring-forward day one local hour never occurs, on a fall-back day one
/// occurs twice).
///
/// Simulation hour h starts at `start` + h hours (UTC); it uses the value of the local hour of
/// day in force then. The result covers the horizon (it repeats after it, which no lookup
/// reaches). Zones whose offset is not a whole number of hours (e.g. Asia/Kolkata, +5:30)
/// would split a simulation hour across two local hours, which an hourly series cannot hold:
/// they are rejected.
enum LocalHourSeries {
    enum Problem: Error, Equatable {
        case notWholeHourOffset(seconds: Int, at: Date)
    }

    static func convert<Value>(_ byLocalHour: [Value], start: Date, horizon: SimDuration,
                               timeZone: TimeZone) throws(Problem) -> HourlySeries<Value> {
        precondition(byLocalHour.count == 24, "a local-hour series has 24 values")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let hours = Int((horizon.nanoseconds + 3_600 * SimDuration.nanosecondsPerSecond - 1)
                        / (3_600 * SimDuration.nanosecondsPerSecond))
        var values: [Value] = []
        values.reserveCapacity(max(1, hours))
        for h in 0..<max(1, hours) {
            let instant = start.addingTimeInterval(Double(h) * 3_600)
            let offset = timeZone.secondsFromGMT(for: instant)
            guard offset % 3_600 == 0 else { throw .notWholeHourOffset(seconds: offset, at: instant) }
            values.append(byLocalHour[calendar.component(.hour, from: instant)])
        }
        return values.count == 1 ? .constant(values[0]) : .hourly(values)
    }

    /// `2026-03-08T00:00:00Z`: an ISO 8601 instant with its offset.
    static let startReader = ValueReader<String>.string.checked("an ISO 8601 instant such as \"2026-03-08T00:00:00Z\"") {
        (try? Date($0, strategy: .iso8601)) != nil
    }.map { try! Date($0, strategy: .iso8601) }
}

extension FleetReading {
    /// `series` (read as 24 values by local hour) converted to simulation hours in `zone`;
    /// a constant is left alone. Reports and returns nil when it cannot be converted.
    func localHours<Value>(_ series: HourlySeries<Value>, key: String, in site: ObjectReader, zone: String) -> HourlySeries<Value>? {
        guard case .hourly(let values) = series else { return series }
        let context = site.context.appending(key)
        guard values.count == 24 else {
            error("with series_hours: \"local\", an hourly series has 24 values, one per local hour from midnight (got \(values.count))",
                  at: node(key, in: site), in: context)
            return nil
        }
        guard let start, let horizon else {
            error("series_hours: \"local\" needs the scenario's start (e.g. start: \"2026-03-08T00:00:00Z\") to place local hours",
                  at: node("series_hours", in: site), in: site.context.appending("series_hours"))
            return nil
        }
        do {
            return try LocalHourSeries.convert(values, start: start, horizon: horizon, timeZone: TimeZone(identifier: zone)!)
        } catch {
            guard case .notWholeHourOffset(let seconds, let instant) = error else { return nil }
            self.error("time zone \(zone) is \(seconds / 60) min from UTC at \(instant.formatted(.iso8601)): local hours do not align with simulation hours; give the series by simulation hour instead",
                       at: node("time_zone", in: site), in: site.context.appending("time_zone"))
            return nil
        }
    }
}
