import Foundation
import Testing
import Fleet
import SimKernel
@testable import ScenarioFormat

/// Loads a scenario named `f.json5` whose `fleet` section holds `body`; the body starts on line 2.
func checkFleet(_ body: String, horizon: String = "30 d") -> ScenarioLoader.Report {
    ScenarioLoader.check(text: "{ name: 'f', seed: 1, horizon: '\(horizon)', fleet: {\n\(body)\n} }", fileName: "f.json5")
}

@Suite("FleetReading")
struct FleetReadingTests {
    // Line numbers matter: provenance notes below name them (line 1 is the scenario's header).
    static let mixed = """
    sites: [
      { name: 'council-bluffs', pue: { curve: [[0.2, 1.25], [1.0, 1.08]] }, grid_limit: '600 MW', power_cap: '550 MW',
        electricity_price: '0.06 $/kWh', carbon_intensity: '350 gCO2/kWh', time_zone: 'America/Chicago' },
      { name: 'the-dalles', pue: 1.1, electricity_price: ['0.05 $/kWh', '0.07 $/kWh'], carbon_intensity: '90 gCO2/kWh' },
    ],
    chips: [
      { id: 'h100-fast', base: 'h100-sxm', display_name: 'H100 at 1.2 PF', peak_bf16: '1200 TFLOP/s' },
      { id: 'asic-1', platform: 'gpu', topology: 'nvswitch-host', vendor: 'Acme', peak_bf16: '500 TFLOP/s',
        hbm_capacity: '96 GiB', hbm_bandwidth: '4 TB/s', peak_power: '600 W', scale_up_domain_chips: 8,
        scale_up_bandwidth: '900 GB/s', scale_out_bandwidth: '400 Gb/s', chips_per_host: 8, on_demand_price: '$1.50/chip-h' },
    ],
    pools: [
      { name: 'ironwood-a', site: 'council-bluffs', chip: 'tpu-v7', pods: 4 },
      { name: 'gb200', site: 'council-bluffs', chip: 'gb200', racks: 100,
        fabric: { oversubscription: '2:1', rail_optimized: true, switch_radix: 64, link_bandwidth: '400 Gb/s' } },
      { name: 'trn2', site: 'council-bluffs', chip: 'trn2', ultraservers: 50 },
      { name: 'h100-custom', site: 'the-dalles', chip: 'h100-sxm', hosts: 64,
        overrides: { peak_power: '650 W', on_demand_price: '$2.10/chip-h' } },
      { name: 'fast', site: 'the-dalles', chip: 'h100-fast', chips: 64 },
      { name: 'asic', site: 'the-dalles', chip: 'asic-1', hosts: 8, power_cap: '40 kW', rack_power_cap: '30 kW' },
      { name: 'v5e', site: 'the-dalles', chip: 'tpu-v5e', chips: 512, slice_shapes: ['8x16', '16x16'] },
    ],
    capacity: [
      { pool: 'gb200', at: '14 d', change: 'restore', racks: 20 },
      { pool: 'gb200', at: '7 d', change: 'outage', chips: 1440 },
      { pool: 'trn2', at: '1 d', change: 'delivery', ultraservers: 10 },
    ],
    """

