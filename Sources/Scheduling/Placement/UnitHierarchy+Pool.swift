import Fleet

extension UnitHierarchy {
    /// The placement hierarchy of a fleet pool (see the table on `UnitHierarchy`), and how many
    /// of its units are installed: where a platform's last domain would be partial, the
    /// hierarchy rounds it up and the caller reserves the surplus units.
    ///
    /// HGX GPU hosts are one NVLink domain each, so the placer's domain for them is the leaf
    /// switch (hosts sharing a leaf talk without crossing the spine): d host ports per leaf hold
    /// d / gpusPerHost hosts, or d hosts on a rail-optimised fabric (one NIC per rail leaf).
    public static func of(_ pool: Pool) -> (hierarchy: UnitHierarchy, installedUnits: Int) {
        switch pool.topology {
        case .tpu(let fabric):
            let geometry = fabric.geometry
            let perHost = geometry.chipsPerHost
            if geometry.dimensionality == 3 {
                let hostsPerCube = TPUPodGeometry.chipsPerCube / perHost
                let hierarchy = UnitHierarchy(chipsPerUnit: perHost, unitsPerDomain: hostsPerCube,
                                              domainsPerGroup: geometry.podChips / TPUPodGeometry.chipsPerCube,
                                              groups: fabric.pods, largePlacementsUseWholeDomains: true)
                return (hierarchy, hierarchy.units)
            }
            let hierarchy = UnitHierarchy(chipsPerUnit: perHost, unitsPerDomain: geometry.podChips / perHost,
                                          domainsPerGroup: 1, groups: fabric.pods)
            return (hierarchy, hierarchy.units)
        case .gpu(let cluster):
            if cluster.gpusPerDomain > cluster.gpusPerHost {
                // NVL72-style racks: trays inside one NVLink domain.
                let hierarchy = UnitHierarchy(chipsPerUnit: cluster.gpusPerHost, unitsPerDomain: cluster.hostsPerDomain,
                                              domainsPerGroup: cluster.scaleUpDomains, groups: 1)
                return (hierarchy, hierarchy.units)
            }
            let ports = cluster.fabric.options.leafPorts.down
            let hostsPerLeaf = cluster.fabric.options.isRailOptimized ? ports : max(1, ports / cluster.gpusPerHost)
            let leaves = (cluster.hosts + hostsPerLeaf - 1) / hostsPerLeaf
            let hierarchy = UnitHierarchy(chipsPerUnit: cluster.gpusPerHost, unitsPerDomain: hostsPerLeaf,
                                          domainsPerGroup: leaves, groups: 1)
            return (hierarchy, cluster.hosts)
        case .trainium(let trainium):
            let hierarchy = UnitHierarchy(chipsPerUnit: trainium.chipsPerInstance, unitsPerDomain: trainium.instancesPerUltraServer,
                                          domainsPerGroup: trainium.ultraServers, groups: 1)
            return (hierarchy, hierarchy.units)
        }
    }
}
