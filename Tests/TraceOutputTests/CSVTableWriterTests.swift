import Foundation
import Testing
@testable import TraceOutput

@Suite("CSVTableWriter")
struct CSVTableWriterTests {
    @Test("rows stream out with a unit-carrying header and round-trip numbers")
    func writesRows() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gigawatt-csv-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let table = try CSVTableWriter(url: url, columns: ["time_s", "pool", "power_it_w"])
        try table.append([.integer(0), .text("tpu, \"a\""), .number(0.1 + 0.2)])
        try table.append([.integer(3600), .text("gpu"), .number(.nan)])
        try table.close()
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text == "time_s,pool,power_it_w\n0,\"tpu, \"\"a\"\"\",0.30000000000000004\n3600,gpu,\n")
        #expect(table.rowCount == 2)
    }
}
