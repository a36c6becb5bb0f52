/// The installed structure of a pool, one case per platform family.
public enum PoolTopology: Hashable, Sendable {
    case tpu(TPUPodFabric)
    case gpu(GPUCluster)
    case trainium(TrainiumPool)

    public var chips: Int {
        switch self {
        case .tpu(let t): return t.chips
        case .gpu(let g): return g.gpus
        case .trainium(let t): return t.chips
        }
    }

    public var hosts: Int {
        switch self {
        case .tpu(let t): return t.hosts
        case .gpu(let g): return g.hosts
        case .trainium(let t): return t.instances
        }
    }

    /// Chips per scale-up domain: a TPU pod, an NVLink domain, an UltraServer.
    public var scaleUpDomainChips: Int {
        switch self {
        case .tpu(let t): return t.geometry.podChips
        case .gpu(let g): return g.gpusPerDomain
        case .trainium(let t): return t.chipsPerUltraServer
        }
    }

    public var scaleUpDomains: Int { chips / scaleUpDomainChips }

    /// The scale-out fabric, nil for TPU pools (DCN is modelled as one aggregate per pod).
    public var fabric: FatTree? {
        switch self {
        case .tpu: return nil
        case .gpu(let g): return g.fabric
        case .trainium(let t): return t.fabric
        }
    }
}
