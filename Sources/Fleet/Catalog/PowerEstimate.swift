/// The documented rules that fill in power figures the vendors do not publish.
///
/// Only TPU v4 has a published idle / typical / maximum (measured 90 / 170 / 192 W [gcp-v4]);
/// NVIDIA, AMD and AWS publish a TDP at most. The rules below turn a peak into the other two and
/// size the host around the chips; each returns a `Figure` whose note states the rule, so the
/// catalog lists them as estimates. Public so a custom chip can use the same rules.
public enum PowerEstimate {
    /// TPU idle / peak: TPU v4 measured minimum over maximum, 90 / 192 W [gcp-v4].
    public static let tpuIdleFraction = 90.0 / 192.0
    /// TPU typical / peak: TPU v4 measured mean over maximum, 170 / 192 W [gcp-v4].
    public static let tpuTypicalFraction = 170.0 / 192.0
    /// GPU/Trainium idle / peak: an 8×H200 system drew 2.41 kW before load
    /// [mlperf-inf-v4.1-power] against the 10.2 kW rating of the same HGX chassis
    /// [latif-h100-node]: 2.41 / 10.2 ≈ 0.236, applied per chip.
    public static let boardIdleFraction = 2.41 / 10.2
    /// GPU/Trainium typical / peak: compute-intensive H100 training averaged ~76% of node TDP
    /// [newkirk-h100-node], applied per chip.
    public static let boardTypicalFraction = 0.76

    /// Epoch's chip-to-server power multipliers [epoch-cost-model]: server power / chip TDP.
    public static let tpuServerMultiplier = 1.56
    public static let h100ServerMultiplier = 1.82
    public static let a100ServerMultiplier = 2.03
    public static let defaultServerMultiplier = 1.8

    /// Idle power for a chip of `platform` whose peak is `peak`.
    public static func idle(_ platform: PlatformKind, peak: Watts) -> Figure<Watts> {
        switch platform {
        case .tpu:
            return .estimate(peak * tpuIdleFraction,
                             "peak × 90/192, the TPU v4 measured min/max ratio", basis: "gcp-v4")
        case .gpu, .trainium:
            return .estimate(peak * boardIdleFraction,
                             "peak × 2.41/10.2: 8×H200 system before load over the 10.2 kW HGX rating",
                             basis: "mlperf-inf-v4.1-power", "latif-h100-node")
        }
    }

    /// Typical training power for a chip of `platform` whose peak is `peak`.
    public static func typical(_ platform: PlatformKind, peak: Watts) -> Figure<Watts> {
        switch platform {
        case .tpu:
            return .estimate(peak * tpuTypicalFraction,
                             "peak × 170/192, the TPU v4 measured mean/max ratio", basis: "gcp-v4")
        case .gpu, .trainium:
            return .estimate(peak * boardTypicalFraction,
                             "peak × 0.76: H100 nodes averaged ~76% of TDP in compute-intensive training",
                             basis: "newkirk-h100-node")
        }
    }

    /// Host power beyond its chips: (multiplier − 1) × chips per host × chip peak, where the
    /// multiplier is Epoch's server/chip power ratio.
    public static func hostOverhead(peak: Watts, chipsPerHost: Int, multiplier: Double, why: String) -> Figure<Watts> {
        .estimate(peak.times(chipsPerHost) * (multiplier - 1),
                  "(\(multiplier) − 1) × \(chipsPerHost) chips × \(peak.value) W: Epoch server/chip power multiplier (\(why))",
                  basis: "epoch-cost-model")
    }
}