    @Test("a fleet of all three platforms reads into the expected sites and pools")
    func mixedFleet() throws {
        let report = checkFleet(Self.mixed)
        #expect(report.diagnostics.isEmpty, "\(rendered(report.diagnostics))")
        let fleet = try #require(report.scenario).fleet
        #expect(fleet.sites.map(\.name) == ["council-bluffs", "the-dalles"])
        #expect(fleet.pools.map(\.name) == ["ironwood-a", "gb200", "trn2", "h100-custom", "fast", "asic", "v5e"])
        #expect(fleet.pools.map(\.id) == (0..<7).map(PoolID.init))
        #expect(fleet.pools.map(\.site) == [0, 0, 0, 1, 1, 1, 1].map(SiteID.init))
        // ironwood 4 pods × 9,216 = 36,864; gb200 100 racks × 72 = 7,200; trn2 50 × 64 = 3,200;
        // h100 64 hosts × 8 = 512; fast 64 chips = 8 hosts; asic 8 hosts × 8 = 64; v5e 512 = 2 pods of 256
        #expect(fleet.pools.map(\.chips) == [36_864, 7_200, 3_200, 512, 64, 64, 512])
        #expect(fleet.totalChips == 48_416)
        #expect(fleet.pools.map(\.topology.hosts) == [9_216, 1_800, 200, 64, 8, 8, 64])
        #expect(fleet.pools.map(\.topology.scaleUpDomains) == [4, 100, 50, 64, 8, 8, 2])

        let bluffs = fleet.sites[0]
        #expect(bluffs.gridLimit == .megawatts(600) && bluffs.powerCap == .megawatts(550))
        #expect(bluffs.electricityPrice == .constant(DollarsPerJoule(0.06 / 3.6e6)))
        #expect(bluffs.carbonIntensity == .constant(GramsCO2PerJoule(350 / 3.6e6)))
        #expect(bluffs.timeZoneIdentifier == "America/Chicago")
        // Curve loads are fractions of the site's IT hardware maximum: its three pools' sum.
        let itMaximum = fleet.pools[0...2].map(\.powerDomain.hardwareMaximum).sum()
        #expect(bluffs.pue == .curve(points: [.init(itLoad: itMaximum * 0.2, pue: 1.25), .init(itLoad: itMaximum, pue: 1.08)]))
        let dalles = fleet.sites[1]
        #expect(dalles.pue == .constant(1.1) && dalles.gridLimit == nil && dalles.timeZoneIdentifier == "UTC")
        #expect(dalles.electricityPrice == .hourly([DollarsPerJoule(0.05 / 3.6e6), DollarsPerJoule(0.07 / 3.6e6)]))

        guard case .gpu(let gb200) = fleet.pools[1].topology else { Issue.record("gb200 is not a GPU pool"); return }
        #expect(gb200.fabric.options == FabricOptions(radix: 64, oversubscription: 2, isRailOptimized: true))
        #expect(gb200.fabric.lineRate == .gigabitsPerSecond(400))
        guard case .tpu(let v5e) = fleet.pools[6].topology else { Issue.record("v5e is not a TPU pool"); return }
        #expect(v5e.pods == 2)
        #expect(fleet.pools[6].sliceShapes == [SliceShape(8, 16), SliceShape(16, 16)])
        #expect(fleet.pools[5].poolCap == .kilowatts(40) && fleet.pools[5].rackCap == .kilowatts(30))
        #expect(fleet.pools[0].poolCap == nil && fleet.pools[0].hostsPerRack == 16)
    }

    @Test("overridden and scenario-defined figures carry supplied provenance naming file and line")
    func suppliedProvenance() throws {
        let scenario = try #require(checkFleet(Self.mixed).scenario)
        let h100 = scenario.fleet.pools[3].spec
        #expect(h100.id == "h100-sxm")
        #expect(h100.peakPower == .supplied(Watts(650), "scenario f.json5:19"))
        #expect(h100.price?.onDemand == DollarsPerHour(2.1))
        #expect(h100.price?.provenance.kind == "supplied")
        #expect(h100.price?.provenance.note?.hasPrefix("scenario f.json5:19") == true)
        // Idle and typical were estimates from the catalog peak: re-derived from the new one.
        #expect(h100.typicalPower.value == Watts(650 * 0.76) && h100.typicalPower.provenance.isEstimate)
        // Untouched figures keep their citations.
        #expect(h100.hbmCapacity == AcceleratorSpec.h100SXM.hbmCapacity)

        #expect(scenario.chips.map(\.id) == ["h100-fast", "asic-1"])
        let fast = scenario.chips[0]
        #expect(fast.displayName == "H100 at 1.2 PF" && fast.vendor == "NVIDIA")
        #expect(fast.peakBF16 == .supplied(.teraflops(1_200), "scenario f.json5:8"))
        #expect(fast.peakPower == AcceleratorSpec.h100SXM.peakPower)
        #expect(scenario.fleet.pools[4].spec == fast)

        let asic = scenario.chips[1]
        #expect(asic.vendor == "Acme" && asic.displayName == "asic-1" && asic.platform == .gpu)
        #expect(asic.peakBF16 == .supplied(.teraflops(500), "scenario f.json5:9"))
        #expect(asic.scaleOutBandwidth == .supplied(.gigabitsPerSecond(400), "scenario f.json5:11"))
        #expect(asic.price?.onDemand == DollarsPerHour(1.5) && asic.price?.provenance == .supplied("scenario f.json5:11"))
        // Not given: the documented PowerEstimate rules, marked as estimates.
        #expect(asic.idlePower == PowerEstimate.idle(.gpu, peak: Watts(600)))
        #expect(asic.typicalPower == PowerEstimate.typical(.gpu, peak: Watts(600)))
        #expect(asic.hostOverheadPower.provenance.isEstimate)
        #expect(asic.issues(resolvingAgainst: .builtIn).isEmpty)
        #expect(scenario.catalog["asic-1"] == asic && scenario.catalog.ids.count == Catalog.builtIn.ids.count + 2)
        // The GB200 pool's fabric line rate is the chip's scale-out figure, supplied.
        #expect(scenario.fleet.pools[1].spec.scaleOutBandwidth == .supplied(.gigabitsPerSecond(400), "scenario f.json5:16"))
    }

