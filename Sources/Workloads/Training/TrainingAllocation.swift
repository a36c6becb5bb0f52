import Fleet
import SimKernel

/// The chips a training job runs on and how they are wired: what `StepTime` needs to pick a
/// collective algorithm for each parallel group.
public struct TrainingAllocation: Hashable, Sendable {
    public enum Layout: Hashable, Sendable {
        /// `count` identical TPU slices joined by DCN; inside a slice, ICI links of the torus.
        case slices(PodSlice, count: Int)
        /// `count` switched scale-up domains of `chipsPerDomain` chips (NVLink/NVSwitch hosts or
        /// racks, Trainium instances/UltraServers) joined by the scale-out fabric. A NeuronLink
        /// torus is treated as switched at its per-chip bandwidth: a simplification.
        case domains(count: Int, chipsPerDomain: Int)
    }

    public var spec: AcceleratorSpec
    public var layout: Layout

    public init(spec: AcceleratorSpec, layout: Layout) {
        self.spec = spec
        self.layout = layout
    }

    /// `count` slices of `slice` of a TPU.
    public static func tpu(_ spec: AcceleratorSpec, slice: PodSlice, count: Int = 1) -> TrainingAllocation {
        precondition(spec.platform == .tpu, "\(spec.id) is not a TPU")
        precondition(count >= 1, "at least one slice")
        return TrainingAllocation(spec: spec, layout: .slices(slice, count: count))
    }

    /// `chips` GPUs or Trainium chips in whole scale-up domains of the catalog size (or one
    /// partial domain when fewer chips than a domain are asked for).
    public static func switched(_ spec: AcceleratorSpec, chips: Int) -> TrainingAllocation {
        precondition(spec.platform != .tpu, "\(spec.id) is a TPU: allocate slices")
        let domain = spec.scaleUpDomainChips.value
        precondition(chips >= 1 && (chips < domain || chips % domain == 0),
                     "\(chips) chips are not whole \(domain)-chip scale-up domains")
        let layout: Layout = chips < domain ? .domains(count: 1, chipsPerDomain: chips)
                                            : .domains(count: chips / domain, chipsPerDomain: domain)
        return TrainingAllocation(spec: spec, layout: layout)
    }

    public var chips: Int {
        switch layout {
        case .slices(let s, let count): return s.chips * count
        case .domains(let count, let per): return count * per
        }
    }

    /// Chips joined by scale-up links (a slice or a domain).
    public var chipsPerScaleUpUnit: Int {
        switch layout {
        case .slices(let s, _): return s.chips
        case .domains(_, let per): return per
        }
    }

    /// Per-chip, per-direction scale-up bandwidth of a switched domain: the catalog's
    /// bidirectional total / 2.
    public var scaleUpChannel: CollectiveChannel {
        let level: LinkLevel = spec.platform == .trainium ? .neuronLink : .nvLink
        return CollectiveChannel(bandwidth: spec.scaleUpBandwidth.value / 2, latency: level.defaultLatency)
    }

    /// One ICI link, per direction: bidirectional ICI per chip / (2 × ports) (as `TPUPodFabric`).
    public var iciLinkChannel: CollectiveChannel {
        let ports = Double(2 * (spec.topology.value == .torus2D ? 2 : 3))
        return CollectiveChannel(bandwidth: spec.scaleUpBandwidth.value / ports, latency: LinkLevel.ici.defaultLatency)
    }

    /// The scale-out path between domains or slices at `share` per chip (nil = the catalog's full
    /// per-chip rate). Latency: DCN for TPUs; NIC → leaf → spine → leaf → NIC otherwise.
    public func scaleOutChannel(share: BytesPerSecond?) -> CollectiveChannel {
        let bandwidth = share ?? spec.scaleOutBandwidth.value
        let latency: SimDuration = spec.platform == .tpu
            ? LinkLevel.dcn.defaultLatency
            : LinkLevel.hostToLeaf.defaultLatency * 2 + LinkLevel.leafToSpine.defaultLatency * 2
        return CollectiveChannel(bandwidth: bandwidth, latency: latency)
    }
}
