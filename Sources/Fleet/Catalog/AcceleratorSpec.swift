/// The hardware facts of one accelerator, each figure with its provenance.
///
/// A value type with `var` fields: a scenario overrides a field on a copy (or with
/// `overriding(_:with:note:)`, which also marks the figure as supplied), and a new chip is
/// defined by calling the memberwise initializer. Per-chip figures unless the name says otherwise.
///
/// JSON (`gigawatt catalog --json`): snake_case keys; every figure is
/// `{"value": …, "kind": …, "sources": […], "note": …}` with the value in SI units:
/// FLOP/s (or int8 op/s), bytes, bytes per second, watts, USD per chip-hour, USD.
public struct AcceleratorSpec: Hashable, Sendable, Codable {
    public var id: AcceleratorID
    public var displayName: String
    public var vendor: String
    public var platform: PlatformKind

    /// Peak dense BF16 rate.
    public var peakBF16: Figure<FlopsPerSecond>
    /// Peak dense FP8 rate; nil when the chip has no FP8 unit (A100, TPU v4/v5e).
    public var peakFP8: Figure<FlopsPerSecond>?
    /// Peak dense INT8 rate in op/s; nil when not published.
    public var peakINT8: Figure<FlopsPerSecond>?

    public var hbmCapacity: Figure<Bytes>
    public var hbmBandwidth: Figure<BytesPerSecond>

    /// Power of an allocated chip doing no work.
    public var idlePower: Figure<Watts>
    /// Average power under a typical training load.
    public var typicalPower: Figure<Watts>
    /// TDP / TGP, or the measured maximum where no TDP is published: the hardware maximum.
    public var peakPower: Figure<Watts>

    /// Chips in one scale-up domain: a TPU pod, an NVLink domain, a Trainium UltraServer.
    public var scaleUpDomainChips: Figure<Int>
    /// Total bidirectional scale-up bandwidth per chip (ICI / NVLink / NeuronLink / xGMI).
    public var scaleUpBandwidth: Figure<BytesPerSecond>
    /// Data-centre network bandwidth per chip (DCN / InfiniBand / RoCE / EFA), one direction.
    public var scaleOutBandwidth: Figure<BytesPerSecond>
    public var chipsPerHost: Figure<Int>
    /// Power of one host excluding its accelerators (CPUs, memory, NICs, fans) at its maximum.
    public var hostOverheadPower: Figure<Watts>

    public var topology: Figure<TopologyKind>
    /// The published rental price; nil when none is published.
    public var price: PriceSnapshot?
    /// Purchase price per chip including its share of the server; nil when no estimate exists.
    public var purchasePrice: Figure<Dollars>?

    public init(
        id: AcceleratorID, displayName: String, vendor: String, platform: PlatformKind,
        peakBF16: Figure<FlopsPerSecond>, peakFP8: Figure<FlopsPerSecond>?, peakINT8: Figure<FlopsPerSecond>?,
        hbmCapacity: Figure<Bytes>, hbmBandwidth: Figure<BytesPerSecond>,
        idlePower: Figure<Watts>, typicalPower: Figure<Watts>, peakPower: Figure<Watts>,
        scaleUpDomainChips: Figure<Int>, scaleUpBandwidth: Figure<BytesPerSecond>,
        scaleOutBandwidth: Figure<BytesPerSecond>, chipsPerHost: Figure<Int>, hostOverheadPower: Figure<Watts>,
        topology: Figure<TopologyKind>, price: PriceSnapshot?, purchasePrice: Figure<Dollars>?
    ) {
        self.id = id
        self.displayName = displayName
        self.vendor = vendor
        self.platform = platform
        self.peakBF16 = peakBF16
        self.peakFP8 = peakFP8
        self.peakINT8 = peakINT8
        self.hbmCapacity = hbmCapacity
        self.hbmBandwidth = hbmBandwidth
        self.idlePower = idlePower
        self.typicalPower = typicalPower
        self.peakPower = peakPower
        self.scaleUpDomainChips = scaleUpDomainChips
        self.scaleUpBandwidth = scaleUpBandwidth
        self.scaleOutBandwidth = scaleOutBandwidth
        self.chipsPerHost = chipsPerHost
        self.hostOverheadPower = hostOverheadPower
        self.topology = topology
        self.price = price
        self.purchasePrice = purchasePrice
    }

