/// A position in a scenario file, for messages a person reads next to their editor.
///
/// Called a position, not a location, because Swift Testing already has a `SourceLocation`
/// type and every test file imports both modules.
///
/// Both numbers are 1-based. `column` counts Unicode scalars (code points) from the start of
/// the line, not bytes or UTF-16 units: for the ASCII text scenario files almost always are, all
/// three agree, and for the rest a code point is the closest cheap match to "one character".
/// A tab counts as one column. Lines end at LF, CR, CR LF, U+2028 or U+2029 (the JSON5 line
/// terminators), so locations agree with what the parser considers a new line.
public struct SourcePosition: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column, in Unicode scalars.
    public var column: Int

    public init(line: Int, column: Int) {
        precondition(line >= 1 && column >= 1, "source locations are 1-based, got \(line):\(column)")
        self.line = line
        self.column = column
    }

    /// The first character of a file.
    public static let start = SourcePosition(line: 1, column: 1)

    /// `LINE:COLUMN`, the form compilers and editors recognise.
    public var description: String { "\(line):\(column)" }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}
