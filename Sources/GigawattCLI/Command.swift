import Gigawatt

/// One `gigawatt` subcommand: parses its own arguments, then executes.
protocol Command {
    static var name: String { get }
    /// One line for the command list of `gigawatt --help`.
    static var summary: String { get }
    /// The full text of `gigawatt <name> --help`.
    static var help: String { get }

    /// Parses the arguments; throws `CommandFailure` (usage) on anything it does not understand.
    init(arguments: ArgumentList) throws
    func execute() throws
}

let versionString = GigawattVersion.string

/// A command's registry entry: its texts and how to build it from arguments.
struct CommandEntry {
    let name: String
    let summary: String
    let help: String
    let make: (ArgumentList) throws -> any Command

    init<C: Command>(_ type: C.Type) {
        name = C.name
        summary = C.summary
        help = C.help
        make = { try C(arguments: $0) }
    }
}
