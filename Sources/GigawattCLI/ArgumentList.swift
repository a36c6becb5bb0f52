/// The arguments of one command, consumed option by option so anything left over is an error.
///
/// Hand-written because the project takes no package dependencies; it covers what the commands
/// need: flags, options with one value (`--out DIR` or `--out=DIR`), and positional arguments.
struct ArgumentList {
    let command: String
    private var remaining: [String]

    init(command: String, arguments: [String]) {
        self.command = command
        // Split `--name=value` into two words so both spellings behave the same.
        self.remaining = arguments.flatMap { argument -> [String] in
            guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return [argument] }
            return [String(argument[..<equals]), String(argument[argument.index(after: equals)...])]
        }
    }

    /// Whether the flag is present; removes it.
    mutating func flag(_ name: String) -> Bool {
        guard let index = remaining.firstIndex(of: name) else { return false }
        remaining.remove(at: index)
        return true
    }

    /// The value following `name`, if the option is present; removes both.
    mutating func option(_ name: String) throws -> String? {
        guard let index = remaining.firstIndex(of: name) else { return nil }
        guard index + 1 < remaining.count, !remaining[index + 1].hasPrefix("--") else {
            throw CommandFailure.usage("option \(name) needs a value", command: command)
        }
        let value = remaining[index + 1]
        remaining.removeSubrange(index...index + 1)
        if remaining.contains(name) { throw CommandFailure.usage("option \(name) given twice", command: command) }
        return value
    }

    /// The one positional argument, after all options have been taken.
    mutating func positional(_ what: String) throws -> String {
        if let unknown = remaining.first(where: { $0.hasPrefix("-") && $0 != "-" }) {
            throw CommandFailure.usage("unknown option \(unknown)", command: command)
        }
        guard let value = remaining.first else {
            throw CommandFailure.usage("missing \(what)", command: command)
        }
        remaining.removeFirst()
        return value
    }

    /// The positional argument if there is one, after all options have been taken.
    mutating func optionalPositional() throws -> String? {
        if let unknown = remaining.first(where: { $0.hasPrefix("-") && $0 != "-" }) {
            throw CommandFailure.usage("unknown option \(unknown)", command: command)
        }
        return remaining.isEmpty ? nil : remaining.removeFirst()
    }

    /// Fails if anything was not consumed.
    func finish() throws {
        if let extra = remaining.first {
            throw CommandFailure.usage(extra.hasPrefix("-") ? "unknown option \(extra)" : "unexpected argument '\(extra)'", command: command)
        }
    }
}
