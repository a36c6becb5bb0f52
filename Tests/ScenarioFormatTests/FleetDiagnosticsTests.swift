import Testing
@testable import ScenarioFormat

/// One bad fleet and exactly what loading it must report.
struct BadFleet: CustomTestStringConvertible, Sendable {
    var mistake: String
    /// The fleet body after a one-site `sites` line: it starts on line 3 of `f.json5`.
    var body: String
    var expected: [String]
    var testDescription: String { mistake }

    init(_ mistake: String, _ body: String, _ expected: String...) {
        self.mistake = mistake
        self.body = body
        self.expected = expected
    }
}

@Suite("FleetReading diagnostics")
struct FleetDiagnosticsTests {
    static let site = "sites: [{ name: 'dc', pue: 1.1, electricity_price: 0, carbon_intensity: 0 }],"

    static let cases: [BadFleet] = [
        BadFleet("an unknown pool key suggests the nearest",
                 "pools: [{ name: 'p', site: 'dc', chip: 'h100-sxm', hosts: 4, powercap: '1 MW' }],",
                 "f.json5:3:62: error: fleet.pools[0].powercap: unknown key 'powercap'; did you mean 'power_cap'? (valid keys: name, site, chip, chips, pods, hosts, racks, instances, ultraservers, hosts_per_rack, fabric, overrides, power_cap, rack_power_cap, cost, network_power_per_chip, storage_power, embodied_carbon, power_down, cap_action, cap_windows, minimum_clock, throttle_by, slice_shapes)"),
        BadFleet("an unknown fleet key suggests the nearest",
                 "pool: [],",
                 "f.json5:3:1: error: fleet.pool: unknown key 'pool'; did you mean 'pools'? (valid keys: sites, chips, pools, capacity, failures)"),
        BadFleet("an unknown chip lists built-in and scenario chips",
                 "chips: [{ id: 'mine', base: 'trn2' }], pools: [{ name: 'p', site: 'dc', chip: 'h100', hosts: 4 }],",
                 "f.json5:3:79: error: fleet.pools[0].chip: unknown chip 'h100'; did you mean 'h200'? (valid: tpu-v4, tpu-v5e, tpu-v5p, tpu-v6e, tpu-v7, a100-sxm, h100-sxm, h200, b200, gb200, mi300x, trn1, trn2, trn3, mine)"),
        BadFleet("a pool on a site that does not exist lists the sites",
                 "pools: [{ name: 'p', site: 'dcc', chip: 'h100-sxm', hosts: 4 }],",
                 "f.json5:3:28: error: fleet.pools[0].site: unknown site 'dcc'; did you mean 'dc'? (valid: dc)"),
        BadFleet("duplicate pool names",
                 "pools: [{ name: 'p', site: 'dc', chip: 'h100-sxm', hosts: 4 },\n { name: 'p', site: 'dc', chip: 'trn2', chips: 64 }],",
                 "f.json5:4:10: error: fleet.pools[1].name: duplicate pool name 'p' (first defined at 3:9); each pool name must be unique"),
        BadFleet("duplicate chip ids, and a chip id that is built in",
                 "chips: [{ id: 'x', base: 'trn2' }, { id: 'x', base: 'trn1' }, { id: 'gb200', base: 'b200' }],",
                 "f.json5:3:42: error: fleet.chips[1].id: duplicate chip id 'x' (first defined at 3:9); each chip id must be unique",
                 "f.json5:3:69: error: fleet.chips[2].id: chip id 'gb200' is a built-in chip; give the new chip another id with base: 'gb200', or change figures per pool with 'overrides'"),
        BadFleet("a non-positive count",
                 "pools: [{ name: 'p', site: 'dc', chip: 'h100-sxm', hosts: 0 }],",
                 "f.json5:3:59: error: fleet.pools[0].hosts: expected a positive integer, got 0"),
        BadFleet("a TPU chip count that is not whole pods",
                 "pools: [{ name: 'p', site: 'dc', chip: 'tpu-v7', chips: 40000 }],",
                 "f.json5:3:57: error: fleet.pools[0].chips: 40,000 chips is not a whole number of 9,216-chip tpu-v7 pods; 4 pods hold 36,864 chips, 5 hold 46,080"),
        BadFleet("GPU hosts that are not whole NVLink domains",
                 "pools: [{ name: 'p', site: 'dc', chip: 'gb200', hosts: 10 }],",
                 "f.json5:3:56: error: fleet.pools[0].hosts: 10 hosts (40 chips) is not a whole number of 72-chip gb200 NVLink domains; the smallest pool is 1 NVLink domain of 72 chips"),
        BadFleet("a slice shape that does not fit the generation",
                 "pools: [{ name: 'p', site: 'dc', chip: 'tpu-v6e', pods: 1, slice_shapes: ['16x16', '4x16'] }],",
                 "f.json5:3:84: error: fleet.pools[0].slice_shapes[1]: slice shape 4x16: not a documented tpu-v6e shape; valid: 1x1, 2x2, 2x4, 4x4, 4x8, 8x8, 8x16, 16x16"),
        BadFleet("pods on a GPU",
                 "pools: [{ name: 'p', site: 'dc', chip: 'gb200', pods: 2 }],",
                 "f.json5:3:55: error: fleet.pools[0].pods: 'pods' does not size a gb200 pool (a GPU); give chips, hosts or racks"),
        BadFleet("hosts on a Trainium pool, which counts instances",
                 "pools: [{ name: 'p', site: 'dc', chip: 'trn2', hosts: 4 }],",
                 "f.json5:3:55: error: fleet.pools[0].hosts: 'hosts' does not size a trn2 pool (a Trainium chip); give chips, instances or ultraservers"),
        BadFleet("a size given twice, and no size at all",
                 "pools: [{ name: 'p', site: 'dc', chip: 'trn2', instances: 4, ultraservers: 1 },\n { name: 'q', site: 'dc', chip: 'tpu-v7' }],",
                 "f.json5:3:76: error: fleet.pools[0].ultraservers: the size is given twice ('instances' and 'ultraservers'); give one of chips, instances or ultraservers",
                 "f.json5:4:2: error: fleet.pools[1]: missing the pool's size: give one of chips or pods (tpu-v7 is a TPU)"),
        BadFleet("a fabric on a TPU pool",
                 "pools: [{ name: 'p', site: 'dc', chip: 'tpu-v7', pods: 1, fabric: { switch_radix: 64 } }],",
                 "f.json5:3:67: error: fleet.pools[0].fabric: a TPU pool has no fat-tree fabric (its pods join over DCN); 'fabric' applies to GPU and Trainium pools"),
        BadFleet("fabric values out of range",
                 "pools: [{ name: 'p', site: 'dc', chip: 'h100-sxm', hosts: 1, fabric: { switch_radix: 63, oversubscription: 0.5 } }],",
                 "f.json5:3:86: error: fleet.pools[0].fabric.switch_radix: expected an even switch radix of at least 2, such as 64, got 63",
                 "f.json5:3:108: error: fleet.pools[0].fabric.oversubscription: expected an oversubscription ratio of at least 1, such as 3 or \"3:1\", got 0.5"),
        BadFleet("an override of an unknown figure",
                 "pools: [{ name: 'p', site: 'dc', chip: 'h100-sxm', hosts: 1, overrides: { hbm_capacty: '80 GB' } }],",
                 "f.json5:3:75: error: fleet.pools[0].overrides.hbm_capacty: unknown key 'hbm_capacty'; did you mean 'hbm_capacity'? (valid keys: peak_bf16, peak_fp8, peak_int8, hbm_capacity, hbm_bandwidth, idle_power, typical_power, peak_power, scale_up_domain_chips, scale_up_bandwidth, scale_out_bandwidth, chips_per_host, host_overhead_power, topology, on_demand_price, committed_1y_price, committed_3y_price, purchase_price)"),
        BadFleet("an override in the wrong unit",
                 "pools: [{ name: 'p', site: 'dc', chip: 'h100-sxm', hosts: 1, overrides: { peak_power: '650 Wh' } }],",
                 "f.json5:3:87: error: fleet.pools[0].overrides.peak_power: expected a positive power such as \"700 W\" (units: W, kW, MW, GW), got \"650 Wh\"; 'Wh' is a unit of energy"),
        BadFleet("an override that breaks idle ≤ typical ≤ peak",
                 "pools: [{ name: 'p', site: 'dc', chip: 'tpu-v4', pods: 1, overrides: { peak_power: '150 W' } }],",
                 "f.json5:3:70: error: fleet.pools[0].overrides: power must satisfy idle ≤ typical ≤ peak (got 90.0 W, 170.0 W, 150.0 W)"),
        BadFleet("a chip from scratch without its figures",
                 "chips: [{ id: 'asic', platform: 'gpu', peak_bf16: '1 PFLOP/s' }],",
                 "f.json5:3:9: error: fleet.chips[0].hbm_capacity: missing required key 'hbm_capacity' (a chip without 'base' is defined from scratch and needs peak_bf16, hbm_capacity, hbm_bandwidth, peak_power, scale_up_domain_chips, scale_up_bandwidth, scale_out_bandwidth, chips_per_host, topology)",
                 "f.json5:3:9: error: fleet.chips[0].hbm_bandwidth: missing required key 'hbm_bandwidth' (a chip without 'base' is defined from scratch and needs peak_bf16, hbm_capacity, hbm_bandwidth, peak_power, scale_up_domain_chips, scale_up_bandwidth, scale_out_bandwidth, chips_per_host, topology)",
                 "f.json5:3:9: error: fleet.chips[0].peak_power: missing required key 'peak_power' (a chip without 'base' is defined from scratch and needs peak_bf16, hbm_capacity, hbm_bandwidth, peak_power, scale_up_domain_chips, scale_up_bandwidth, scale_out_bandwidth, chips_per_host, topology)",
                 "f.json5:3:9: error: fleet.chips[0].scale_up_domain_chips: missing required key 'scale_up_domain_chips' (a chip without 'base' is defined from scratch and needs peak_bf16, hbm_capacity, hbm_bandwidth, peak_power, scale_up_domain_chips, scale_up_bandwidth, scale_out_bandwidth, chips_per_host, topology)",
                 "f.json5:3:9: error: fleet.chips[0].scale_up_bandwidth: missing required key 'scale_up_bandwidth' (a chip without 'base' is defined from scratch and needs peak_bf16, hbm_capacity, hbm_bandwidth, peak_power, scale_up_domain_chips, scale_up_bandwidth, scale_out_bandwidth, chips_per_host, topology)",
                 "f.json5:3:9: error: fleet.chips[0].scale_out_bandwidth: missing required key 'scale_out_bandwidth' (a chip without 'base' is defined from scratch and needs peak_bf16, hbm_capacity, hbm_bandwidth, peak_power, scale_up_domain_chips, scale_up_bandwidth, scale_out_bandwidth, chips_per_host, topology)",
                 "f.json5:3:9: error: fleet.chips[0].chips_per_host: missing required key 'chips_per_host' (a chip without 'base' is defined from scratch and needs peak_bf16, hbm_capacity, hbm_bandwidth, peak_power, scale_up_domain_chips, scale_up_bandwidth, scale_out_bandwidth, chips_per_host, topology)",
                 "f.json5:3:9: error: fleet.chips[0].topology: missing required key 'topology' (a chip without 'base' is defined from scratch and needs peak_bf16, hbm_capacity, hbm_bandwidth, peak_power, scale_up_domain_chips, scale_up_bandwidth, scale_out_bandwidth, chips_per_host, topology)"),
        BadFleet("a topology of another platform",
                 "chips: [{ id: 'x', base: 'h100-sxm', topology: 'neuronswitch' }],",
                 "f.json5:3:48: error: fleet.chips[0].topology: topology 'neuronswitch' does not belong to a gpu chip (valid: nvswitch-host, nvlink-rack, xgmi-mesh)"),
        BadFleet("capacity on an unknown pool",
                 "pools: [{ name: 'p', site: 'dc', chip: 'trn2', chips: 64 }], capacity: [{ pool: 'q', at: '1 d', change: 'outage', chips: 1 }],",
                 "f.json5:3:81: error: fleet.capacity[0].pool: unknown pool 'q'; did you mean 'p'? (valid: p)"),
        BadFleet("capacity that takes a pool below zero chips",
                 "pools: [{ name: 'p', site: 'dc', chip: 'trn2', chips: 64 }],\ncapacity: [{ pool: 'p', at: '2 d', change: 'retirement', chips: 64 },\n { pool: 'p', at: '1 d', change: 'outage', chips: 16 }],",
                 "f.json5:4:12: error: fleet.capacity[0]: retirement of 64 chips at \"2 d\" would take pool 'p' below zero chips: only 48 are in service then"),
        BadFleet("a restore of chips that were never out",
                 "pools: [{ name: 'p', site: 'dc', chip: 'trn2', chips: 64 }], capacity: [{ pool: 'p', at: 0, change: 'restore', instances: 1 }],",
                 "f.json5:3:73: error: fleet.capacity[0]: restore of 16 chips at 0 is more than the 0 chips of pool 'p' out of service then"),
        BadFleet("a capacity event in a unit of another platform",
                 "pools: [{ name: 'p', site: 'dc', chip: 'trn2', chips: 64 }], capacity: [{ pool: 'p', at: 0, change: 'outage', racks: 1 }],",
                 "f.json5:3:118: error: fleet.capacity[0].racks: 'racks' does not count a trn2 pool (a Trainium chip); give chips, instances or ultraservers"),
    ]

