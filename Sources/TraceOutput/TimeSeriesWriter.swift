import Foundation
import Gigawatt
import SimKernel

/// Writes `timeseries.csv` as the run goes: one row per interval and site, the interval's
/// share of the exact integrals (so the rows of a column add up to the summary's total).
///
/// Columns (units in the names): `interval_start_s`, `interval_end_s`, `site`,
/// `it_power_avg_w`, `facility_power_avg_w`, `it_energy_j`, `facility_energy_j`, `cost_usd`,
/// `carbon_g`, `utilization` (busy hosts over installed hosts, time-averaged).
public final class TimeSeriesWriter: TelemetrySink {
    private let table: CSVTableWriter
    public private(set) var writeError: Error?

    public static let columns = ["interval_start_s", "interval_end_s", "site", "it_power_avg_w", "facility_power_avg_w",
                                 "it_energy_j", "facility_energy_j", "cost_usd", "carbon_g", "utilization"]

    public init(url: URL) throws {
        table = try CSVTableWriter(url: url, columns: Self.columns)
    }

    public func record(_ record: TelemetryRecord) {
        switch record {
        case .siteInterval(let row):
            attempt {
                try table.append([
                    .number(row.start.seconds), .number(row.end.seconds), .text(row.site),
                    .number(row.averageITPower.value), .number(row.averageFacilityPower.value),
                    .number(row.itEnergy.value), .number(row.facilityEnergy.value), .number(row.cost.value),
                    .number(row.carbonGrams), .number(row.utilization),
                ])
            }
        case .runFinished:
            attempt { try table.close() }
        default:
            break
        }
    }

    private func attempt(_ body: () throws -> Void) {
        guard writeError == nil else { return }
        do { try body() } catch { writeError = error }
    }
}
