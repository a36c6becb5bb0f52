extension Pool {
    /// The pool's power tree: pool → racks → hosts → chips, using the spec's peak chip power
    /// and host overhead. A last, partially filled rack is a separate group.
    public var powerDomain: PowerDomain {
        let chip = PowerDomain(level: .chip, name: "\(spec.id) chip", ownPeak: spec.peakPower.value)
        let host = PowerDomain(level: .host, name: "\(spec.id) host", ownPeak: spec.hostOverheadPower.value,
                               children: [.init(count: spec.chipsPerHost.value, domain: chip)])
        let hosts = topology.hosts
        let fullRacks = hosts / hostsPerRack
        let remainder = hosts % hostsPerRack
        var racks: [PowerDomain.Group] = []
        if fullRacks > 0 {
            racks.append(.init(count: fullRacks, domain: PowerDomain(
                level: .rack, name: "\(name) rack", cap: rackCap,
                children: [.init(count: hostsPerRack, domain: host)])))
        }
        if remainder > 0 {
            racks.append(.init(count: 1, domain: PowerDomain(
                level: .rack, name: "\(name) partial rack", cap: rackCap,
                children: [.init(count: remainder, domain: host)])))
        }
        return PowerDomain(level: .pool, name: name, cap: poolCap, children: racks)
    }
}
