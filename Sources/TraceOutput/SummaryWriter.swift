import Foundation
import Fleet
import Gigawatt
import SimKernel

/// Writes `summary.json`: what the run was and its totals, as stable, sorted, pretty JSON.
///
/// Energy, cost and carbon totals are the sums of the time-series rows (`SiteInterval` records,
/// added in the order they come, which is the order of `timeseries.csv`), so a script that adds
/// up a column of the CSV gets the summary's number to the last bit: per site by adding that
/// site's rows, overall by adding every row.
///
/// The summary holds only simulated quantities (never wall-clock time or host facts), so the same
/// scenario and seed give byte-identical files. Later issues add energy, cost, utilisation and
/// latency sections; the key names are part of the documented schema.
public final class SummaryWriter: TelemetrySink {
    private let url: URL
    private var summary = Summary()
    private var horizon = SimDuration.zero
    /// Per site and overall: the sums of the interval rows so far (IT J, facility J, USD, g).
    private var siteRows: [String: RowSums] = [:]
    private var allRows = RowSums()
    public private(set) var writeError: Error?

    private struct RowSums {
        var itEnergy = 0.0, facilityEnergy = 0.0, cost = 0.0, carbonGrams = 0.0
        mutating func add(_ row: SiteInterval) {
            itEnergy += row.itEnergy.value
            facilityEnergy += row.facilityEnergy.value
            cost += row.cost.value
            carbonGrams += row.carbonGrams
        }
    }

    public init(url: URL) { self.url = url }

