import Foundation
import Fleet
@testable import Gigawatt
import ScenarioFormat
import SimKernel
@testable import TraceOutput

/// A small run written by hand, so writers' outputs and comparisons can be checked against
/// numbers worked out on paper: site `lab` (pool `gpu`, 16 H100), a 2-hour horizon in 1-hour
/// intervals, and one training job. Every number is exactly representable, so sums are exact.
struct HandMadeRun {
    /// Per interval: facility energy (J); IT energy is facility / 1.2 (PUE), cost $0.08/kWh,
    /// carbon 400 g/kWh, hosts half busy.
    var facilityEnergy: [Double] = [4.32e9, 4.32e9]
    var jobEnd: SimTime = .zero + .hours(1)
    var seed: UInt64 = 1
    /// Capacity changes, recorded after the power samples.
    var capacityChanges: [PoolCapacityChange] = []
    /// A site power cap such as `"2 MW"`, or none.
    var sitePowerCap: String?

    static let scenarioText = """
        { name: "hand", seed: 1, horizon: "2 h",
          fleet: {
            sites: [{ name: "lab", pue: 1.2, electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh" }],
            pools: [{ name: "gpu", site: "lab", chip: "h100-sxm", hosts: 2 }],
          } }
        """

    var records: [TelemetryRecord] {
        let text = sitePowerCap.map { Self.scenarioText.replacingOccurrences(of: "pue: 1.2,", with: "pue: 1.2, power_cap: \"\($0)\",") } ?? Self.scenarioText
        let scenario = try! ScenarioLoader.parse(text: text, fileName: "hand.json5")
        var records: [TelemetryRecord] = [
            .runStarted(RunStarted(scenarioName: "hand", seed: seed, horizon: .hours(2), version: "test")),
            .fleetDescribed(FleetInventory(scenario.fleet)),
        ]
        let perInterval = Int64(facilityEnergy.count)
        var samples: [SitePowerSample] = []
        var rows: [SiteInterval] = []
        for (index, facility) in facilityEnergy.enumerated() {
            let start = SimTime.zero + SimDuration(nanoseconds: SimDuration.hours(2).nanoseconds / perInterval * Int64(index))
            let end = start + SimDuration(nanoseconds: SimDuration.hours(2).nanoseconds / perInterval)
            let kWh = facility / 3.6e6
            samples.append(SitePowerSample(site: "lab", time: start, itPower: facility / 1.2 / (end - start).seconds,
                                           facilityPower: facility / (end - start).seconds))
            rows.append(SiteInterval(site: "lab", start: start, end: end, itEnergy: Joules(facility / 1.2), facilityEnergy: Joules(facility),
                                     cost: Dollars(kWh * 0.08), carbonGrams: kWh * 400, busyHostSeconds: (end - start).seconds / 2))
        }
        records += samples.map { .sitePower($0) }
        records += capacityChanges.map { .poolCapacity($0) }
        records += rows.map { .siteInterval($0) }
        records.append(.trainingJob(TrainingJobResult(
            name: "j1", outcome: .completed, reason: nil, pool: "gpu", chip: "h100-sxm", chips: 16, arrival: .zero,
            start: .zero + .minutes(10), end: jobEnd, progress: 1, stepSeconds: 2, mfu: 0.5, tokensPerSecond: 1e5,
            chipHours: 16 * (jobEnd - (SimTime.zero + .minutes(10))).seconds / 3_600, preemptions: 0)))
        let facility = facilityEnergy.reduce(0, +)
        records.append(.siteEnergy(SiteEnergyTotals(
            site: "lab", itEnergy: Joules(facility / 1.2), facilityEnergy: Joules(facility), cost: Dollars(facility / 3.6e6 * 0.08),
            carbonGrams: facility / 3.6e6 * 400, peakFacilityPower: Watts(samples.map(\.facilityPower).max()!),
            peakITPower: Watts(samples.map(\.itPower).max()!))))
        records.append(.runFinished(RunTotals(simulatedTime: .hours(2), eventsProcessed: 5)))
        return records
    }

    /// Writes the run's directory as `gigawatt run --out` does (all four files and scenario.json5).
    func write(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let summary = SummaryWriter(url: directory.appendingPathComponent("summary.json"))
        let series = try TimeSeriesWriter(url: directory.appendingPathComponent("timeseries.csv"))
        let trace = try TraceWriter(url: directory.appendingPathComponent("trace.json"))
        let report = ReportWriter(url: directory.appendingPathComponent("report.html"), scenarioDescription: "hand-made")
        let sink = TelemetryFanOut([summary, series, trace, report])
        for record in records { sink.record(record) }
        try Self.scenarioText.replacingOccurrences(of: "seed: 1", with: "seed: \(seed)")
            .write(to: directory.appendingPathComponent("scenario.json5"), atomically: true, encoding: .utf8)
    }

    static func scratch() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("gigawatt-hand-\(UUID().uuidString)")
    }
}
