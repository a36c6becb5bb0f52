import Fleet
import SimKernel

/// What a cap limits: a site's facility power, or a pool's IT power.
enum CapDomain: Equatable {
    case site(Int)
    case pool(Int)
}

/// One capped domain's enforcement state and its account: what the cap did and what it cost.
///
/// Rates (power avoided, chips delayed, at-cap and over-cap flags) are piecewise constant
/// between enforcement points, which happen at the end of every instant, so the integrals are
/// exact like the site meter's.
struct PowerCapState {
    let domain: CapDomain
    let policy: PowerCapPolicy
    /// The clock factor throttling holds the domain's running work at (at most: a tighter
    /// cap on another domain may hold a job lower).
    var clock = 1.0
    var lowestClock = 1.0
    /// Jobs the cap keeps waiting (refused at admission, or preempted and not restarted), with
    /// the pool they were refused on.
    var blocked: [Int: Int] = [:]
    var preemptions = 0
    /// The last state reported (`PowerCapSample`), to report changes only.
    var lastReported: (limit: Double?, clock: Double, waiting: Int)?
    var lostChipSeconds = 0.0

    private var lastUpdate = SimTime.zero
    private var avoidedWatts = 0.0
    private var delayedChips = 0.0
    private var isAtCap = false
    private var isOverCap = false
    private(set) var timeAtCap = 0.0
    private(set) var timeOverCap = 0.0
    private(set) var energyAvoided = 0.0
    private(set) var delayedChipSeconds = 0.0

    init(domain: CapDomain, policy: PowerCapPolicy) {
        self.domain = domain
        self.policy = policy
    }

    /// Adds the time since the last update at the rates then in force.
    mutating func integrate(to time: SimTime) {
        let dt = (time - lastUpdate).seconds
        guard dt > 0 else { return }
        if isAtCap { timeAtCap += dt }
        if isOverCap { timeOverCap += dt }
        energyAvoided += avoidedWatts * dt
        delayedChipSeconds += delayedChips * dt
        lastUpdate = time
    }

    /// Sets the rates in force from `time` on. - Precondition: `integrate(to: time)` came first.
    mutating func set(avoided: Double, delayedChips chips: Double, atCap: Bool, overCap: Bool, at time: SimTime) {
        lastUpdate = time
        avoidedWatts = avoided
        delayedChips = chips
        isAtCap = atCap
        isOverCap = overCap
    }

    func report(name: String) -> PowerCapReport {
        PowerCapReport(domain: name, action: policy.action.rawValue, timeAtCapSeconds: timeAtCap,
                       timeOverCapSeconds: timeOverCap, energyAvoided: Joules(energyAvoided),
                       delayedChipHours: delayedChipSeconds / 3_600, lostChipHours: lostChipSeconds / 3_600,
                       preemptions: preemptions, lowestClock: lowestClock)
    }
}

/// What a power cap did over a run, for one capped domain.
public struct PowerCapReport: Sendable, Equatable {
    /// The capped domain: a site's name, or "pool NAME".
    public var domain: String
    /// "throttle", "hold" or "preempt".
    public var action: String
    /// Time during which the cap changed the outcome: clocks below nominal, or work waiting.
    public var timeAtCapSeconds: Double
    /// Time during which the domain drew more than its cap (nothing left to throttle, hold or
    /// stop: idle power alone above the cap, a hold with running work above a lowered cap, the
    /// clock at its floor).
    public var timeOverCapSeconds: Double
    /// Facility energy not drawn while the cap held: ∫ (uncapped demand − actual) dt, where
    /// the demand counts throttled work at full clock and waiting work as if running. Delayed
    /// work draws part of it later (throttled work saves net, since energy per step ∝ f²):
    /// the net saving is the difference with an uncapped run.
    public var energyAvoided: Joules
    /// Chip-hours of progress not made: ∫ chips × (1 − f) dt under throttling, ∫ waiting chips dt
    /// under hold and preempt.
    public var delayedChipHours: Double
    /// Chip-hours of progress rolled back by preemptions (back to the last checkpoint).
    public var lostChipHours: Double
    public var preemptions: Int
    /// The lowest clock factor throttling set.
    public var lowestClock: Double

    public init(domain: String, action: String, timeAtCapSeconds: Double, timeOverCapSeconds: Double, energyAvoided: Joules,
                delayedChipHours: Double, lostChipHours: Double, preemptions: Int, lowestClock: Double) {
        self.domain = domain
        self.action = action
        self.timeAtCapSeconds = timeAtCapSeconds
        self.timeOverCapSeconds = timeOverCapSeconds
        self.energyAvoided = energyAvoided
        self.delayedChipHours = delayedChipHours
        self.lostChipHours = lostChipHours
        self.preemptions = preemptions
        self.lowestClock = lowestClock
    }
}
