import SimKernel

/// Requests from an arrival process and length distributions, as an iterator.
///
/// Three independent streams per source — `inference.arrivals`, `inference.prompt-tokens` and
/// `inference.output-tokens`, each with the source's index — so changing the length model does
/// not move a single arrival time (common random numbers across scenario variants).
public struct SyntheticRequestSource: IteratorProtocol, Sendable {
    public let lengths: RequestLengthModel
    /// Arrivals at or after this time end the stream.
    public let end: SimTime
    private var arrivals: ArrivalStream
    private var promptRNG: RandomStream
    private var outputRNG: RandomStream
    private var nextID: UInt64 = 0

    /// - Precondition: the process and lengths are valid.
    public init(process: ArrivalProcess, lengths: RequestLengthModel, seed: UInt64, index: UInt64 = 0,
                origin: SimTime = .zero, end: SimTime = .distantFuture) {
        precondition(lengths.problem == nil, "invalid request lengths: \(lengths.problem ?? "")")
        self.lengths = lengths
        self.end = end
        arrivals = ArrivalStream(process: process, seed: seed, key: StreamKey("inference.arrivals", index), origin: origin)
        promptRNG = RandomStream(seed: seed, key: StreamKey("inference.prompt-tokens", index))
        outputRNG = RandomStream(seed: seed, key: StreamKey("inference.output-tokens", index))
    }

    public mutating func next() -> InferenceRequest? {
        guard let arrival = arrivals.next(), arrival < end else { return nil }
        defer { nextID += 1 }
        return InferenceRequest(id: RequestID(nextID), arrival: arrival,
                                promptTokens: lengths.samplePrompt(using: &promptRNG),
                                outputTokens: lengths.sampleOutput(using: &outputRNG))
    }
}
