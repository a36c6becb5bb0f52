/// Why a scenario could not be loaded.
public enum ScenarioError: Error, Sendable, CustomStringConvertible {
    /// The file was read but has problems; every one of them, in file order (warnings included).
    case invalid([Diagnostic])
    /// The file could not be read at all (missing, unreadable, not UTF-8 text).
    case unreadable(file: String, reason: String)

    /// The problems as diagnostics; an unreadable file is one diagnostic without a location.
    public var diagnostics: [Diagnostic] {
        switch self {
        case .invalid(let diagnostics):
            diagnostics
        case .unreadable(let file, let reason):
            [Diagnostic(file: file, location: nil, path: .root, message: "cannot read the scenario: \(reason)")]
        }
    }

    /// Each diagnostic rendered on its own line, for printing to standard error.
    public var renderedLines: [String] { diagnostics.map(\.description) }

    /// One diagnostic per line, in the `FILE:LINE:COL: error: PATH: MESSAGE` form.
    public var description: String { renderedLines.joined(separator: "\n") }
}
