/// Where a catalog figure comes from: a citation, a documented estimate, or the user.
///
/// Every number in the built-in catalog carries one, so `gigawatt catalog` can show which figures
/// are estimates and a reader can resolve each citation in the `SourceTable`.
///
/// JSON form (keys shared with `Figure`): `{"kind": "cited", "sources": ["gcp-v4"], "note": …}`,
/// `{"kind": "estimate", "note": "…", "sources": [basis…]}`, `{"kind": "supplied", "note": "…"}`.
public enum Provenance: Hashable, Sendable {
    /// Taken from the listed sources; `note` says how when the figure is derived (e.g. a NIC
    /// rate divided by chips per host).
    case cited([SourceID], note: String? = nil)
    /// Not published; `note` states the basis of the number, `basis` the sources it leans on.
    case estimate(String, basis: [SourceID] = [])
    /// Given by the user (a scenario override or a custom chip); `note` says where.
    case supplied(String)

    /// True when the figure is not taken directly from a source.
    public var isEstimate: Bool {
        if case .estimate = self { return true }
        return false
    }

    /// Every source id this provenance refers to (citations or an estimate's basis).
    public var sourceIDs: [SourceID] {
        switch self {
        case .cited(let ids, _): return ids
        case .estimate(_, let basis): return basis
        case .supplied: return []
        }
    }

    /// The explanatory note, if any.
    public var note: String? {
        switch self {
        case .cited(_, let note): return note
        case .estimate(let note, _), .supplied(let note): return note
        }
    }

    /// A short tag for tables: `cited`, `estimate` or `supplied`.
    public var kind: String {
        switch self {
        case .cited: return "cited"
        case .estimate: return "estimate"
        case .supplied: return "supplied"
        }
    }
}

/// The JSON keys shared by `Provenance` and `Figure`.
enum ProvenanceKey: String, CodingKey {
    case value, kind, sources, note
}

extension Provenance: Codable {
    public init(from decoder: Decoder) throws {
        try self.init(from: decoder.container(keyedBy: ProvenanceKey.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: ProvenanceKey.self)
        try encode(into: &container)
    }

    init(from c: KeyedDecodingContainer<ProvenanceKey>) throws {
        let kind = try c.decode(String.self, forKey: .kind)
        let sources = try c.decodeIfPresent([SourceID].self, forKey: .sources) ?? []
        let note = try c.decodeIfPresent(String.self, forKey: .note)
        switch kind {
        case "cited": self = .cited(sources, note: note)
        case "estimate": self = .estimate(note ?? "", basis: sources)
        case "supplied": self = .supplied(note ?? "")
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: c,
                debugDescription: "unknown provenance kind '\(kind)'; expected one of cited, estimate, supplied")
        }
    }

    func encode(into c: inout KeyedEncodingContainer<ProvenanceKey>) throws {
        try c.encode(kind, forKey: .kind)
        let ids = sourceIDs
        if !ids.isEmpty { try c.encode(ids, forKey: .sources) }
        try c.encodeIfPresent(note, forKey: .note)
    }
}
