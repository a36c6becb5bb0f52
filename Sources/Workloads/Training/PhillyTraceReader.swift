import Foundation

/// Reads the Philly job table (`philly_jobs_pollux.csv`: Jeon et al., ATC 2019, as processed
/// by the Pollux artifact) one row at a time.
///
/// Columns `timestamp` (`YYYY-MM-DD HH:MM:SS`), `duration` (seconds), `num_gpus`, and
/// optionally `gpu_time` and `cluster`; found by header name, in any order. The file is read in
/// 64 KiB chunks, so memory does not grow with its length. Blank lines are skipped. A malformed
/// row is reported with its 1-based line number and reading goes on, so one pass finds them all.
///
/// Timestamps are Philly's local log time without a zone; they are converted as if UTC, which
/// keeps every difference between two submissions exact except across a daylight-saving change.
public struct PhillyTraceReader {
    /// One job row.
    public struct Row: Hashable, Sendable {
        /// The 1-based line of the file.
        public var line: Int
        /// Submission time, seconds since 1970-01-01 00:00:00 (the timestamp read as UTC).
        public var submitted: Int64
        /// Sum of the job's attempt run times, seconds.
        public var duration: Double
        public var gpus: Int
        /// The Philly virtual cluster, or "" when the file has no `cluster` column.
        public var cluster: String
    }

    /// A row that could not be read.
    public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// The file cannot be used at all.
    public enum FileError: Error, Hashable, Sendable, CustomStringConvertible {
        case unreadable
        case empty
        case missingColumn(String, header: [String])

        public var description: String {
            switch self {
            case .unreadable: "cannot be read (no such file, or permission denied)"
            case .empty: "is empty (expected a header line: timestamp,duration,num_gpus,…)"
            case .missingColumn(let name, let header):
                "has no column '\(name)' (columns: \(header.joined(separator: ", ")); expected timestamp, duration, num_gpus)"
            }
        }
    }

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var bufferStart = 0
    private var isAtEnd = false
    private var lineNumber = 0
    private let timestampColumn: Int
    private let durationColumn: Int
    private let gpusColumn: Int
    private let clusterColumn: Int?

    /// Opens `url` and reads its header line.
    public init(url: URL) throws(FileError) {
        guard let handle = try? FileHandle(forReadingFrom: url) else { throw .unreadable }
        self.handle = handle
        var header: [String]? = nil
        var lines = LineSource(handle: handle)
        while let line = lines.next() {
            lineNumber += 1
            if !line.isEmpty { header = Self.fields(line).map { $0.trimmingCharacters(in: .whitespaces) }; break }
        }
        guard let header else { throw .empty }
        func column(_ name: String) throws(FileError) -> Int {
            guard let index = header.firstIndex(of: name) else { throw .missingColumn(name, header: header) }
            return index
        }
        timestampColumn = try column("timestamp")
        durationColumn = try column("duration")
        gpusColumn = try column("num_gpus")
        clusterColumn = header.firstIndex(of: "cluster")
        buffer = lines.buffer
        bufferStart = lines.start
        isAtEnd = lines.isAtEnd
    }

    /// The next row, a problem with it, or nil at the end of the file.
    public mutating func next() -> Result<Row, Problem>? {
        var lines = LineSource(handle: handle, buffer: buffer, start: bufferStart, isAtEnd: isAtEnd)
        defer {
            buffer = lines.buffer
            bufferStart = lines.start
            isAtEnd = lines.isAtEnd
        }
        while let text = lines.next() {
            lineNumber += 1
            if text.allSatisfy({ $0 == " " || $0 == "\r" }) { continue }
            return parse(text, line: lineNumber)
        }
        return nil
    }

    /// Every row of the file at `url`, and every malformed row. O(rows) time; the rows are
    /// kept, the text is not.
    public static func read(_ url: URL) throws(FileError) -> (rows: [Row], problems: [Problem]) {
        var reader = try PhillyTraceReader(url: url)
        var rows: [Row] = []
        var problems: [Problem] = []
        while let result = reader.next() {
            switch result {
            case .success(let row): rows.append(row)
            case .failure(let problem): problems.append(problem)
            }
        }
        return (rows, problems)
    }

    private func parse(_ text: String, line: Int) -> Result<Row, Problem> {
        let row = Self.fields(text)
        let needed = max(timestampColumn, durationColumn, gpusColumn, clusterColumn ?? 0)
        guard needed < row.count else {
            return .failure(Problem(line: line, message: "expected at least \(needed + 1) fields, got \(row.count)"))
        }
        let stamp = row[timestampColumn].trimmingCharacters(in: .whitespaces)
        guard let submitted = Self.secondsSinceEpoch(stamp) else {
            return .failure(Problem(line: line, message: "timestamp '\(stamp)' is not YYYY-MM-DD HH:MM:SS"))
        }
        let durationText = row[durationColumn].trimmingCharacters(in: .whitespaces)
        guard let duration = Double(durationText), duration.isFinite, duration >= 0 else {
            return .failure(Problem(line: line, message: "duration '\(durationText)' is not a non-negative number of seconds"))
        }
        let gpusText = row[gpusColumn].trimmingCharacters(in: .whitespaces)
        guard let gpus = Int(gpusText) ?? Double(gpusText).flatMap({ $0 == $0.rounded() ? Int(exactly: $0) : nil }), gpus >= 1 else {
            return .failure(Problem(line: line, message: "num_gpus '\(gpusText)' is not a positive integer"))
        }
        let cluster = clusterColumn.map { row[$0].trimmingCharacters(in: .whitespaces) } ?? ""
        return .success(Row(line: line, submitted: submitted, duration: duration, gpus: gpus, cluster: cluster))
    }

    /// The comma-separated fields of one line (the Philly table has no quoted fields).
    static func fields(_ line: String) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    /// `2017-10-09 07:01:55` as seconds since the epoch, read as UTC; nil when malformed.
    /// Days from the civil date by Hinnant's `days_from_civil`.
    static func secondsSinceEpoch(_ text: String) -> Int64? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard parts.count == 2 else { return nil }
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false).map { Int64($0) }
        let time = parts[1].split(separator: ":", omittingEmptySubsequences: false).map { Int64($0) }
        guard date.count == 3, time.count == 3,
              let y = date[0], let m = date[1], let d = date[2], let hh = time[0], let mm = time[1], let ss = time[2],
              (1...12).contains(m), (1...31).contains(d), (0...23).contains(hh), (0...59).contains(mm), (0...60).contains(ss)
        else { return nil }
        let year = m <= 2 ? y - 1 : y
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + hh * 3_600 + mm * 60 + ss
    }
}

/// Lines of a file read in fixed-size chunks; `\n` ends a line and a trailing `\r` is dropped.
private struct LineSource {
    let handle: FileHandle
    var buffer: [UInt8] = []
    var start = 0
    var isAtEnd = false

    static let chunkSize = 64 * 1024

    mutating func next() -> String? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = newline + 1
                return line
            }
            if isAtEnd {
                guard start < buffer.count else { return nil }
                let line = String(decoding: buffer[start...], as: UTF8.self)
                start = buffer.count
                return line
            }
            let chunk = (try? handle.read(upToCount: Self.chunkSize)) ?? nil
            buffer.removeFirst(start)
            start = 0
            if let chunk, !chunk.isEmpty { buffer.append(contentsOf: chunk) } else { isAtEnd = true }
        }
    }
}
