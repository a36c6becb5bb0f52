@testable import BenchmarkLadders
import Foundation
import Testing

@Suite("Summary digest")
struct SummaryDigestTests {
    static func summary(version: String, events: Int) -> Data {
        Data("{\n  \"events_processed\" : \(events),\n  \"gigawatt_version\" : \"\(version)\",\n  \"seed\" : 1\n}\n".utf8)
    }

    @Test("a version bump alone leaves the digest unchanged; any other change moves it")
    func versionIgnored() throws {
        let base = try RungRun.canonicalDigest(of: Self.summary(version: "0.1.0", events: 10))
        #expect(try RungRun.canonicalDigest(of: Self.summary(version: "0.2.0", events: 10)) == base)
        #expect(try RungRun.canonicalDigest(of: Self.summary(version: "0.1.0", events: 11)) != base)
    }

    @Test("a summary without a gigawatt_version line is an error, not a silent digest")
    func versionMissing() {
        #expect(throws: RungRun.Failure.self) { try RungRun.canonicalDigest(of: Data("{\n  \"seed\" : 1\n}\n".utf8)) }
    }
}
