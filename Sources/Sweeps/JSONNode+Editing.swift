import ScenarioFormat

extension JSONNode {
    /// This tree with the value at `path` replaced by `value`.
    ///
    /// Missing object members are created (intermediate ones as empty objects), so a sweep can
    /// set `scheduler.policy` on a base that has no `scheduler` section; array elements must
    /// exist, because inventing one would make a half-specified pool or job.
    public func setting(_ value: JSONNode, at path: FieldPath) -> Result<JSONNode, PathSyntaxError> {
        set(value, at: path.components[...], walked: .root)
    }

    private func set(_ value: JSONNode, at rest: ArraySlice<FieldPath.Component>, walked: FieldPath) -> Result<JSONNode, PathSyntaxError> {
        guard let step = rest.first else { return .success(value) }
        switch (step, kind) {
        case (.key(let key), .object(var members)):
            let here = walked.appending(key)
            if let position = members.firstIndex(where: { $0.key == key }) {
                switch members[position].value.set(value, at: rest.dropFirst(), walked: here) {
                case .success(let child): members[position].value = child
                case .failure(let error): return .failure(error)
                }
            } else {
                let empty = JSONNode(.object([]), at: location)
                switch empty.set(value, at: rest.dropFirst(), walked: here) {
                case .success(let child): members.append(JSONMember(key: key, keyLocation: location, value: child))
                case .failure(let error): return .failure(error)
                }
            }
            return .success(JSONNode(.object(members), at: location))
        case (.index(let index), .array(var elements)):
            guard index < elements.count else {
                return .failure(PathSyntaxError("\(walked) has \(elements.count) element\(elements.count == 1 ? "" : "s"), so [\(index)] does not exist"))
            }
            switch elements[index].set(value, at: rest.dropFirst(), walked: walked.appending(index: index)) {
            case .success(let child): elements[index] = child
            case .failure(let error): return .failure(error)
            }
            return .success(JSONNode(.array(elements), at: location))
        case (.key(let key), _):
            return .failure(PathSyntaxError("\(walked) is \(kindName) in the base scenario, so it has no member '\(key)'"))
        case (.index(let index), _):
            return .failure(PathSyntaxError("\(walked) is \(kindName) in the base scenario, so it has no element [\(index)]"))
        }
    }

    /// The tree as JSON text (valid JSON5): two-space indentation, members in their order,
    /// numbers exactly as written. Deterministic, so a point's scenario file is the same on
    /// every machine.
    public var jsonText: String {
        var out = ""
        write(into: &out, indent: "")
        return out + "\n"
    }

    /// The tree on one line without spaces, for ids and CSV cells.
    public var compactJSONText: String {
        switch kind {
        case .object(let members): "{" + members.map { Self.escaped($0.key) + ":" + $0.value.compactJSONText }.joined(separator: ",") + "}"
        case .array(let elements): "[" + elements.map(\.compactJSONText).joined(separator: ",") + "]"
        default: scalarText
        }
    }

    private var scalarText: String {
        switch kind {
        case .string(let text): Self.escaped(text)
        case .number(let number): number.literal
        case .bool(let value): value ? "true" : "false"
        case .null: "null"
        case .object, .array: compactJSONText
        }
    }

    private func write(into out: inout String, indent: String) {
        let inner = indent + "  "
        switch kind {
        case .object(let members) where !members.isEmpty:
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += inner + Self.escaped(member.key) + ": "
                member.value.write(into: &out, indent: inner)
                out += index + 1 < members.count ? ",\n" : "\n"
            }
            out += indent + "}"
        case .array(let elements) where !elements.isEmpty:
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += inner
                element.write(into: &out, indent: inner)
                out += index + 1 < elements.count ? ",\n" : "\n"
            }
            out += indent + "]"
        case .object: out += "{}"
        case .array: out += "[]"
        default: out += scalarText
        }
    }

    /// A JSON string literal.
    static func escaped(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
