import ScenarioFormat

/// `gigawatt validate FILE`: checks a scenario without running it.
struct ValidateCommand: Command {
    static let name = "validate"
    static let summary = "check a scenario file and report every problem with its location"
    static let help = """
        usage: gigawatt validate FILE

        Reads the scenario FILE (JSON5) and reports every problem, one per line, as
        FILE:LINE:COLUMN: error: FIELD.PATH: what was expected. Nothing is simulated.

        exit codes: 0 valid, 2 usage error, 65 invalid scenario
        """

    let file: String

    init(arguments: ArgumentList) throws {
        var arguments = arguments
        file = try arguments.positional("scenario FILE")
        try arguments.finish()
    }

    func execute() throws {
        let scenario = try ScenarioInput.load(file)
        for warning in scenario.warnings { Terminal.diagnostic(warning.description) }
        let fleet = scenario.fleet
        print("\(file): valid scenario '\(scenario.name)' (seed \(scenario.seed), horizon \(scenario.horizon); "
              + "fleet: \(counted(fleet.totalChips, "chip")) in \(counted(fleet.pools.count, "pool")) at \(counted(fleet.sites.count, "site")))")
    }
}

/// `1 pool`, `3 pools`.
func counted(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
