@testable import ScenarioFormat

/// Parses `text` as JSON5 and returns the tree with every diagnostic, in file order.
func parseJSON5(_ text: String, file: String = "test.json5") -> (node: JSONNode?, diagnostics: [Diagnostic]) {
    let diagnostics = Diagnostics(file: file)
    let node = JSON5Parser.parse(text, diagnostics: diagnostics)
    return (node, diagnostics.all)
}

/// Reads `text` (a JSON5 value) with `reader` and returns the value with every diagnostic.
func read<T>(_ text: String, with reader: ValueReader<T>) -> (value: T?, diagnostics: [Diagnostic]) {
    let diagnostics = Diagnostics(file: "test.json5")
    guard let node = JSON5Parser.parse(text, diagnostics: diagnostics) else { return (nil, diagnostics.all) }
    let value = reader.read(node, in: ReadContext(diagnostics: diagnostics))
    return (value, diagnostics.all)
}

/// The diagnostics' one-line renderings.
func rendered(_ diagnostics: [Diagnostic]) -> [String] { diagnostics.map(\.description) }

/// A value of a parsed tree with locations and key order dropped, for comparing trees.
enum PlainValue: Equatable, CustomStringConvertible {
    case object([String: PlainValue])
    case array([PlainValue])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    init(_ node: JSONNode) {
        switch node.kind {
        case .object(let members): self = .object(Dictionary(uniqueKeysWithValues: members.map { ($0.key, PlainValue($0.value)) }))
        case .array(let elements): self = .array(elements.map(PlainValue.init))
        case .string(let text): self = .string(text)
        case .number(let number): self = .number(number.value)
        case .bool(let value): self = .bool(value)
        case .null: self = .null
        }
    }

    static func == (a: PlainValue, b: PlainValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.number(let x), .number(let y)): x == y || (x.isNaN && y.isNaN)
        case (.bool(let x), .bool(let y)): x == y
        case (.null, .null): true
        default: false
        }
    }

    var description: String {
        switch self {
        case .object(let members): "{" + members.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        case .array(let elements): "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .string(let text): "\"\(text)\""
        case .number(let value): "\(value)"
        case .bool(let value): "\(value)"
        case .null: "null"
        }
    }
}
