/// The architecture of a transformer language model: the numbers every performance formula
/// (training step time, inference roofline, KV-cache size) needs, and nothing about how it is run.
///
/// Shared by the training and inference models so both read the same shape. Parameter counts
/// are plain Doubles (counts of weights, not bytes): the byte size depends on the precision the
/// model is run in. For a dense model `activeParameters == parameters`; for a mixture of experts
/// it is what one token touches (shared layers plus the routed experts), which sets the FLOPs per
/// token, while `parameters` sets the memory footprint.
public struct ModelShape: Hashable, Sendable {
    /// A display name, e.g. `"llama-2-70b"`.
    public var name: String
    /// Total weights (embeddings included).
    public var parameters: Double
    /// Weights used by one token's forward pass (= `parameters` when dense).
    public var activeParameters: Double
    /// Transformer blocks.
    public var layers: Int
    /// Model (residual stream) width, d_model.
    public var hiddenSize: Int
    /// Query heads.
    public var attentionHeads: Int
    /// Key/value heads: equal to `attentionHeads` for multi-head attention, fewer for
    /// grouped-query attention, 1 for multi-query attention.
    public var kvHeads: Int
    /// Width of one attention head.
    public var headDim: Int
    /// Tokenizer vocabulary size.
    public var vocabularySize: Int
    /// Routed experts per MoE layer; 1 for a dense model.
    public var experts: Int
    /// Experts each token is routed to; 1 for a dense model.
    public var expertsPerToken: Int

    /// - Precondition: counts are positive, `kvHeads` divides `attentionHeads`,
    ///   `activeParameters <= parameters`, `expertsPerToken <= experts`.
    public init(name: String, parameters: Double, activeParameters: Double? = nil, layers: Int,
                hiddenSize: Int, attentionHeads: Int, kvHeads: Int, headDim: Int? = nil,
                vocabularySize: Int, experts: Int = 1, expertsPerToken: Int = 1) {
        let active = activeParameters ?? parameters
        let head = headDim ?? (attentionHeads > 0 ? hiddenSize / attentionHeads : 0)
        precondition(parameters > 0 && active > 0 && active <= parameters,
                     "model \(name): need 0 < activeParameters ≤ parameters (got \(active), \(parameters))")
        precondition(layers > 0 && hiddenSize > 0 && attentionHeads > 0 && kvHeads > 0 && head > 0 && vocabularySize > 0,
                     "model \(name): layers, sizes and head counts must be positive")
        precondition(attentionHeads % kvHeads == 0,
                     "model \(name): kvHeads \(kvHeads) must divide attentionHeads \(attentionHeads)")
        precondition(experts >= 1 && expertsPerToken >= 1 && expertsPerToken <= experts,
                     "model \(name): need 1 ≤ expertsPerToken ≤ experts (got \(expertsPerToken), \(experts))")
        self.name = name
        self.parameters = parameters
        self.activeParameters = active
        self.layers = layers
        self.hiddenSize = hiddenSize
        self.attentionHeads = attentionHeads
        self.kvHeads = kvHeads
        self.headDim = head
        self.vocabularySize = vocabularySize
        self.experts = experts
        self.expertsPerToken = expertsPerToken
    }

    /// Whether the feed-forward layers are a mixture of experts.
    public var isMixtureOfExperts: Bool { experts > 1 }

    /// Width of the attention output (heads × head size); equals `hiddenSize` for most models.
    public var attentionWidth: Int { attentionHeads * headDim }
}

extension ModelShape {
    /// Llama-2-70B (Touvron et al. 2023, arXiv 2307.09288; shapes from the published
    /// `config.json`: 80 layers, d_model 8192, 64 query heads, 8 KV heads (GQA), FFN 28672,
    /// vocabulary 32000). Parameters: per layer 4·8192² − 2·8192·7168 (attention with 8 KV
    /// heads: 150,994,944) + 3·8192·28672 (gated MLP: 704,643,072) + 2·8192 (norms) =
    /// 855,654,400; × 80 = 68,452,352,000; + 2·32000·8192 (untied embeddings: 524,288,000)
    /// + 8192 (final norm) = 68,976,648,192.
    public static let llama2_70B = ModelShape(
        name: "llama-2-70b", parameters: 68_976_648_192, layers: 80, hiddenSize: 8192,
        attentionHeads: 64, kvHeads: 8, headDim: 128, vocabularySize: 32_000)
}
