import ScenarioFormat

/// `gigawatt schema`: the JSON Schema of scenario files, for editors.
struct SchemaCommand: Command {
    static let name = "schema"
    static let summary = "print a JSON Schema of scenario files for editors"
    static let help = """
        usage: gigawatt schema

        Prints a JSON Schema (draft 2020-12) of scenario files: every key of every object, which
        are required, and what each value looks like. Point your editor's JSON/JSON5 support at it
        for completion and unknown-key warnings; `gigawatt validate` remains the full check
        (units, ranges, references between sections).

        exit codes: 0 ok, 2 usage error
        """

    init(arguments: ArgumentList) throws {
        try arguments.finish()
    }

    func execute() throws {
        print(ScenarioSchema.text(), terminator: "")
    }
}
