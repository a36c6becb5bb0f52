/// Collects every problem found in one file, so validation reports them all at once.
///
/// Validation never stops at the first mistake: a user fixing a scenario wants the whole list.
/// Readers share one collector by reference while they walk the tree, which is why this is a
/// class; it is confined to the one task that reads a file and is not `Sendable`.
public final class Diagnostics {
    /// The file name used in every diagnostic, as the user gave it.
    public let file: String
    private var collected: [Diagnostic] = []

    public init(file: String) { self.file = file }

    /// Records an error.
    public func error(_ message: String, at location: SourcePosition?, path: FieldPath) {
        report(Diagnostic(file: file, location: location, path: path, message: message, severity: .error))
    }

    /// Records a warning.
    public func warning(_ message: String, at location: SourcePosition?, path: FieldPath) {
        report(Diagnostic(file: file, location: location, path: path, message: message, severity: .warning))
    }

    /// Records a diagnostic built elsewhere.
    public func report(_ diagnostic: Diagnostic) { collected.append(diagnostic) }

    /// Whether any error (not merely a warning) has been recorded.
    public var hasErrors: Bool { collected.contains { $0.severity == .error } }

    /// Everything recorded, ordered by location (file-wide problems first) and, at one location,
    /// in the order reported, so output is the same on every run.
    public var all: [Diagnostic] {
        collected.enumerated().sorted { a, b in
            let la = a.element.location.map { ($0.line, $0.column) } ?? (0, 0)
            let lb = b.element.location.map { ($0.line, $0.column) } ?? (0, 0)
            return (la.0, la.1, a.offset) < (lb.0, lb.1, b.offset)
        }.map(\.element)
    }
}
