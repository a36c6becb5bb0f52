import Foundation

/// Streams a CSV table (RFC 4180): a header row whose names carry their units
/// (`power_it_w`, `energy_facility_j`, `cost_usd`), then one row per record as it comes.
///
/// Numbers are written with Swift's shortest round-trip representation, so a value read back by
/// pandas or a spreadsheet is the value the simulator computed.
public final class CSVTableWriter {
    private let output: BufferedFileWriter
    public let columns: [String]
    public private(set) var rowCount = 0

    /// One cell of a row.
    public enum Cell {
        case text(String)
        case number(Double)
        case integer(Int)
        case empty
    }

    public init(url: URL, columns: [String]) throws {
        precondition(!columns.isEmpty, "a CSV table needs columns")
        output = try BufferedFileWriter(url: url)
        self.columns = columns
        try output.write(columns.map(CSVTableWriter.escaped).joined(separator: ",") + "\n")
    }

    /// Appends a row.
    /// - Precondition: one cell per column.
    public func append(_ cells: [Cell]) throws {
        precondition(cells.count == columns.count, "row has \(cells.count) cells for \(columns.count) columns")
        let line = cells.map { cell -> String in
            switch cell {
            case .text(let text): return CSVTableWriter.escaped(text)
            case .number(let value): return value.isFinite ? "\(value)" : ""
            case .integer(let value): return String(value)
            case .empty: return ""
            }
        }.joined(separator: ",")
        try output.write(line + "\n")
        rowCount += 1
    }

    public func close() throws { try output.close() }

    /// Quotes a field when it holds a comma, a quote or a line break, doubling inner quotes.
    static func escaped(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
