import Foundation
import Testing

@Suite("gigawatt catalog")
struct CatalogCommandTests {
    static let ids = ["tpu-v4", "tpu-v5e", "tpu-v5p", "tpu-v6e", "tpu-v7", "a100-sxm", "h100-sxm", "h200",
                      "b200", "gb200", "mi300x", "trn1", "trn2", "trn3"]

    @Test("the table lists every built-in accelerator and explains its marks")
    func table() throws {
        let result = try GigawattProcess.run(["catalog"])
        #expect(result.status == 0)
        let firstColumn = Set(result.standardOutput.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
        for id in Self.ids { #expect(firstColumn.contains(id), "\(id) missing") }
        #expect(result.standardOutput.contains("* estimate"))
    }

    @Test("--json gives every accelerator with SI values and the source table")
    func json() throws {
        let result = try GigawattProcess.run(["catalog", "--json"])
        #expect(result.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let accelerators = try #require(root["accelerators"] as? [[String: Any]])
        #expect(accelerators.compactMap { $0["id"] as? String } == Self.ids)
        // H100 SXM: 989.4 TFLOP/s dense BF16 [klockwood-h100] = 9.894e14 FLOP/s.
        let h100 = try #require(accelerators.first { $0["id"] as? String == "h100-sxm" })
        let bf16 = try #require(h100["peak_bf16_flops"] as? [String: Any])
        #expect(abs((bf16["value"] as? Double ?? 0) - 9.894e14) < 1e9)
        #expect(bf16["kind"] as? String == "cited")
        #expect(root["sources"] != nil)
    }

    @Test("one chip's detail names the source of each figure", arguments: ids)
    func detail(_ id: String) throws {
        let result = try GigawattProcess.run(["catalog", id])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("\(id): "))
        #expect(result.standardOutput.contains("peak bf16"))
        #expect(result.standardOutput.contains("["))  // at least one resolved citation
    }

    @Test("an unknown id is a usage error that lists the valid ids")
    func unknownID() throws {
        let result = try GigawattProcess.run(["catalog", "tpu-v9"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("tpu-v7"))
    }
}

@Suite("gigawatt catalog --scenario")
struct CatalogScenarioTests {
    @Test("a scenario's chips and pool overrides appear, marked as supplied")
    func scenarioCatalog() throws {
        let directory = try GigawattProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
        // A pool that overrides H100 peak power, and a custom chip.
        { name: "ov", seed: 1, horizon: "1 h",
          fleet: {
            sites: [{ name: "lab", pue: 1.2, electricity_price: "$0.08/kWh", carbon_intensity: "400 gCO2/kWh" }],
            chips: [{ id: "h100-lowpower", base: "h100-sxm", peak_power: "500 W" }],
            pools: [{ name: "gpu", site: "lab", chip: "h100-sxm", hosts: 5, overrides: { peak_power: "650 W" } }],
          } }
        """.write(to: directory.appendingPathComponent("ov.json5"), atomically: true, encoding: .utf8)
        let table = try GigawattProcess.run(["catalog", "--scenario", "ov.json5"], in: directory)
        #expect(table.status == 0, "\(table.standardError)")
        let rows = table.standardOutput.split(separator: "\n")
        #expect(rows.contains { $0.hasPrefix("h100-lowpower ") && $0.contains("†500") })
        #expect(rows.contains { $0.hasPrefix("h100-sxm@gpu ") && $0.contains("†650") })
        let detail = try GigawattProcess.run(["catalog", "--scenario", "ov.json5", "h100-sxm@gpu"], in: directory)
        #expect(detail.standardOutput.contains("supplied: scenario ov.json5:6"))
    }
}
