/// The accelerator registry: specs keyed by stable kebab-case ids, plus the citation table.
///
/// An explicit table (no reflection): `Catalog.builtIn` lists every built-in entry in a fixed
/// order; a scenario copies it, overrides fields with `insert(_:)` or adds new chips. An unknown
/// id is an error that lists the valid ones.
public struct Catalog: Sendable, Codable {
    /// Entries in their stable order.
    public private(set) var specs: [AcceleratorSpec]
    /// Resolves the source ids cited by the entries.
    public var sources: SourceTable
    private var index: [AcceleratorID: Int]

    public init(specs: [AcceleratorSpec], sources: SourceTable) {
        self.specs = []
        self.index = [:]
        self.sources = sources
        for spec in specs { insert(spec) }
    }

    /// Adds `spec`, or replaces the entry with the same id in place. O(1) amortised.
    public mutating func insert(_ spec: AcceleratorSpec) {
        if let i = index[spec.id] {
            specs[i] = spec
        } else {
            index[spec.id] = specs.count
            specs.append(spec)
        }
    }

    /// The ids in catalog order.
    public var ids: [AcceleratorID] { specs.map(\.id) }

    /// The entry for `id`, or nil. O(1).
    public subscript(id: AcceleratorID) -> AcceleratorSpec? { index[id].map { specs[$0] } }

    /// The entry for `id`; throws `CatalogError.unknownAccelerator` listing the valid ids.
    public func spec(_ id: AcceleratorID) throws(CatalogError) -> AcceleratorSpec {
        guard let spec = self[id] else { throw .unknownAccelerator(id, valid: ids) }
        return spec
    }

    /// Every issue of every entry (see `AcceleratorSpec.issues(resolvingAgainst:)`).
    public func issues() -> [String] { specs.flatMap { $0.issues(resolvingAgainst: sources) } }

    /// The built-in catalog: 5 TPUs, 6 GPUs, 3 Trainium generations, each figure cited or a
    /// documented estimate from `shared/reference/hardware.md`.
    public static let builtIn = Catalog(
        specs: [
            .tpuV4, .tpuV5e, .tpuV5p, .tpuV6e, .tpuV7,
            .a100SXM, .h100SXM, .h200, .b200, .gb200, .mi300x,
            .trn1, .trn2, .trn3,
        ],
        sources: .builtIn)

    enum CodingKeys: String, CodingKey { case accelerators, sources }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(specs: try c.decode([AcceleratorSpec].self, forKey: .accelerators),
                  sources: try c.decode(SourceTable.self, forKey: .sources))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(specs, forKey: .accelerators)
        try c.encode(sources, forKey: .sources)
    }
}

/// Errors looking up catalog entries.
public enum CatalogError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownAccelerator(AcceleratorID, valid: [AcceleratorID])

    public var description: String {
        switch self {
        case .unknownAccelerator(let id, let valid):
            return "unknown accelerator '\(id)'; valid ids: \(valid.map(\.rawValue).joined(separator: ", "))"
        }
    }
}
