import Fleet
import Gigawatt
import ScenarioFormat
import SimKernel
import Testing

@Suite("Site series by local hour")
struct LocalTimeSeriesTests {
    /// Price in local hour k is $(k + 1)/MWh, so the bill names the hours that were used.
    static let prices = (0..<24).map { "\"$\($0 + 1)/MWh\"" }.joined(separator: ", ")

    static func run(zone: String, start: String, horizon: String = "24 h") throws -> SiteEnergyTotals {
        let scenario = try ScenarioLoader.parse(text: """
            { name: "tz", seed: 1, horizon: "\(horizon)", start: "\(start)",
              fleet: {
                sites: [{ name: "s", pue: 1.0, time_zone: "\(zone)", series_hours: "local",
                          electricity_price: [\(prices)], carbon_intensity: "0 gCO2/kWh" }],
                pools: [{ name: "p", site: "s", chip: "h100-sxm", hosts: 1 }],
              } }
            """, fileName: "tz.json5")
        let sink = AccountingSink()
        _ = Simulation.run(scenario, training: [], sink: sink)
        return try #require(sink.sites["s"])
    }

    /// One idle H100 host: 2,410 W = 2.41 kWh per hour; at $(k + 1)/MWh the hour costs 2.41e-3 × (k + 1) $.
    static func cost(localHours: [Int]) -> Double { localHours.map { 2.41e-3 * Double($0 + 1) }.reduce(0, +) }

    @Test("a site's local hours follow its time zone: Tokyo is UTC+9")
    func timeZoneShift() throws {
        // Start 2026-01-10T00:00Z = 09:00 in Tokyo; 6 hours use local hours 9 … 14.
        let tokyo = try Self.run(zone: "Asia/Tokyo", start: "2026-01-10T00:00:00Z", horizon: "6 h")
        #expect(abs(tokyo.cost.value - Self.cost(localHours: Array(9...14))) < 1e-12)
        let utc = try Self.run(zone: "UTC", start: "2026-01-10T00:00:00Z", horizon: "6 h")
        #expect(abs(utc.cost.value - Self.cost(localHours: Array(0...5))) < 1e-12)
    }

    @Test("across the spring-forward change, 02:00 local never occurs and prices follow the new offset")
    func daylightSaving() throws {
        // Chicago, 2026-03-08: CST (UTC−6) until 08:00Z, when 02:00 CST becomes 03:00 CDT (UTC−5).
        // From 00:00Z: UTC hours 0–7 are local 18–23, 0, 1 (on the 7th and 8th); UTC hours
        // 8–23 are local 3–18. Hour 2 is skipped; hour 18 occurs twice (the 7th and the 8th).
        let local = Array(18...23) + [0, 1] + Array(3...18)
        let site = try Self.run(zone: "America/Chicago", start: "2026-03-08T00:00:00Z")
        #expect(local.count == 24)
        #expect(abs(site.cost.value - Self.cost(localHours: local)) < 1e-12)
    }

    @Test("across the fall-back change, 01:00 local occurs twice")
    func fallBack() throws {
        // Chicago, 2026-11-01: CDT (UTC−5) until 07:00Z, when 02:00 CDT becomes 01:00 CST (UTC−6).
        // From 00:00Z: UTC hours 0–6 are local 19–23 (on the 31st), 0, 1; UTC hours 7–23 are
        // local 1–17. Hour 1 occurs twice; 18 does not occur in these 24 hours.
        let local = Array(19...23) + [0, 1] + Array(1...17)
        let site = try Self.run(zone: "America/Chicago", start: "2026-11-01T00:00:00Z")
        #expect(local.count == 24)
        #expect(abs(site.cost.value - Self.cost(localHours: local)) < 1e-12)
    }

    @Test("local-hour series are checked: 24 values, a start, a whole-hour offset")
    func errors() throws {
        func parse(_ site: String, start: String = #"start: "2026-03-08T00:00:00Z","#) -> String {
            do {
                _ = try ScenarioLoader.parse(text: """
                    { name: "tz", seed: 1, horizon: "2 h", \(start)
                      fleet: { sites: [{ name: "s", pue: 1.0, series_hours: "local", carbon_intensity: 0, \(site) }] } }
                    """, fileName: "tz.json5")
                return ""
            } catch {
                return "\(error)"
            }
        }
        #expect(parse(#"electricity_price: ["$1/MWh", "$2/MWh"]"#).contains("24 values"))
        #expect(parse(#"electricity_price: [\#(Self.prices)]"#, start: "").contains("needs the scenario's start"))
        #expect(parse(#"time_zone: "Asia/Kolkata", electricity_price: [\#(Self.prices)]"#).contains("330 min from UTC"))
    }
}
