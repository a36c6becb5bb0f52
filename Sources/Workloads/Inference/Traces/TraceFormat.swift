import SimKernel

/// The registry of request-trace formats, keyed by their serialized names.
public enum TraceFormat: String, Hashable, Sendable, CaseIterable {
    /// Azure LLM inference traces 2023 (CSV) — see `AzureTraceReader`.
    case azureLLM2023 = "azure-llm-2023"
    /// Mooncake FAST'25 traces (JSON lines with prefix-block hashes) — see `MooncakeTraceReader`.
    case mooncake

    /// The format called `name`; the error lists the valid names.
    public static func named(_ name: String) throws(InferenceError) -> TraceFormat {
        guard let format = TraceFormat(rawValue: name) else {
            throw .unknownName(what: "trace format", name: name, valid: allCases.map(\.rawValue))
        }
        return format
    }

    /// Tokens per prefix block the format's hashes cover (nil: the format has no hashes).
    public var prefixBlockTokens: Int? {
        switch self {
        case .azureLLM2023: return nil
        case .mooncake: return MooncakeTraceReader.blockTokens
        }
    }
}

/// A trace reader of any registered format behind one concrete type (no existential), so a
/// service can replay whichever format its scenario names.
public struct TraceReplay: IteratorProtocol {
    public let format: TraceFormat
    // Exactly one is set; optionals (not enum payloads) so `next()` mutates the reader in place
    // instead of copying its read buffer.
    private var azure: AzureTraceReader?
    private var mooncake: MooncakeTraceReader?

    /// Opens `path` as `format`.
    public init(format: TraceFormat, path: String, timeScale: Double = 1, origin: SimTime = .zero) throws(InferenceError) {
        self.format = format
        switch format {
        case .azureLLM2023: azure = try AzureTraceReader(path: path, timeScale: timeScale, origin: origin)
        case .mooncake: mooncake = try MooncakeTraceReader(path: path, timeScale: timeScale, origin: origin)
        }
    }

    public mutating func next() -> InferenceRequest? {
        switch format {
        case .azureLLM2023: return azure!.next()
        case .mooncake: return mooncake!.next()
        }
    }

    /// Malformed lines seen so far.
    public var issues: [TraceIssue] {
        switch format {
        case .azureLLM2023: return azure!.issues
        case .mooncake: return mooncake!.issues
        }
    }
}
