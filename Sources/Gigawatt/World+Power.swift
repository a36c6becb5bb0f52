import Fleet
import Scheduling
import SimKernel
import Workloads

/// Power accounting: what each pool draws and the site meters that integrate it.
extension World {
    /// Starts the power accounts at time zero (every host idle) and schedules the first change
    /// of each site's hourly series.
    mutating func startAccounting(in engine: inout Engine) {
        poolAccounts = Array(repeating: EnergyAccount(), count: fleet.pools.count)
        jobAccounts = Array(repeating: JobEnergyAccount(), count: runs.count)
        siteFactors = Array(repeating: SiteFactorIntegral(), count: fleet.sites.count)
        poolDynamic = Array(repeating: 0, count: fleet.pools.count)
        poolRunning = Array(repeating: 0, count: fleet.pools.count)
        poolServing = Array(repeating: 0, count: fleet.pools.count)
        poolServingReplicas = Array(repeating: 0, count: fleet.pools.count)
        jobDynamic = Array(repeating: 0, count: runs.count)
        jobDynamicFull = Array(repeating: 0, count: runs.count)
        poolDynamicFull = Array(repeating: 0, count: fleet.pools.count)
        bootingUntil = Array(repeating: nil, count: runs.count)
        for site in fleet.sites {
            updatePower(ofSite: site.id, at: .zero)
            if let next = meters[site.id.rawValue].nextSeriesChange(after: .zero) {
                engine.schedule(.siteSeriesChange, at: next, subject: UInt32(site.id.rawValue))
            }
        }
        scheduleCapChanges(in: &engine)
        scheduleSpotReclaims(in: &engine)
    }

    /// What one host of running job `index` draws now: the activity power model on its step
    /// breakdown (`ActivityPowerModel`), at its clock factor; a replayed job without a step
    /// model draws the catalog's typical power. - Precondition: the job is running.
    func hostPower(ofJob index: Int) -> Watts {
        let model = hostPower[runs[index].pool!.rawValue]
        if !bootingUntil.isEmpty, bootingUntil[index] != nil { return model.idle }  // booting: idle draw
        return model.throttled(unthrottledHostPower(ofJob: index, on: runs[index].pool!.rawValue, breakdown: runs[index].breakdown),
                               clock: runs[index].clock)
    }

    /// What one host of `pool` draws running a job with `breakdown` at full clock.
    func unthrottledHostPower(ofJob index: Int, on pool: Int, breakdown: StepTimeBreakdown?) -> Watts {
        let model = hostPower[pool]
        return breakdown.map { model.power($0.activity) } ?? model.busy
    }

    /// What pool `index` draws with no work: its in-service hosts idle, plus its fabric (per
    /// chip in service) and storage.
    func baselinePower(ofPool index: Int) -> Watts {
        let pool = fleet.pools[index]
        let chips = inServiceHosts[index] * occupancy[index].hierarchy.chipsPerUnit
        // With power-down, only hosts holding work (running or booting) are on.
        let on = pool.bootDelay == nil ? inServiceHosts[index] : busyHosts[index]
        return hostPower[index].idle.times(on) + pool.networkPowerPerChip.times(chips)
            + (inServiceHosts[index] > 0 ? pool.storagePower : .zero)
    }

    /// IT power of every pool: its baseline (hosts in service idle, fabric, storage), plus each running job's and
    /// inference replica's hosts above idle.
    /// Placement units are hosts on every platform (HGX host, NVL72 tray, Trainium instance,
    /// TPU host). O(pools): the running jobs' part is kept as a sum (`powerJoined`, `powerLeft`).
    func itPowerByPool() -> [Watts] {
        fleet.pools.indices.map {
            baselinePower(ofPool: $0) + Watts(poolDynamic.isEmpty ? 0 : poolDynamic[$0]) + Watts(poolServing.isEmpty ? 0 : poolServing[$0])
        }
    }

    mutating func updatePower(ofSite site: SiteID, at time: SimTime) {
        needsPowerCheck = true
        var total = Watts.zero
        var busy = 0, installed = 0
        let byPool = itPowerByPool()
        for pool in fleet.pools where pool.site == site {
            total += byPool[pool.id.rawValue]
            busy += busyHosts[pool.id.rawValue]
            installed += inServiceHosts[pool.id.rawValue]
        }
        let fraction = installed > 0 ? Double(busy) / Double(installed) : 0
        for interval in meters[site.rawValue].update(itPower: total, utilization: fraction, at: time) {
            sink.record(.siteInterval(interval))
        }
        let meter = meters[site.rawValue]
        let facilityPerIT = total.value > 0 ? meter.facilityEnergy.rate / total.value : 0
        updateAccounts(ofSite: site, byPool: byPool, facilityPerIT: facilityPerIT, at: time)
        sink.record(.sitePower(SitePowerSample(site: meter.site.name, time: time, itPower: total.value,
                                               facilityPower: meter.facilityEnergy.rate)))
    }

    /// Closes the power accounts at `horizon`: the last intervals (a partial one included) and
    /// each site's totals.
    mutating func closeAccounts(at horizon: SimTime) {
        for index in meters.indices {
            for interval in meters[index].advance(to: horizon) { sink.record(.siteInterval(interval)) }
            if let last = meters[index].openInterval(endingAt: horizon) { sink.record(.siteInterval(last)) }
            sink.record(.siteEnergy(meters[index].totals))
        }
        closeCaps(at: horizon)
        if !fleet.pools.isEmpty { sink.record(.costs(costReport(at: horizon))) }
    }
}
