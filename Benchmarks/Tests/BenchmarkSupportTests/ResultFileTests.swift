import BenchmarkSupport
import Foundation
import Testing

@Suite("Result files and the report")
struct ResultFileTests {
    static let machine = MachineFacts(cpu: "Test CPU", cores: 2, memoryGiB: 23.4, system: "Linux 6.1",
                                      toolchain: "Swift version 6.3.1", commit: "abc1234", date: "2026-12-04T12:00:00Z")

    static func result(suite: String) -> BenchmarkResult {
        var table = ResultTable(title: "PHOLD", columns: ["processes", "events/s"])
        table.rows = [[.integer(1_024), .samples(Samples([9e6, 1.1e7, 1.05e7]), decimals: 0)]]
        table.fits = [NamedFit(name: "wall time vs processes", fit: GrowthFit(exponent: 1.04, coefficient: 1, rSquared: 0.999, points: 3))]
        return BenchmarkResult(suite: suite, command: "gigawatt-bench \(suite)", machine: machine, tables: [table], notes: ["A note."])
    }

    @Test("numbers get thousands separators and the requested decimals")
    func numberFormat() {
        #expect(ResultCell.format(1_234_567.891, 2) == "1,234,567.89")
        #expect(ResultCell.format(999, 0) == "999")
        #expect(ResultCell.format(-12_345, 1) == "-12,345.0")
        #expect(ResultCell.format(.nan, 1) == "n/a")
        #expect(ResultCell.samples(Samples([1, 2, 3]), decimals: 1).rendered == "2.0 (1.0–3.0)")
        #expect(ResultCell.samples(Samples([2]), decimals: 1).rendered == "2.0")
    }

    @Test("a result written and read back is unchanged, and lands in <suite>.json")
    func roundTrip() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-results-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let written = Self.result(suite: "kernel")
        try written.write(into: directory)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("kernel.json").path))
        #expect(try BenchmarkResult.readAll(in: directory) == [written])
    }

    @Test("the report fills suite and machine markers, flags unmeasured suites and appends unnamed ones")
    func report() {
        let template = "# Results\n\n{{machine}}\n\n## Kernel\n\n{{suite:kernel}}\n\n## Peers\n\n{{suite:peers}}\n\n{{other-suites}}\n"
        let text = ResultsReport(template: template, results: [Self.result(suite: "kernel"), Self.result(suite: "inference")]).render()
        #expect(text.contains("Measured on: Test CPU, 2 cores, 23.4 GiB RAM; Linux 6.1; Swift version 6.3.1; commit abc1234"))
        #expect(text.contains("| 1,024 | 10,500,000 (9,000,000–11,000,000) |"))
        #expect(text.contains("exponent **1.04**"))
        #expect(text.contains("_Not measured yet: run `swift run -c release gigawatt-bench peers`._"))
        #expect(text.contains("## inference"))
        #expect(!text.contains("{{"))
    }
}