    /// Mistakes in sites: the body is the whole fleet and starts on line 2.
    static let siteCases: [BadFleet] = [
        BadFleet("duplicate site names",
                 "sites: [{ name: 'dc', pue: 1.1, electricity_price: 0, carbon_intensity: 0 },\n { name: 'dc', pue: 1.2, electricity_price: 0, carbon_intensity: 0 }],",
                 "f.json5:3:10: error: fleet.sites[1].name: duplicate site name 'dc' (first defined at 2:9); each site name must be unique"),
        BadFleet("an unknown time zone",
                 "sites: [{ name: 'x', pue: 1.1, electricity_price: 0, carbon_intensity: 0, time_zone: 'America/Chicgo' }],",
                 "f.json5:2:86: error: fleet.sites[0].time_zone: unknown time zone 'America/Chicgo'; did you mean 'America/Chicago'? (expected an IANA identifier such as \"America/Chicago\" or \"UTC\")"),
        BadFleet("a PUE below 1",
                 "sites: [{ name: 'x', pue: 0.9, electricity_price: 0, carbon_intensity: 0 }],",
                 "f.json5:2:27: error: fleet.sites[0].pue: expected a PUE of at least 1 (facility power / IT power), got 0.9"),
        BadFleet("a PUE curve with a load outside 0 to 1 and one given twice",
                 "sites: [{ name: 'x', pue: { curve: [[1.5, 1.2]] }, electricity_price: 0, carbon_intensity: 0 },\n { name: 'y', pue: { curve: [['50 %', 1.2], [0.5, 1.1]] }, electricity_price: 0, carbon_intensity: 0 }],",
                 "f.json5:2:38: error: fleet.sites[0].pue.curve[0][0]: expected an IT load: a fraction of the site's IT hardware maximum from 0 to 1 (0.8 or \"80 %\"), or a power such as \"200 MW\", got 1.5",
                 "f.json5:3:45: error: fleet.sites[1].pue.curve[1]: two PUE curve points at the same IT load; give each load once"),
        BadFleet("an hourly price list that is empty, and carbon in the wrong unit",
                 "sites: [{ name: 'x', pue: 1.1, electricity_price: [], carbon_intensity: '400 g/kW' }],",
                 "f.json5:2:51: error: fleet.sites[0].electricity_price: expected a non-empty array of energy prices such as \"$0.08/kWh\" (units: $/J, $/Wh, $/kWh, $/MWh), got an empty array",
                 "f.json5:2:73: error: fleet.sites[0].carbon_intensity: expected a non-negative carbon intensity such as \"400 gCO2/kWh\" (units: g/J, g/kWh, gCO2/kWh, gCO2e/kWh, kg/kWh, kgCO2/kWh, kgCO2e/kWh, t/MWh, tCO2/MWh, tCO2e/MWh), got \"400 g/kW\"; did you mean 'g/kWh'?"),
        BadFleet("a capacity event after the horizon is a warning",
                 "sites: [{ name: 'dc', pue: 1.1, electricity_price: 0, carbon_intensity: 0 }],\npools: [{ name: 'p', site: 'dc', chip: 'trn2', chips: 64 }], capacity: [{ pool: 'p', at: '31 d', change: 'outage', chips: 16 }],",
                 "f.json5:3:90: warning: fleet.capacity[0].at: the event at \"31 d\" is not before the horizon (30 d) and never takes effect"),
    ]

    @Test("each kind of site mistake is reported once, located, with its path and what was expected", arguments: siteCases)
    func reportsSiteMistake(_ bad: BadFleet) {
        let report = checkFleet(bad.body)
        #expect(report.scenario == nil || bad.expected.allSatisfy { $0.contains(": warning: ") })
        #expect(rendered(report.diagnostics) == bad.expected)
    }

    @Test("each kind of mistake is reported once, located, with its path and what was expected", arguments: cases)
    func reportsMistake(_ bad: BadFleet) {
        let report = checkFleet(Self.site + "\n" + bad.body)
        #expect(report.scenario == nil || bad.expected.allSatisfy { $0.contains(": warning: ") })
        #expect(rendered(report.diagnostics) == bad.expected)
    }
}
