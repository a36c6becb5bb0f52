/// The citation table: resolves a `SourceID` to its title and location.
///
/// The built-in table (`SourceTable.builtIn`, in `SourceTable+BuiltIn.swift`) is the source list
/// of `shared/reference/hardware.json`, plus the Epoch cost-model entry of
/// `shared/reference/validation.md` §15 that the power estimates lean on.
public struct SourceTable: Hashable, Sendable, Codable {
    /// Sources in a stable order (as listed in the reference).
    public private(set) var sources: [Source]
    private var index: [SourceID: Int]

    public init(_ sources: [Source]) {
        self.sources = []
        self.index = [:]
        for source in sources { insert(source) }
    }

    /// Adds or replaces a source (replacing keeps its position).
    public mutating func insert(_ source: Source) {
        if let i = index[source.id] {
            sources[i] = source
        } else {
            index[source.id] = sources.count
            sources.append(source)
        }
    }

    /// The source for `id`, or nil when the table has no such entry. O(1).
    public subscript(id: SourceID) -> Source? { index[id].map { sources[$0] } }

    public func contains(_ id: SourceID) -> Bool { index[id] != nil }

    public init(from decoder: Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([Source].self))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(sources)
    }
}
