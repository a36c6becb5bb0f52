import Fleet
import Foundation
import SimKernel
import Testing
@testable import ScenarioFormat

@Suite("Hourly series from CSV files")
struct CSVSeriesTests {
    /// Writes `files` and a scenario whose site reads its price from `priceSpec` into a fresh
    /// folder, then loads the scenario from there.
    private func load(priceSpec: String, files: [String: String]) throws -> (Scenario?, [String]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gigawatt-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let scenario = """
            { name: "csv", seed: 1, horizon: "1 d",
              fleet: {
                sites: [{ name: "s", pue: 1.1, carbon_intensity: "400 gCO2/kWh",
                          electricity_price: \(priceSpec) }],
              } }
            """
        let url = folder.appendingPathComponent("s.json5")
        try scenario.write(to: url, atomically: true, encoding: .utf8)
        do {
            return (try ScenarioLoader.load(contentsOf: url, displayName: "s.json5"), [])
        } catch {
            return (nil, error.renderedLines)
        }
    }

    @Test("a column of plain numbers in a given unit becomes an hourly series, relative to the scenario file")
    func readsColumn() throws {
        let csv = "hour,usd_per_mwh,note\n0,40,\"night, cheap\"\n1,38,\n2,120,peak\n"
        let (scenario, errors) = try load(priceSpec: #"{ csv: "prices.csv", column: "usd_per_mwh", unit: "$/MWh" }"#,
                                          files: ["prices.csv": csv])
        #expect(errors.isEmpty, "\(errors)")
        let site = try #require(scenario?.fleet.sites.first)
        // $40/MWh = 40 / 3.6e9 $/J; hour 2 (7,200 s to 10,800 s) is $120/MWh.
        #expect(abs(site.electricityPrice.value(at: .zero).value - 40 / 3.6e9) < 1e-20)
        #expect(abs(site.electricityPrice.value(at: SimTime.zero + .hours(2)).value - 120 / 3.6e9) < 1e-20)
        // The series repeats after three hours.
        #expect(site.electricityPrice.value(at: SimTime.zero + .hours(3)) == site.electricityPrice.value(at: .zero))
    }

    @Test("cells may carry their own units when no unit is given")
    func cellsWithUnits() throws {
        let (scenario, errors) = try load(priceSpec: #"{ csv: "p.csv", column: "price" }"#,
                                          files: ["p.csv": "price\n0.05 $/kWh\n$60/MWh\n"])
        #expect(errors.isEmpty, "\(errors)")
        let site = try #require(scenario?.fleet.sites.first)
        #expect(abs(site.electricityPrice.value(at: SimTime.zero + .hours(1)).value - 60 / 3.6e9) < 1e-20)
    }

    @Test("a missing column, a bad cell and a missing file are located errors", arguments: [
        (#"{ csv: "p.csv", column: "prise", unit: "$/MWh" }"#, "p.csv", "price\n40\n",
         "s.json5:4:41: error: fleet.sites[0].electricity_price.csv: CSV file 'p.csv' has no column 'prise'; did you mean 'price'? (columns: price)"),
        (#"{ csv: "p.csv", column: "price", unit: "$/MWh" }"#, "p.csv", "price\n40\nforty\n",
         "s.json5:4:41: error: fleet.sites[0].electricity_price.csv: p.csv:3: column 'price': expected a number in $/MWh, got 'forty'"),
        (#"{ csv: "nope.csv", column: "price" }"#, "p.csv", "price\n40\n",
         "s.json5:4:41: error: fleet.sites[0].electricity_price.csv: cannot read CSV file 'nope.csv' (no such file, or not UTF-8 text)"),
        (#"{ csv: "p.csv", column: "price", unit: "V" }"#, "p.csv", "price\n40\n",
         "s.json5:4:73: error: fleet.sites[0].electricity_price.unit: expected a unit of energy price (units: $/J, $/Wh, $/kWh, $/MWh), got 'V'"),
    ])
    func errors(spec: String, file: String, text: String, expected: String) throws {
        let (scenario, errors) = try load(priceSpec: spec, files: [file: text])
        #expect(scenario == nil)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix(expected) == true, "\(errors)")
    }
}
