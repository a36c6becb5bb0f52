import SimKernel

/// How often hardware interrupts a running job, and what an interruption costs beyond the lost
/// work: the restart of the job and the repair of the failed host.
///
/// **Rates.** Interruptions are a Poisson process per chip (and optionally per host), so a job
/// on n chips and h hosts is interrupted at rate λ = n / MTBF_chip + h / MTBF_host: its mean
/// time between interruptions M = 1/λ shrinks with its size, the reason large synchronous jobs
/// must checkpoint.
///
/// **Default chip MTBF: 50,677 chip-hours** (`llama3ChipMTBF`). Meta's Llama 3 paper (Dubey et
/// al. 2024, "The Llama 3 Herd of Models", §3.3.4) reports 419 unexpected interruptions in a
/// 54-day snapshot of pre-training on 16,384 H100 GPUs: 16,384 × 54 × 24 h / 419 = 50,677
/// GPU-hours per interruption, all root causes included (GPU, HBM, host, network, software).
/// That is a cited figure for GPUs; no comparable public per-chip figure exists for TPUs or
/// Trainium, so they use the same number as an *estimate* (`provenance(for:)`) until a scenario
/// supplies its own.
public struct FailureModel: Hashable, Sendable {
    /// Mean time between interruptions caused by one chip, per platform.
    public var chipMTBF: [PlatformKind: SimDuration]
    /// Mean time between interruptions caused by one host (beyond its chips); nil = none (the
    /// Llama 3 rate already counts host causes).
    public var hostMTBF: SimDuration?
    /// Time from an interruption until the job can be placed again (detection, teardown,
    /// rescheduling); restoring the checkpoint is added on top, from its size.
    public var restart: SimDuration
    /// Time a failed host is out of service before it returns to its pool.
    public var repair: SimDuration
    /// Platforms whose MTBF the scenario gave (the rest use the default).
    public var supplied: Set<PlatformKind>

    /// 16,384 × 54 × 24 h / 419 (see the type's documentation).
    public static var llama3ChipMTBF: SimDuration { SimDuration(seconds: 16_384.0 * 54 * 24 * 3_600 / 419) }
    /// An assumption, not a measurement: minutes to detect, drain and relaunch a job at scale.
    public static var defaultRestart: SimDuration { .minutes(10) }
    /// An assumption: a host swapped or repaired within a few hours.
    public static var defaultRepair: SimDuration { .hours(4) }

    public init(chipMTBF: [PlatformKind: SimDuration] = [:], hostMTBF: SimDuration? = nil,
                restart: SimDuration = FailureModel.defaultRestart, repair: SimDuration = FailureModel.defaultRepair) {
        precondition(chipMTBF.values.allSatisfy { $0 > .zero }, "an MTBF must be positive")
        precondition(hostMTBF.map { $0 > .zero } ?? true, "a host MTBF must be positive")
        var rates: [PlatformKind: SimDuration] = [:]
        for kind in PlatformKind.allCases { rates[kind] = chipMTBF[kind] ?? Self.llama3ChipMTBF }
        self.chipMTBF = rates
        self.hostMTBF = hostMTBF
        self.restart = restart
        self.repair = repair
        supplied = Set(chipMTBF.keys)
    }

    /// Interruptions per second of a job on `chips` chips in `hosts` hosts of `platform`.
    public func rate(chips: Int, hosts: Int, platform: PlatformKind) -> Double {
        let chip = Double(chips) / chipMTBF[platform]!.seconds
        let host = hostMTBF.map { Double(hosts) / $0.seconds } ?? 0
        return chip + host
    }

    /// Where `platform`'s chip MTBF comes from.
    public func provenance(for platform: PlatformKind) -> String {
        if supplied.contains(platform) { return "supplied by the scenario" }
        return platform == .gpu ? "cited: Llama 3 (Dubey et al. 2024) §3.3.4, 419 interruptions / 54 d / 16,384 H100"
                                : "estimate: the Llama 3 H100 rate; no public per-chip figure for \(platform.rawValue)"
    }
}
