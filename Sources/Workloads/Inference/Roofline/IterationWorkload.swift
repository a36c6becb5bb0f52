/// The work of one engine iteration, kept as running sums so a batch of any size is a few
/// integers (adding a request is O(1) and allocates nothing).
///
/// "Context" of a decode is the tokens already in its KV cache: the step reads them all and
/// attends to them. A prefill chunk of `c` tokens after `p` cached tokens attends causally to
/// positions p+1 … p+c, so its attention work is Σ positions = c·p + c(c+1)/2, and it reads the
/// `p` cached tokens' KV once.
public struct IterationWorkload: Hashable, Sendable {
    /// Decode steps (one new token each).
    public private(set) var decodeTokens: Int = 0
    /// Σ context of the decodes (KV tokens read).
    public private(set) var decodeContextTokens: Int = 0
    /// Prefill tokens computed this iteration.
    public private(set) var prefillTokens: Int = 0
    /// Σ prior context of the prefill chunks (KV tokens read).
    public private(set) var prefillContextTokens: Int = 0
    /// Σ over prefill tokens of the positions each attends to.
    public private(set) var prefillAttendedPositions: Double = 0
    /// Sequences in the batch (decodes + prefill chunks).
    public private(set) var sequences: Int = 0

    public init() {}

    /// Adds one decode step of a sequence holding `context` tokens of KV.
    public mutating func addDecode(context: Int) {
        precondition(context >= 0, "negative decode context \(context)")
        decodeTokens += 1
        decodeContextTokens += context
        sequences += 1
    }

    /// Adds `count` decode steps of sequences holding `context` tokens each. O(1).
    public mutating func addDecodes(_ count: Int, context: Int) {
        precondition(count >= 0 && context >= 0, "negative decode count or context")
        decodeTokens += count
        decodeContextTokens += count * context
        sequences += count
    }

    /// Adds a prefill chunk of `tokens` after `priorContext` tokens already in the KV cache.
    public mutating func addPrefill(tokens: Int, priorContext: Int = 0) {
        precondition(tokens > 0 && priorContext >= 0, "prefill chunk needs tokens > 0 and context ≥ 0")
        let c = Double(tokens), p = Double(priorContext)
        prefillTokens += tokens
        prefillContextTokens += priorContext
        prefillAttendedPositions += c * p + c * (c + 1) / 2
        sequences += 1
    }

    /// Tokens that go through the linear layers.
    public var tokens: Int { decodeTokens + prefillTokens }
    /// Whether there is nothing to run.
    public var isEmpty: Bool { sequences == 0 }
}
