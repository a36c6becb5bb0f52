import SimKernel

/// Where a link sits in the network; serialized kebab-case.
public enum LinkLevel: String, Hashable, Sendable, Codable, CaseIterable {
    /// TPU inter-chip interconnect (inside a pod).
    case ici
    /// NVLink to the NVSwitch fabric (inside a host or an NVL72 rack).
    case nvLink = "nvlink"
    /// NeuronLink (inside a Trainium instance or UltraServer).
    case neuronLink = "neuronlink"
    /// Infinity Fabric (xGMI) between MI300X GPUs.
    case xgmi
    /// NIC to leaf switch (InfiniBand / RoCE / EFA).
    case hostToLeaf = "host-leaf"
    case leafToSpine = "leaf-spine"
    case spineToCore = "spine-core"
    /// TPU data-centre network between slices and pods.
    case dcn

    /// A per-hop latency used when the scenario gives none.
    ///
    /// **Estimate**: the reference has no latency figures. These are order-of-magnitude
    /// assumptions (about a microsecond per on-package or switch hop, ten for a data-centre
    /// network path) so that latency-bound collectives are not free; override per scenario.
    public var defaultLatency: SimDuration {
        switch self {
        case .ici, .nvLink, .neuronLink, .xgmi: return .microseconds(1)
        case .hostToLeaf: return .microseconds(2)
        case .leafToSpine, .spineToCore: return .microseconds(1)
        case .dcn: return .microseconds(10)
        }
    }
}
