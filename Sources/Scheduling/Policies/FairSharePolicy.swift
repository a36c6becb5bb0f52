/// Weighted fair share across tenants: chips go, one start at a time, to the tenant whose
/// running chips per unit of weight are lowest (ties by tenant name), each tenant's jobs in
/// arrival order. A tenant whose next job does not fit now tries its later jobs; when none of
/// its jobs fits it drops out of this round, so one blocked tenant does not block the others.
///
/// This is the deficit form of weighted max-min fairness for indivisible gangs (as in YARN's
/// fair scheduler or Slurm's fair-share factor without decay): over time each tenant with
/// enough work holds chips in proportion to its weight. Weights come from
/// `scheduler.options.weights`; jobs without a tenant form the tenant "" with `default_weight`.
/// Non-preemptive: a tenant above its share keeps its running jobs.
public struct FairSharePolicy: SchedulingPolicy {
    public let name = "fair-share"
    public var usesRunningJobs: Bool { true }
    public var parameters: PolicyParameters

    public init(parameters: PolicyParameters = PolicyParameters()) { self.parameters = parameters }

    public func weight(of tenant: String) -> Double { parameters.tenantWeights[tenant] ?? parameters.defaultWeight }

    public mutating func decide(_ view: SchedulerView) -> [Decision] {
        var scratch = ScratchFleet(view.occupancy)
        var decisions: [Decision] = []
        // Chips each tenant holds now.
        var held: [String: Double] = [:]
        for job in view.running {
            let perUnit = view.occupancy[job.pool]?.hierarchy.chipsPerUnit ?? 1
            held[job.tenant ?? "", default: 0] += Double(job.units * perUnit)
        }
        // Each tenant's queue in arrival order (the view's queue is in arrival order already).
        var queues: [String: [QueuedJob]] = [:]
        for job in view.queue { queues[job.tenant ?? "", default: []].append(job) }
        var next: [String: Int] = queues.mapValues { _ in 0 }
        var active = queues.keys.sorted()
        while !active.isEmpty {
            // The tenant furthest below its share.
            let tenant = active.min { (held[$0, default: 0] / weight(of: $0), $0) < (held[$1, default: 0] / weight(of: $1), $1) }!
            var started = false
            var position = next[tenant]!
            let jobs = queues[tenant]!
            while position < jobs.count && !started {
                let job = jobs[position]
                position += 1
                switch scratch.start(job) {
                case .started(let option):
                    decisions.append(.start(job.id, option))
                    let hierarchy = scratch.hierarchy(of: option.pool)!
                    held[tenant, default: 0] += Double(ScratchFleet.unitsNeeded(option.request, on: hierarchy) * hierarchy.chipsPerUnit)
                    started = true
                case .impossible(let why):
                    decisions.append(.reject(job.id, reason: why))
                case .waiting:
                    continue
                }
            }
            next[tenant] = position
            if !started || position >= jobs.count { active.removeAll { $0 == tenant } }
        }
        return decisions
    }
}
