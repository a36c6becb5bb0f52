/// One entry of the citation table: what a `SourceID` points to.
public struct Source: Hashable, Sendable, Codable {
    public var id: SourceID
    public var title: String
    /// A web address or a repository path (`github:owner/repo path @commit`).
    public var location: String
    /// Caveats from the reference, e.g. "secondary".
    public var note: String?

    public init(id: SourceID, title: String, location: String, note: String? = nil) {
        self.id = id
        self.title = title
        self.location = location
        self.note = note
    }

    /// True when the reference marks the source as a third-party write-up or mirror.
    public var isSecondary: Bool { note?.contains("secondary") ?? false }
}
