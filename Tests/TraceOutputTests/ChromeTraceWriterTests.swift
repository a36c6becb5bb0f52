import Foundation
import SimKernel
import Testing
@testable import TraceOutput

@Suite("ChromeTraceWriter")
struct ChromeTraceWriterTests {
    private func scratchFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("gigawatt-trace-\(UUID().uuidString).json")
    }

    @Test("a written trace parses back with every event's required fields")
    func roundTrip() throws {
        let url = scratchFile()
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try ChromeTraceWriter(url: url)
        try writer.nameProcess(1, "pool \"tpu-a\"", sortIndex: 0)
        try writer.nameThread(1, 7, "job-7")
        try writer.span(pid: 1, tid: 7, name: "running", category: "training",
                        start: SimTime(nanoseconds: 1_500), end: SimTime(nanoseconds: 2_000_000_001),
                        args: [("chips", "256")])
        try writer.instant(pid: 1, tid: 7, name: "failure", category: "failure", at: SimTime(nanoseconds: 999))
        try writer.counter(pid: 1, name: "power", at: .zero, values: [("it_w", 1.25e6), ("facility_w", 1.5e6)])
        try writer.close()

        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let events = try #require(root["traceEvents"] as? [[String: Any]])
        #expect(events.count == 6)
        for event in events {
            #expect(event["ph"] is String && event["pid"] is Int && event["name"] is String)
        }
        let span = try #require(events.first { $0["ph"] as? String == "X" })
        // 1,500 ns = 1.5 µs; duration 2,000,000,001 − 1,500 ns = 1,999,998.501 µs.
        #expect(span["ts"] as? Double == 1.5)
        #expect(span["dur"] as? Double == 1_999_998.501)
        let name = try #require(events.first { $0["name"] as? String == "process_name" })
        #expect((name["args"] as? [String: Any])?["name"] as? String == "pool \"tpu-a\"")
        let counter = try #require(events.first { $0["ph"] as? String == "C" })
        #expect((counter["args"] as? [String: Any])?["it_w"] as? Double == 1_250_000)
    }

    @Test("microsecond timestamps keep every nanosecond")
    func timestamps() {
        #expect(microseconds(SimTime(nanoseconds: 0)) == "0.000")
        #expect(microseconds(SimTime(nanoseconds: 7)) == "0.007")
        #expect(microseconds(SimTime(nanoseconds: 86_400_000_000_123)) == "86400000000.123")
        #expect(microseconds(SimDuration(nanoseconds: -1_001)) == "-1.001")
    }

    @Test("strings are escaped and non-finite numbers become null")
    func escaping() {
        #expect(quoted("a\"b\\c\n\u{01}") == #""a\"b\\c\n\u0001""#)
        #expect(number(.infinity) == "null")
        #expect(number(3) == "3")
        #expect(number(0.25) == "0.25")
    }
}
