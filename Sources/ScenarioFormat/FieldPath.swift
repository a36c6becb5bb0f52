/// Where a value sits in the scenario's tree, such as `fleet.pools[2].chips`.
///
/// A path names a field the way the user would reach it, so a message stays meaningful even
/// when the line number alone is ambiguous (a long one-line array, a generated file).
public struct FieldPath: Hashable, Sendable, CustomStringConvertible {
    /// One step down the tree.
    public enum Component: Hashable, Sendable {
        /// A member of an object, by key.
        case key(String)
        /// An element of an array, by 0-based index.
        case index(Int)
    }

    /// The steps from the root, outermost first.
    public private(set) var components: [Component]

    public init(_ components: [Component] = []) { self.components = components }

    /// The whole document.
    public static let root = FieldPath()

    /// Whether this is the whole document.
    public var isRoot: Bool { components.isEmpty }

    /// This path extended by an object key.
    public func appending(_ key: String) -> FieldPath {
        FieldPath(components + [.key(key)])
    }

    /// This path extended by an array index.
    public func appending(index: Int) -> FieldPath {
        FieldPath(components + [.index(index)])
    }

    /// The last key of the path, if the path ends at an object member.
    public var lastKey: String? {
        if case .key(let key)? = components.last { return key }
        return nil
    }

    /// `a.b[2].c`; a key that is not a plain name (letters, digits, `-`, `_`) is written as
    /// `a["odd key"]` so the rendering can be read back unambiguously. The root renders as `$`.
    public var description: String {
        if components.isEmpty { return "$" }
        var out = ""
        for component in components {
            switch component {
            case .index(let index):
                out += "[\(index)]"
            case .key(let key) where Self.isPlainName(key):
                out += out.isEmpty ? key : "." + key
            case .key(let key):
                out += "[" + quoted(key) + "]"
            }
        }
        return out
    }

    private static func isPlainName(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first != "-", !("0"..."9").contains(first) else { return false }
        return key.unicodeScalars.allSatisfy { scalar in
            scalar == "-" || scalar == "_" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
        }
    }
}

/// `"text"` with the escapes a reader needs to see exactly which characters a string holds.
func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
