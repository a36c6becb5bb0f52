import Foundation
import Testing
@testable import Workloads

@Suite("PhillyTraceReader")
struct PhillyTraceReaderTests {
    /// `../shared/reference/traces/philly/philly_jobs_pollux.csv` from the repository root.
    static let realFile: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/reference/traces/philly/philly_jobs_pollux.csv").standardizedFileURL

    static var hasRealFile: Bool { FileManager.default.fileExists(atPath: realFile.path) }

    @Test("the real Philly table reads in full: 82,247 jobs, first rows as in the file",
          .enabled(if: hasRealFile, "the Philly trace (../shared/reference/traces/philly) is not present"))
    func readsRealFile() throws {
        let (rows, problems) = try PhillyTraceReader.read(Self.realFile)
        #expect(problems.isEmpty)
        #expect(rows.count == 82_247)  // the README's count; 82,249 lines = header + jobs + one blank
        // Line 2: 2017-10-09 07:01:55,66.0,1,66.0,11cb48
        #expect(rows[0] == PhillyTraceReader.Row(line: 2, submitted: 1_507_532_515, duration: 66, gpus: 1, cluster: "11cb48"))
        // Line 3: 2017-10-09 06:13:03,2951.0,1,2951.0,6214e9 — 48 min 52 s earlier than line 2.
        #expect(rows[1].submitted == rows[0].submitted - 2_932)
        #expect(rows[1].duration == 2951 && rows[1].cluster == "6214e9")
        // README: 1,643 jobs of 8 GPUs; earliest submission 2017-09-04 10:30:41.
        #expect(rows.filter { $0.gpus == 8 }.count == 1_643)
        #expect(rows.map(\.submitted).min() == PhillyTraceReader.secondsSinceEpoch("2017-09-04 10:30:41"))
    }

    @Test("a timestamp converts to seconds since the epoch, read as UTC")
    func timestamps() {
        // 2017-10-09 is day 17,448 since 1970-01-01: 17448 × 86400 + 7·3600 + 60 + 55 = 1,507,532,515.
        #expect(PhillyTraceReader.secondsSinceEpoch("2017-10-09 07:01:55") == 1_507_532_515)
        #expect(PhillyTraceReader.secondsSinceEpoch("1970-01-01 00:00:00") == 0)
        #expect(PhillyTraceReader.secondsSinceEpoch("2017-13-09 07:01:55") == nil)
        #expect(PhillyTraceReader.secondsSinceEpoch("yesterday") == nil)
    }

    @Test("malformed rows are reported with their line numbers and reading goes on")
    func malformedRows() throws {
        let text = """
        timestamp,duration,num_gpus,gpu_time,cluster
        2017-10-09 07:01:55,66.0,1,66.0,11cb48
        2017-10-09 07:02:55,abc,1,66.0,11cb48
        2017-10-09,66.0,1,66.0,11cb48

        2017-10-09 07:03:55,66.0,0,0,11cb48
        2017-10-09 07:04:55,66.0
        2017-10-09 07:05:55,10.5,8,84.0,6214e9

        """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("philly-malformed-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let (rows, problems) = try PhillyTraceReader.read(url)
        #expect(rows.map(\.line) == [2, 8])
        #expect(rows[1].gpus == 8 && rows[1].duration == 10.5)
        #expect(problems.map(\.description) == [
            "line 3: duration 'abc' is not a non-negative number of seconds",
            "line 4: timestamp '2017-10-09' is not YYYY-MM-DD HH:MM:SS",
            "line 6: num_gpus '0' is not a positive integer",
            "line 7: expected at least 5 fields, got 2",
        ])
    }

    @Test("a file without the needed columns is rejected as a whole")
    func missingColumn() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("philly-columns-\(UUID().uuidString).csv")
        try "runtime\n1.0\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: PhillyTraceReader.FileError.missingColumn("timestamp", header: ["runtime"])) {
            _ = try PhillyTraceReader.read(url)
        }
    }
}
