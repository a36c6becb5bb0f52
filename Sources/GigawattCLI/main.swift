import Foundation

/// `gigawatt`: the command-line front end. Each command is a small type; this file only
/// dispatches and turns failures into one stderr line each and an exit code.
/// Every command, in the order `--help` lists them: an explicit registry keyed by name.
let commandOrder: [CommandEntry] = [
    CommandEntry(RunCommand.self),
    CommandEntry(ValidateCommand.self),
    CommandEntry(CompareCommand.self),
    CommandEntry(SweepCommand.self),
    CommandEntry(CatalogCommand.self),
    CommandEntry(ModelsCommand.self),
    CommandEntry(ValidateModelsCommand.self),
    CommandEntry(SchemaCommand.self),
]
let commands = Dictionary(uniqueKeysWithValues: commandOrder.map { ($0.name, $0) })

let topLevelHelp = """
    gigawatt \(versionString) — a discrete-event simulator of AI accelerator fleets

    usage: gigawatt <command> [options]

    commands:
    \(commandOrder.map { "  " + $0.name.padding(toLength: 16, withPad: " ", startingAt: 0) + $0.summary }.joined(separator: "\n"))

    options:
      --help      show help (also: gigawatt <command> --help)
      --version   print the version

    exit codes: 0 ok, 1 simulation failure, 2 usage error, 65 invalid scenario
    """

@MainActor
func main() -> ExitCode {
    var arguments = Array(CommandLine.arguments.dropFirst())
    guard let first = arguments.first else {
        Terminal.diagnostic(topLevelHelp)
        return .usage
    }
    arguments.removeFirst()
    switch first {
    case "--help", "-h", "help":
        if let topic = arguments.first, let command = commands[topic] {
            print(command.help)
        } else {
            print(topLevelHelp)
        }
        return .ok
    case "--version":
        print("gigawatt \(versionString)")
        return .ok
    default:
        guard let command = commands[first] else {
            let known = commandOrder.map(\.name).joined(separator: ", ")
            Terminal.error("unknown command '\(first)'; commands: \(known) (run 'gigawatt --help' for usage)")
            return .usage
        }
        if arguments.contains("--help") || arguments.contains("-h") {
            print(command.help)
            return .ok
        }
        do {
            try command.make(ArgumentList(command: first, arguments: arguments)).execute()
            return .ok
        } catch let failure as CommandFailure {
            for line in failure.lines { failure.areDiagnostics ? Terminal.diagnostic(line) : Terminal.error(line) }
            return failure.exitCode
        } catch {
            Terminal.error("\(error)")
            return .simulationFailure
        }
    }
}

exit(main().rawValue)
