import Foundation
import SimKernel

/// Streams the Azure LLM inference traces (Splitwise, ISCA 2024; `AzurePublicDataset`
/// `AzureLLMInferenceTrace_{code,conv}.csv`): a header `TIMESTAMP,ContextTokens,GeneratedTokens`
/// then one request per row, timestamps `YYYY-MM-DD HH:MM:SS.fffffff` (up to 9 fractional
/// digits, no zone), sorted.
///
/// Arrivals are offsets from the first valid row, multiplied by `timeScale` (0.5 replays the
/// hour in 30 minutes at twice the rate) and added to `origin`. Malformed rows — wrong field
/// count, unparsable timestamp, non-positive token counts, a timestamp earlier than the previous
/// row's — are skipped and recorded in `issues` with their line numbers (up to `maxIssues`;
/// `issueCount` counts them all). Reads line by line: memory does not grow with the file.
public struct AzureTraceReader: IteratorProtocol {
    public let timeScale: Double
    public let origin: SimTime
    /// Malformed lines seen so far (the first `maxIssues`).
    public private(set) var issues: [TraceIssue] = []
    /// Every malformed line seen so far.
    public private(set) var issueCount = 0
    public let maxIssues: Int
    private var lines: LineReader
    private let columns: (timestamp: Int, context: Int, generated: Int, count: Int)
    private var clock: TraceClock
    private var nextID: UInt64 = 0

    /// Opens `path` and checks its header; throws when the file cannot be read or lacks a column.
    public init(path: String, timeScale: Double = 1, origin: SimTime = .zero, maxIssues: Int = 100) throws(InferenceError) {
        self.clock = TraceClock(timeScale: timeScale, origin: origin)
        self.timeScale = timeScale
        self.origin = origin
        self.maxIssues = maxIssues
        lines = try LineReader(path: path)
        guard let header = lines.next() else { throw .unreadableTrace(path: path, reason: "the file is empty") }
        let names = header.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        func index(_ name: String) throws(InferenceError) -> Int {
            guard let i = names.firstIndex(of: name) else {
                throw .unreadableTrace(path: path, reason: "header lacks column \(name) (got \(header))")
            }
            return i
        }
        columns = (try index("TIMESTAMP"), try index("ContextTokens"), try index("GeneratedTokens"), names.count)
    }

    /// The next well-formed request, or nil at the end of the file.
    public mutating func next() -> InferenceRequest? {
        while let line = lines.next() {
            if line.isEmpty { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == columns.count else {
                record("expected \(columns.count) fields, got \(fields.count)")
                continue
            }
            guard let ns = AzureTraceReader.parseTimestamp(fields[columns.timestamp]) else {
                record("unparsable timestamp '\(fields[columns.timestamp])'")
                continue
            }
            guard let prompt = Int(fields[columns.context]), prompt >= 1 else {
                record("ContextTokens must be a positive integer (got '\(fields[columns.context])')")
                continue
            }
            guard let output = Int(fields[columns.generated]), output >= 1 else {
                record("GeneratedTokens must be a positive integer (got '\(fields[columns.generated])')")
                continue
            }
            guard let arrival = clock.arrival(atTraceNanoseconds: ns) else {
                record("timestamp goes backwards")
                continue
            }
            defer { nextID += 1 }
            return InferenceRequest(id: RequestID(nextID), arrival: arrival,
                                    promptTokens: prompt, outputTokens: output)
        }
        return nil
    }

    private mutating func record(_ reason: String) {
        issueCount += 1
        if issues.count < maxIssues { issues.append(TraceIssue(line: lines.lineNumber, reason: reason)) }
    }

    /// Nanoseconds since 1970-01-01 00:00:00 of `YYYY-MM-DD HH:MM:SS[.f…]`, or nil.
    static func parseTimestamp(_ text: Substring) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":") else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var n: Int64 = 0
            for i in range {
                let d = bytes[i] &- UInt8(ascii: "0")
                guard d < 10 else { return nil }
                n = n * 10 + Int64(d)
            }
            return n
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var fraction: Int64 = 0
        if bytes.count > 19 {
            let digits = bytes.count - 20
            guard bytes[19] == UInt8(ascii: "."), (1...9).contains(digits), let f = number(20..<bytes.count) else { return nil }
            fraction = f
            for _ in digits..<9 { fraction *= 10 }
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        return ((days * 24 + hour) * 60 + minute) * 60_000_000_000 + second * 1_000_000_000 + fraction
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-compatible
    /// low-level date algorithms", days_from_civil).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
