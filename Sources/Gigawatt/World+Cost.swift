import Fleet
import SimKernel
import Workloads

/// Energy, carbon and capacity cost per pool and per job (`EnergyAccount`), kept exact by
/// updating every account of a site whenever its power, PUE, price or carbon intensity changes
/// (`updatePower` calls `updateAccounts`), and the cost report at the end.
extension World {
    /// Capacity cost of one chip-hour on `pool` (0 without a cost model). The IT capacity
    /// owned per chip is its peak plus its share of the host overhead (what the facility was
    /// built to power).
    func capacityRate(ofPool pool: Int) -> Double {
        let p = fleet.pools[pool]
        guard let cost = p.cost else { return 0 }
        let perChip = hostPower[pool].peak.value / Double(p.spec.chipsPerHost.value)
        return cost.perChipHour(itCapacityPerChip: Watts(perChip)).value
    }

    /// Brings the accounts of `site`'s pools and running jobs to `time` and sets their rates
    /// from then on. `byPool` is every pool's IT power; `facilityPerIT` the site's PUE at its load.
    /// O(pools + running jobs at the site).
    mutating func updateAccounts(ofSite site: SiteID, byPool: [Watts], facilityPerIT: Double, at time: SimTime) {
        if poolAccounts.isEmpty {
            poolAccounts = Array(repeating: EnergyAccount(), count: fleet.pools.count)
            jobAccounts = Array(repeating: EnergyAccount(), count: runs.count)
            meteredJobs = Array(repeating: [], count: fleet.sites.count)
        }
        let s = fleet.sites[site.rawValue]
        let price = s.electricityPrice.value(at: time).value, intensity = s.carbonIntensity.value(at: time).value
        for pool in fleet.pools where pool.site == site {
            let p = pool.id.rawValue
            poolAccounts[p].integrate(to: time)
            let chips = Double(inServiceHosts[p] * occupancy[p].hierarchy.chipsPerUnit)
            poolAccounts[p].set(it: byPool[p].value, facility: byPool[p].value * facilityPerIT, price: price, intensity: intensity,
                                chips: chips, perChipHour: capacityRate(ofPool: p), at: time)
        }
        for job in meteredJobs[site.rawValue] { jobAccounts[job].stop(at: time) }
        meteredJobs[site.rawValue].removeAll(keepingCapacity: true)
        for job in runningView where fleet.pools[job.pool.rawValue].site == site {
            let index = job.id.rawValue
            let it = hostPower(ofJob: index).value * Double(job.units)
            jobAccounts[index].integrate(to: time)
            jobAccounts[index].set(it: it, facility: it * facilityPerIT, price: price, intensity: intensity,
                                   chips: Double(runs[index].input.job.parallelism.chips),
                                   perChipHour: capacityRate(ofPool: job.pool.rawValue), at: time)
            meteredJobs[site.rawValue].append(index)
        }
    }

    /// The cost report at `horizon`: every account closed, jobs summed into pools by where
    /// they ran last, pools into sites, sites into the total.
    mutating func costReport(at horizon: SimTime) -> CostReport {
        for p in poolAccounts.indices { poolAccounts[p].integrate(to: horizon) }
        for j in jobAccounts.indices { jobAccounts[j].integrate(to: horizon) }
        func account(_ name: String, _ a: EnergyAccount, paysEnergy: Bool) -> CostReport.Account {
            var result = CostReport.Account(name: name)
            result.capacityUSD = a.capacityCost
            result.energyCostUSD = a.energyCost
            result.energyPaidUSD = paysEnergy ? a.energyCost : 0
            result.facilityEnergyJ = a.facilityEnergy
            result.carbonGrams = a.carbonGrams
            result.chipHours = a.chipSeconds / 3_600
            return result
        }
        func embodied(_ a: CostReport.Account, _ pool: Pool?) -> CostReport.Account {
            var a = a
            a.embodiedCarbonGrams = (pool?.embodiedCarbon?.gramsPerChipSecond ?? 0) * a.chipHours * 3_600
            return a
        }
        var pools = fleet.pools.map { pool in
            CostReport.Pool(account: embodied(account(pool.name, poolAccounts.isEmpty ? EnergyAccount() : poolAccounts[pool.id.rawValue],
                                                      paysEnergy: pool.cost?.paysEnergy ?? true), pool),
                            site: fleet.sites[pool.site.rawValue].name, costModel: Self.describe(pool.cost),
                            usdPerChipHour: capacityRate(ofPool: pool.id.rawValue),
                            spotReclaims: spotReclaims.isEmpty ? 0 : spotReclaims[pool.id.rawValue])
        }
        var jobs: [CostReport.Account] = []
        for run in runs where run.start != nil {
            let index = run.id.rawValue
            let lastPool = run.options.first { $0.placement.pool == run.pool }?.placement.pool ?? run.pool
            let pays = lastPool.map { fleet.pools[$0.rawValue].cost?.paysEnergy ?? true } ?? true
            var a = embodied(account(run.input.name, jobAccounts.isEmpty ? EnergyAccount() : jobAccounts[index], paysEnergy: pays),
                             lastPool.map { fleet.pools[$0.rawValue] })
            a.usefulChipHours = run.usefulChipSeconds / 3_600
            a.trainedTokens = run.stepsDone * Double(run.input.job.tokensPerStep)
            jobs.append(a)
            if let pool = lastPool {
                pools[pool.rawValue].account.usefulChipHours += a.usefulChipHours
                pools[pool.rawValue].account.trainedTokens += a.trainedTokens
            }
        }
        var sites = fleet.sites.map { CostReport.Account(name: $0.name) }
        var total = CostReport.Account(name: "total")
        for (pool, entry) in zip(fleet.pools, pools) { sites[pool.site.rawValue].add(entry.account) }
        for site in sites { total.add(site) }
        return CostReport(jobs: jobs, pools: pools, sites: sites, total: total)
    }

    static func describe(_ cost: CapacityCost?) -> String {
        switch cost {
        case .rented(let rental)?: "rented \(rental.term.rawValue)"
        case .owned?: "owned"
        case nil: "none"
        }
    }
}
