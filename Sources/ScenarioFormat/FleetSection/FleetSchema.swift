import Fleet

/// One key of a scenario object: its name, what its value looks like, and whether it must be
/// given. For `gigawatt schema` and documentation; the reading code is the authority, and a
/// test checks that every list here equals the keys the reader accepts.
public struct ScenarioKey: Hashable, Sendable {
    /// When a key must be given.
    public enum Requirement: Hashable, Sendable {
        case required
        case optional
        /// Exactly one key of the named group must be given (a pool's size unit).
        case oneOf(String)
        /// Required in a chip defined without `base`; optional with one.
        case requiredWithoutBase
    }

    public let name: String
    /// What a valid value looks like, as messages say it.
    public let expectation: String
    public let requirement: Requirement
    /// The default when the key is absent, or a note on when it applies.
    public let note: String?

    public init(_ name: String, _ expectation: String, _ requirement: Requirement = .optional, note: String? = nil) {
        self.name = name
        self.expectation = expectation
        self.requirement = requirement
        self.note = note
    }
}

/// The keys of every object in the `fleet` section, in the order the reader asks for them.
///
/// ```json5
/// fleet: {
///   sites:    [{ name, pue, grid_limit?, power_cap?, electricity_price, carbon_intensity, time_zone?, series_hours?, cap_action?, cap_windows?, minimum_clock?, throttle_by? }],
///   chips:    [{ id, base?, display_name?, vendor?, platform?, <figures>… }],
///   pools:    [{ name, site, chip, chips|pods|hosts|racks|instances|ultraservers, hosts_per_rack?,
///                fabric?: { switch_radix?, oversubscription?, rail_optimized?, link_bandwidth? },
///                overrides?: { <figures>… }, power_cap?, rack_power_cap?, cost?, network_power_per_chip?, storage_power?, embodied_carbon?, power_down?, cap_action?, cap_windows?, minimum_clock?, throttle_by?, slice_shapes? }],
///   capacity: [{ pool, at, change, chips|pods|hosts|racks|instances|ultraservers }],
///   failures?: { chip_mtbf?: "50000 h" | { gpu?, tpu?, trainium? }, host_mtbf?, restart?, repair? },
/// }
/// ```
public enum FleetSchema {
    /// One object shape: where it sits (`fleet.pools[]`) and its keys.
    public struct Object: Hashable, Sendable {
        /// The path with `[]` for "any element": `fleet.pools[].fabric`.
        public let path: String
        public let keys: [ScenarioKey]
    }

