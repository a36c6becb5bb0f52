import Fleet

/// What a scenario's fleet holds, per site and pool: the facts a capacity planner checks
/// first (chips, hosts, racks, and the hardware maximum power before and after PUE).
public struct FleetInventory: Sendable, Equatable {
    public struct PoolEntry: Sendable, Equatable {
        public var name: String
        public var chip: String
        public var platform: String
        public var chips: Int
        public var hosts: Int
        public var racks: Int
        public var scaleUpDomains: Int
        /// Every chip at peak power plus every host's overhead, before PUE.
        public var itHardwareMaximum: Watts
    }

    public struct SiteEntry: Sendable, Equatable {
        public var name: String
        public var pools: [PoolEntry]
        public var itHardwareMaximum: Watts
        /// IT maximum × PUE at that load: what the site would draw from the grid at full tilt.
        public var facilityHardwareMaximum: Watts
        public var gridLimit: Watts?
        public var powerCap: Watts?
        public var chips: Int { pools.reduce(0) { $0 + $1.chips } }
    }

    public var sites: [SiteEntry]
    public var chips: Int { sites.reduce(0) { $0 + $1.chips } }
    public var itHardwareMaximum: Watts { sites.map(\.itHardwareMaximum).reduce(.zero, +) }
    public var facilityHardwareMaximum: Watts { sites.map(\.facilityHardwareMaximum).reduce(.zero, +) }

    public init(_ fleet: FleetDescription) {
        sites = fleet.sites.map { site in
            let pools = fleet.pools.filter { $0.site == site.id }.map { pool in
                let tree = pool.powerDomain
                return PoolEntry(name: pool.name, chip: pool.spec.id.rawValue, platform: pool.spec.platform.rawValue,
                                 chips: pool.chips, hosts: pool.topology.hosts, racks: tree.count(of: .rack),
                                 scaleUpDomains: pool.topology.scaleUpDomains, itHardwareMaximum: tree.hardwareMaximum)
            }
            let it = pools.map(\.itHardwareMaximum).reduce(.zero, +)
            return SiteEntry(name: site.name, pools: pools, itHardwareMaximum: it,
                             facilityHardwareMaximum: site.pue.facilityPower(itLoad: it),
                             gridLimit: site.gridLimit, powerCap: site.powerCap)
        }
    }
}
