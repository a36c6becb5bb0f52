/// The JSON5 lexical grammar: whitespace and comments, strings, numbers and identifier names.
extension JSON5Parser {
    /// Skips whitespace and comments.
    mutating func skipTrivia() throws(JSON5SyntaxError) {
        while let scalar = peek() {
            if Self.isWhitespace(scalar) || Self.isLineTerminator(scalar) {
                advance()
            } else if scalar == "/" && peek(1) == "/" {
                while let next = peek(), !Self.isLineTerminator(next) { advance() }
            } else if scalar == "/" && peek(1) == "*" {
                let start = location
                advance()
                advance()
                while true {
                    guard let next = peek() else {
                        throw JSON5SyntaxError(location: start, path: path, message: "unterminated comment: '/*' has no closing '*/'")
                    }
                    if next == "*" && peek(1) == "/" {
                        advance()
                        advance()
                        break
                    }
                    advance()
                }
            } else {
                return
            }
        }
    }

    /// Reads a single- or double-quoted string starting at the current quote.
    mutating func parseString() throws(JSON5SyntaxError) -> String {
        let start = location
        let quote = scalars[index]
        advance()
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = peek() else {
                throw JSON5SyntaxError(location: start, path: path, message: "unterminated string: no closing \(quote) before end of file")
            }
            if scalar == quote {
                advance()
                return String(text)
            }
            if scalar == "\n" || scalar == "\r" {
                throw failure("unterminated string (opened at \(start)): a line break before the closing \(quote); end a line with '\\' to continue a string on the next")
            }
            if scalar == "\\" {
                if let escaped = try parseEscape() { text.append(escaped) }
            } else {
                text.append(scalar)
                advance()
            }
        }
    }

    /// Reads one escape sequence after a backslash; nil for an escaped line break (which
    /// continues the string on the next line and contributes nothing).
    private mutating func parseEscape() throws(JSON5SyntaxError) -> Unicode.Scalar? {
        let start = location
        advance()  // backslash
        guard let scalar = peek() else {
            throw JSON5SyntaxError(location: start, path: path, message: "unterminated string: '\\' at end of file")
        }
        advance()
        switch scalar {
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "v": return "\u{0B}"
        case "0":
            if let next = peek(), ("0"..."9").contains(next) {
                throw JSON5SyntaxError(location: start, path: path, message: "invalid escape '\\0\(next)': octal escapes are not allowed")
            }
            return "\0"
        case "1"..."9":
            throw JSON5SyntaxError(location: start, path: path, message: "invalid escape '\\\(scalar)': octal escapes are not allowed")
        case "x":
            let value = try parseHexDigits(count: 2, escapeStart: start, escape: "\\x")
            return Unicode.Scalar(value)
        case "u":
            let unit = try parseHexDigits(count: 4, escapeStart: start, escape: "\\u")
            return try scalarFromUTF16(unit, escapeStart: start)
        case "\r":
            if peek() == "\n" { advance() }
            return nil
        case "\n", "\u{2028}", "\u{2029}":
            return nil
        default:
            // JSON5 (like ECMAScript) lets any other character escape to itself: `\'`, `\"`, `\/`.
            return scalar
        }
    }

    /// Completes a `\u` escape, pairing a high surrogate with the `\u` low surrogate after it.
    private mutating func scalarFromUTF16(_ unit: UInt32, escapeStart: SourcePosition) throws(JSON5SyntaxError) -> Unicode.Scalar {
        if (0xD800...0xDBFF).contains(unit) {
            if peek() == "\\" && peek(1) == "u" {
                let lowStart = location
                advance()
                advance()
                let low = try parseHexDigits(count: 4, escapeStart: lowStart, escape: "\\u")
                if (0xDC00...0xDFFF).contains(low) {
                    return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
                }
            }
            throw JSON5SyntaxError(location: escapeStart, path: path, message: "unpaired UTF-16 surrogate in escape '\\u\(hex4(unit))'")
        }
        guard let scalar = Unicode.Scalar(unit) else {
            throw JSON5SyntaxError(location: escapeStart, path: path, message: "unpaired UTF-16 surrogate in escape '\\u\(hex4(unit))'")
        }
        return scalar
    }

    private func hex4(_ unit: UInt32) -> String {
        let digits = String(unit, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private mutating func parseHexDigits(count: Int, escapeStart: SourcePosition, escape: String) throws(JSON5SyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let scalar = peek(), let digit = Character(scalar).hexDigitValue else {
                throw JSON5SyntaxError(
                    location: escapeStart, path: path,
                    message: "invalid escape: '\(escape)' needs \(count) hexadecimal digits, found \(foundDescription())")
            }
            value = value * 16 + UInt32(digit)
            advance()
        }
        return value
    }

    /// Reads a number: optional sign, then `Infinity`, `NaN`, `0x` hex digits, or a decimal with
    /// optional fraction and exponent (at least one digit on one side of the point).
    mutating func parseNumber() throws(JSON5SyntaxError) -> JSONNumber {
        let startIndex = index
        if peek() == "+" || peek() == "-" { advance() }
        if peek() == "I" || peek() == "N" {
            let wordStart = location
            let word = try parseIdentifierName()
            guard word == "Infinity" || word == "NaN" else {
                throw JSON5SyntaxError(location: wordStart, path: path, message: "expected a digit, 'Infinity' or 'NaN' after the sign, found '\(word)'")
            }
        } else if peek() == "0" && (peek(1) == "x" || peek(1) == "X") {
            advance()
            advance()
            guard let first = peek(), Character(first).isHexDigit else {
                throw failure("expected a hexadecimal digit after '0x', found \(foundDescription())")
            }
            while let next = peek(), Character(next).isHexDigit { advance() }
        } else {
            var integerDigits = 0
            if peek() == "0" {
                advance()
                integerDigits = 1
                if let next = peek(), Self.isDigit(next) {
                    throw failure("a number cannot have a leading zero (write \(next) or 0.\(next))")
                }
            } else {
                while let next = peek(), Self.isDigit(next) { advance(); integerDigits += 1 }
            }
            var fractionDigits = 0
            if peek() == "." {
                advance()
                while let next = peek(), Self.isDigit(next) { advance(); fractionDigits += 1 }
            }
            if integerDigits == 0 && fractionDigits == 0 {
                throw failure("expected a digit in number, found \(foundDescription())")
            }
            if peek() == "e" || peek() == "E" {
                advance()
                if peek() == "+" || peek() == "-" { advance() }
                guard let first = peek(), Self.isDigit(first) else {
                    throw failure("expected a digit in the exponent, found \(foundDescription())")
                }
                while let next = peek(), Self.isDigit(next) { advance() }
            }
        }
        if let next = peek(), Self.isIdentifierStart(next) || Self.isDigit(next) {
            throw failure("unexpected \(foundDescription()) right after a number")
        }
        var literal = String.UnicodeScalarView()
        literal.append(contentsOf: scalars[startIndex..<index])
        return JSONNumber(literal: String(literal))
    }

    /// Reads an ECMAScript IdentifierName (an unquoted key or a word such as `true`), with
    /// `\uXXXX` escapes.
    mutating func parseIdentifierName() throws(JSON5SyntaxError) -> String {
        var name = String.UnicodeScalarView()
        while let scalar = peek(), name.isEmpty ? Self.isIdentifierStart(scalar) : Self.isIdentifierPart(scalar) {
            if scalar == "\\" {
                let escapeStart = location
                advance()
                guard peek() == "u" else {
                    throw JSON5SyntaxError(location: escapeStart, path: path, message: "invalid escape in a name: only '\\u' escapes are allowed")
                }
                advance()
                let unit = try parseHexDigits(count: 4, escapeStart: escapeStart, escape: "\\u")
                guard let decoded = Unicode.Scalar(unit),
                      decoded != "\\",
                      name.isEmpty ? Self.isIdentifierStart(decoded) : Self.isIdentifierPart(decoded)
                else {
                    throw JSON5SyntaxError(location: escapeStart, path: path, message: "escape '\\u\(hex4(unit))' is not a character allowed in a name")
                }
                name.append(decoded)
            } else {
                name.append(scalar)
                advance()
            }
        }
        return String(name)
    }

    // MARK: Character classes (ECMAScript 5.1, as JSON5 specifies)

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    static func isLineTerminator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\t", "\u{0B}", "\u{0C}", " ", "\u{A0}", "\u{FEFF}": true
        default: scalar.properties.generalCategory == .spaceSeparator
        }
    }

    static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "$" || scalar == "_" || scalar == "\\" || scalar.properties.isIDStart
    }

    static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || scalar.properties.isIDContinue || scalar == "\u{200C}" || scalar == "\u{200D}"
    }
}
