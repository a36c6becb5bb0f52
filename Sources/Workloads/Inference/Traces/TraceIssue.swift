/// A line of a trace file that could not be read, with where it is and why. Readers skip such
/// lines and keep going, so one bad row does not lose an hour of trace.
public struct TraceIssue: Hashable, Sendable, CustomStringConvertible {
    /// 1-based line number in the file.
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }
}
