import Fleet
import Foundation
import SimKernel
import Testing
@testable import ScenarioFormat

@Suite("PUE against outdoor temperature")
struct TemperaturePUETests {
    @Test("PUE follows the hourly outdoor temperature through the curve, and the design day is the worst hour")
    func temperatureCurve() throws {
        let scenario = try ScenarioLoader.parse(text: """
            { name: "t", seed: 1, horizon: "1 d",
              fleet: {
                sites: [{ name: "s", electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh",
                          pue: { temperature_curve: [[10, 1.1], [30, 1.3]], outdoor_temperature: [5, 20, "35 °C"] } }],
              } }
            """, fileName: "t.json5")
        let pue = try #require(scenario.fleet.sites.first).pue
        // Hour 0: 5 °C, below the curve → 1.1; hour 1: 20 °C → 1.1 + (20 − 10)/(30 − 10) × 0.2 = 1.2;
        // hour 2: 35 °C, above → 1.3. The series repeats every three hours.
        #expect(pue.pue(atITLoad: Watts(1e6), at: .zero) == 1.1)
        #expect(abs(pue.pue(atITLoad: Watts(1e6), at: SimTime.zero + .minutes(90)) - 1.2) < 1e-12)
        #expect(pue.pue(atITLoad: Watts(1e6), at: SimTime.zero + .hours(2)) == 1.3)
        #expect(pue.pue(atITLoad: Watts(1e6), at: SimTime.zero + .hours(3)) == 1.1)
        #expect(pue.pue(atITLoad: Watts(1e6)) == 1.3)
        #expect(pue.nextChange(after: SimTime.zero + .minutes(10)) == SimTime.zero + .hours(1))
    }

    @Test("a temperature curve without a temperature series is a located error")
    func missingSeries() {
        #expect(throws: ScenarioError.self) {
            try ScenarioLoader.parse(text: """
                { name: "t", seed: 1, horizon: "1 d",
                  fleet: { sites: [{ name: "s", electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh",
                                     pue: { temperature_curve: [[10, 1.1]] } }] } }
                """, fileName: "t.json5")
        }
        let report = ScenarioLoader.check(text: """
            { name: "t", seed: 1, horizon: "1 d",
              fleet: { sites: [{ name: "s", electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh",
                                 pue: { temperature_curve: [[10, 1.1]] } }] } }
            """, fileName: "t.json5")
        #expect(report.diagnostics.map(\.description).contains { $0.contains("fleet.sites[0].pue") && $0.contains("outdoor_temperature") })
    }
}
