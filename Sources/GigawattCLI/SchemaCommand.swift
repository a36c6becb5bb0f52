import ScenarioFormat
import TraceOutput

/// `gigawatt schema [scenario|summary]`: the JSON Schema of scenario files (for editors) or of
/// `summary.json` (for scripts).
struct SchemaCommand: Command {
    static let name = "schema"
    static let summary = "print a JSON Schema of scenario files or of summary.json"
    static let help = """
        usage: gigawatt schema [scenario | summary]

        scenario (the default): prints a JSON Schema (draft 2020-12) of scenario files: every key
        of every object, which are required, and what each value looks like. Point your editor's
        JSON/JSON5 support at it for completion and unknown-key warnings; `gigawatt validate`
        remains the full check (units, ranges, references between sections).

        summary: prints a JSON Schema of the summary.json a run writes: every key, its type and
        unit, and which keys are always present.

        exit codes: 0 ok, 2 usage error
        """

    enum Document: String { case scenario, summary }
    let document: Document

    init(arguments: ArgumentList) throws {
        var arguments = arguments
        let name = try arguments.optionalPositional() ?? Document.scenario.rawValue
        try arguments.finish()
        guard let document = Document(rawValue: name) else {
            throw CommandFailure.usage("unknown schema '\(name)'; schemas: scenario, summary", command: Self.name)
        }
        self.document = document
    }

    func execute() throws {
        switch document {
        case .scenario: print(ScenarioSchema.text(), terminator: "")
        case .summary: print(SummarySchema.text(), terminator: "")
        }
    }
}
