import SimKernel

/// Identifies a request within its source: the arrival index, assigned in arrival order.
public struct RequestID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: UInt64
    public init(_ rawValue: UInt64) { self.rawValue = rawValue }
    public static func < (a: RequestID, b: RequestID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "r\(rawValue)" }
}

/// One inference request as a source emits it: when it arrives and how many tokens it carries.
public struct InferenceRequest: Hashable, Sendable {
    public var id: RequestID
    public var arrival: SimTime
    /// Prompt (prefill) tokens, ≥ 1.
    public var promptTokens: Int
    /// Output (decode) tokens to generate, ≥ 1.
    public var outputTokens: Int
    /// Hashes of consecutive prompt blocks (Mooncake's `hash_ids`); empty when unknown, which
    /// makes the request miss every prefix cache.
    public var prefixBlocks: [UInt64]
    /// The request's class: its index in the service's class list (0 without classes).
    public var requestClass: Int = 0
    /// Priority of its class: higher is admitted first (0 without classes).
    public var priority: Int = 0

    /// - Precondition: at least one prompt and one output token.
    public init(id: RequestID, arrival: SimTime, promptTokens: Int, outputTokens: Int, prefixBlocks: [UInt64] = []) {
        precondition(promptTokens >= 1 && outputTokens >= 1,
                     "request \(id) needs ≥ 1 prompt and output token (got \(promptTokens), \(outputTokens))")
        self.id = id
        self.arrival = arrival
        self.promptTokens = promptTokens
        self.outputTokens = outputTokens
        self.prefixBlocks = prefixBlocks
    }
}
