import ScenarioFormat

/// One scalar of a JSON document and where it is, as a path such as
/// `energy.sites[lab].cost_usd`.
///
/// Arrays whose elements are all objects with distinct string `name`s are addressed by name
/// (`training.jobs[resnet-1]`), so the same job, site or service is matched across two runs even
/// when the lists differ in order or length; other arrays are addressed by index (`[0]`).
/// Empty objects and arrays are leaves too (`{}`, `[]`), so their presence is not lost.
struct JSONLeaf: Equatable {
    var path: String
    var node: JSONNode

    /// Whether the path goes through an array element.
    var isInsideArray: Bool { path.contains("[") }

    /// The last key of the path (`cost_usd` for `energy.sites[lab].cost_usd`).
    var key: String {
        let tail = path.split(separator: "]").last.map(String.init) ?? path
        return tail.split(separator: ".").last.map(String.init) ?? tail
    }

    /// The number, when the leaf is one.
    var number: Double? { node.number?.value }

    /// The value as canonical text: strings quoted, numbers as written, `true`, `null`, `{}`, `[]`.
    var text: String {
        switch node.kind {
        case .string(let value): quoted(value)
        case .number(let number): number.literal
        case .bool(let value): value ? "true" : "false"
        case .null: "null"
        case .object: "{}"
        case .array: "[]"
        }
    }
}

enum JSONLeaves {
    /// Every scalar (and empty container) of `node`, in document order.
    static func of(_ node: JSONNode) -> [JSONLeaf] {
        var leaves: [JSONLeaf] = []
        collect(node, path: "", into: &leaves)
        return leaves
    }

    private static func collect(_ node: JSONNode, path: String, into leaves: inout [JSONLeaf]) {
        switch node.kind {
        case .object(let members) where !members.isEmpty:
            for member in members {
                collect(member.value, path: path.isEmpty ? member.key : "\(path).\(member.key)", into: &leaves)
            }
        case .array(let elements) where !elements.isEmpty:
            let names = elements.map { $0["name"]?.string }
            let byName = names.allSatisfy { $0 != nil } && Set(names.compactMap { $0 }).count == names.count
            for (index, element) in elements.enumerated() {
                collect(element, path: "\(path)[\(byName ? names[index]! : String(index))]", into: &leaves)
            }
        default:
            leaves.append(JSONLeaf(path: path, node: node))
        }
    }
}
