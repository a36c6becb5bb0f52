/// Readers for objects, arrays and raw nodes.
extension ValueReader {
    /// An object read field by field: `.object("a pool") { pool in … }`. Keys the body did not
    /// ask for are reported as unknown when it returns (unless it called `finish` itself).
    public static func object(_ expectation: String = "an object", _ body: @escaping @Sendable (ObjectReader) -> Value?) -> ValueReader<Value> {
        ValueReader(expecting: expectation) { node, context in
            guard case .object = node.kind else {
                context.mismatch(expected: expectation, got: node)
                return nil
            }
            let reader = ObjectReader(node, context: context)
            let value = body(reader)
            if !reader.isFinished { reader.finish() }
            return value
        }
    }

    /// An array whose every element is read by `element`. All elements are read (so every bad
    /// one is reported); the result is nil if any of them was bad.
    public static func array<Element>(of element: ValueReader<Element>, nonEmpty: Bool = false) -> ValueReader<Value>
    where Value == [Element] {
        let expectation = (nonEmpty ? "a non-empty array of " : "an array of ") + plural(element.expectation)
        return ValueReader(expecting: expectation) { node, context in
            guard let nodes = node.elements else {
                context.mismatch(expected: expectation, got: node)
                return nil
            }
            if nonEmpty && nodes.isEmpty {
                context.rejected(expected: expectation, got: node)
                return nil
            }
            var values: [Element] = []
            var isValid = true
            for (index, child) in nodes.enumerated() {
                if let value = element.read(child, in: context.appending(index: index)) {
                    values.append(value)
                } else {
                    isValid = false
                }
            }
            return isValid ? values : nil
        }
    }

    /// An object used as a table from user-chosen names to values (`pools: { east: {…} }`),
    /// in file order. The keys are not checked against a list; `element` reads each value.
    public static func entries<Element>(of element: ValueReader<Element>) -> ValueReader<Value>
    where Value == [(key: String, value: Element)] {
        let expectation = "an object of " + plural(element.expectation)
        return ValueReader(expecting: expectation) { node, context in
            guard let members = node.members else {
                context.mismatch(expected: expectation, got: node)
                return nil
            }
            var entries: [(key: String, value: Element)] = []
            var isValid = true
            for member in members {
                if let value = element.read(member.value, in: context.appending(member.key)) {
                    entries.append((member.key, value))
                } else {
                    isValid = false
                }
            }
            return isValid ? entries : nil
        }
    }
}

extension ValueReader where Value == JSONNode {
    /// Any value, unread: for sections read later or by another module.
    public static var node: ValueReader<JSONNode> {
        ValueReader(expecting: "a value") { node, _ in node }
    }

    /// An object, unread.
    public static var objectNode: ValueReader<JSONNode> {
        ValueReader(expecting: "an object") { node, context in
            guard case .object = node.kind else {
                context.mismatch(expected: "an object", got: node)
                return nil
            }
            return node
        }
    }
}

/// "an object" → "objects", "a positive integer" → "positive integers", for "an array of …".
/// Only the leading article and the first word's plural matter; longer expectations are kept
/// whole after "values: ".
func plural(_ expectation: String) -> String {
    var words = expectation.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    guard let first = words.first, first == "a" || first == "an" else { return "values (\(expectation))" }
    words.removeFirst()
    // Pluralise the head noun: the last word before any "such as" / "(" / "from" tail.
    let tailStart = words.firstIndex { $0 == "such" || $0.hasPrefix("(") || $0 == "from" || $0 == "within" } ?? words.count
    guard tailStart > 0 else { return "values (\(expectation))" }
    let head = words[tailStart - 1]
    words[tailStart - 1] = head.hasSuffix("s") || head.hasSuffix("x") ? head + "es" : head + "s"
    return words.joined(separator: " ")
}
