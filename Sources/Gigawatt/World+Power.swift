import Fleet
import Scheduling
import SimKernel
import Workloads

/// Power accounting: what each pool draws and the site meters that integrate it.
extension World {
    /// Starts the power accounts at time zero (every host idle) and schedules the first change
    /// of each site's hourly series.
    mutating func startAccounting(in engine: inout Engine) {
        for site in fleet.sites {
            updatePower(ofSite: site.id, at: .zero)
            if let next = meters[site.id.rawValue].nextSeriesChange(after: .zero) {
                engine.schedule(.siteSeriesChange, at: next, subject: UInt32(site.id.rawValue))
            }
        }
    }

    /// IT power of a pool: busy hosts at their typical draw, the rest idle. Placement units are
    /// hosts on every platform (HGX host, NVL72 tray, Trainium instance, TPU host).
    func itPower(ofPool index: Int) -> Watts {
        let model = hostPower[index]
        return model.busy.times(busyHosts[index]) + model.idle.times(inServiceHosts[index] - busyHosts[index])
    }

    mutating func updatePower(ofSite site: SiteID, at time: SimTime) {
        var total = Watts.zero
        var busy = 0, installed = 0
        for pool in fleet.pools where pool.site == site {
            total += itPower(ofPool: pool.id.rawValue)
            busy += busyHosts[pool.id.rawValue]
            installed += inServiceHosts[pool.id.rawValue]
        }
        let fraction = installed > 0 ? Double(busy) / Double(installed) : 0
        for interval in meters[site.rawValue].update(itPower: total, utilization: fraction, at: time) {
            sink.record(.siteInterval(interval))
        }
        let meter = meters[site.rawValue]
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
    }
}
