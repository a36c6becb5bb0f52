// Published model shapes used by the training validation suite. Parameter counts are the
// published headline figures unless the comment derives one from the shape.

extension ModelShape {
    /// GPT-3 175B (Brown et al. 2020, Table 2.1): 96 layers, d_model 12288, 96 heads of 128,
    /// vocabulary 51,200 as padded by Megatron/NeMo (MLPerf uses the same shape).
    public static let gpt3_175B = ModelShape(
        name: "gpt-3-175b", parameters: 175e9, layers: 96, hiddenSize: 12288,
        attentionHeads: 96, kvHeads: 96, headDim: 128, vocabularySize: 51_200)

    /// PaLM 540B (Chowdhery et al. 2022, Table 1): 118 layers, d_model 18432, 48 heads of 256,
    /// multi-query attention (1 KV head), vocabulary 256k.
    public static let palm540B = ModelShape(
        name: "palm-540b", parameters: 540e9, layers: 118, hiddenSize: 18432,
        attentionHeads: 48, kvHeads: 1, headDim: 256, vocabularySize: 256_000)

    /// Megatron-LM's 1T model (Narayanan et al. 2021, Table 1): 128 layers, h 25600, 160 heads,
    /// 1008B parameters, vocabulary 51,200.
    public static let megatron1T = ModelShape(
        name: "megatron-1t", parameters: 1008e9, layers: 128, hiddenSize: 25600,
        attentionHeads: 160, kvHeads: 160, vocabularySize: 51_200)

    /// Megatron-LM's "1.7B" model (Table 1): 24 layers, h 2304, 24 heads. Parameters from
    /// Megatron's own count 12·l·h²·(1 + 13/(12h) + (V + s)/(12·l·h)) = 1.5288e9 × 1.0807 = 1.652e9.
    public static let megatron1_7B = ModelShape(
        name: "megatron-1.7b", parameters: 1.652e9, layers: 24, hiddenSize: 2304,
        attentionHeads: 24, kvHeads: 24, vocabularySize: 51_200)

    /// DeepSeek-V3 (arXiv 2412.19437): 671B total / 37B active, 61 layers, d_model 7168,
    /// 128 heads (MLA; value head width 128), 256 routed experts of which 8 per token, vocabulary
    /// 129,280. Every layer is treated as MoE (the first 3 are dense in the paper).
    public static let deepSeekV3 = ModelShape(
        name: "deepseek-v3", parameters: 671e9, activeParameters: 37e9, layers: 61, hiddenSize: 7168,
        attentionHeads: 128, kvHeads: 128, headDim: 128, vocabularySize: 129_280,
        experts: 256, expertsPerToken: 8)
}
