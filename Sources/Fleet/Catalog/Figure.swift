/// A catalog number together with its provenance.
///
/// JSON: `{"value": 2.75e14, "kind": "cited", "sources": ["gcp-v4"]}` — the value in the SI unit
/// of its type (W, B, B/s, FLOP/s, $/h) or a plain count, next to the provenance keys.
public struct Figure<Value: Hashable & Sendable & Codable>: Hashable, Sendable, Codable {
    public var value: Value
    public var provenance: Provenance

    public init(_ value: Value, _ provenance: Provenance) {
        self.value = value
        self.provenance = provenance
    }

    /// A figure taken from `sources`.
    public static func cited(_ value: Value, _ sources: SourceID..., note: String? = nil) -> Figure {
        Figure(value, .cited(sources, note: note))
    }

    /// A documented estimate: `note` says how the number was reached.
    public static func estimate(_ value: Value, _ note: String, basis: SourceID...) -> Figure {
        Figure(value, .estimate(note, basis: basis))
    }

    /// A user-given figure (scenario override, custom chip).
    public static func supplied(_ value: Value, _ note: String = "user-supplied") -> Figure {
        Figure(value, .supplied(note))
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: ProvenanceKey.self)
        value = try c.decode(Value.self, forKey: .value)
        provenance = try Provenance(from: c)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: ProvenanceKey.self)
        try c.encode(value, forKey: .value)
        try provenance.encode(into: &c)
    }
}
