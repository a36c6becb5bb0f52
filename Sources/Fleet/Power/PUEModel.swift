/// Power usage effectiveness: facility power / IT power, constant or a curve against IT load.
///
/// A curve is a list of (IT load, PUE) points, linearly interpolated and held flat beyond the
/// first and last point; PUE typically falls as load rises because cooling and distribution
/// have a fixed part.
public enum PUEModel: Hashable, Sendable {
    case constant(Double)
    /// Points sorted by IT load (the initializer sorts them).
    case curve([Point])

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

    /// PUE at IT load `load`. O(points).
    public func pue(atITLoad load: Watts) -> Double {
        switch self {
        case .constant(let p): return p
        case .curve(let points):
            guard let first = points.first, let last = points.last else { return 1 }
            if load <= first.itLoad { return first.pue }
            if load >= last.itLoad { return last.pue }
            for (a, b) in zip(points, points.dropFirst()) where load <= b.itLoad {
                let t = (load - a.itLoad) / (b.itLoad - a.itLoad)
                return a.pue + t * (b.pue - a.pue)
            }
            return last.pue
        }
    }

    /// Facility power drawn for IT load `load`: load × PUE(load).
    public func facilityPower(itLoad load: Watts) -> Watts { load * pue(atITLoad: load) }
}
