import Fleet
import SimKernel
import Workloads

/// Energy, carbon and capacity cost per pool (`EnergyAccount`, updated whenever the site's
/// power, PUE, price or carbon intensity changes: `updatePower` calls `updateAccounts`) and per
/// job (`JobEnergyAccount`, through the site's factor integrals, touched only when the job's own
/// power changes), and the cost report at the end.
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

    /// Job `index` starts drawing (it started, or its clock changed): its power above idle joins
    /// its pool's sum, and its account opens. - Precondition: running, on a pool.
    mutating func powerJoined(_ index: Int, at time: SimTime, isStart: Bool = true) {
        let pool = runs[index].pool!.rawValue
        if isStart, let boot = fleet.pools[pool].bootDelay {
            // Its hosts were off: they boot first (drawing idle), then the attempt proceeds.
            runs[index].stalledUntil = max(runs[index].stalledUntil, time) + boot
            bootingUntil[index] = time + boot
            pendingBoots.append((job: index, at: time + boot))
        }
        let units = Double(runs[index].units)
        let host = hostPower(ofJob: index).value
        jobDynamic[index] = (host - hostPower[pool].idle.value) * units
        let full = unthrottledHostPower(ofJob: index, on: pool, breakdown: runs[index].breakdown)
        jobDynamicFull[index] = (full - hostPower[pool].idle).value * units
        poolDynamicFull[pool] += jobDynamicFull[index]
        poolDynamic[pool] += jobDynamic[index]
        poolRunning[pool] += 1
        let site = fleet.pools[pool].site.rawValue
        jobAccounts[index].open(itWatts: host * units, chips: Double(runs[index].input.job.parallelism.chips),
                                perChipHour: capacityRate(ofPool: pool), pool: pool, at: time, factors: siteFactors[site].value(at: time))
    }

    /// Job `index` stops drawing (it stopped, or its clock is about to change). - Precondition:
    /// it joined and still has its pool.
    mutating func powerLeft(_ index: Int, at time: SimTime, isStop: Bool = true) {
        let pool = runs[index].pool!.rawValue
        if isStop { bootingUntil[index] = nil }
        poolRunning[pool] -= 1
        // An empty pool's sum is exactly zero, whatever rounding the additions left.
        poolDynamic[pool] = poolRunning[pool] == 0 ? 0 : poolDynamic[pool] - jobDynamic[index]
        poolDynamicFull[pool] = poolRunning[pool] == 0 ? 0 : poolDynamicFull[pool] - jobDynamicFull[index]
        jobDynamic[index] = 0
        let site = fleet.pools[pool].site.rawValue
        jobAccounts[index].close(at: time, factors: siteFactors[site].value(at: time))
    }

    /// Brings the accounts of `site`'s pools to `time` and sets their rates, and the site's
    /// factor integrals, from then on. `byPool` is every pool's IT power; `facilityPerIT` the
    /// site's PUE at its load. O(pools).
    mutating func updateAccounts(ofSite site: SiteID, byPool: [Watts], facilityPerIT: Double, at time: SimTime) {
        let s = fleet.sites[site.rawValue]
        let price = s.electricityPrice.value(at: time).value, intensity = s.carbonIntensity.value(at: time).value
        siteFactors[site.rawValue].set(facilityPerIT: facilityPerIT, price: price, intensity: intensity, at: time)
        for pool in fleet.pools where pool.site == site {
            let p = pool.id.rawValue
            poolAccounts[p].integrate(to: time)
            let chips = Double(inServiceHosts[p] * occupancy[p].hierarchy.chipsPerUnit)
            poolAccounts[p].set(it: byPool[p].value, facility: byPool[p].value * facilityPerIT, price: price, intensity: intensity,
                                chips: chips, perChipHour: capacityRate(ofPool: p), at: time)
        }
    }

    /// The cost report at `horizon`: every account closed, jobs summed into pools by where
    /// they ran last, pools into sites, sites into the total.
    mutating func costReport(at horizon: SimTime) -> CostReport {
        for p in poolAccounts.indices { poolAccounts[p].integrate(to: horizon) }
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
            CostReport.Pool(account: embodied(account(pool.name, poolAccounts[pool.id.rawValue],
                                                      paysEnergy: pool.cost?.paysEnergy ?? true), pool),
                            site: fleet.sites[pool.site.rawValue].name, costModel: Self.describe(pool.cost),
                            usdPerChipHour: capacityRate(ofPool: pool.id.rawValue),
                            spotReclaims: spotReclaims.isEmpty ? 0 : spotReclaims[pool.id.rawValue])
        }
        var jobs: [CostReport.Account] = []
        for run in runs where run.start != nil {
            let index = run.id.rawValue
            let lastPool = jobAccounts[index].pool.map(PoolID.init)
            let pays = lastPool.map { fleet.pools[$0.rawValue].cost?.paysEnergy ?? true } ?? true
            // A job's last pool is its site's; before it ever ran, no site's factors matter.
            let site = lastPool.map { fleet.pools[$0.rawValue].site.rawValue } ?? 0
            let t = jobAccounts[index].totals(at: horizon, factors: siteFactors.isEmpty ? .init() : siteFactors[site].value(at: horizon))
            var a = CostReport.Account(name: run.input.name)
            a.capacityUSD = t.capacityCost
            a.energyCostUSD = t.energyCost
            a.energyPaidUSD = pays ? t.energyCost : 0
            a.facilityEnergyJ = t.facilityEnergy
            a.carbonGrams = t.carbonGrams
            a.chipHours = t.chipSeconds / 3_600
            a = embodied(a, lastPool.map { fleet.pools[$0.rawValue] })
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
