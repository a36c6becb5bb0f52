import BenchmarkLadders
import BenchmarkSupport
import Foundation

/// The harness's commands: every registered suite by name, `all`, `counters`, `report`, and the
/// measured child `rung`. Returns nil for a command it does not know (main.swift's older
/// single-purpose benchmarks), otherwise the exit status.
enum HarnessCommands {
    static let usage = """
        gigawatt-bench SUITE [--repetitions N] [--full]     run one suite, write Benchmarks/results/SUITE.json
        gigawatt-bench all [--repetitions N] [--full]       every suite, the counters check, then the report (< 15 min)
        gigawatt-bench counters [--update]                  check (or re-record) Benchmarks/counters.json
        gigawatt-bench report                               regenerate Benchmarks/RESULTS.md from results/*.json

      suites:
    \(SuiteRegistry.all.map { "    " + padded($0.name, 9) + $0.summary }.joined(separator: "\n"))
      options: --repetitions N (default 3) measured runs per figure, medians quoted;
               --full adds the largest ladder rungs; ladder --ladder NAME runs one ladder
               (\(LadderRegistry.names.joined(separator: ", "))); kernel --processes P runs one size;
               peers --no-vidur leaves Vidur out.
    """

    static func run(_ command: String, _ arguments: [String]) -> Int32? {
        defer { if command != "rung" { try? FileManager.default.removeItem(at: Harness.scratch) } }
        do {
            switch command {
            case "rung":
                try RungChild.main(arguments)
                return 0
            case "counters":
                return try counters(update: arguments.contains("--update"))
            case "report":
                try report()
                return 0
            case "all":
                return try all(arguments)
            default:
                guard let suite = SuiteRegistry.suite(named: command) else { return nil }
                try Harness.save(try suite.run(harness(command, arguments)))
                return 0
            }
        } catch {
            FileHandle.standardError.write(Data("gigawatt-bench \(command): \(error)\n".utf8))
            return 1
        }
    }

    static func harness(_ command: String, _ arguments: [String]) -> Harness {
        let repetitions = arguments.firstIndex(of: "--repetitions").flatMap { $0 + 1 < arguments.count ? Int(arguments[$0 + 1]) : nil } ?? 3
        return Harness(repetitions: max(repetitions, 1), full: arguments.contains("--full"),
                       command: (["swift run -c release gigawatt-bench", command] + arguments).joined(separator: " "), arguments: arguments)
    }

    static func all(_ arguments: [String]) throws -> Int32 {
        let start = Date()
        var failures: [String] = []
        for suite in SuiteRegistry.all {
            print("== \(suite.name): \(suite.summary)")
            let suiteStart = Date()
            do {
                try Harness.save(try suite.run(harness(suite.name, arguments)))
            } catch {
                failures.append("\(suite.name): \(error)")
                FileHandle.standardError.write(Data("gigawatt-bench all: \(suite.name) failed: \(error)\n".utf8))
            }
            print("   (\(formatSeconds(Date().timeIntervalSince(suiteStart))) s)")
        }
        print("== counters")
        if try counters(update: false) != 0 { failures.append("counters differ from Benchmarks/counters.json") }
        try report()
        print("all: \(formatSeconds(Date().timeIntervalSince(start))) s" + (failures.isEmpty ? "" : "; failed: \(failures.joined(separator: "; "))"))
        return failures.isEmpty ? 0 : 1
    }

    /// Computes the counters of every ladder's counter rungs; compares them with
    /// Benchmarks/counters.json, or writes them there with `update`.
    static func counters(update: Bool) throws -> Int32 {
        let url = Harness.benchmarks.appendingPathComponent("counters.json")
        var entries: [CounterFile.Entry] = []
        for ladder in LadderRegistry.all {
            for size in ladder.counterRungs {
                entries.append(try CounterFile.measure(ladder, size: size, laddersDirectory: Harness.ladders))
            }
        }
        if update {
            try CounterFile(entries: entries).write(to: url)
            print("counters: recorded \(entries.count) rungs in \(url.path)")
            return 0
        }
        let recorded = (try? CounterFile.read(from: url).entries) ?? []
        var differences = 0
        for entry in entries {
            let old = recorded.first { $0.ladder == entry.ladder && $0.size == entry.size }
            let same = old?.counters == entry.counters
            if !same { differences += 1 }
            print("  \(padded(entry.ladder, 14)) \(padded("\(entry.size)", 8)) events \(padded("\(entry.counters.events)", 9)) "
                  + "placements \(padded("\(entry.counters.decisions)", 7)) digest \(entry.counters.summaryDigest)"
                  + (same ? "  ok" : old == nil ? "  NOT RECORDED" : "  DIFFERS (recorded: events \(old!.counters.events), placements \(old!.counters.decisions), digest \(old!.counters.summaryDigest))"))
        }
        print(differences == 0 ? "counters: all \(entries.count) rungs match" : "counters: \(differences) rungs differ; if intended, run `gigawatt-bench counters --update`")
        return differences == 0 ? 0 : 1
    }

    /// RESULTS.md from RESULTS.template.md and results/*.json, written atomically.
    static func report() throws {
        let template = try String(contentsOf: Harness.benchmarks.appendingPathComponent("RESULTS.template.md"), encoding: .utf8)
        let results = try BenchmarkResult.readAll(in: Harness.results)
        let text = ResultsReport(template: template, results: results).render()
        try Data(text.utf8).write(to: Harness.benchmarks.appendingPathComponent("RESULTS.md"), options: .atomic)
        print("report: Benchmarks/RESULTS.md from \(results.count) result files")
    }
}
