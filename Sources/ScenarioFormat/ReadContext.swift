import Foundation
/// Where a reader is in the tree and where it reports problems.
///
/// Passed down as readers descend, so every message carries the full field path without the
/// reading code having to build it.
public struct ReadContext {
    /// The path of the value being read.
    public let path: FieldPath
    /// Where problems go.
    public let diagnostics: Diagnostics
    /// The folder files named in the scenario (CSV series) are relative to: the scenario file's
    /// own folder; nil for text that came from no file (then the working directory).
    public let baseDirectory: URL?

    public init(path: FieldPath = .root, diagnostics: Diagnostics, baseDirectory: URL? = nil) {
        self.path = path
        self.diagnostics = diagnostics
        self.baseDirectory = baseDirectory
    }

    /// The URL of `path` as written in the scenario.
    public func resolve(_ path: String) -> URL {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
        guard let baseDirectory else { return URL(fileURLWithPath: path) }
        return baseDirectory.appendingPathComponent(path)
    }

    /// The context of an object member.
    public func appending(_ key: String) -> ReadContext {
        ReadContext(path: path.appending(key), diagnostics: diagnostics, baseDirectory: baseDirectory)
    }

    /// The context of an array element.
    public func appending(index: Int) -> ReadContext {
        ReadContext(path: path.appending(index: index), diagnostics: diagnostics, baseDirectory: baseDirectory)
    }

    /// Reports an error about the value at this path.
    public func error(_ message: String, at location: SourcePosition) {
        diagnostics.error(message, at: location, path: path)
    }

    /// Reports a warning about the value at this path.
    public func warning(_ message: String, at location: SourcePosition) {
        diagnostics.warning(message, at: location, path: path)
    }

    /// Reports a value of the wrong kind: `expected a string, got number 3`.
    public func mismatch(expected: String, got node: JSONNode) {
        error("expected \(expected), got \(node.valueSummary)", at: node.location)
    }

    /// Reports a value of the right kind but unacceptable: `expected a positive integer, got -3`.
    public func rejected(expected: String, got node: JSONNode) {
        error("expected \(expected), got \(node.literalSummary)", at: node.location)
    }
}

extension JSONNode {
    /// The value as written, for messages about a value of the right kind: `-3`, `"700 V"`.
    public var literalSummary: String {
        switch kind {
        case .number(let number): number.literal
        case .string: String(valueSummary.dropFirst("string ".count))
        case .bool(let value): "\(value)"
        default: valueSummary
        }
    }
}