    struct Summary: Encodable {
        var schemaVersion = 1
        var gigawattVersion = ""
        var scenario = ""
        var seed: UInt64 = 0
        var horizonSeconds = 0.0
        var horizon = ""
        var simulatedSeconds = 0.0
        var eventsProcessed: UInt64 = 0
        var fleet = FleetSummary()
        var training = TrainingSummary()
        var energy = EnergySummary()
        var scheduling = SchedulingSummary()
        var inference: InferenceSummary?
        var cost = CostSummary()

        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schema_version"
            case gigawattVersion = "gigawatt_version"
            case scenario, seed
            case horizonSeconds = "horizon_s"
            case horizon
            case simulatedSeconds = "simulated_s"
            case eventsProcessed = "events_processed"
            case fleet
            case training
            case energy
            case inference
            case scheduling
            case cost
        }
    }

    /// `cost`: capacity and energy cost, energy and carbon per job, pool, site and in total
    /// (`CostReport`).
    struct CostSummary: Encodable {
        var total: CostAccount?
        var sites: [CostAccount] = []
        var pools: [CostAccount] = []
        var jobs: [CostAccount] = []
    }

    struct CostAccount: Encodable {
        var name: String
        var site: String?
        var costModel: String?
        var usdPerChipHour: Double?
        var spotReclaims: Int?
        var totalUSD: Double
        var capacityUSD: Double
        var energyCostUSD: Double
        var energyPaidUSD: Double
        var facilityEnergyJ: Double
        var carbonKg: Double
        var embodiedCarbonKg: Double
        var chipHours: Double
        var usefulChipHours: Double
        var trainedTokens: Double
        var usdPerMillionTrainedTokens: Double?
        var usdPerUsefulChipHour: Double?

        init(_ a: CostReport.Account, site: String? = nil, costModel: String? = nil, usdPerChipHour: Double? = nil,
             spotReclaims: Int? = nil) {
            self.spotReclaims = spotReclaims
            name = a.name
            self.site = site
            self.costModel = costModel
            self.usdPerChipHour = usdPerChipHour
            totalUSD = a.totalUSD
            capacityUSD = a.capacityUSD
            energyCostUSD = a.energyCostUSD
            energyPaidUSD = a.energyPaidUSD
            facilityEnergyJ = a.facilityEnergyJ
            carbonKg = a.carbonGrams / 1_000
            embodiedCarbonKg = a.embodiedCarbonGrams / 1_000
            chipHours = a.chipHours
            usefulChipHours = a.usefulChipHours
            trainedTokens = a.trainedTokens
            usdPerMillionTrainedTokens = a.usdPerMillionTrainedTokens
            usdPerUsefulChipHour = a.usdPerUsefulChipHour
        }

        enum CodingKeys: String, CodingKey {
            case name, site
            case costModel = "cost_model"
            case usdPerChipHour = "usd_per_chip_hour"
            case spotReclaims = "spot_reclaims"
            case totalUSD = "total_usd"
            case capacityUSD = "capacity_usd"
            case energyCostUSD = "energy_cost_usd"
            case energyPaidUSD = "energy_paid_usd"
            case facilityEnergyJ = "facility_energy_j"
            case carbonKg = "carbon_kg"
            case embodiedCarbonKg = "embodied_carbon_kg"
            case chipHours = "chip_hours"
            case usefulChipHours = "useful_chip_hours"
            case trainedTokens = "trained_tokens"
            case usdPerMillionTrainedTokens = "usd_per_million_trained_tokens"
            case usdPerUsefulChipHour = "usd_per_useful_chip_hour"
        }
    }

    /// `scheduling`: fragmentation — free chips that could not host the smallest queued gang
    /// (per pool, the smallest gang queued for it), averaged over time and at its worst.
    struct SchedulingSummary: Encodable {
        var meanStrandedChips = 0.0
        var peakStrandedChips = 0

        enum CodingKeys: String, CodingKey {
            case meanStrandedChips = "mean_stranded_chips"
            case peakStrandedChips = "peak_stranded_chips"
        }
    }

    /// `energy`: exact integrals per site and their sums. Energy in joules (and MWh for
    /// reading), cost in USD, carbon in kilograms CO2e, power in watts; the average is the
    /// facility energy over the simulated time.
    struct EnergySummary: Encodable {
        var itEnergyJ = 0.0
        var facilityEnergyJ = 0.0
        var facilityEnergyMWh = 0.0
        var costUSD = 0.0
        var carbonKg = 0.0
        var sites: [SiteEnergySummary] = []
        var powerCaps: [PowerCapSummary] = []

        enum CodingKeys: String, CodingKey {
            case itEnergyJ = "it_energy_j"
            case facilityEnergyJ = "facility_energy_j"
            case facilityEnergyMWh = "facility_energy_mwh"
            case costUSD = "cost_usd"
            case carbonKg = "carbon_kg"
            case sites
            case powerCaps = "power_caps"
        }
    }

    /// `energy.power_caps`: one entry per enforced cap (`PowerCapReport`).
    struct PowerCapSummary: Encodable {
        var domain: String
        var action: String
        var timeAtCapS: Double
        var timeOverCapS: Double
        var energyAvoidedJ: Double
        var energyAvoidedMWh: Double
        var delayedChipHours: Double
        var lostChipHours: Double
        var preemptions: Int
        var lowestClock: Double

        enum CodingKeys: String, CodingKey {
            case domain, action, preemptions
            case timeAtCapS = "time_at_cap_s"
            case timeOverCapS = "time_over_cap_s"
            case energyAvoidedJ = "energy_avoided_j"
            case energyAvoidedMWh = "energy_avoided_mwh"
            case delayedChipHours = "delayed_chip_hours"
            case lostChipHours = "lost_chip_hours"
            case lowestClock = "lowest_clock"
        }
    }

    struct SiteEnergySummary: Encodable {
        var name: String
        var itEnergyJ: Double
        var facilityEnergyJ: Double
        var facilityEnergyMWh: Double
        var costUSD: Double
        var carbonKg: Double
        var peakITPowerW: Double
        var peakFacilityPowerW: Double
        var averageFacilityPowerW: Double

        enum CodingKeys: String, CodingKey {
            case name
            case itEnergyJ = "it_energy_j"
            case facilityEnergyJ = "facility_energy_j"
            case facilityEnergyMWh = "facility_energy_mwh"
            case costUSD = "cost_usd"
            case carbonKg = "carbon_kg"
            case peakITPowerW = "peak_it_power_w"
            case peakFacilityPowerW = "peak_facility_power_w"
            case averageFacilityPowerW = "average_facility_power_w"
        }
    }

    /// `training`: counts by outcome and one entry per job (times in seconds from the start).
    struct TrainingSummary: Encodable {
        var completed = 0
        var running = 0
        var queued = 0
        var rejected = 0
        var notArrived = 0
        var chipHours = 0.0
        var lostChipHours = 0.0
        var interruptions = 0
        var jobs: [JobSummary] = []

        enum CodingKeys: String, CodingKey {
            case completed, running, queued, rejected, interruptions
            case notArrived = "not_arrived"
            case chipHours = "chip_hours"
            case lostChipHours = "lost_chip_hours"
            case jobs
        }
    }

    struct JobSummary: Encodable {
        var name: String
        var outcome: String
        var reason: String?
        var pool: String?
        var chip: String?
        var chips: Int
        var arrivalSeconds: Double
        var startSeconds: Double?
        var endSeconds: Double?
        var queueWaitSeconds: Double?
        var completionTimeSeconds: Double?
        var progress: Double
        var stepSeconds: Double?
        var mfu: Double?
        var tokensPerSecond: Double?
        var chipHours: Double
        var preemptions: Int
        var interruptions: Int
        var lostChipHours: Double
        var goodput: Double?

        enum CodingKeys: String, CodingKey {
            case name, outcome, reason, pool, chip, chips, preemptions, interruptions, goodput
            case lostChipHours = "lost_chip_hours"
            case arrivalSeconds = "arrival_s"
            case startSeconds = "start_s"
            case endSeconds = "end_s"
            case queueWaitSeconds = "queue_wait_s"
            case completionTimeSeconds = "completion_time_s"
            case progress
            case stepSeconds = "step_s"
            case mfu
            case tokensPerSecond = "tokens_per_s"
            case chipHours = "chip_hours"
        }
    }

    /// `fleet`: the inventory per site and pool; power in watts before (`it`) and after PUE
    /// (`facility`).
    struct FleetSummary: Encodable {
        var chips = 0
        var itHardwareMaximumW = 0.0
        var facilityHardwareMaximumW = 0.0
        var sites: [SiteSummary] = []

        enum CodingKeys: String, CodingKey {
            case chips
            case itHardwareMaximumW = "it_hardware_maximum_w"
            case facilityHardwareMaximumW = "facility_hardware_maximum_w"
            case sites
        }
    }

    struct SiteSummary: Encodable {
        var name: String
        var chips: Int
        var itHardwareMaximumW: Double
        var facilityHardwareMaximumW: Double
        var gridLimitW: Double?
        var powerCapW: Double?
        var pools: [PoolSummary]

        enum CodingKeys: String, CodingKey {
            case name, chips
            case itHardwareMaximumW = "it_hardware_maximum_w"
            case facilityHardwareMaximumW = "facility_hardware_maximum_w"
            case gridLimitW = "grid_limit_w"
            case powerCapW = "power_cap_w"
            case pools
        }
    }

    struct PoolSummary: Encodable {
        var name: String
        var chip: String
        var platform: String
        var chips: Int
        var hosts: Int
        var racks: Int
        var scaleUpDomains: Int
        var itHardwareMaximumW: Double

        enum CodingKeys: String, CodingKey {
            case name, chip, platform, chips, hosts, racks
            case scaleUpDomains = "scale_up_domains"
            case itHardwareMaximumW = "it_hardware_maximum_w"
        }
    }

    public func record(_ record: TelemetryRecord) {
        switch record {
        case .runStarted(let start):
            summary.gigawattVersion = start.version
            summary.scenario = start.scenarioName
            summary.seed = start.seed
            summary.horizonSeconds = start.horizon.seconds
            summary.horizon = start.horizon.description
            horizon = start.horizon
        case .fleetDescribed(let inventory):
            summary.fleet = FleetSummary(
                chips: inventory.chips, itHardwareMaximumW: inventory.itHardwareMaximum.value,
                facilityHardwareMaximumW: inventory.facilityHardwareMaximum.value,
                sites: inventory.sites.map { site in
                    SiteSummary(name: site.name, chips: site.chips, itHardwareMaximumW: site.itHardwareMaximum.value,
                                facilityHardwareMaximumW: site.facilityHardwareMaximum.value,
                                gridLimitW: site.gridLimit?.value, powerCapW: site.powerCap?.value,
                                pools: site.pools.map { pool in
                                    PoolSummary(name: pool.name, chip: pool.chip, platform: pool.platform, chips: pool.chips,
                                                hosts: pool.hosts, racks: pool.racks, scaleUpDomains: pool.scaleUpDomains,
                                                itHardwareMaximumW: pool.itHardwareMaximum.value)
                                })
                })
        case .trainingJob(let job):
            switch job.outcome {
            case .completed: summary.training.completed += 1
            case .running: summary.training.running += 1
            case .queued: summary.training.queued += 1
            case .rejected: summary.training.rejected += 1
            case .notArrived: summary.training.notArrived += 1
            }
            summary.training.chipHours += job.chipHours
            summary.training.lostChipHours += job.lostChipHours
            summary.training.interruptions += job.interruptions
            let horizon = SimTime.zero + horizon
            summary.training.jobs.append(JobSummary(
                name: job.name, outcome: job.outcome.rawValue, reason: job.reason, pool: job.pool, chip: job.chip,
                chips: job.chips, arrivalSeconds: job.arrival.seconds, startSeconds: job.start?.seconds,
                endSeconds: job.end?.seconds, queueWaitSeconds: job.queueWait(horizon: horizon)?.seconds,
                completionTimeSeconds: job.completionTime?.seconds, progress: job.progress, stepSeconds: job.stepSeconds,
                mfu: job.mfu, tokensPerSecond: job.tokensPerSecond, chipHours: job.chipHours, preemptions: job.preemptions,
                interruptions: job.interruptions, lostChipHours: job.lostChipHours, goodput: job.goodput))
        case .siteInterval(let row):
            siteRows[row.site, default: RowSums()].add(row)
            allRows.add(row)
        case .sitePower, .poolCapacity, .powerCapState, .inferenceRequest, .inferenceInterval:
            break  // the trace's, requests.csv's and inference.csv's
        case .inferenceService(let service):
            if summary.inference == nil { summary.inference = InferenceSummary() }
            summary.inference!.add(service)
        case .siteEnergy(let site):
            let seconds = horizon.seconds
            // The meter's own totals only if the site had no rows (a zero horizon).
            let sums = siteRows[site.site] ?? RowSums(itEnergy: site.itEnergy.value, facilityEnergy: site.facilityEnergy.value,
                                                      cost: site.cost.value, carbonGrams: site.carbonGrams)
            summary.energy.sites.append(SiteEnergySummary(
                name: site.site, itEnergyJ: sums.itEnergy, facilityEnergyJ: sums.facilityEnergy,
                facilityEnergyMWh: sums.facilityEnergy / 3.6e9, costUSD: sums.cost,
                carbonKg: sums.carbonGrams / 1_000, peakITPowerW: site.peakITPower.value,
                peakFacilityPowerW: site.peakFacilityPower.value,
                averageFacilityPowerW: seconds > 0 ? sums.facilityEnergy / seconds : 0))
            summary.energy.itEnergyJ = allRows.itEnergy
            summary.energy.facilityEnergyJ = allRows.facilityEnergy
            summary.energy.facilityEnergyMWh = allRows.facilityEnergy / 3.6e9
            summary.energy.costUSD = allRows.cost
            summary.energy.carbonKg = allRows.carbonGrams / 1_000
        case .powerCap(let cap):
            summary.energy.powerCaps.append(PowerCapSummary(
                domain: cap.domain, action: cap.action, timeAtCapS: cap.timeAtCapSeconds, timeOverCapS: cap.timeOverCapSeconds,
                energyAvoidedJ: cap.energyAvoided.value, energyAvoidedMWh: cap.energyAvoided.value / 3.6e9,
                delayedChipHours: cap.delayedChipHours, lostChipHours: cap.lostChipHours, preemptions: cap.preemptions,
                lowestClock: cap.lowestClock))
        case .costs(let report):
            summary.cost = CostSummary(
                total: CostAccount(report.total), sites: report.sites.map { CostAccount($0) },
                pools: report.pools.map { CostAccount($0.account, site: $0.site, costModel: $0.costModel, usdPerChipHour: $0.usdPerChipHour,
                                             spotReclaims: $0.spotReclaims) },
                jobs: report.jobs.map { CostAccount($0) })
        case .runFinished(let totals):
            summary.simulatedSeconds = totals.simulatedTime.seconds
            summary.eventsProcessed = totals.eventsProcessed
            summary.scheduling = SchedulingSummary(meanStrandedChips: totals.meanStrandedChips,
                                                   peakStrandedChips: totals.peakStrandedChips)
            write()
        }
    }

    private func write() {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            var data = try encoder.encode(summary)
            data.append(0x0A)
            try data.write(to: url)
        } catch {
            writeError = error
        }
    }
}
