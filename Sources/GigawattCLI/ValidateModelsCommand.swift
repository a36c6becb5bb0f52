import Workloads

/// `gigawatt validate-models`: every published figure in the reference validation set that the
/// models cover, with the prediction and its error, and an exit status a script can trust: it
/// fails when a row leaves its tolerance without a documented reason (a known gap), so a model
/// change that breaks agreement with published results is noticed at once.
struct ValidateModelsCommand: Command {
    static let name = "validate-models"
    static let summary = "check the models against published results (fails outside tolerance)"
    static let help = """
        usage: gigawatt validate-models

          Prints, for each published result the models cover (MLPerf GPT-3 175B on H100 and
          TPU v5e, PaLM 540B on TPU v4, Megatron-LM on A100, DeepSeek-V3 on H800), the setup,
          the published figure, Gigawatt's prediction and the error, then a verdict line.
          Tolerance: ±\(Int(TrainingValidation.tolerance * 100)) % (a single calibration of the compute-efficiency curve
          serves every row; see README "Models and validation"). Rows outside it that have a
          documented cause are listed as known gaps with the cause.

        exit codes: 0 every row within tolerance or a documented known gap,
                    1 a row outside tolerance without a documented cause, 2 usage error
        """

    init(arguments: ArgumentList) throws {
        try arguments.finish()
    }

    func execute() throws {
        let cases = TrainingValidation.cases
        print("Training step-time model against published runs (source: validation.md §1, §5, §7, §11)")
        print("")
        print(TrainingValidation.renderTable(cases), terminator: "")
        print("")
        var within = 0
        var gaps: [TrainingValidationCase] = []
        var failures: [String] = []
        for c in cases {
            do {
                let predicted = try c.predicted()
                let error = abs(predicted - c.published) / c.published
                if error <= TrainingValidation.tolerance {
                    within += 1
                } else if c.knownGap != nil {
                    gaps.append(c)
                } else {
                    failures.append("\(c.id): error \(Int((error * 100).rounded())) % exceeds ±\(Int(TrainingValidation.tolerance * 100)) %")
                }
            } catch {
                failures.append("\(c.id): the model could not predict it: \(error)")
            }
        }
        print("\(within) of \(cases.count) within ±\(Int(TrainingValidation.tolerance * 100)) %; \(gaps.count) known gap(s); \(failures.count) failure(s)")
        for gap in gaps {
            print("  known gap \(gap.id): \(gap.knownGap ?? "")")
        }
        for anchor in cases where anchor.calibrates != nil {
            print("  calibration \(anchor.id): anchors \(anchor.calibrates ?? "") (near 0 by construction)")
        }
        if !failures.isEmpty {
            throw CommandFailure(.simulationFailure, failures)
        }
    }
}
