/// Reads the fields of one JSON object and reports every key nobody asked for.
///
/// Each `required`/`optional` call both reads a field and declares its key valid; `finish()`
/// then reports every other key as unknown, with the nearest valid key ("did you mean
/// 'horizon'?") and the full list. Because the valid keys are exactly the ones the reading code
/// asks for, the list in messages can never drift from what the code accepts.
///
/// ```swift
/// let pool = ValueReader<Pool>.object("a pool") { r in
///     let name = r.required("name", .nonEmptyString)
///     let chips = r.required("chips", .integer(.positive))
///     let power = r.optional("power-cap", .quantity(.power, .positive))
///     guard let name, let chips else { return nil }
///     return Pool(name: name, chips: chips, powerCap: power)
/// }
/// ```
///
/// `null` is a value like any other, not a way to leave a field out: an optional string given
/// `null` is reported as "expected a string, got null".
public final class ObjectReader {
    /// The object being read.
    public let node: JSONNode
    /// The object's path and the diagnostics it reports to.
    public let context: ReadContext
    private let members: [JSONMember]
    private var consumed: Set<String> = []
    private var validKeys: [String] = []
    /// Whether `finish()` has run.
    public private(set) var isFinished = false

    /// A reader over `node`.
    /// - Precondition: `node` is an object (check its kind, or use `ValueReader.object`).
    public init(_ node: JSONNode, context: ReadContext) {
        guard let members = node.members else {
            preconditionFailure("ObjectReader needs an object node, got \(node.kindName) at \(context.path)")
        }
        self.node = node
        self.context = context
        self.members = members
    }

    deinit {
        assert(isFinished, "ObjectReader at \(context.path) was never finished: its unknown keys went unreported")
    }

    /// The keys present in the object, in file order.
    public var keys: [String] { members.map(\.key) }

    /// Whether `key` is present. Declares `key` valid (but does not read it).
    public func contains(_ key: String) -> Bool {
        declare(key)
        return members.contains { $0.key == key }
    }

    /// The member for `key`, unread, if present. Declares `key` valid and marks it consumed.
    public func member(_ key: String) -> JSONMember? {
        declare(key)
        guard let member = members.first(where: { $0.key == key }) else { return nil }
        consumed.insert(key)
        return member
    }

    /// Declares keys valid without reading them, for keys another step reads or that only
    /// apply in some variants: they will not be reported as unknown.
    public func allow(_ keys: String...) {
        for key in keys {
            declare(key)
            consumed.insert(key)
        }
    }

    /// The value of `key` read by `reader`; reports a missing key as an error.
    /// Returns nil when the key is missing or its value is invalid (both reported).
    public func required<T>(_ key: String, _ reader: ValueReader<T>) -> T? {
        guard let member = member(key) else {
            context.appending(key).error("missing required key '\(key)' (expected \(reader.expectation))", at: node.location)
            return nil
        }
        return reader.read(member.value, in: context.appending(key))
    }

    /// The value of `key` read by `reader`, or nil when the key is absent or invalid (the latter
    /// reported).
    public func optional<T>(_ key: String, _ reader: ValueReader<T>) -> T? {
        guard let member = member(key) else { return nil }
        return reader.read(member.value, in: context.appending(key))
    }

    /// The value of `key` read by `reader`, or `defaultValue` when the key is absent. An invalid
    /// value is reported and also yields `defaultValue`, so reading can go on to find more
    /// problems; the run will not start anyway. Document every default in the schema.
    public func optional<T>(_ key: String, _ reader: ValueReader<T>, default defaultValue: T) -> T {
        optional(key, reader) ?? defaultValue
    }

    /// Reports every key that no call asked for. `note`, when given, replaces the list of valid
    /// keys in the message (for example to say a section takes no keys yet).
    public func finish(note: String? = nil) {
        precondition(!isFinished, "ObjectReader at \(context.path) finished twice")
        isFinished = true
        for member in members where !consumed.contains(member.key) {
            var message = "unknown key '\(member.key)'"
            if let note {
                message += ": " + note
            } else if validKeys.isEmpty {
                message += ": this object takes no keys"
            } else {
                if let nearest = NameSuggestion.nearest(to: member.key, in: validKeys) {
                    message += "; did you mean '\(nearest)'?"
                }
                message += " (valid keys: " + validKeys.joined(separator: ", ") + ")"
            }
            context.appending(member.key).error(message, at: member.keyLocation)
        }
    }

    private func declare(_ key: String) {
        if !validKeys.contains(key) { validKeys.append(key) }
    }
}