    enum CodingKeys: String, CodingKey {
        case id
        case displayName = "display_name"
        case vendor, platform
        case peakBF16 = "peak_bf16_flops"
        case peakFP8 = "peak_fp8_flops"
        case peakINT8 = "peak_int8_ops"
        case hbmCapacity = "hbm_capacity_bytes"
        case hbmBandwidth = "hbm_bandwidth_bytes_per_s"
        case idlePower = "idle_power_w"
        case typicalPower = "typical_power_w"
        case peakPower = "peak_power_w"
        case scaleUpDomainChips = "scale_up_domain_chips"
        case scaleUpBandwidth = "scale_up_bandwidth_bytes_per_s"
        case scaleOutBandwidth = "scale_out_bandwidth_bytes_per_s"
        case chipsPerHost = "chips_per_host"
        case hostOverheadPower = "host_overhead_power_w"
        case topology
        case price
        case purchasePrice = "purchase_price_usd"
    }
}

extension AcceleratorSpec {
    /// A copy with one figure replaced by a user-supplied value (provenance `.supplied(note)`).
    public func overriding<V>(_ field: WritableKeyPath<AcceleratorSpec, Figure<V>>, with value: V,
                              note: String = "scenario override") -> AcceleratorSpec {
        var copy = self
        copy[keyPath: field] = .supplied(value, note)
        return copy
    }

    /// A copy with an optional figure replaced (nil removes it, e.g. a chip without FP8).
    public func overriding<V>(_ field: WritableKeyPath<AcceleratorSpec, Figure<V>?>, with value: V?,
                              note: String = "scenario override") -> AcceleratorSpec {
        var copy = self
        copy[keyPath: field] = value.map { .supplied($0, note) }
        return copy
    }

    /// Peak power of one host: its accelerators at peak plus the host overhead.
    public var hostPeakPower: Watts { peakPower.value.times(chipsPerHost.value) + hostOverheadPower.value }

    /// Every figure as (JSON key, provenance), in declaration order; used to list estimates and
    /// check that each citation resolves.
    public var provenances: [(field: String, provenance: Provenance)] {
        var out: [(String, Provenance)] = [
            ("peak_bf16_flops", peakBF16.provenance),
        ]
        if let f = peakFP8 { out.append(("peak_fp8_flops", f.provenance)) }
        if let f = peakINT8 { out.append(("peak_int8_ops", f.provenance)) }
        out += [
            ("hbm_capacity_bytes", hbmCapacity.provenance),
            ("hbm_bandwidth_bytes_per_s", hbmBandwidth.provenance),
            ("idle_power_w", idlePower.provenance),
            ("typical_power_w", typicalPower.provenance),
            ("peak_power_w", peakPower.provenance),
            ("scale_up_domain_chips", scaleUpDomainChips.provenance),
            ("scale_up_bandwidth_bytes_per_s", scaleUpBandwidth.provenance),
            ("scale_out_bandwidth_bytes_per_s", scaleOutBandwidth.provenance),
            ("chips_per_host", chipsPerHost.provenance),
            ("host_overhead_power_w", hostOverheadPower.provenance),
            ("topology", topology.provenance),
        ]
        if let p = price { out.append(("price", p.provenance)) }
        if let f = purchasePrice { out.append(("purchase_price_usd", f.provenance)) }
        return out
    }

    /// Problems with this entry: non-positive figures, power out of order, citations missing
    /// from `sources`, estimates without a note. Empty when the entry is sound.
    public func issues(resolvingAgainst sources: SourceTable) -> [String] {
        var issues: [String] = []
        func positive(_ name: String, _ v: Double) { if !(v > 0) { issues.append("\(id).\(name): must be positive (got \(v))") } }
        positive("peak_bf16_flops", peakBF16.value.value)
        if let f = peakFP8 { positive("peak_fp8_flops", f.value.value) }
        if let f = peakINT8 { positive("peak_int8_ops", f.value.value) }
        positive("hbm_capacity_bytes", hbmCapacity.value.value)
        positive("hbm_bandwidth_bytes_per_s", hbmBandwidth.value.value)
        positive("peak_power_w", peakPower.value.value)
        positive("scale_up_domain_chips", Double(scaleUpDomainChips.value))
        positive("scale_up_bandwidth_bytes_per_s", scaleUpBandwidth.value.value)
        positive("scale_out_bandwidth_bytes_per_s", scaleOutBandwidth.value.value)
        positive("chips_per_host", Double(chipsPerHost.value))
        if !(idlePower.value <= typicalPower.value && typicalPower.value <= peakPower.value) {
            issues.append("\(id): power must satisfy idle ≤ typical ≤ peak (got \(idlePower.value), \(typicalPower.value), \(peakPower.value))")
        }
        for (field, provenance) in provenances {
            for source in provenance.sourceIDs where !sources.contains(source) {
                issues.append("\(id).\(field): source \(source) is not in the source table")
            }
            switch provenance {
            case .cited(let ids, _) where ids.isEmpty:
                issues.append("\(id).\(field): cited without a source id")
            case .estimate(let note, _) where note.isEmpty, .supplied(let note) where note.isEmpty:
                issues.append("\(id).\(field): \(provenance.kind) without a note")
            default: break
            }
        }
        return issues
    }
}
