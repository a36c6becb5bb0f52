import Foundation
import SimKernel
import Testing
@testable import Workloads

/// Reads the real trace files under `../shared/reference/traces`. Row counts and spans are
/// those in the traces' README files; first-row sums are added by hand from the files' heads;
/// whole-file token sums were checked with an independent Python reading.
@Suite("Trace readers")
struct TraceReaderTests {
    struct Summary {
        var count = 0, prompt = 0, output = 0, firstThreePrompt = 0, firstThreeOutput = 0, blocks = 0
        var first = SimTime.distantFuture, last = SimTime.zero
    }

    func summarize<I: IteratorProtocol>(_ reader: inout I) -> Summary where I.Element == InferenceRequest {
        var s = Summary()
        while let r = reader.next() {
            if s.count < 3 { s.firstThreePrompt += r.promptTokens; s.firstThreeOutput += r.outputTokens }
            s.count += 1
            s.prompt += r.promptTokens
            s.output += r.outputTokens
            s.blocks += r.prefixBlocks.count
            s.first = min(s.first, r.arrival)
            s.last = max(s.last, r.arrival)
        }
        return s
    }

    @Test("Azure code trace: 8,819 rows over 3,435.948056 s", .enabled(if: ReferenceFiles.exists(ReferenceFiles.azureCode)))
    func azureCode() throws {
        var reader = try AzureTraceReader(path: ReferenceFiles.path(ReferenceFiles.azureCode))
        let s = summarize(&reader)
        #expect(s.count == 8_819)
        // 19:14:19.9280160 − 18:17:03.9799600 = 57 min 15.948056 s.
        #expect(s.first == .zero)
        #expect(s.last == SimTime.zero + .nanoseconds(3_435_948_056_000))
        // First rows: 4808 + 3180 + 110 = 8,098 prompt; 10 + 8 + 27 = 45 output.
        #expect(s.firstThreePrompt == 8_098 && s.firstThreeOutput == 45)
        #expect(s.prompt == 18_059_974 && s.output == 245_896)
        #expect(reader.issues.isEmpty)
    }

    @Test("Azure conversation trace: 19,366 rows, medians 1,020 / 129 as Splitwise reports, time-scalable",
          .enabled(if: ReferenceFiles.exists(ReferenceFiles.azureConversation)))
    func azureConversation() throws {
        var reader = try AzureTraceReader(path: ReferenceFiles.path(ReferenceFiles.azureConversation), timeScale: 0.5)
        var prompts: [Int] = [], outputs: [Int] = []
        var last = SimTime.zero, firstThree = (0, 0)
        while let r = reader.next() {
            if prompts.count < 3 { firstThree.0 += r.promptTokens; firstThree.1 += r.outputTokens }
            prompts.append(r.promptTokens)
            outputs.append(r.outputTokens)
            last = r.arrival
        }
        #expect(prompts.count == 19_366)
        // 374 + 396 + 879 = 1,649; 44 + 109 + 55 = 208.
        #expect(firstThree == (1_649, 208))
        // Span 19:14:08.4025270 − 18:15:46.6805900 = 3,501.721937 s, halved: 1,750.8609685 s.
        #expect(last == SimTime.zero + .nanoseconds(1_750_860_968_500))
        prompts.sort(); outputs.sort()
        #expect(prompts[prompts.count / 2] == 1_020 && outputs[outputs.count / 2] == 129)
        #expect(prompts.reduce(0, +) == 22_361_870 && outputs.reduce(0, +) == 4_088_665)
    }

    @Test("Mooncake conversation trace: 12,031 requests with prefix-block hashes",
          .enabled(if: ReferenceFiles.exists(ReferenceFiles.mooncakeConversation)))
    func mooncakeConversation() throws {
        var reader = try MooncakeTraceReader(path: ReferenceFiles.path(ReferenceFiles.mooncakeConversation))
        let first = reader.next()!
        // {"timestamp": 0, "input_length": 6758, "output_length": 500, "hash_ids": [0, …, 13]}:
        // ⌈6758 / 512⌉ = 14 blocks.
        #expect(first.arrival == .zero && first.promptTokens == 6_758 && first.outputTokens == 500)
        #expect(first.prefixBlocks == Array(0...13))
        var s = summarize(&reader)
        s.count += 1; s.prompt += first.promptTokens; s.output += first.outputTokens; s.blocks += 14
        #expect(s.count == 12_031)
        // Last timestamp 3,536,999 ms.
        #expect(s.last == SimTime.zero + .milliseconds(3_536_999))
        #expect(s.prompt == 144_793_823 && s.output == 4_122_048 && s.blocks == 288_500)
        #expect(reader.issues.isEmpty)
    }

