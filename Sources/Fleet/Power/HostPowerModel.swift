/// The power one host draws, idle or running work, from its spec.
///
/// **Model.** A host is its chips plus its overhead (CPUs, memory, NICs, fans). Idle, each chip
/// draws the spec's `idlePower`; under a typical training load, its `typicalPower`. The host
/// overhead scales by the same ratio as its chips (typical/peak or idle/peak): the sources behind
/// those figures are whole-node measurements (an 8×H100 node averaging ~76 % of its 10.2 kW
/// rating in training [newkirk-h100-node]; an 8×H200 system at 2.41 of 10.2 kW before load
/// [mlperf-inf-v4.1-power]; TPU v4 chips at 90/170/192 W min/mean/max [gcp-v4]), so a node
/// at the chips' ratio reproduces them. Where a scenario overrides chip power, the ratios follow.
///
/// `busy` is what a job without a step model (a replayed trace job) draws; modelled work draws
/// by its activity (`power(_:clock:model:)`, `ActivityPowerModel`).
public struct HostPowerModel: Hashable, Sendable {
    /// Power of a host with no work.
    public var idle: Watts
    /// Power of a host running training at a typical load.
    public var busy: Watts
    /// The hardware maximum: chips at peak plus the full overhead.
    public var peak: Watts

    public init(spec: AcceleratorSpec) {
        let chips = Double(spec.chipsPerHost.value)
        let peakChip = spec.peakPower.value
        peak = peakChip * chips + spec.hostOverheadPower.value
        let idleRatio = spec.idlePower.value / peakChip
        let busyRatio = spec.typicalPower.value / peakChip
        idle = peak * idleRatio
        busy = peak * busyRatio
    }
}
