import Fleet
import Foundation
import ScenarioFormat

/// `gigawatt catalog [ID] [--json]`: the built-in accelerator catalog with the source of every figure.
struct CatalogCommand: Command {
    static let name = "catalog"
    static let summary = "list the built-in accelerators, every figure with its source"
    static let help = """
        usage: gigawatt catalog [ID] [--json] [--scenario FILE]

        Without ID: one row per accelerator (peak rates, HBM, power, scale-up domain, price).
        With ID (e.g. tpu-v7, h100-sxm, trn2): every figure of that chip with its citation, or
        the basis of the estimate where the figure is not published.
        Figures marked * are estimates; the reference is shared/reference/hardware.md.

        options:
          --json            machine-readable output: SI units (W, B, B/s, FLOP/s, USD), every
                            figure as {"value", "kind", "sources", "note"}, plus the source table
          --scenario FILE   the catalog as FILE sees it: its own chips added, and one entry
                            "CHIP@POOL" for each pool whose figures it overrides (marked †)

        exit codes: 0 ok, 2 usage error (including an unknown ID), 65 invalid scenario
        """

    let id: AcceleratorID?
    let isJSON: Bool
    let scenarioFile: String?

    init(arguments: ArgumentList) throws {
        var arguments = arguments
        isJSON = arguments.flag("--json")
        scenarioFile = try arguments.option("--scenario")
        id = try arguments.optionalPositional().map { AcceleratorID($0) }
        try arguments.finish()
    }

    func execute() throws {
        let catalog = try scenarioFile.map { try Self.catalog(seenBy: ScenarioInput.load($0)) } ?? Catalog.builtIn
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let id else {
            if isJSON {
                print(String(decoding: try encoder.encode(catalog), as: UTF8.self))
            } else {
                print(CatalogTable.overview(catalog), terminator: "")
            }
            return
        }
        let spec: AcceleratorSpec
        do {
            spec = try catalog.spec(id)
        } catch {
            throw CommandFailure.usage(error.description, command: Self.name)
        }
        if isJSON {
            print(String(decoding: try encoder.encode(spec), as: UTF8.self))
        } else {
            print(CatalogTable.detail(spec, sources: catalog.sources), terminator: "")
        }
    }
}

extension CatalogCommand {
    /// The built-in catalog plus the scenario's chips, plus one entry per pool whose spec differs
    /// from the catalog entry it names (its overrides), keyed `CHIP@POOL`.
    static func catalog(seenBy scenario: Scenario) -> Catalog {
        var catalog = scenario.catalog
        for pool in scenario.fleet.pools where catalog[pool.spec.id] != pool.spec {
            var spec = pool.spec
            spec.id = AcceleratorID("\(pool.spec.id)@\(pool.name)")
            spec.displayName += " (pool \(pool.name))"
            catalog.insert(spec)
        }
        return catalog
    }
}
