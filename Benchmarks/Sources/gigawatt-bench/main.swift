import Foundation

/// `gigawatt-bench`: measures the simulator itself. Run in release mode:
///
///     swift run -c release gigawatt-bench kernel [--repetitions N] [--seed S]
///
/// Timing is never asserted in tests; figures go to Benchmarks/RESULTS.md with the command.
let usage = """
    usage: \(HarnessCommands.usage)

    single-purpose benchmarks (print only):
           gigawatt-bench fleet [SCENARIO] [--repetitions N]
           gigawatt-bench training [--jobs N] [--seed S] [--policy fifo|easy-backfill] [--cap-mw MW [--cap-action throttle|hold|preempt]]
           gigawatt-bench scheduling [--jobs N] [--seed S] [--repetitions N] [--policy NAME] [--round-only] [--scale K]
           gigawatt-bench inference [iteration|fluid] [--requests N] [--services N]

      kernel   (a suite) PHOLD (1,024, 65,536 and 1,048,576 processes, 16 events each,
               5,000,000 events) against the C binary-heap reference in Benchmarks/Reference/phold.c,
               built here with cc -O2: events/s, wall time and peak RSS (medians of N alternating
               runs) and the Swift/C events/s ratio. Target: ratio ≥ 0.85.
      fleet    reads a fleet scenario (default Scenarios/fleet-million-chips.json5) and builds
               its chip numbering, power trees and links; wall time and peak RSS.
               Target: 1,048,576 chips in < 2 s and < 1 GiB.
      training 10,000 training jobs (FIFO) on 100,000 GPUs over 30 simulated days.
               Target: < 10 s wall, < 1 GiB.
      scheduling every policy: one decision round over 10,000 queued jobs on a half-full
               100,000-chip H100 + TPU v6e + Trn1 fleet (median ms), then 10,000 jobs over
               30 simulated days (wall s, events/s). --policy measures one; --round-only skips
               the month; --scale K makes every pool K times larger (10: ~1,000,000 chips).
      inference iteration: 1,000,000 requests on 64 Llama-2-70B H100 replicas (target < 10 s);
               fluid: 1,000 services over 30 days (target < 5 s). Wall time and peak RSS.
    """

let allArguments = Array(CommandLine.arguments.dropFirst())
guard let command = allArguments.first else {
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
}
let arguments = Array(allArguments.dropFirst())
// The harness (suites with result files, all, counters, report); `kernel` is one of its suites.
if let status = HarnessCommands.run(command, arguments) { exit(status) }

func option(_ name: String, default value: UInt64, in arguments: [String]) -> UInt64 {
    guard let index = arguments.firstIndex(of: name) else { return value }
    guard index + 1 < arguments.count, let parsed = UInt64(arguments[index + 1]) else {
        FileHandle.standardError.write(Data("gigawatt-bench: \(name) needs a non-negative integer\n".utf8))
        exit(2)
    }
    return parsed
}

switch command {
case "fleet":
    let path = arguments.first { !$0.hasPrefix("--") && UInt64($0) == nil } ?? "Scenarios/fleet-million-chips.json5"
    do {
        try FleetBenchmark(scenarioPath: path, repetitions: Int(max(option("--repetitions", default: 5, in: arguments), 1))).run()
    } catch {
        FileHandle.standardError.write(Data("gigawatt-bench: \(error)\n".utf8))
        exit(1)
    }
case "training":
    do {
        let policy = arguments.firstIndex(of: "--policy").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } ?? "fifo"
        let cap = arguments.contains("--cap-mw") ? option("--cap-mw", default: 0, in: arguments) : nil
        let capAction = arguments.firstIndex(of: "--cap-action").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } ?? "throttle"
        try TrainingBenchmark(jobs: Int(option("--jobs", default: 10_000, in: arguments)),
                              seed: option("--seed", default: 1, in: arguments), policy: policy,
                              capMegawatts: cap, capAction: capAction).run()
    } catch {
        FileHandle.standardError.write(Data("gigawatt-bench: \(error)\n".utf8))
        exit(1)
    }
case "scheduling":
    do {
        let policy = arguments.firstIndex(of: "--policy").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        try SchedulingBenchmark(jobs: Int(option("--jobs", default: 10_000, in: arguments)),
                                seed: option("--seed", default: 1, in: arguments),
                                repetitions: Int(max(option("--repetitions", default: 5, in: arguments), 1)),
                                policies: policy.map { [$0] } ?? SchedulingBenchmark.defaultPolicies,
                                skipMonth: arguments.contains("--round-only"),
                                scale: Int(max(option("--scale", default: 1, in: arguments), 1))).run()
    } catch {
        FileHandle.standardError.write(Data("gigawatt-bench: \(error)\n".utf8))
        exit(1)
    }
case "inference":
    do {
        try InferenceBenchmark.main(arguments)
    } catch {
        FileHandle.standardError.write(Data("gigawatt-bench: \(error)\n".utf8))
        exit(1)
    }
case "--help", "-h", "help":
    print(usage)
default:
    FileHandle.standardError.write(Data("gigawatt-bench: unknown benchmark '\(command)'\n\(usage)\n".utf8))
    exit(2)
}
