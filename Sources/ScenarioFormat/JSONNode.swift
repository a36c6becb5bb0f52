/// A JSON5 value together with where it was written, so later checks can point at it.
///
/// Foundation's decoders locate syntax errors but not semantic ones ("horizon must be
/// positive"), and they drop key order and the exact text of numbers. This tree keeps all three:
/// every node and every object key carries its `SourcePosition`, objects keep their members in
/// file order, and numbers keep their literal so a 64-bit seed survives exactly.
public struct JSONNode: Hashable, Sendable {
    /// What kind of value a node is, with its contents.
    public enum Kind: Hashable, Sendable {
        /// Members in the order written; keys are unique (the parser reports duplicates).
        case object([JSONMember])
        case array([JSONNode])
        case string(String)
        case number(JSONNumber)
        case bool(Bool)
        case null
    }

    public var kind: Kind
    /// Where the value starts: its first character (`{`, `[`, a quote, a sign or digit, a letter).
    public var location: SourcePosition

    public init(_ kind: Kind, at location: SourcePosition) {
        self.kind = kind
        self.location = location
    }

    /// The members, if this is an object.
    public var members: [JSONMember]? {
        if case .object(let members) = kind { return members }
        return nil
    }

    /// The elements, if this is an array.
    public var elements: [JSONNode]? {
        if case .array(let elements) = kind { return elements }
        return nil
    }

    /// The text, if this is a string.
    public var string: String? {
        if case .string(let text) = kind { return text }
        return nil
    }

    /// The number, if this is a number.
    public var number: JSONNumber? {
        if case .number(let number) = kind { return number }
        return nil
    }

    /// The member value for `key`, if this is an object that has it. O(members).
    public subscript(key: String) -> JSONNode? {
        members?.first { $0.key == key }?.value
    }

    /// The name of the kind alone, with an article: "an object", "a string".
    public var kindName: String {
        switch kind {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }

    /// A short description of the value for "expected …, got …" messages: `number 3`,
    /// `string "abc"`, `boolean true`, `null`, `an object`, `an array of 3 elements`.
    /// Long strings are cut so one message stays on one readable line.
    public var valueSummary: String {
        switch kind {
        case .object(let members): members.isEmpty ? "an empty object" : "an object"
        case .array(let elements): elements.isEmpty ? "an empty array" : "an array of \(elements.count) element\(elements.count == 1 ? "" : "s")"
        case .string(let text): "string " + quoted(text.count > 60 ? String(text.prefix(57)) + "..." : text)
        case .number(let number): "number \(number.literal)"
        case .bool(let value): "boolean \(value)"
        case .null: "null"
        }
    }
}

/// One `key: value` pair of an object, with the key's own location (a misspelled key is
/// reported where the key is, not where its value is).
public struct JSONMember: Hashable, Sendable {
    public var key: String
    public var keyLocation: SourcePosition
    public var value: JSONNode

    public init(key: String, keyLocation: SourcePosition, value: JSONNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}
