import Testing
@testable import ScenarioFormat

@Suite("FleetSchema")
struct FleetSchemaTests {
    static let site = "sites: [{ name: 'dc', pue: 1.1, electricity_price: 0, carbon_intensity: 0 }], "
    static let pool = "pools: [{ name: 'p', site: 'dc', chip: 'trn2', chips: 64 }], "

    /// For each object of the schema, a fleet with an unknown key `zzz` in that object.
    static let probes: [(path: String, body: String)] = [
        ("fleet", "zzz: 1"),
        ("fleet.sites[]", "sites: [{ zzz: 1, name: 'dc', pue: 1.1, electricity_price: 0, carbon_intensity: 0 }]"),
        ("fleet.chips[]", "chips: [{ id: 'c', base: 'trn2', zzz: 1 }]"),
        ("fleet.pools[]", site + "pools: [{ name: 'p', site: 'dc', chip: 'trn2', chips: 64, zzz: 1 }]"),
        ("fleet.pools[].fabric", site + "pools: [{ name: 'p', site: 'dc', chip: 'trn2', chips: 64, fabric: { zzz: 1 } }]"),
        ("fleet.pools[].overrides", site + "pools: [{ name: 'p', site: 'dc', chip: 'trn2', chips: 64, overrides: { zzz: 1 } }]"),
        ("fleet.capacity[]", site + pool + "capacity: [{ pool: 'p', at: 0, change: 'outage', chips: 1, zzz: 1 }]"),
    ]

    @Test("every object's key list is exactly what the reader accepts, in its order", arguments: probes.map(\.path))
    func keysMatchReader(_ path: String) throws {
        let body = try #require(Self.probes.first { $0.path == path }).body
        let messages = checkFleet(body).diagnostics.map(\.message)
        #expect(messages.count == 1, "\(messages)")
        let message = try #require(messages.first)
        let list = try #require(message.split(separator: "(valid keys: ").last?.dropLast())
        let accepted = list.split(separator: ", ").map(String.init)
        #expect(FleetSchema.keys(at: path)?.map(\.name) == accepted)
    }

    @Test("the schema lists each object once and marks the keys that must be given")
    func requirements() throws {
        #expect(Set(FleetSchema.objects.map(\.path)).count == FleetSchema.objects.count)
        let pool = try #require(FleetSchema.keys(at: "fleet.pools[]"))
        #expect(pool.filter { $0.requirement == .required }.map(\.name) == ["name", "site", "chip"])
        #expect(pool.filter { $0.requirement == .oneOf("pool size") }.map(\.name) == ["chips", "pods", "hosts", "racks", "instances", "ultraservers"])
        let chip = try #require(FleetSchema.keys(at: "fleet.chips[]"))
        #expect(chip.filter { $0.requirement == .requiredWithoutBase }.map(\.name)
                == ["platform"] + ChipFigure.requiredWithoutBase.filter { key in chip.contains { $0.name == key } })
        #expect(FleetSchema.keys(at: "fleet.nowhere") == nil)
    }
}
