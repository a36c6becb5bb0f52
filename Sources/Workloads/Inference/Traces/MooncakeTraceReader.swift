import Foundation
import SimKernel

/// Streams the Mooncake traces (Qin et al., FAST 2025; `kvcache-ai/Mooncake`
/// `FAST25-release/traces/*.jsonl`): one JSON object per line with `timestamp` (ms),
/// `input_length`, `output_length` and `hash_ids` — the hashes of consecutive 512-token prompt
/// blocks, equal ids meaning a reusable prefix. The ids become `InferenceRequest.prefixBlocks`.
///
/// Arrivals are offsets from the first valid line times `timeScale`, added to `origin`.
/// Malformed lines (bad JSON, missing fields, non-positive lengths, time going backwards) are
/// skipped and recorded in `issues` with their line numbers. Reads line by line.
public struct MooncakeTraceReader: IteratorProtocol {
    /// Tokens per hashed block in the published traces.
    public static let blockTokens = 512

    public let timeScale: Double
    public let origin: SimTime
    /// Malformed lines seen so far (the first `maxIssues`).
    public private(set) var issues: [TraceIssue] = []
    /// Every malformed line seen so far.
    public private(set) var issueCount = 0
    public let maxIssues: Int
    private var lines: LineReader
    private let decoder = JSONDecoder()
    private var clock: TraceClock
    private var nextID: UInt64 = 0

    private struct Row: Decodable {
        var timestamp: Double
        var input_length: Int
        var output_length: Int
        var hash_ids: [UInt64]
    }

    /// Opens `path`; throws when it cannot be opened.
    public init(path: String, timeScale: Double = 1, origin: SimTime = .zero, maxIssues: Int = 100) throws(InferenceError) {
        self.clock = TraceClock(timeScale: timeScale, origin: origin)
        self.timeScale = timeScale
        self.origin = origin
        self.maxIssues = maxIssues
        lines = try LineReader(path: path)
    }

    /// The next well-formed request, or nil at the end of the file.
    public mutating func next() -> InferenceRequest? {
        while let line = lines.next() {
            if line.allSatisfy(\.isWhitespace) { continue }
            let row: Row
            do {
                row = try decoder.decode(Row.self, from: Data(line.utf8))
            } catch {
                record("not a trace record: \(MooncakeTraceReader.summary(of: error))")
                continue
            }
            guard row.timestamp.isFinite, row.timestamp >= 0, row.timestamp < 9e12 else {
                record("timestamp must be finite milliseconds ≥ 0 (got \(row.timestamp))")
                continue
            }
            guard row.input_length >= 1, row.output_length >= 1 else {
                record("input_length and output_length must be ≥ 1 (got \(row.input_length), \(row.output_length))")
                continue
            }
            let ns = Int64((row.timestamp * 1e6).rounded())
            guard let arrival = clock.arrival(atTraceNanoseconds: ns) else {
                record("timestamp goes backwards")
                continue
            }
            defer { nextID += 1 }
            return InferenceRequest(id: RequestID(nextID), arrival: arrival, promptTokens: row.input_length,
                                    outputTokens: row.output_length, prefixBlocks: row.hash_ids)
        }
        return nil
    }

    private mutating func record(_ reason: String) {
        issueCount += 1
        if issues.count < maxIssues { issues.append(TraceIssue(line: lines.lineNumber, reason: reason)) }
    }

    /// A one-line reason for a decoding error (the field that is missing or mistyped).
    static func summary(of error: Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, _): return "missing field \(key.stringValue)"
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            return "wrong type at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        case .dataCorrupted: return "invalid JSON"
        @unknown default: return "invalid record"
        }
    }
}