    /// Every object of the section, outermost first.
    public static let objects: [Object] = [
        Object(path: "fleet", keys: [
            ScenarioKey("sites", "an array of sites", note: "default: none"),
            ScenarioKey("chips", "an array of chip definitions", note: "default: none (built-in chips only)"),
            ScenarioKey("pools", "an array of pools", note: "default: none"),
            ScenarioKey("capacity", "an array of capacity events", note: "default: none (every pool keeps its size)"),
            ScenarioKey("failures", "an object (chip_mtbf, host_mtbf, restart, repair)", note: "default: no hardware failures"),
        ]),
        Object(path: "fleet.failures", keys: [
            ScenarioKey("chip_mtbf", "a positive duration such as \"50000 h\", or an object of them by platform (tpu, gpu, trainium)",
                        note: "default: 50,677 h per chip (Llama 3, 16,384 H100); an estimate for TPU and Trainium"),
            ScenarioKey("host_mtbf", "a positive duration", note: "default: none (the chip rate counts host causes)"),
            ScenarioKey("restart", "a duration ≥ 0", note: "default: 10 min, before the checkpoint restore"),
            ScenarioKey("repair", "a duration ≥ 0", note: "default: 4 h out of service per failed host"),
        ]),
        Object(path: "fleet.sites[]", keys: [
            ScenarioKey("name", "a non-empty string, unique among sites", .required),
            ScenarioKey("pue", FleetReading.pueReader.expectation, .required,
                        note: "curve loads are fractions of the site's IT hardware maximum (0.5, \"50 %\") or powers (\"200 MW\")"),
            ScenarioKey("grid_limit", QuantityParser.expectation(.power, .positive), note: "facility power; default: unlimited"),
            ScenarioKey("power_cap", QuantityParser.expectation(.power, .positive), note: "default: none; a cap above grid_limit is a warning"),
            ScenarioKey("electricity_price", FleetReading.hourly(.energyPrice, .any).expectation, .required),
            ScenarioKey("carbon_intensity", FleetReading.hourly(.carbonIntensity, .nonNegative).expectation, .required),
            ScenarioKey("time_zone", "an IANA time-zone identifier such as \"America/Chicago\"", note: "default: \"UTC\""),
            ScenarioKey("series_hours", "\"simulation\" or \"local\"",
                        note: "default: \"simulation\" (hour h uses entry h mod count); \"local\": 24 entries by local hour of day in time_zone, daylight saving applied; needs the scenario's start"),
            ScenarioKey("cap_action", "\"throttle\", \"hold\" or \"preempt\"",
                        note: "enforces the smaller of grid_limit and power_cap, and cap_windows; default: caps are reported, not enforced"),
            ScenarioKey("cap_windows", "an array of " + FleetReading.capWindowExpectation,
                        note: "a lower cap while a window is open (demand response); needs cap_action"),
            ScenarioKey("minimum_clock", "a clock factor in (0, 1]", note: "default: 0.1; the lowest clock throttling sets"),
            ScenarioKey("throttle_by", "\"uniform\" or \"priority\"", note: "default: \"uniform\"; \"priority\" slows the lowest priority first"),
        ]),
        Object(path: "fleet.chips[]", keys: [
            ScenarioKey("id", "a new chip id in kebab-case, not a built-in id", .required),
            ScenarioKey("base", "a built-in or earlier scenario chip id", note: "without it the chip is defined from scratch"),
            ScenarioKey("display_name", "a non-empty string", note: "default: the id"),
            ScenarioKey("vendor", "a non-empty string", note: "default: the base's vendor, or \"custom\""),
            ScenarioKey("platform", "one of \"tpu\", \"gpu\", \"trainium\"", .requiredWithoutBase),
        ] + figureKeys(requiredWithoutBase: true)),
        Object(path: "fleet.pools[]", keys: [
            ScenarioKey("name", "a non-empty string, unique among pools", .required),
            ScenarioKey("site", "the name of a site in fleet.sites", .required),
            ScenarioKey("chip", "a built-in or scenario chip id", .required),
        ] + sizeKeys(pool: true) + [
            ScenarioKey("hosts_per_rack", "a positive integer", note: "default: one NVL72 domain, one TPU cube, one UltraServer, 8 v5e/v6e or 4 HGX hosts"),
            ScenarioKey("fabric", "a fat-tree fabric object", note: "GPU and Trainium pools only"),
            ScenarioKey("overrides", "an object of chip figures", note: "overridden figures are marked supplied by the scenario"),
            ScenarioKey("power_cap", QuantityParser.expectation(.power, .positive), note: "default: none; at or above the pool's hardware maximum is a warning"),
            ScenarioKey("rack_power_cap", QuantityParser.expectation(.power, .positive), note: "default: none; at or above a rack's hardware maximum is a warning"),
            ScenarioKey("cost", FleetReading.costExpectation, note: "default: none (energy cost only); rented prices default to the catalog's, owned capex to its purchase price"),
            ScenarioKey("network_power_per_chip", QuantityParser.expectation(.power, .nonNegative),
                        note: "scale-out fabric power per chip in service, busy or not; default: 0 (not modelled)"),
            ScenarioKey("storage_power", QuantityParser.expectation(.power, .nonNegative),
                        note: "the pool's storage, drawn while any host is in service; default: 0 (not modelled)"),
            ScenarioKey("embodied_carbon", "{ per_chip_kg: NUMBER, lifetime: DURATION }",
                        note: "manufacturing kg CO2e per chip, spread over its lifetime; default: not counted"),
            ScenarioKey("power_down", "{ boot: DURATION }",
                        note: "idle hosts are powered off (draw nothing) and a starting job waits for its hosts to boot; default: idle hosts stay on"),
            ScenarioKey("cap_action", "\"throttle\", \"hold\" or \"preempt\"",
                        note: "enforces power_cap (the pool's IT power) and cap_windows; default: reported, not enforced; rack caps are not enforced"),
            ScenarioKey("cap_windows", "an array of " + FleetReading.capWindowExpectation, note: "needs cap_action"),
            ScenarioKey("minimum_clock", "a clock factor in (0, 1]", note: "default: 0.1"),
            ScenarioKey("throttle_by", "\"uniform\" or \"priority\"", note: "default: \"uniform\""),
            ScenarioKey("slice_shapes", "an array of slice shapes such as \"4x4x8\" valid for the generation", note: "TPU pools only"),
        ]),
        Object(path: "fleet.pools[].fabric", keys: [
            ScenarioKey("switch_radix", FleetReading.radixReader.expectation, note: "default: 64"),
            ScenarioKey("oversubscription", FleetReading.oversubscriptionReader.expectation, note: "default: 1 (non-blocking)"),
            ScenarioKey("rail_optimized", "true or false", note: "default: false"),
            ScenarioKey("link_bandwidth", QuantityParser.expectation(.bandwidth, .positive), note: "per-chip line rate; default: the chip's scale_out_bandwidth"),
        ]),
        Object(path: "fleet.pools[].overrides", keys: figureKeys(requiredWithoutBase: false)),
        Object(path: "fleet.capacity[]", keys: [
            ScenarioKey("pool", "the name of a pool in fleet.pools", .required),
            ScenarioKey("at", QuantityParser.expectation(.duration, .nonNegative), .required, note: "after the horizon is a warning"),
            ScenarioKey("change", "one of " + CapacityEvent.Kind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "), .required),
        ] + sizeKeys(pool: false)),
    ]

    /// The keys of the object at `path` (`fleet.pools[]`), or nil for an unknown path.
    public static func keys(at path: String) -> [ScenarioKey]? {
        objects.first { $0.path == path }?.keys
    }

    private static func figureKeys(requiredWithoutBase: Bool) -> [ScenarioKey] {
        ChipFigure.all.map { figure in
            let isRequired = requiredWithoutBase && ChipFigure.requiredWithoutBase.contains(figure.key)
            return ScenarioKey(figure.key, figure.expectation, isRequired ? .requiredWithoutBase : .optional)
        }
    }

    private static func sizeKeys(pool: Bool) -> [ScenarioKey] {
        PoolSizeUnit.allCases.map { unit in
            let platforms = PlatformKind.allCases.filter { PoolSizeUnit.units(for: $0).contains(unit) }.map(\.rawValue)
            return ScenarioKey(unit.rawValue, "a positive integer", .oneOf(pool ? "pool size" : "count"),
                               note: (unit == .chips ? "any platform" : platforms.joined(separator: ", ") + " only")
                                   + (pool ? "; whole scale-up domains" : ""))
        }
    }
}
