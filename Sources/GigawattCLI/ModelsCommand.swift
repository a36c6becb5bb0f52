import Workloads

/// `gigawatt models training|inference`: the performance models' own numbers, for checking
/// them against published results before trusting a scenario built on them.
struct ModelsCommand: Command {
    static let name = "models"
    static let summary = "print the performance models against published results"
    static let help = """
        usage: gigawatt models training [--breakdown]
               gigawatt models inference [--fp8] [--context TOKENS]
               gigawatt models power

          training    the training step-time model on published runs (MLPerf GPT-3 on H100 and
                      TPU v5e, PaLM 540B on TPU v4, Megatron-LM on A100, DeepSeek-V3 on H800):
                      predicted against published, with the error; rows outside ±15 % are
                      marked as known gaps with the reason in the source. --breakdown
                      prints each row's step time term by term instead (compute, exposed
                      tensor/expert/pipeline/data-parallel communication, bubble, evaluation,
                      and the communication before overlap), in seconds per step.
          power       the activity power model against the node and chip power measurements
                      of validation.md §14 (TPU v4, 8×H100, 8×H200): predicted against published.
          inference   per-replica decode throughput and latency of a Llama-2-70B-shaped model on
                      every catalog chip that can hold it, at batch sizes 1 to 256, with the
                      roofline term that bounds each (BF16 unless --fp8; 2,048 tokens of context
                      unless --context).

        exit codes: 0 ok, 2 usage error
        """

    enum Topic: String { case training, inference, power }

    let topic: Topic
    let isFP8: Bool
    let isBreakdown: Bool
    let context: Int

    init(arguments: ArgumentList) throws {
        var arguments = arguments
        isFP8 = arguments.flag("--fp8")
        isBreakdown = arguments.flag("--breakdown")
        if let text = try arguments.option("--context") {
            guard let value = Int(text), value > 0 else {
                throw CommandFailure.usage("--context expects a positive number of tokens, got '\(text)'", command: Self.name)
            }
            context = value
        } else {
            context = 2048
        }
        let name = try arguments.positional("topic (training, inference or power)")
        guard let topic = Topic(rawValue: name) else {
            throw CommandFailure.usage("unknown topic '\(name)'; topics: training, inference, power", command: Self.name)
        }
        self.topic = topic
        try arguments.finish()
        if topic != .inference && (isFP8 || context != 2048) {
            throw CommandFailure.usage("--fp8 and --context apply to 'inference' only", command: Self.name)
        }
        if topic != .training && isBreakdown {
            throw CommandFailure.usage("--breakdown applies to 'training' only", command: Self.name)
        }
    }

    func execute() throws {
        switch topic {
        case .training:
            print(isBreakdown ? TrainingValidation.renderBreakdown() : TrainingValidation.renderTable(), terminator: "")
        case .inference:
            let table = ReplicaPerformanceTable(precision: isFP8 ? .fp8 : .bf16, context: context)
            print(table.text, terminator: "")
        case .power:
            print(PowerValidation.renderTable(), terminator: "")
        }
    }
}
