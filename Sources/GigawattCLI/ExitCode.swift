/// The process exit codes of `gigawatt`, one named value each (scripts branch on them).
enum ExitCode: Int32 {
    /// Success.
    case ok = 0
    /// The simulation or writing its results failed.
    case simulationFailure = 1
    /// The command line was wrong (unknown command or option, missing argument, output exists).
    case usage = 2
    /// The scenario file is invalid, or (for `compare`) a run directory cannot be read or the
    /// runs cannot be compared (EX_DATAERR of sysexits.h).
    case invalidScenario = 65
}

/// An error that ends the command with a message on stderr and an exit code.
struct CommandFailure: Error {
    var exitCode: ExitCode
    var lines: [String]
    /// Whether the lines are diagnostics that carry their own `FILE:LINE:COL:` prefix (printed
    /// as they are, so editors can jump to them) rather than messages to prefix with `gigawatt:`.
    var areDiagnostics = false

    init(_ exitCode: ExitCode, _ lines: [String]) {
        self.exitCode = exitCode
        self.lines = lines
    }

    static func diagnostics(_ lines: [String]) -> CommandFailure {
        var failure = CommandFailure(.invalidScenario, lines)
        failure.areDiagnostics = true
        return failure
    }

    init(_ exitCode: ExitCode, _ message: String) {
        self.init(exitCode, [message])
    }

    static func usage(_ message: String, command: String? = nil) -> CommandFailure {
        let hint = command.map { "run 'gigawatt \($0) --help' for usage" } ?? "run 'gigawatt --help' for usage"
        return CommandFailure(.usage, ["\(message) (\(hint))"])
    }
}
