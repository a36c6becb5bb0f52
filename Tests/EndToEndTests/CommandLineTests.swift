import Foundation
import Testing

@Suite("gigawatt command line")
struct CommandLineTests {
    @Test("--version prints the version and exits 0")
    func version() throws {
        let result = try GigawattProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("gigawatt "))
    }

    @Test("--help lists the commands and each command has its own help")
    func help() throws {
        let top = try GigawattProcess.run(["--help"])
        #expect(top.status == 0)
        #expect(top.standardOutput.contains("run") && top.standardOutput.contains("validate"))
        for command in ["run", "validate", "compare", "catalog", "models", "validate-models", "schema"] {
            let result = try GigawattProcess.run([command, "--help"])
            #expect(result.status == 0)
            #expect(result.standardOutput.hasPrefix("usage: gigawatt \(command)"))
        }
    }

    @Test("schema prints a JSON Schema that parses")
    func schema() throws {
        let result = try GigawattProcess.run(["schema"])
        #expect(result.status == 0)
        let schema = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        #expect(schema?["title"] as? String == "Gigawatt scenario")
    }

    @Test("an unknown command or option is a usage error (exit 2) on one stderr line")
    func usageErrors() throws {
        let unknownCommand = try GigawattProcess.run(["simulate"])
        #expect(unknownCommand.status == 2)
        #expect(unknownCommand.standardError.contains("unknown command 'simulate'"))
        let unknownOption = try GigawattProcess.run(["run", "--fast", "Scenarios/quickstart.json5"])
        #expect(unknownOption.status == 2)
        #expect(unknownOption.standardError.split(separator: "\n").count == 1)
        let badSeed = try GigawattProcess.run(["run", "--seed", "-4", "Scenarios/quickstart.json5"])
        #expect(badSeed.status == 2)
        let missingFile = try GigawattProcess.run(["validate"])
        #expect(missingFile.status == 2)
    }

    @Test("validate reports all three mistakes with line:column and field path, and exits 65")
    func validateReportsEveryMistake() throws {
        let directory = try GigawattProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("broken.json5")
        try """
        // Three mistakes: a misspelled key, a horizon in volts, a seed that is a string.
        {
          name: "broken",
          horizn: "2 d",
          horizon: "30 V",
          seed: "seven",
        }
        """.write(to: file, atomically: true, encoding: .utf8)
        let result = try GigawattProcess.run(["validate", "broken.json5"], in: directory)
        #expect(result.status == 65)
        let lines = result.standardError.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("broken.json5:4:3: error: horizn:") && $0.contains("did you mean 'horizon'") })
        #expect(lines.contains { $0.hasPrefix("broken.json5:5:12: error: horizon:") })
        #expect(lines.contains { $0.hasPrefix("broken.json5:6:9: error: seed:") })
    }

    @Test("validate accepts a valid file and names it")
    func validateAcceptsValid() throws {
        let result = try GigawattProcess.run(["validate", "Scenarios/quickstart.json5"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("valid scenario 'quickstart'"))
    }

    @Test("a missing scenario file is reported, not crashed on")
    func missingFile() throws {
        let result = try GigawattProcess.run(["validate", "Scenarios/no-such-file.json5"])
        #expect(result.status == 65)
        #expect(result.standardError.contains("no-such-file.json5"))
    }
}

@Suite("gigawatt models")
struct ModelsCommandTests {
    @Test("the training table lists every validation case with its error")
    func training() throws {
        let result = try GigawattProcess.run(["models", "training"])
        #expect(result.status == 0)
        for row in ["palm-540b-tpu-v4-mfu", "megatron-1t-a100-3072", "mlperf-v3.1-tpu-v5e-4096", "deepseek-v3-h800-2048"] {
            #expect(result.standardOutput.contains(row))
        }
    }

    @Test("--breakdown prints every validation case's step time term by term; it is refused for other topics")
    func trainingBreakdown() throws {
        let result = try GigawattProcess.run(["models", "training", "--breakdown"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("compute") && result.standardOutput.contains("raw ep"))
        for row in ["mlperf-v3.0-h100-3584", "palm-540b-tpu-v4-mfu", "megatron-1t-a100-3072", "deepseek-v3-h800-2048"] {
            #expect(result.standardOutput.contains(row))
        }
        #expect(!result.standardOutput.contains("error:"))
        let refused = try GigawattProcess.run(["models", "power", "--breakdown"])
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("--breakdown applies to 'training' only"))
    }

    @Test("the inference table covers the H100 at batch 1 to 256 with its bound")
    func inference() throws {
        let result = try GigawattProcess.run(["models", "inference"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("h100-sxm"))
        #expect(result.standardOutput.contains("memory"))
    }

    @Test("an unknown topic is a usage error")
    func unknownTopic() throws {
        #expect(try GigawattProcess.run(["models", "thermal"]).status == 2)
        #expect(try GigawattProcess.run(["models", "training", "--fp8"]).status == 2)
    }

    @Test("models power prints the §14 measurements next to the predictions")
    func modelsPower() throws {
        let result = try GigawattProcess.run(["models", "power"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("h100-node-mlperf-gpt3"))
        #expect(result.standardOutput.contains("6.85"))
        #expect(!result.standardOutput.contains("OUT OF TOLERANCE"))
    }
}

@Suite("gigawatt validate-models")
struct ValidateModelsCommandTests {
    @Test("prints every published row with its error and passes only when each is within tolerance or a documented gap")
    func table() throws {
        let result = try GigawattProcess.run(["validate-models"])
        #expect(result.status == 0)
        for row in ["mlperf-v3.1-h100-512", "palm-540b-tpu-v4-throughput", "megatron-gpt3-175b-a100-1024-days"] {
            #expect(result.standardOutput.contains(row))
        }
        #expect(result.standardOutput.contains("0 failure(s)"))
        #expect(!result.standardOutput.contains("OUT OF TOLERANCE"))
    }

    @Test("takes no arguments")
    func noArguments() throws {
        #expect(try GigawattProcess.run(["validate-models", "extra"]).status == 2)
    }
}
