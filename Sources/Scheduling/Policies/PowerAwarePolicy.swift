/// Admits work only while its site's projected facility power stays under the site's limit
/// (power cap, or grid limit, whichever is lower) less a reserve: jobs are served in arrival
/// order, each on the first of its options that fits now *and* whose site can take the power
/// its hosts add going from idle to busy; a job whose every option would overrun its site
/// waits (held) while later jobs — smaller ones, or ones on sites with headroom — may start.
/// A job held by power alone is never rejected: power comes back as work finishes.
///
/// The projection is the option's own estimate (`PowerView.added(units:option:)`: the activity
/// power of the job's step on that pool minus idle, × the site's PUE now), the figure the
/// energy accounting uses once it runs; it does not throttle running work.
public struct PowerAwarePolicy: SchedulingPolicy {
    public let name = "power-aware"
    public var usesPowerView: Bool { true }
    public var parameters: PolicyParameters

    public init(parameters: PolicyParameters = PolicyParameters()) { self.parameters = parameters }

    public mutating func decide(_ view: SchedulerView) -> [Decision] {
        var scratch = ScratchFleet(view.occupancy)
        var power = view.power
        var decisions: [Decision] = []
        let shapes = scratch  // read-only: pool shapes for the admission check (no exclusive access)
        for job in view.queue {
            let trial = scratch.start(job) { [power] option in
                guard let power, let hierarchy = shapes.hierarchy(of: option.pool) else { return true }
                let units = ScratchFleet.unitsNeeded(option.request, on: hierarchy)
                return power.admits(power.added(units: units, option: option), pool: option.pool,
                                    keeping: parameters.powerReserve)
            }
            switch trial {
            case .started(let option):
                decisions.append(.start(job.id, option))
                if let hierarchy = shapes.hierarchy(of: option.pool), let view = power {
                    power?.consume(view.added(units: ScratchFleet.unitsNeeded(option.request, on: hierarchy), option: option),
                                   pool: option.pool)
                }
            case .impossible(let why): decisions.append(.reject(job.id, reason: why))
            case .waiting: continue
            }
        }
        return decisions
    }
}
