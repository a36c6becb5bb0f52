/// How to read one JSON value into a Swift value, reporting what is wrong with it.
///
/// Readers are small values that compose: `.integer(.positive)`, `.array(of: .string)`,
/// `.object { pool in … }`, `.duration(.positive)`, `.choice(Policy.self)`. Later sections of the
/// scenario define their own readers from these, so every field of every section reports
/// mistakes the same way. A reader returns nil exactly when it has reported an error.
/// Readers are `Sendable` values, so a section can keep its reader in a `static let`.
public struct ValueReader<Value>: Sendable {
    /// What a valid value looks like, for messages: `a string`, `a positive duration such as "30 d"`.
    public let expectation: String
    private let body: @Sendable (JSONNode, ReadContext) -> Value?

    /// A reader from a closure. The closure must report an error through `context` whenever it
    /// returns nil.
    public init(expecting expectation: String, _ body: @escaping @Sendable (JSONNode, ReadContext) -> Value?) {
        self.expectation = expectation
        self.body = body
    }

    /// Reads `node`; nil after reporting an error.
    public func read(_ node: JSONNode, in context: ReadContext) -> Value? {
        body(node, context)
    }

    /// A reader whose valid values are transformed.
    public func map<T>(_ transform: @escaping @Sendable (Value) -> T) -> ValueReader<T> {
        ValueReader<T>(expecting: expectation) { node, context in
            self.read(node, in: context).map(transform)
        }
    }

    /// A reader that also rejects values failing `predicate`, saying `expected <requirement>,
    /// got <value as written>`: `.integer.checked("an even integer") { $0 % 2 == 0 }`.
    public func checked(_ requirement: String, _ predicate: @escaping @Sendable (Value) -> Bool) -> ValueReader<Value> {
        ValueReader(expecting: requirement) { node, context in
            guard let value = self.read(node, in: context) else { return nil }
            guard predicate(value) else {
                context.rejected(expected: requirement, got: node)
                return nil
            }
            return value
        }
    }

    /// A reader that converts valid values with a step that may itself fail (and then must
    /// report through the context it is given), such as resolving a catalog name.
    public func flatMap<T>(_ transform: @escaping @Sendable (Value, JSONNode, ReadContext) -> T?) -> ValueReader<T> {
        ValueReader<T>(expecting: expectation) { node, context in
            guard let value = self.read(node, in: context) else { return nil }
            return transform(value, node, context)
        }
    }
}