    @Test("capacity events given out of order are applied in time order")
    func capacityInTimeOrder() throws {
        let fleet = try #require(checkFleet(Self.mixed).scenario).fleet
        let gb200 = fleet.pools[1].capacity
        #expect(gb200.events.map(\.kind) == [.outage, .restore])
        // 7,200 chips | 7 d: 1,440 out | 14 d: 20 racks × 18 hosts × 4 = 1,440 back
        #expect(gb200.changePoints.map { "\($0.time.seconds / 86_400)d:\($0.installed)/\($0.available)" }
                == ["0.0d:7200/7200", "7.0d:7200/5760", "14.0d:7200/7200"])
        // trn2: 3,200 + 10 UltraServers × 64 = 3,840 from day 1
        #expect(fleet.pools[2].capacity.installed(at: SimTime.zero + .days(2)) == 3_840)
        #expect(fleet.pools[0].capacity.events.isEmpty)
    }

    @Test("an absent or empty fleet section is an empty fleet")
    func emptyFleet() throws {
        let absent = try ScenarioLoader.parse(text: "{ name: 'a', seed: 1, horizon: 60 }", fileName: "a.json5")
        #expect(absent.fleet == .empty && absent.fleet.totalChips == 0 && absent.fleet.isEmpty)
        #expect(absent.chips.isEmpty)
        let empty = try #require(checkFleet("").scenario)
        #expect(empty.fleet == .empty)
        let emptyLists = try #require(checkFleet("sites: [], chips: [], pools: [], capacity: []").scenario)
        #expect(emptyLists.fleet == .empty)
    }

    /// 44 Ironwood pods (405,504) + 4,700 Trn2 UltraServers (300,800) + 2,400 NVL72 racks
    /// (172,800) + 21,184 HGX H100 hosts (169,472) = 1,048,576 chips.
    static let millionChips = """
    sites: [
      { name: 'oklahoma', pue: 1.1, electricity_price: '$62/MWh', carbon_intensity: '420 gCO2/kWh' },
      { name: 'indiana', pue: 1.1, electricity_price: '$71/MWh', carbon_intensity: '560 gCO2/kWh' },
      { name: 'texas', pue: 1.15, electricity_price: '$50/MWh', carbon_intensity: '380 gCO2/kWh' },
    ],
    pools: [
      { name: 'ironwood', site: 'oklahoma', chip: 'tpu-v7', chips: 405504 },
      { name: 'trn2', site: 'indiana', chip: 'trn2', ultraservers: 4700, fabric: { switch_radix: 128, oversubscription: 2 } },
      { name: 'gb200', site: 'texas', chip: 'gb200', racks: 2400, fabric: { switch_radix: 128, rail_optimized: true } },
      { name: 'h100', site: 'texas', chip: 'h100-sxm', hosts: 21184, fabric: { switch_radix: 128, rail_optimized: true } },
    ],
    """

    @Test("the 1,048,576-chip fleet reads from JSON5 with its hosts and racks per site")
    func millionChipFleet() throws {
        let report = checkFleet(Self.millionChips)
        #expect(report.diagnostics.isEmpty, "\(rendered(report.diagnostics))")
        let fleet = try #require(report.scenario).fleet
        #expect(fleet.totalChips == 1_048_576)
        #expect(fleet.pools.map(\.chips) == [405_504, 300_800, 172_800, 169_472])
        let trees = fleet.powerTrees()
        // hosts: 405,504 / 4 | 300,800 / 16 | 172,800 / 4 + 169,472 / 8 = 43,200 + 21,184
        #expect(trees.map { $0.count(of: .host) } == [101_376, 18_800, 64_384])
        // racks: one 64-chip cube (16 hosts) | one UltraServer (4 instances) | 2,400 NVL72 + 21,184 / 4 HGX
        #expect(trees.map { $0.count(of: .rack) } == [6_336, 4_700, 2_400 + 5_296])
        // H100: 21,184 hosts × 10.2 kW
        #expect(abs(fleet.pools[3].powerDomain.hardwareMaximum.value - 21_184 * 10_200) < 1e-3)
    }

    @Test("the million-chip scenario file describes the same fleet")
    func millionChipScenarioFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let scenario = try ScenarioLoader.load(contentsOf: root.appendingPathComponent("Scenarios/fleet-million-chips.json5"),
                                               displayName: "Scenarios/fleet-million-chips.json5")
        let expected = try #require(checkFleet(Self.millionChips).scenario).fleet
        #expect(scenario.fleet.totalChips == 1_048_576)
        #expect(scenario.fleet.pools.map(\.chips) == expected.pools.map(\.chips))
        #expect(scenario.fleet.powerTrees().map(\.hardwareMaximum) == expected.powerTrees().map(\.hardwareMaximum))
        #expect(scenario.warnings.isEmpty)
    }

    @Test("caps that can never bind are warnings and the scenario stays valid")
    func capWarnings() throws {
        let report = checkFleet("""
        sites: [{ name: 'dc', pue: 1.1, electricity_price: 0, carbon_intensity: 0, grid_limit: '10 MW', power_cap: '12 MW' }],
        pools: [{ name: 'p', site: 'dc', chip: 'h100-sxm', hosts: 8, power_cap: '1 MW', rack_power_cap: '40.8 kW' }],
        """)
        // 8 hosts × 10.2 kW = 81.6 kW in the pool; 4 hosts × 10.2 kW = 40.8 kW in a rack
        #expect(rendered(report.diagnostics) == [
            "f.json5:2:108: warning: fleet.sites[0].power_cap: power cap 12 MW is above the grid limit 10 MW; the grid limit binds first",
            "f.json5:3:73: warning: fleet.pools[0].power_cap: power cap 1 MW is not below the pool's hardware maximum of 81.6 kW (8 hosts at 10.2 kW each); it never binds",
            "f.json5:3:97: warning: fleet.pools[0].rack_power_cap: rack power cap 40.8 kW is not below a rack's hardware maximum of 40.8 kW (4 hosts at 10.2 kW each); it never binds",
        ])
        let scenario = try #require(report.scenario)
        #expect(scenario.warnings.count == 3)
        #expect(scenario.fleet.pools[0].poolCap == .megawatts(1))
    }
}

