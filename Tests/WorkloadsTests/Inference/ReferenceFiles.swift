import Foundation

/// Locates the shared reference data (`../shared/reference` beside the package checkout)
/// relative to this source file, so no machine path is written down; tests that need it are
/// skipped when it is absent.
enum ReferenceFiles {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Inference
        .deletingLastPathComponent()  // WorkloadsTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .deletingLastPathComponent()
        .appendingPathComponent("shared/reference")

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    static let azureCode = "traces/azure-llm-inference-2023/AzureLLMInferenceTrace_code.csv"
    static let azureConversation = "traces/azure-llm-inference-2023/AzureLLMInferenceTrace_conv.csv"
    static let mooncakeConversation = "traces/mooncake-fast25/conversation_trace.jsonl"
    static let mooncakeSynthetic = "traces/mooncake-fast25/synthetic_trace.jsonl"

    /// Writes `text` to a fresh temporary file and returns its path.
    static func temporaryFile(_ text: String, suffix: String) throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("gigawatt-inference-\(UInt64.random(in: 0...UInt64.max))\(suffix)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}
