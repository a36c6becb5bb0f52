import ScenarioFormat

/// Where an axis writes its value in the base scenario, as the user typed it:
/// `scheduler.policy`, `fleet.pools[0].hosts`, `fleet.pools[name=gpu].hosts`.
///
/// `[name=gpu]` selects the element of an array whose `name` is `gpu`, so a sweep keeps working
/// when pools are reordered; it is resolved to an index against the base scenario
/// (`resolved(in:)`) before any point is built.
public struct AxisPath: Hashable, Sendable, CustomStringConvertible {
    public enum Step: Hashable, Sendable {
        case key(String)
        case index(Int)
        /// The array element whose `name` member is this string.
        case named(String)
    }

    public let steps: [Step]
    /// The text as written in the sweep file.
    public let description: String

    /// Parses `a.b[2].c`, `a["odd key"]`, `a[name=x]`; nil (with a reason) when malformed.
    public static func parse(_ text: String) -> Result<AxisPath, PathSyntaxError> {
        var steps: [Step] = []
        var rest = Substring(text)
        var expectsKey = true
        while !rest.isEmpty {
            if rest.first == "[" {
                guard let close = rest.firstIndex(of: "]") else { return .failure(.init("'[' without a matching ']'")) }
                let inner = rest[rest.index(after: rest.startIndex)..<close]
                if let index = Int(inner), index >= 0 {
                    steps.append(.index(index))
                } else if inner.hasPrefix("name="), inner.count > 5 {
                    steps.append(.named(String(inner.dropFirst(5))))
                } else if inner.count >= 2, inner.first == "\"", inner.last == "\"" {
                    steps.append(.key(String(inner.dropFirst().dropLast())))
                } else {
                    return .failure(.init("'[\(inner)]' is neither an index, [name=…] nor a quoted key"))
                }
                rest = rest[rest.index(after: close)...]
                expectsKey = false
            } else if rest.first == "." {
                guard !steps.isEmpty else { return .failure(.init("a path cannot start with '.'")) }
                rest = rest.dropFirst()
                expectsKey = true
                if rest.isEmpty || rest.first == "." || rest.first == "[" { return .failure(.init("a '.' must be followed by a key")) }
            } else {
                guard expectsKey else { return .failure(.init("expected '.' or '[' after ']'")) }
                let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
                steps.append(.key(String(rest[..<end])))
                rest = rest[end...]
                expectsKey = false
            }
        }
        guard !steps.isEmpty else { return .failure(.init("the path is empty")) }
        return .success(AxisPath(steps: steps, description: text))
    }

    init(steps: [Step], description: String) {
        self.steps = steps
        self.description = description
    }

    /// The last key, the default axis name (`scheduler.policy` → `policy`).
    public var lastKey: String? {
        for step in steps.reversed() {
            if case .key(let key) = step { return key }
        }
        return nil
    }

    /// The path with `[name=…]` replaced by indices found in `root`.
    public func resolved(in root: JSONNode) -> Result<FieldPath, PathSyntaxError> {
        var path = FieldPath.root
        var node: JSONNode? = root
        for step in steps {
            switch step {
            case .key(let key):
                path = path.appending(key)
                node = node?[key]
            case .index(let index):
                path = path.appending(index: index)
                node = node?.elements.flatMap { index < $0.count ? $0[index] : nil }
            case .named(let name):
                guard let elements = node?.elements else {
                    return .failure(.init("\(path) is not an array in the base scenario, so [name=\(name)] selects nothing"))
                }
                guard let index = elements.firstIndex(where: { $0["name"]?.string == name }) else {
                    let names = elements.compactMap { $0["name"]?.string }
                    return .failure(.init("\(path) has no element named '\(name)' (names: \(names.joined(separator: ", ")))"))
                }
                path = path.appending(index: index)
                node = elements[index]
            }
        }
        return .success(path)
    }
}

/// Why an axis path could not be used.
public struct PathSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
