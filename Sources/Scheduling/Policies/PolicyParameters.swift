/// The tunable settings of the built-in policies (`scheduler.options` in a scenario). Each
/// policy reads only its own fields; `PolicyRegistry` lists which option keys each accepts, so
/// a key given to the wrong policy is an error at its position, not silently ignored.
public struct PolicyParameters: Hashable, Sendable {
    /// `priority`: whether a job may stop lower-priority running jobs to start (`preemption`).
    public var preemption = true
    /// `priority`: only jobs marked `preemptible` may be stopped (`preemptible_only`).
    public var preemptibleOnly = false
    /// `fair-share`: tenant → weight (> 0); a tenant's fair share of the chips is its weight over
    /// the sum of the weights of tenants with work (`weights`).
    public var tenantWeights: [String: Double] = [:]
    /// `fair-share`: the weight of a tenant not in `tenantWeights`, and of jobs without a tenant
    /// (`default_weight`).
    public var defaultWeight = 1.0
    /// `best-platform`: what to minimise (`objective`).
    public var objective = PlatformObjective.time
    /// `best-platform`: a job starts on an option whose objective is within (1 + tolerance) of
    /// its best option's; otherwise it waits for a better one to free up (`tolerance`, ≥ 0).
    public var tolerance = 0.0
    /// `power-aware`: the fraction of each site's power limit kept free (`reserve`, 0 … 1).
    public var powerReserve = 0.0

    public init() {}
}
