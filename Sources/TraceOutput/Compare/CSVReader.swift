/// Reads CSV text (RFC 4180: comma-separated, fields optionally in double quotes with `""` for a
/// quote, CRLF or LF line ends) into rows of fields.
enum CSVReader {
    struct Failure: Error, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    /// The rows of `text`; a final line break does not add an empty row.
    /// - Throws: `Failure` for a quote that is never closed or text right after a closing quote.
    static func rows(_ text: String) throws(Failure) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var line = 1
        var inQuotes = false
        var afterQuote = false
        var fieldStarted = false
        var quoteLine = 0
        for character in text {
            if inQuotes {
                if character == "\"" {
                    inQuotes = false
                    afterQuote = true
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where afterQuote:
                field.append("\"")  // a doubled quote inside a quoted field
                inQuotes = true
                afterQuote = false
            case "\"" where !fieldStarted:
                inQuotes = true
                fieldStarted = true
                quoteLine = line
            case ",":
                row.append(field)
                field = ""
                afterQuote = false
                fieldStarted = false
            case "\n", "\r\n":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
                afterQuote = false
                fieldStarted = false
                line += 1
            default:
                if afterQuote { throw Failure(line: line, message: "unexpected text after a closing quote") }
                field.append(character)
                fieldStarted = true
            }
        }
        if inQuotes { throw Failure(line: quoteLine, message: "a quoted field is never closed") }
        if fieldStarted || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}
