import ScenarioFormat

/// Checks a JSON document against the subset of JSON Schema that Gigawatt's schemas use:
/// `type` (object, array, string, number, integer, boolean), `properties`, `required`,
/// `additionalProperties: false` and `items`. Returns one line per problem, with its path.
enum JSONSchemaChecker {
    static func problems(_ node: JSONNode, schema: [String: Any], path: String = "$") -> [String] {
        var found: [String] = []
        if let type = schema["type"] as? String, !matches(node, type) {
            return ["\(path): expected \(type), got \(node.kindName)"]
        }
        if let members = node.members {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] where !members.contains(where: { $0.key == key }) {
                found.append("\(path): missing required key \(key)")
            }
            for member in members {
                if let child = properties[member.key] as? [String: Any] {
                    found += problems(member.value, schema: child, path: "\(path).\(member.key)")
                } else if schema["additionalProperties"] as? Bool == false {
                    found.append("\(path).\(member.key) is not in the schema")
                }
            }
        } else if let elements = node.elements, let items = schema["items"] as? [String: Any] {
            for (index, element) in elements.enumerated() {
                found += problems(element, schema: items, path: "\(path)[\(index)]")
            }
        }
        return found
    }

    private static func matches(_ node: JSONNode, _ type: String) -> Bool {
        switch (type, node.kind) {
        case ("object", .object), ("array", .array), ("string", .string), ("number", .number), ("boolean", .bool): true
        case ("integer", .number(let number)): number.int64Value != nil || number.uint64Value != nil
        default: false
        }
    }
}