    @Test("Mooncake synthetic trace: 3,993 requests over 1,022.025 s, scaled ×2",
          .enabled(if: ReferenceFiles.exists(ReferenceFiles.mooncakeSynthetic)))
    func mooncakeSynthetic() throws {
        var reader = try TraceReplay(format: .mooncake, path: ReferenceFiles.path(ReferenceFiles.mooncakeSynthetic), timeScale: 2)
        let s = summarize(&reader)
        #expect(s.count == 3_993)
        #expect(s.last == SimTime.zero + .milliseconds(2_044_050))
        #expect(s.prompt == 61_194_628 && s.output == 595_432)
    }

    @Test("malformed Azure rows are skipped and reported with their line numbers")
    func azureMalformed() throws {
        let text = """
            TIMESTAMP,ContextTokens,GeneratedTokens
            2023-11-16 18:00:00.5,100,10
            2023-11-16 18:00:01,abc,10
            2023-11-16 18:00:02,100
            2023-13-16 18:00:03,100,10
            2023-11-16 18:00:04,0,10
            2023-11-16 17:00:00,100,10
            2023-11-16 18:00:10.25,200,20\r
            """
        let path = try ReferenceFiles.temporaryFile(text, suffix: ".csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = try AzureTraceReader(path: path)
        let requests = [reader.next(), reader.next(), reader.next()]
        #expect(requests[0]?.arrival == .zero && requests[0]?.promptTokens == 100)
        // 18:00:10.25 − 18:00:00.5 = 9.75 s; the CRLF ending is tolerated.
        #expect(requests[1]?.arrival == SimTime.zero + .milliseconds(9_750) && requests[1]?.outputTokens == 20)
        #expect(requests[2] == nil)
        #expect(reader.issues.map(\.line) == [3, 4, 5, 6, 7])
        #expect(reader.issues[0].reason.contains("ContextTokens"))
        #expect(reader.issues[3].reason.contains("ContextTokens"))
        #expect(reader.issues[4].reason.contains("backwards"))
    }

    @Test("an Azure file without the expected header is an error naming the missing column")
    func azureHeader() throws {
        let path = try ReferenceFiles.temporaryFile("time,prompt,output\n1,2,3\n", suffix: ".csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: InferenceError.self) { try AzureTraceReader(path: path) }
        #expect(throws: InferenceError.unreadableTrace(path: "/nonexistent.csv", reason: "cannot open the file")) {
            try AzureTraceReader(path: "/nonexistent.csv")
        }
    }

    @Test("malformed Mooncake lines are skipped and reported with their line numbers")
    func mooncakeMalformed() throws {
        let text = """
            {"timestamp": 0, "input_length": 600, "output_length": 5, "hash_ids": [0, 1]}
            {"timestamp": 5, "input_length": 600, "hash_ids": [0, 1]}
            not json

            {"timestamp": 7, "input_length": 0, "output_length": 5, "hash_ids": []}
            {"timestamp": 1500, "input_length": 100, "output_length": 3, "hash_ids": [0]}

            """
        let path = try ReferenceFiles.temporaryFile(text, suffix: ".jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = try MooncakeTraceReader(path: path)
        let a = reader.next(), b = reader.next()
        #expect(a?.prefixBlocks == [0, 1])
        #expect(b?.arrival == SimTime.zero + .milliseconds(1_500) && b?.prefixBlocks == [0])
        #expect(reader.next() == nil)
        #expect(reader.issues.map(\.line) == [2, 3, 5])
        #expect(reader.issues[0].reason == "not a trace record: missing field output_length")
    }

    @Test("trace formats are a registry of stable names")
    func registry() throws {
        #expect(try TraceFormat.named("azure-llm-2023") == .azureLLM2023)
        #expect(throws: InferenceError.self) { try TraceFormat.named("azure") }
        #expect(TraceFormat.mooncake.prefixBlockTokens == 512)
    }

    @Test("the line reader returns a last line without a newline and keeps line numbers across chunks")
    func lineReader() throws {
        let path = try ReferenceFiles.temporaryFile("alpha\nbeta\r\n\ngamma", suffix: ".txt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = try LineReader(path: path, chunkSize: 3)
        var lines: [String] = []
        while let line = reader.next() { lines.append(line) }
        #expect(lines == ["alpha", "beta", "", "gamma"])
        #expect(reader.lineNumber == 4)
    }
}
