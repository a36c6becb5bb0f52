/// Reads JSON5 text into a located `JSONNode` tree.
///
/// Follows the JSON5 specification 1.0.0 (https://spec.json5.org): `//` and `/* */` comments,
/// trailing commas, identifier keys, single-quoted strings, escaped line breaks in strings,
/// hexadecimal numbers, leading or trailing decimal points, explicit `+`, `Infinity` and `NaN`.
/// It is hand-written rather than built on Foundation's `JSONDecoder(allowsJSON5)` because only
/// a parser of our own can say where each value and key is; the test suite checks that both
/// accept the same documents and produce the same values.
///
/// A syntax error ends parsing (what follows cannot be trusted), with one diagnostic that says
/// what was expected and what was found. Duplicate keys do not end parsing: each is reported
/// with both locations, the first occurrence is kept, and parsing continues so the user sees
/// every duplicate at once.
///
/// Complexity: O(n) in the length of the text; recursion depth is capped at `maximumDepth`.
public struct JSON5Parser {
    /// Deeper nesting than this is rejected instead of risking the stack; scenarios nest a few
    /// levels, so reaching it means a generated or corrupt file.
    public static let maximumDepth = 512

    /// Parses `text`, reporting problems to `diagnostics`; returns nil after a syntax error.
    /// Duplicate keys are reported as errors but still yield a tree.
    public static func parse(_ text: String, diagnostics: Diagnostics) -> JSONNode? {
        var parser = JSON5Parser(text: text, diagnostics: diagnostics)
        do {
            return try parser.parseDocument()
        } catch {
            diagnostics.error(error.message, at: error.location, path: error.path)
            return nil
        }
    }

    let scalars: [Unicode.Scalar]
    var index = 0
    var line = 1
    var column = 1
    var depth = 0
    /// The field being read, for messages.
    var path = FieldPath.root
    let diagnostics: Diagnostics

    init(text: String, diagnostics: Diagnostics) {
        self.scalars = Array(text.unicodeScalars)
        self.diagnostics = diagnostics
    }

    var location: SourcePosition { SourcePosition(line: line, column: column) }

    mutating func parseDocument() throws(JSON5SyntaxError) -> JSONNode {
        try skipTrivia()
        let root = try parseValue()
        try skipTrivia()
        if peek() != nil {
            throw failure("unexpected \(foundDescription()) after the end of the top-level value")
        }
        return root
    }

    mutating func parseValue() throws(JSON5SyntaxError) -> JSONNode {
        let start = location
        guard let scalar = peek() else {
            throw failure("expected a value, found end of file")
        }
        switch scalar {
        case "{":
            return try parseObject()
        case "[":
            return try parseArray()
        case "\"", "'":
            return JSONNode(.string(try parseString()), at: start)
        case "+", "-", ".", "0"..."9":
            return JSONNode(.number(try parseNumber()), at: start)
        default:
            guard Self.isIdentifierStart(scalar) else {
                throw failure("expected a value, found \(foundDescription())")
            }
            let word = try parseIdentifierName()
            switch word {
            case "true": return JSONNode(.bool(true), at: start)
            case "false": return JSONNode(.bool(false), at: start)
            case "null": return JSONNode(.null, at: start)
            case "Infinity", "NaN": return JSONNode(.number(JSONNumber(literal: word)), at: start)
            default:
                throw JSON5SyntaxError(
                    location: start, path: path,
                    message: "unexpected word '\(word)' where a value was expected (quote strings: \"\(word)\")")
            }
        }
    }

