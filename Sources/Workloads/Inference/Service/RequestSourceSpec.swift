import SimKernel

/// Where a service's requests come from: drawn from an arrival process and length
/// distributions, or replayed from a request trace.
public enum RequestSourceSpec: Hashable, Sendable {
    /// Arrivals and lengths drawn; with a shared prefix, each prompt starts with one of a few
    /// system prompts (its drawn length comes after it).
    /// `count` ends the stream after that many requests (nil: only the horizon or the rate ends it).
    case synthetic(process: ArrivalProcess, lengths: RequestLengthModel, sharedPrefix: SharedPrefix? = nil, count: Int? = nil)
    /// A trace file (an absolute or working-directory path, resolved by the scenario reader);
    /// arrivals are offsets from its first row times `timeScale`; `limit` keeps the first rows.
    case trace(format: TraceFormat, path: String, timeScale: Double, limit: Int?)

    /// Opens the stream of requests under scenario `seed`; `index` keys the service's random
    /// streams. Throws when a trace cannot be opened.
    /// With `classes`, each request is drawn into a class by share (stream `inference.class`).
    public func makeSource(seed: UInt64, index: UInt64, end: SimTime = .distantFuture,
                           classes: [RequestClass] = []) throws(InferenceError) -> InferenceRequestSource {
        var source = try makeGenerator(seed: seed, index: index, end: end)
        if !classes.isEmpty {
            var cumulative = 0.0
            source.classBounds = classes.map { cumulative += $0.share; return cumulative }
            source.classPriorities = classes.map(\.priority)
            source.classRNG = RandomStream(seed: seed, key: StreamKey("inference.class", index))
        }
        return source
    }

    private func makeGenerator(seed: UInt64, index: UInt64, end: SimTime) throws(InferenceError) -> InferenceRequestSource {
        switch self {
        case .synthetic(let process, let lengths, let prefix, let count):
            var source = InferenceRequestSource(.synthetic(SyntheticRequestSource(process: process, lengths: lengths, seed: seed,
                                                                                  index: index, end: end)), end: end, limit: count)
            if let prefix {
                source.sharedPrefix = prefix
                source.prefixRNG = RandomStream(seed: seed, key: StreamKey("inference.prefix-group", index))
            }
            return source
        case .trace(let format, let path, let timeScale, let limit):
            switch format {
            case .azureLLM2023:
                return InferenceRequestSource(.azure(try AzureTraceReader(path: path, timeScale: timeScale)), end: end, limit: limit)
            case .mooncake:
                return InferenceRequestSource(.mooncake(try MooncakeTraceReader(path: path, timeScale: timeScale)), end: end, limit: limit)
            }
        }
    }

    /// Hashes what identifies the source cheaply (equality compares everything; distributions
    /// are not `Hashable`).
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .synthetic(let process, let lengths, let prefix, _):
            hasher.combine(process)
            hasher.combine(prefix)
            hasher.combine(lengths.prompt.mean)
            hasher.combine(lengths.output.mean)
        case .trace(let format, let path, let timeScale, let limit):
            hasher.combine(format)
            hasher.combine(path)
            hasher.combine(timeScale)
            hasher.combine(limit)
        }
    }

    /// The long-run mean arrival rate when it is known without reading a trace.
    public var meanRate: Double? {
        if case .synthetic(let process, _, _, _) = self { return process.meanRate }
        return nil
    }
}

/// The requests of one service, one at a time: whichever generator or reader the spec named,
/// behind one iterator without an existential (one `switch` per request).
public struct InferenceRequestSource: IteratorProtocol {
    enum Generator {
        case synthetic(SyntheticRequestSource)
        case azure(AzureTraceReader)
        case mooncake(MooncakeTraceReader)
    }
    private var generator: Generator
    private let end: SimTime
    private var remaining: Int
    var sharedPrefix: SharedPrefix?
    var prefixRNG = RandomStream(seed: 0, key: StreamKey("inference.prefix-group", 0))
    /// Cumulative class shares and their priorities (empty: no classes).
    var classBounds: [Double] = []
    var classPriorities: [Int] = []
    var classRNG = RandomStream(seed: 0, key: StreamKey("inference.class", 0))

    init(_ generator: Generator, end: SimTime, limit: Int?) {
        self.generator = generator
        self.end = end
        self.remaining = limit ?? .max
    }

    /// The next request arriving before `end`, or nil.
    public mutating func next() -> InferenceRequest? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        let request: InferenceRequest?
        switch generator {
        case .synthetic(var s): request = s.next(); generator = .synthetic(s)
        case .azure(var r): request = r.next(); generator = .azure(r)
        case .mooncake(var r): request = r.next(); generator = .mooncake(r)
        }
        guard var request, request.arrival < end else { remaining = 0; return nil }
        if let prefix = sharedPrefix {
            let group = UInt64(prefixRNG.nextIndex(below: UInt64(prefix.groups)))
            request.promptTokens += prefix.tokens
            request.prefixBlocks = prefix.blocks(ofGroup: group)
        }
        if !classBounds.isEmpty {
            let u = classRNG.nextUnit() * classBounds[classBounds.count - 1]
            let c = classBounds.firstIndex { u < $0 } ?? classBounds.count - 1
            request.requestClass = c
            request.priority = classPriorities[c]
        }
        return request
    }

    /// Malformed trace lines skipped so far (0 for a synthetic source).
    public var skippedLines: Int {
        switch generator {
        case .synthetic: return 0
        case .azure(let r): return r.issueCount
        case .mooncake(let r): return r.issueCount
        }
    }
}

/// Shared system prompts: every synthetic prompt begins with one of `groups` prefixes of
/// `tokens` tokens (chosen uniformly, from its own random stream), hashed in blocks of
/// `blockTokens` so a prefix cache of that block size can reuse them.
public struct SharedPrefix: Hashable, Sendable {
    public var tokens: Int
    public var groups: Int
    public var blockTokens: Int

    /// - Precondition: all positive.
    public init(tokens: Int, groups: Int = 1, blockTokens: Int) {
        precondition(tokens > 0 && groups > 0 && blockTokens > 0, "a shared prefix needs positive tokens, groups and block size")
        self.tokens = tokens
        self.groups = groups
        self.blockTokens = blockTokens
    }

    /// The block hashes of group `group`'s prefix: whole blocks only (a partial last block is
    /// never shared). Hashes are (group + 1) · 2³² + block, distinct across groups.
    public func blocks(ofGroup group: UInt64) -> [UInt64] {
        (0..<UInt64(tokens / blockTokens)).map { (group + 1) << 32 | $0 }
    }
}
