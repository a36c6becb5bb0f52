// How a fleet's links are enumerated. Per-chip links would be millions of entries for a
// million-chip fleet, so links are aggregated (see `Link.multiplicity`):
// - scale-up: one entry per scale-up domain (TPU pod ICI, NVLink domain, Trainium
//   UltraServer NeuronLink), standing for all its physical links;
// - scale-out: one entry per fabric tier per pool (host-leaf, leaf-spine, spine-core), and for
//   TPU pools one DCN entry per pod.
// Per-direction capacity of one physical link:
// - TPU ICI: chip bidirectional ICI / (2 × ports);
// - NVLink: each GPU's link to the switch fabric carries half its bidirectional total per direction;
// - NeuronLink: chips × bidirectional total / (4 × links): each chip's total split over its
//   links, each link shared by two chips and two directions (Trn2: 64 × 1280 / (4 × 192) ≈ 107 GB/s,
//   the mean of the documented 128 GB/s torus and 64 GB/s ring links);
// - fabric links: the per-chip scale-out rate (one NIC per chip).

extension FleetDescription {
    func appendLinks(of pool: Pool, to table: inout LinkTable) {
        let base = chipRange(of: pool.id).lowerBound
        switch pool.topology {
        case .tpu(let t):
            let podChips = t.geometry.podChips
            for p in 0..<t.pods {
                let chips = base + p * podChips ..< base + (p + 1) * podChips
                table.append(level: .ici, capacity: t.iciLinkCapacity, multiplicity: t.geometry.podICILinks,
                             from: .chips(chips), to: .chips(chips))
                table.append(level: .dcn, capacity: pool.spec.scaleOutBandwidth.value, multiplicity: podChips,
                             from: .chips(chips), to: .switchTier(pool: pool.id, tier: 1))
            }
        case .gpu(let g):
            let level: LinkLevel = pool.spec.topology.value == .xgmiMesh ? .xgmi : .nvLink
            let capacity = g.scaleUpBandwidth / 2
            for d in 0..<g.scaleUpDomains {
                let r = g.gpus(inDomain: d)
                let chips = base + r.lowerBound ..< base + r.upperBound
                table.append(level: level, capacity: capacity, multiplicity: g.gpusPerDomain,
                             from: .chips(chips), to: .chips(chips))
            }
            appendFabric(g.fabric, pool: pool, chips: chipRange(of: pool.id), to: &table)
        case .trainium(let t):
            let links = t.neuronLinksPerUltraServer
            let capacity = t.scaleUpBandwidth.times(t.chipsPerUltraServer) / Double(4 * links)
            for u in 0..<t.ultraServers {
                let r = t.chips(inUltraServer: u)
                let chips = base + r.lowerBound ..< base + r.upperBound
                table.append(level: .neuronLink, capacity: capacity, multiplicity: links,
                             from: .chips(chips), to: .chips(chips))
            }
            appendFabric(t.fabric, pool: pool, chips: chipRange(of: pool.id), to: &table)
        }
    }

    private func appendFabric(_ fabric: FatTree, pool: Pool, chips: Range<Int>, to table: inout LinkTable) {
        table.append(level: .hostToLeaf, capacity: fabric.lineRate, multiplicity: fabric.endpoints,
                     from: .chips(chips), to: .switchTier(pool: pool.id, tier: 1))
        if fabric.leafUplinks > 0 {
            table.append(level: .leafToSpine, capacity: fabric.lineRate, multiplicity: fabric.leafUplinks,
                         from: .switchTier(pool: pool.id, tier: 1), to: .switchTier(pool: pool.id, tier: 2))
        }
        if fabric.spineUplinks > 0 {
            table.append(level: .spineToCore, capacity: fabric.lineRate, multiplicity: fabric.spineUplinks,
                         from: .switchTier(pool: pool.id, tier: 2), to: .switchTier(pool: pool.id, tier: 3))
        }
    }
}