    mutating func parseObject() throws(JSON5SyntaxError) -> JSONNode {
        let start = location
        try enterContainer()
        advance()  // {
        var members: [JSONMember] = []
        var firstLocation: [String: SourcePosition] = [:]
        let objectPath = path
        while true {
            try skipTrivia()
            guard let scalar = peek() else {
                throw failure("expected a key or '}' in object (opened at \(start)), found end of file")
            }
            if scalar == "}" { advance(); break }
            let keyLocation = location
            let key: String
            if scalar == "\"" || scalar == "'" {
                key = try parseString()
            } else if Self.isIdentifierStart(scalar) {
                key = try parseIdentifierName()
            } else {
                let hint = ("0"..."9").contains(scalar) || scalar == "-" ? " (a key that is not a name must be quoted)" : ""
                throw failure("expected a key or '}' in object, found \(foundDescription())\(hint)")
            }
            try skipTrivia()
            guard peek() == ":" else {
                throw failure("expected ':' after key '\(key)', found \(foundDescription())")
            }
            advance()
            try skipTrivia()
            path = objectPath.appending(key)
            let value = try parseValue()
            if let first = firstLocation[key] {
                diagnostics.error(
                    "duplicate key '\(key)' (first defined at \(first)); each key may appear only once",
                    at: keyLocation, path: path)
            } else {
                firstLocation[key] = keyLocation
                members.append(JSONMember(key: key, keyLocation: keyLocation, value: value))
            }
            path = objectPath
            try skipTrivia()
            if peek() == "," { advance(); continue }
            if peek() == "}" { advance(); break }
            throw failure("expected ',' or '}' after object member, found \(foundDescription())")
        }
        depth -= 1
        return JSONNode(.object(members), at: start)
    }

    mutating func parseArray() throws(JSON5SyntaxError) -> JSONNode {
        let start = location
        try enterContainer()
        advance()  // [
        var elements: [JSONNode] = []
        let arrayPath = path
        while true {
            try skipTrivia()
            if peek() == "]" { advance(); break }
            if peek() == nil {
                throw failure("expected a value or ']' in array (opened at \(start)), found end of file")
            }
            path = arrayPath.appending(index: elements.count)
            elements.append(try parseValue())
            path = arrayPath
            try skipTrivia()
            if peek() == "," { advance(); continue }
            if peek() == "]" { advance(); break }
            throw failure("expected ',' or ']' after array element, found \(foundDescription())")
        }
        depth -= 1
        return JSONNode(.array(elements), at: start)
    }

    private mutating func enterContainer() throws(JSON5SyntaxError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw failure("objects and arrays nest deeper than \(Self.maximumDepth) levels")
        }
    }

    // MARK: Characters

    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    /// Moves past one scalar, keeping line and column in step (CR LF is one line break).
    mutating func advance() {
        let scalar = scalars[index]
        index += 1
        switch scalar {
        case "\n", "\u{2028}", "\u{2029}":
            line += 1
            column = 1
        case "\r" where peek() != "\n":
            line += 1
            column = 1
        default:
            column += 1
        }
    }

    /// An error at the current position, in the current field.
    func failure(_ message: String) -> JSON5SyntaxError {
        JSON5SyntaxError(location: location, path: path, message: message)
    }

    /// What sits at the current position, for "found …" in messages: a quoted character, the
    /// whole word if a word starts here, "a line break" or "end of file".
    func foundDescription() -> String {
        guard let scalar = peek() else { return "end of file" }
        if Self.isLineTerminator(scalar) { return "a line break" }
        if Self.isIdentifierStart(scalar) && scalar != "\\" {
            var word = String.UnicodeScalarView()
            var offset = 0
            while let next = peek(offset), Self.isIdentifierPart(next), word.count < 40 {
                word.append(next)
                offset += 1
            }
            return "'\(String(word))'"
        }
        if scalar == "'" { return "\"'\"" }
        if scalar.value < 0x20 || scalar.properties.generalCategory == .spaceSeparator || scalar.value == 0x7F {
            return "U+" + String(scalar.value, radix: 16, uppercase: true)
        }
        return "'\(Character(scalar))'"
    }
}

/// A JSON5 syntax error: where, in which field, and what was expected.
struct JSON5SyntaxError: Error {
    var location: SourcePosition
    var path: FieldPath
    var message: String
}
