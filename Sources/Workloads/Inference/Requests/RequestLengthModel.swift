import SimKernel

/// Prompt and output lengths drawn from distributions, rounded to whole tokens and clamped to
/// [1, maximum] (the maximum being the model's context limit or the engine's output cap).
public struct RequestLengthModel: Equatable, Sendable {
    public var prompt: Distribution
    public var output: Distribution
    public var maxPromptTokens: Int
    public var maxOutputTokens: Int

    public init(prompt: Distribution, output: Distribution, maxPromptTokens: Int = 131_072, maxOutputTokens: Int = 32_768) {
        self.prompt = prompt
        self.output = output
        self.maxPromptTokens = maxPromptTokens
        self.maxOutputTokens = maxOutputTokens
    }

    /// Log-normals matching the Azure 2023 conversation trace's means and medians
    /// (`shared/reference/traces/azure-llm-inference-2023/README.md`: prompt mean 1,155,
    /// median 1,020; output mean 211, median 129). For a log-normal, median = e^μ and
    /// mean = e^(μ + σ²/2), so σ² = 2 ln(mean/median): prompt σ² = 2 ln(1155/1020) = 0.2486,
    /// output σ² = 2 ln(211/129) = 0.9841.
    public static let azureConversation = RequestLengthModel(
        prompt: .logNormal(mu: 6.927_558, sigma: 0.498_59),   // ln 1020, √0.2486
        output: .logNormal(mu: 4.859_812, sigma: 0.992_01),   // ln 129, √0.9841
        maxPromptTokens: 14_050, maxOutputTokens: 1_000)

    /// What is wrong with the parameters, or nil.
    public var problem: String? {
        if let p = prompt.problem { return "prompt length: \(p)" }
        if let p = output.problem { return "output length: \(p)" }
        return maxPromptTokens >= 1 && maxOutputTokens >= 1 ? nil : "maximum lengths must be ≥ 1"
    }

    /// One prompt length.
    public func samplePrompt(using rng: inout RandomStream) -> Int { Self.tokens(prompt.sample(using: &rng), max: maxPromptTokens) }
    /// One output length.
    public func sampleOutput(using rng: inout RandomStream) -> Int { Self.tokens(output.sample(using: &rng), max: maxOutputTokens) }

    static func tokens(_ x: Double, max upper: Int) -> Int {
        guard x.isFinite else { return x > 0 ? upper : 1 }
        return Swift.min(Swift.max(Int(x.rounded()), 1), upper)
    }
}
