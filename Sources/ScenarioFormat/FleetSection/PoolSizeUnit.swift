import Fleet

/// A unit a pool's size (or a capacity event's change) may be counted in; the key is the unit.
///
/// Each platform has its own units besides `chips`: TPU `pods`; GPU `hosts` and `racks`;
/// Trainium `instances` and `ultraservers`. A pool's size must be whole scale-up domains
/// (pods, NVLink domains, UltraServers); a capacity event may move any number of chips.
enum PoolSizeUnit: String, CaseIterable {
    case chips
    case pods
    case hosts
    case racks
    case instances
    case ultraservers

    /// The units that size a pool of `platform`, in the order messages list them.
    static func units(for platform: PlatformKind) -> [PoolSizeUnit] {
        switch platform {
        case .tpu: [.chips, .pods]
        case .gpu: [.chips, .hosts, .racks]
        case .trainium: [.chips, .instances, .ultraservers]
        }
    }

    /// Chips in one of this unit for `spec`, with `hostsPerRack` hosts per rack.
    func chips(for spec: AcceleratorSpec, hostsPerRack: Int) -> Int {
        switch self {
        case .chips: 1
        case .pods, .ultraservers: spec.scaleUpDomainChips.value
        case .hosts, .instances: spec.chipsPerHost.value
        case .racks: hostsPerRack * spec.chipsPerHost.value
        }
    }

    /// `1 pod`, `3 pods`, `1,024 chips`.
    func counted(_ count: Int) -> String {
        let singular = switch self {
        case .chips: "chip"
        case .pods: "pod"
        case .hosts: "host"
        case .racks: "rack"
        case .instances: "instance"
        case .ultraservers: "UltraServer"
        }
        return "\(grouped(count)) " + (count == 1 ? singular : singular + "s")
    }

    /// `or`-joined key list for messages: `chips, hosts or racks`.
    static func list(_ units: [PoolSizeUnit]) -> String {
        let names = units.map(\.rawValue)
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}

extension PlatformKind {
    /// What the platform's scale-up domain is called: `pod`, `NVLink domain`, `UltraServer`.
    var scaleUpDomainNoun: String {
        switch self {
        case .tpu: "pod"
        case .gpu: "NVLink domain"
        case .trainium: "UltraServer"
        }
    }

    /// `a TPU`, `a GPU`, `a Trainium chip`.
    var chipNoun: String {
        switch self {
        case .tpu: "a TPU"
        case .gpu: "a GPU"
        case .trainium: "a Trainium chip"
        }
    }
}
