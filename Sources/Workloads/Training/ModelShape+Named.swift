// The registry of model shapes a scenario may name (`model: "llama-2-70b"`).

extension ModelShape {
    /// Every published shape, keyed by its kebab-case name, in the order messages list them.
    public static let named: [(name: String, shape: ModelShape)] = [
        gpt3_175B, llama2_70B, palm540B, megatron1_7B, megatron1T, deepSeekV3,
    ].map { ($0.name, $0) }
}
