import Fleet
import Foundation

/// `gigawatt catalog [ID] [--json]`: the built-in accelerator catalog with the source of every figure.
struct CatalogCommand: Command {
    static let name = "catalog"
    static let summary = "list the built-in accelerators, every figure with its source"
    static let help = """
        usage: gigawatt catalog [ID] [--json]

        Without ID: one row per accelerator (peak rates, HBM, power, scale-up domain, price).
        With ID (e.g. tpu-v7, h100-sxm, trn2): every figure of that chip with its citation, or
        the basis of the estimate where the figure is not published.
        Figures marked * are estimates; the reference is shared/reference/hardware.md.

        options:
          --json   machine-readable output: SI units (W, B, B/s, FLOP/s, USD), every figure as
                   {"value", "kind", "sources", "note"}, plus the source table

        exit codes: 0 ok, 2 usage error (including an unknown ID)
        """

    let id: AcceleratorID?
    let isJSON: Bool

    init(arguments: ArgumentList) throws {
        var arguments = arguments
        isJSON = arguments.flag("--json")
        id = try arguments.optionalPositional().map { AcceleratorID($0) }
        try arguments.finish()
    }

    func execute() throws {
        let catalog = Catalog.builtIn
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
