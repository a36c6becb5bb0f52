/// Errors from the inference workload model: unknown registry names and unreadable traces.
public enum InferenceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A name that is not in a registry (arrival processes, trace formats).
    case unknownName(what: String, name: String, valid: [String])
    /// A trace file that cannot be opened or read.
    case unreadableTrace(path: String, reason: String)

    public var description: String {
        switch self {
        case .unknownName(let what, let name, let valid):
            return "unknown \(what) '\(name)'; valid names: \(valid.joined(separator: ", "))"
        case .unreadableTrace(let path, let reason):
            return "cannot read trace \(path): \(reason)"
        }
    }
}
