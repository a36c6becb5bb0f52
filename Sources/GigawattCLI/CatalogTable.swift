import Fleet
import Foundation

/// Renders the accelerator catalog for a terminal: one row per chip, or every figure of one chip
/// with where it comes from. Figures that are estimates carry a `*`, user-supplied ones a `†`.
enum CatalogTable {
    /// The overview table of all entries.
    static func overview(_ catalog: Catalog) -> String {
        let header = ["id", "name", "platform", "bf16 TFLOP/s", "fp8 TFLOP/s", "HBM GB", "HBM TB/s",
                      "idle/typ/peak W", "scale-up", "$/chip-h"]
        var rows: [[String]] = []
        for spec in catalog.specs {
            rows.append([
                spec.id.rawValue,
                spec.displayName,
                spec.platform.rawValue,
                figure(spec.peakBF16) { number($0.value / 1e12, digits: 0) },
                spec.peakFP8.map { figure($0) { number($0.value / 1e12, digits: 0) } } ?? "—",
                figure(spec.hbmCapacity) { number($0.value / 1e9, digits: 0) },
                figure(spec.hbmBandwidth) { number($0.value / 1e12, digits: 2) },
                [spec.idlePower, spec.typicalPower, spec.peakPower].map { figure($0) { number($0.value, digits: 0) } }.joined(separator: "/"),
                figure(spec.scaleUpDomainChips) { "\($0)" },
                spec.price.map { mark($0.provenance) + number($0.onDemand.value, digits: 2) } ?? "—",
            ])
        }
        return layout(header: header, rows: rows) + """

            * estimate (not published; the basis is in `gigawatt catalog ID`)   † supplied by a scenario
            — not applicable or not published

            """
    }

    /// Every figure of one entry, with its provenance resolved against the source table.
    static func detail(_ spec: AcceleratorSpec, sources: SourceTable) -> String {
        var rows: [[String]] = []
        func add<V>(_ name: String, _ figure: Figure<V>?, _ format: (V) -> String) {
            guard let figure else {
                rows.append([name, "—", "not applicable or not published"])
                return
            }
            rows.append([name, format(figure.value), describe(figure.provenance, sources)])
        }
        add("peak bf16", spec.peakBF16) { number($0.value / 1e12, digits: 1) + " TFLOP/s" }
        add("peak fp8", spec.peakFP8) { number($0.value / 1e12, digits: 1) + " TFLOP/s" }
        add("peak int8", spec.peakINT8) { number($0.value / 1e12, digits: 1) + " TOP/s" }
        add("HBM capacity", spec.hbmCapacity) { number($0.value / 1e9, digits: 1) + " GB" }
        add("HBM bandwidth", spec.hbmBandwidth) { number($0.value / 1e12, digits: 3) + " TB/s" }
        add("idle power", spec.idlePower) { number($0.value, digits: 0) + " W" }
        add("typical power", spec.typicalPower) { number($0.value, digits: 0) + " W" }
        add("peak power", spec.peakPower) { number($0.value, digits: 0) + " W" }
        add("scale-up domain", spec.scaleUpDomainChips) { "\($0) chips" }
        add("scale-up bandwidth", spec.scaleUpBandwidth) { number($0.value / 1e9, digits: 0) + " GB/s" }
        add("scale-out bandwidth", spec.scaleOutBandwidth) { number($0.value * 8 / 1e9, digits: 0) + " Gb/s" }
        add("chips per host", spec.chipsPerHost) { "\($0)" }
        add("host overhead", spec.hostOverheadPower) { number($0.value, digits: 0) + " W" }
        add("topology", spec.topology) { $0.rawValue }
        if let price = spec.price {
            var text = "$" + number(price.onDemand.value, digits: 2) + "/chip-h on demand"
            if let y1 = price.committed1Year { text += ", $" + number(y1.value, digits: 2) + " 1y" }
            if let y3 = price.committed3Year { text += ", $" + number(y3.value, digits: 2) + " 3y" }
            rows.append(["price", text, "\(price.offering), \(price.date); " + describe(price.provenance, sources)])
        } else {
            rows.append(["price", "—", "not published"])
        }
        add("purchase price", spec.purchasePrice) { "$" + number($0.value, digits: 0) }
        let title = "\(spec.id.rawValue): \(spec.displayName) (\(spec.vendor), \(spec.platform.rawValue))\n\n"
        return title + layout(header: ["figure", "value", "source"], rows: rows)
    }

    private static func figure<V>(_ figure: Figure<V>, _ format: (V) -> String) -> String {
        mark(figure.provenance) + format(figure.value)
    }

    private static func mark(_ provenance: Provenance) -> String {
        switch provenance {
        case .cited: return ""
        case .estimate: return "*"
        case .supplied: return "†"
        }
    }

    private static func describe(_ provenance: Provenance, _ sources: SourceTable) -> String {
        let cited = provenance.sourceIDs.map { id in sources[id].map { "\(id) \($0.title)" } ?? "\(id)" }
        switch provenance {
        case .cited(_, let note):
            return (cited + (note.map { [$0] } ?? [])).joined(separator: "; ")
        case .estimate(let note, _):
            return (["estimate: \(note)"] + cited.map { "basis " + $0 }).joined(separator: "; ")
        case .supplied(let note):
            return "supplied: \(note)"
        }
    }

    private static func number(_ value: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    /// Left-aligned columns separated by two spaces; the last column is not padded.
    private static func layout(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        // The last column (free text) gets a rule as wide as its header plus a little, not as
        // wide as its longest cell.
        let rule = widths.enumerated().map { index, width in
            String(repeating: "─", count: index == widths.count - 1 ? min(width, max(header[index].count, 12)) : width)
        }
        return ([line(header), line(rule)] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
