import Foundation

/// One column of a CSV file (RFC 4180: a header row, comma-separated fields, optional double
/// quotes with `""` for a quote), with the file line of each value for error messages.
///
/// Scenario series (hourly electricity prices, grid carbon intensity, outdoor temperature) can
/// come from such a file instead of a list in the scenario.
struct CSVColumn {
    struct Cell {
        var line: Int
        var text: String
    }

    var cells: [Cell]

    /// Reads column `name` of the file at `url`; the error message names the file as `display`.
    static func read(_ url: URL, display: String, column name: String) -> Result<CSVColumn, QuantityError> {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            return .failure(QuantityError(message: "cannot read CSV file '\(display)' (no such file, or not UTF-8 text)"))
        }
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        guard let headerLine = lines.first else { return .failure(QuantityError(message: "CSV file '\(display)' is empty")) }
        let header = fields(of: headerLine).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let index = header.firstIndex(of: name) else {
            var message = "CSV file '\(display)' has no column '\(name)'"
            if let nearest = NameSuggestion.nearest(to: name, in: header) { message += "; did you mean '\(nearest)'?" }
            return .failure(QuantityError(message: message + " (columns: \(header.joined(separator: ", ")))"))
        }
        var cells: [Cell] = []
        for (offset, line) in lines.enumerated().dropFirst() {
            let row = fields(of: line)
            guard index < row.count else {
                return .failure(QuantityError(message: "\(display):\(offset + 1): row has \(row.count) fields, no value for column '\(name)'"))
            }
            cells.append(Cell(line: offset + 1, text: row[index].trimmingCharacters(in: .whitespaces)))
        }
        guard !cells.isEmpty else { return .failure(QuantityError(message: "CSV file '\(display)' has a header but no rows")) }
        return .success(CSVColumn(cells: cells))
    }

    /// The fields of one line, honouring double quotes.
    static func fields(of line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var isQuoted = false
        var characters = line.makeIterator()
        while let c = characters.next() {
            if isQuoted {
                if c == "\"" {
                    if let next = characters.next() {
                        if next == "\"" { current.append("\"") } else {
                            isQuoted = false
                            if next == "," { fields.append(current); current = "" } else { current.append(next) }
                        }
                    } else {
                        isQuoted = false
                    }
                } else {
                    current.append(c)
                }
            } else if c == "\"" && current.isEmpty {
                isQuoted = true
            } else if c == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        fields.append(current)
        return fields
    }
}
