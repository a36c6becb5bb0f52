/// A request while a replica serves it: how much of it is in the KV cache and how many tokens it
/// has produced.
///
/// The prefill iteration that completes the prompt emits the first output token; each decode
/// step then appends the previous token's KV and emits one more. So while decoding,
/// `computedTokens == promptTokens + generatedTokens − 1`, and a finished request held
/// prompt + output − 1 tokens of KV. A request preempted for recompute loses its KV and, on
/// readmission, prefills its prompt plus the tokens it had generated (vLLM's recompute).
public struct ServingSequence: Hashable, Sendable {
    public let request: InferenceRequest
    /// Tokens whose KV is in the cache.
    public internal(set) var computedTokens: Int = 0
    /// Tokens to prefill before decoding: the prompt, plus generated tokens after a preemption.
    public internal(set) var prefillTarget: Int
    /// Output tokens emitted so far.
    public internal(set) var generatedTokens: Int = 0
    /// Prompt tokens skipped thanks to the prefix cache at (first) admission.
    public internal(set) var cachedPrefixTokens: Int = 0
    /// KV blocks held (reserved, in `wait` mode).
    public internal(set) var kvBlocks: Int = 0
    /// Times this request was preempted.
    public internal(set) var preemptions: Int = 0

    public init(_ request: InferenceRequest) {
        self.request = request
        self.prefillTarget = request.promptTokens
    }

    public var id: RequestID { request.id }
    /// Whether prompt (or recompute) tokens remain to prefill.
    public var isPrefilling: Bool { computedTokens < prefillTarget }
    /// Whether every output token has been emitted.
    public var isFinished: Bool { generatedTokens >= request.outputTokens }
}
