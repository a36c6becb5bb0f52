import SimKernel

/// When requests arrive. Serialized names (the registry) are `Kind`'s raw values.
public enum ArrivalProcess: Hashable, Sendable {
    /// Exponential inter-arrival times: coefficient of variation 1.
    case poisson(ratePerSecond: Double)
    /// A non-homogeneous Poisson process following a piecewise-constant or diurnal curve.
    case rateCurve(RateCurve)
    /// A renewal process with Gamma inter-arrival times of the given mean rate and coefficient
    /// of variation (CV > 1 is bursty, < 1 is more regular than Poisson).
    case gamma(ratePerSecond: Double, coefficientOfVariation: Double)
    /// A 2-state Markov-modulated Poisson process: bursts at a high rate between calm spells.
    case markovModulated(MarkovModulatedPoisson)

    /// The registry of arrival-process names.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case poisson
        case rateCurve = "rate-curve"
        case gamma
        case markovModulated = "mmpp"

        /// The kind called `name`; the error lists the valid names.
        public static func named(_ name: String) throws(InferenceError) -> Kind {
            guard let kind = Kind(rawValue: name) else {
                throw .unknownName(what: "arrival process", name: name, valid: allCases.map(\.rawValue))
            }
            return kind
        }
    }

    public var kind: Kind {
        switch self {
        case .poisson: return .poisson
        case .rateCurve: return .rateCurve
        case .gamma: return .gamma
        case .markovModulated: return .markovModulated
        }
    }

    /// The long-run mean arrival rate (requests per second).
    public var meanRate: Double {
        switch self {
        case .poisson(let rate), .gamma(let rate, _): return rate
        case .rateCurve(let curve): return curve.meanRate
        case .markovModulated(let m): return m.meanRate
        }
    }

    /// What is wrong with the parameters, or nil when they are valid.
    public var problem: String? {
        switch self {
        case .poisson(let rate):
            return rate.isFinite && rate > 0 ? nil : "poisson rate must be positive (got \(rate))"
        case .rateCurve(let curve):
            return curve.problem
        case .gamma(let rate, let cv):
            guard rate.isFinite, rate > 0 else { return "gamma rate must be positive (got \(rate))" }
            return cv.isFinite && cv > 0 ? nil : "gamma coefficient of variation must be positive (got \(cv))"
        case .markovModulated(let m):
            return m.problem
        }
    }
}

/// Parameters of a 2-state MMPP. The state sojourn times are exponential with the given means.
///
/// With switching rates r_c = 1/calm duration and r_b = 1/burst duration, the stationary share
/// of time in the burst state is r_c/(r_c + r_b), the mean rate
/// λ̄ = (λ_c·r_b + λ_b·r_c)/(r_c + r_b), and the index of dispersion of counts over long windows
/// is 1 + 2(λ_b − λ_c)²·r_c·r_b / ((r_c + r_b)³·λ̄) (Fischer & Meier-Hellstern, "The
/// Markov-modulated Poisson process (MMPP) cookbook", 1993).
public struct MarkovModulatedPoisson: Hashable, Sendable {
    public var calmRatePerSecond: Double
    public var burstRatePerSecond: Double
    public var meanCalmDuration: SimDuration
    public var meanBurstDuration: SimDuration

    public init(calmRatePerSecond: Double, burstRatePerSecond: Double,
                meanCalmDuration: SimDuration, meanBurstDuration: SimDuration) {
        self.calmRatePerSecond = calmRatePerSecond
        self.burstRatePerSecond = burstRatePerSecond
        self.meanCalmDuration = meanCalmDuration
        self.meanBurstDuration = meanBurstDuration
    }

    /// Share of time spent bursting.
    public var burstShare: Double {
        meanBurstDuration.seconds / (meanCalmDuration.seconds + meanBurstDuration.seconds)
    }

    public var meanRate: Double {
        calmRatePerSecond * (1 - burstShare) + burstRatePerSecond * burstShare
    }

    /// Limit of Var[N(t)] / E[N(t)] as t grows (1 for Poisson).
    public var asymptoticDispersion: Double {
        let rc = 1 / meanCalmDuration.seconds, rb = 1 / meanBurstDuration.seconds
        let d = burstRatePerSecond - calmRatePerSecond
        return 1 + 2 * d * d * rc * rb / ((rc + rb) * (rc + rb) * (rc + rb) * meanRate)
    }

    public var problem: String? {
        guard calmRatePerSecond.isFinite, burstRatePerSecond.isFinite, calmRatePerSecond >= 0, burstRatePerSecond >= 0,
              calmRatePerSecond + burstRatePerSecond > 0 else {
            return "mmpp rates must be ≥ 0 and not both zero (got \(calmRatePerSecond), \(burstRatePerSecond))"
        }
        guard meanCalmDuration > .zero, meanBurstDuration > .zero else { return "mmpp state durations must be positive" }
        return nil
    }
}
