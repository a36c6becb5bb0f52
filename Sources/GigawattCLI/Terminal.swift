import Foundation

/// Where the command writes: results to stdout, errors and progress to stderr.
enum Terminal {
    /// Whether stderr is an interactive terminal (progress is shown only then).
    static var isStandardErrorInteractive: Bool { isatty(STDERR_FILENO) == 1 }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data("gigawatt: \(line)\n".utf8))
    }

    /// Writes a line to stderr exactly as given (diagnostics already carry their own prefix).
    static func diagnostic(_ line: String) {
        FileHandle.standardError.write(Data("\(line)\n".utf8))
    }

    /// Rewrites the current stderr line (a progress line).
    static func progress(_ line: String) {
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(line)".utf8))
    }

    static func endProgress() {
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
