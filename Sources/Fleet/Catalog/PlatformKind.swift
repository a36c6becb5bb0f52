/// The family of platform a chip belongs to; it decides which topology builder applies.
public enum PlatformKind: String, Hashable, Sendable, Codable, CaseIterable {
    case tpu
    case gpu
    case trainium
}

/// How chips are wired inside and between scale-up domains (serialized kebab-case).
public enum TopologyKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// TPU v4 / v5p / Ironwood: 3D torus of 4x4x4 cubes joined by optical circuit switches.
    case torus3DWithOCS = "3d-torus-ocs"
    /// TPU v5e / v6e: a 16x16 2D torus per pod; multislice over DCN.
    case torus2D = "2d-torus"
    /// HGX/DGX: 8 GPUs on NVSwitch in a host; fat-tree between hosts.
    case nvSwitchHost = "nvswitch-host"
    /// GB200 NVL72: a 72-GPU NVLink-switch rack; fat-tree between racks.
    case nvLinkRack = "nvlink-rack"
    /// Trn1/Trn2: 4x4 2D torus of 16 chips per instance (Trn2: rings across 4 instances).
    case neuronLinkTorus = "neuronlink-torus"
    /// Trn3: all-to-all through NeuronSwitch across an UltraServer.
    case neuronSwitch = "neuronswitch"
    /// MI300X: fully connected 8-GPU Infinity Fabric (xGMI) platform.
    case xgmiMesh = "xgmi-mesh"
}