@Suite("FleetReading in one pass")
struct FleetReadingOnePassTests {
    @Test("mistakes in sites, chips, pools and capacity are all reported in one pass, without cascades")
    func everyMistakeAtOnce() {
        let report = checkFleet("""
        sites: [{ name: 'dc', pue: 0.5, electricity_price: 0, carbon_intensity: 0 }],
        chips: [{ id: 'mine', base: 'h100-sxm', peak_power: '-1 W' }],
        pools: [{ name: 'a', site: 'dc', chip: 'mine', hosts: 1 }, { name: 'b', site: 'dc', chip: 'trn2', pods: 1 }],
        capacity: [{ pool: 'a', at: '1 d', change: 'outage', chips: 1 }, { pool: 'c', at: '1 d', change: 'outage', chips: 1 }],
        """)
        // The site with a bad PUE, the chip with a bad peak and the pool on that chip are still
        // defined: nothing is reported about them beyond their own mistakes.
        #expect(rendered(report.diagnostics) == [
            "f.json5:2:28: error: fleet.sites[0].pue: expected a PUE of at least 1 (facility power / IT power), got 0.5",
            "f.json5:3:53: error: fleet.chips[0].peak_power: expected a positive power, got \"-1 W\"",
            "f.json5:4:105: error: fleet.pools[1].pods: 'pods' does not size a trn2 pool (a Trainium chip); give chips, instances or ultraservers",
            "f.json5:5:74: error: fleet.capacity[1].pool: unknown pool 'c'; did you mean 'a'? (valid: a, b)",
        ])
        #expect(report.scenario == nil)
    }
}
