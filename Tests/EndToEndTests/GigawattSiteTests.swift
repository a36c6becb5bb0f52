import Foundation
import Testing

/// The `gigawatt-site` scenario (a million chips, ~1 GW, 30 days) run end to end with its
/// horizon shortened by `--horizon`, so the debug-build test stays quick; the full month is
/// measured by `gigawatt-bench site` in release mode (time is never asserted here).
@Suite("gigawatt-site scenario")
struct GigawattSiteTests {
    @Test("gigawatt-site over two days: a million chips, energy, cost and carbon consistent with the site's tariffs, both chat services serving")
    func shortenedSiteRun() throws {
        let summary = try ScenarioFindingsTests.summary(of: "gigawatt-site", extra: ["--horizon", "2 d"])
        #expect(summary["horizon"] as? String == "2d 00:00:00")
        let fleet = try #require(summary["fleet"] as? [String: Any])
        // 1,024 × 256 + 4,096 × 64 + 32,768 × 8 + 3,641 × 72 = 1,048,584 (the opening comment).
        #expect(fleet["chips"] as? Int == 1_048_584)
        let energy = try #require(summary["energy"] as? [String: Any])
        let sites = try #require(energy["sites"] as? [[String: Any]])
        let site = try #require(sites.first)
        let simulated = try #require(summary["simulated_s"] as? Double)
        #expect(simulated == 2 * 86_400)
        let average = try #require(site["average_facility_power_w"] as? Double)
        let peak = try #require(site["peak_facility_power_w"] as? Double)
        let maximum = try #require(fleet["facility_hardware_maximum_w"] as? Double)
        // Power never exceeds the hardware maximum, and the training mix keeps the campus busy
        // (hundreds of megawatts within two days, not an idle fleet).
        #expect(peak <= maximum && average <= peak && average > 2e8, "average \(average) W, peak \(peak) W, maximum \(maximum) W")
        // Energy = average power × simulated time; cost at $60/MWh; carbon at 400 g/kWh. The
        // summary's figures are exact integrals, so they agree to rounding (1e-9 relative).
        let megawattHours = try #require(site["facility_energy_mwh"] as? Double)
        #expect(abs(megawattHours - average * simulated / 3.6e9) <= 1e-9 * megawattHours)
        let cost = try #require(site["cost_usd"] as? Double)
        #expect(abs(cost - megawattHours * 60) <= 1e-9 * cost)
        let carbon = try #require(site["carbon_kg"] as? Double)
        #expect(abs(carbon - megawattHours * 1_000 * 0.4) <= 1e-9 * carbon)
        let training = try #require(summary["training"] as? [String: Any])
        #expect(try #require(training["running"] as? Int) > 100)
        // Both chat services placed in full beside the training and serving their traffic.
        let inference = try #require(summary["inference"] as? [String: Any])
        let services = try #require(inference["services"] as? [[String: Any]])
        #expect(services.map { $0["name"] as? String } == ["chat-h100", "chat-tpu"])
        for service in services {
            #expect(service["peak_replicas"] as? Int == 1024)
            #expect(service["placement_problem"] == nil)
            #expect(try #require(service["output_tokens_per_s"] as? Double) > 0)
        }
    }
}
