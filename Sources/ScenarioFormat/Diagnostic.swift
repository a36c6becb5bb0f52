/// One problem found in a scenario file: where it is, which field, and what was expected.
///
/// Rendered on one line in the form compilers use, so editors and terminals turn it into a link:
/// `scenario.json5:12:14: error: fleet.pools[2].chips: expected a positive integer, got -3`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How bad a problem is: errors stop the run, warnings are reported and the run proceeds.
    public enum Severity: String, Hashable, Sendable {
        case error
        case warning
    }

    /// The file name as the user gave it (never an absolute path the program constructed).
    public var file: String
    /// Where the problem is; `nil` when it concerns the file as a whole.
    public var location: SourcePosition?
    /// The field concerned; the root path when the problem is not inside a field.
    public var path: FieldPath
    /// What is wrong and what was expected, without file, location or path.
    public var message: String
    public var severity: Severity

    public init(file: String, location: SourcePosition?, path: FieldPath, message: String, severity: Severity = .error) {
        self.file = file
        self.location = location
        self.path = path
        self.message = message
        self.severity = severity
    }

    /// `FILE:LINE:COL: SEVERITY: PATH: MESSAGE`; location and path are left out when absent.
    public var description: String {
        var out = file
        if let location { out += ":\(location.line):\(location.column)" }
        out += ": \(severity.rawValue): "
        if !path.isRoot { out += "\(path): " }
        return out + message
    }
}
