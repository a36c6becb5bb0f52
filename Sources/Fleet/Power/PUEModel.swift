import SimKernel

/// Power usage effectiveness: facility power / IT power, constant, a curve against IT load, or
/// a curve against outdoor temperature.
///
/// A curve is a list of points, linearly interpolated and held flat beyond the first and last
/// point. PUE typically falls as load rises (cooling and distribution have a fixed part) and
/// rises with outdoor temperature (chillers work harder, free cooling stops).
public enum PUEModel: Hashable, Sendable {
    case constant(Double)
    /// Points sorted by IT load (the initializer sorts them).
    case curve([Point])
    /// PUE against outdoor temperature (points sorted by °C), and the site's hourly outdoor
    /// temperature in °C.
    case outdoorTemperature([TemperaturePoint], temperature: HourlySeries<Double>)

    public struct TemperaturePoint: Hashable, Sendable {
        public var celsius: Double
        public var pue: Double
        public init(celsius: Double, pue: Double) {
            precondition(pue >= 1, "PUE is at least 1 (got \(pue))")
            self.celsius = celsius
            self.pue = pue
        }
    }

    /// A temperature curve through `points` in any order. - Precondition: at least one point.
    public static func outdoorTemperature(points: [TemperaturePoint], temperature: HourlySeries<Double>) -> PUEModel {
        precondition(!points.isEmpty, "a PUE curve needs at least one point")
        return .outdoorTemperature(points.sorted { $0.celsius < $1.celsius }, temperature: temperature)
    }

    public struct Point: Hashable, Sendable {
        public var itLoad: Watts
        public var pue: Double
        public init(itLoad: Watts, pue: Double) {
            precondition(pue >= 1, "PUE is at least 1 (got \(pue))")
            self.itLoad = itLoad
            self.pue = pue
        }
    }

    /// A curve through `points` in any order. - Precondition: at least one point.
    public static func curve(points: [Point]) -> PUEModel {
        precondition(!points.isEmpty, "a PUE curve needs at least one point")
        return .curve(points.sorted { $0.itLoad < $1.itLoad })
    }

    /// PUE at IT load `load` at `time`. O(points).
    public func pue(atITLoad load: Watts, at time: SimTime) -> Double {
        switch self {
        case .constant(let p): return p
        case .curve(let points):
            return Self.interpolate(points.map { ($0.itLoad.value, $0.pue) }, at: load.value)
        case .outdoorTemperature(let points, let temperature):
            return Self.interpolate(points.map { ($0.celsius, $0.pue) }, at: temperature.value(at: time))
        }
    }

    /// PUE at IT load `load` on the design day: for a temperature curve, the highest PUE the
    /// site's temperature series reaches (what sizing a grid connection must assume). O(points + hours).
    public func pue(atITLoad load: Watts) -> Double {
        switch self {
        case .constant, .curve:
            return pue(atITLoad: load, at: .zero)
        case .outdoorTemperature(let points, let temperature):
            let temperatures: [Double]
            switch temperature {
            case .constant(let t): temperatures = [t]
            case .hourly(let values): temperatures = values
            }
            let curve = points.map { ($0.celsius, $0.pue) }
            return temperatures.map { Self.interpolate(curve, at: $0) }.max() ?? 1
        }
    }

    /// The next time after `time` at which PUE may change for a fixed load (an hour boundary
    /// of the temperature series), or nil when it depends on load only.
    public func nextChange(after time: SimTime) -> SimTime? {
        if case .outdoorTemperature(_, let temperature) = self { return temperature.nextChange(after: time) }
        return nil
    }

    /// Facility power drawn for IT load `load` on the design day: load × PUE(load).
    public func facilityPower(itLoad load: Watts) -> Watts { load * pue(atITLoad: load) }

    /// Facility power drawn for IT load `load` at `time`.
    public func facilityPower(itLoad load: Watts, at time: SimTime) -> Watts { load * pue(atITLoad: load, at: time) }

    /// Linear interpolation through sorted (x, y) points, flat outside them.
    private static func interpolate(_ points: [(x: Double, y: Double)], at x: Double) -> Double {
        guard let first = points.first, let last = points.last else { return 1 }
        if x <= first.x { return first.y }
        if x >= last.x { return last.y }
        for (a, b) in zip(points, points.dropFirst()) where x <= b.x {
            return a.y + (x - a.x) / (b.x - a.x) * (b.y - a.y)
        }
        return last.y
    }
}
