import BenchmarkSupport
import Foundation

/// PHOLD in Swift and in C, alternating, so both see the same machine noise; medians reported.
struct KernelBenchmark {
    var repetitions: Int
    var seed: UInt64
    static let eventsPerProcess = 16
    static let maxEvents: UInt64 = 5_000_000
    static let defaultProcessCounts = [1_024, 65_536, 1_048_576]
    var processCounts = defaultProcessCounts

    /// `gigawatt-bench kernel` as a registered suite: the table as printed, in a result file.
    static func suite(_ harness: Harness) throws -> BenchmarkResult {
        var benchmark = KernelBenchmark(repetitions: harness.repetitions, seed: 1)
        if let only = harness.processes { benchmark.processCounts = [only] }
        let (rows, ratios) = try benchmark.run()
        let table = ResultTable(title: "PHOLD, \(eventsPerProcess) events per process, \(maxEvents) events handled, seed 1",
                                columns: ["processes", "implementation", "events/s", "wall (s)", "peak RSS (MiB)", "final time (ns)", "checksum"],
                                rows: rows)
        let ratioTable = ResultTable(title: "Swift / C events per second (median of paired runs; target ≥ 0.85)",
                                     columns: ["processes", "paired median", "best vs best"], rows: ratios)
        return BenchmarkResult(suite: "kernel", command: harness.command, machine: Harness.machine(), tables: [table, ratioTable],
                               notes: ["Swift and C do identical work (same final time and checksum, checked before reporting). "
                                       + "Swift's peak RSS is the whole benchmark process's high-water mark so far (Swift runtime and Foundation "
                                       + "included, and earlier, larger cases); the C figure is its child process alone."])
    }

    @discardableResult
    func run() throws -> (rows: [[ResultCell]], ratios: [[ResultCell]]) {
        var rows: [[ResultCell]] = [], ratios: [[ResultCell]] = []
        let reference = try CReference.build()
        defer { reference.remove() }
        print("PHOLD: \(Self.eventsPerProcess) events per process, \(Self.maxEvents) events handled, seed \(seed), median of \(repetitions) alternating runs")
        print("processes  impl   events/s       wall (s)  peak RSS (MiB)  events   final time           checksum")
        for processes in processCounts {
            var swiftRates: [Double] = [], cRates: [Double] = [], swiftWalls: [Double] = [], cWalls: [Double] = []
            var swiftOutcome: PHOLD.Outcome?, cOutcome: PHOLD.Outcome?, cPeak: Int?
            // One unmeasured round first: page-ins, CPU frequency ramp-up and allocator warm-up
            // would otherwise land on whichever implementation runs first.
            _ = try reference.run(processes: processes, eventsPerProcess: Self.eventsPerProcess, maxEvents: Self.maxEvents, seed: seed)
            _ = PHOLD.run(processes: processes, eventsPerProcess: Self.eventsPerProcess, maxEvents: Self.maxEvents, seed: seed)
            for _ in 0..<repetitions {
                let c = try reference.run(processes: processes, eventsPerProcess: Self.eventsPerProcess, maxEvents: Self.maxEvents, seed: seed)
                let s = PHOLD.run(processes: processes, eventsPerProcess: Self.eventsPerProcess, maxEvents: Self.maxEvents, seed: seed)
                cRates.append(Double(c.0.events) / c.0.seconds); cWalls.append(c.0.seconds)
                swiftRates.append(Double(s.events) / s.seconds); swiftWalls.append(s.seconds)
                cOutcome = c.0; cPeak = c.peakKiB; swiftOutcome = s
            }
            guard let s = swiftOutcome, let c = cOutcome else { continue }
            guard s.events == c.events, s.finalNanoseconds == c.finalNanoseconds, s.checksum == c.checksum else {
                throw CReference.Failure.runFailed("Swift and C did different work (events \(s.events) vs \(c.events), final \(s.finalNanoseconds) vs \(c.finalNanoseconds) ns, checksum \(s.checksum) vs \(c.checksum))")
            }
            let swiftPeak = ProcessMemory.peakResidentKiB()
            func row(_ name: String, _ rate: Double, _ wall: Double, _ peakKiB: Int?, _ o: PHOLD.Outcome) -> String {
                let peak = peakKiB.map { String(format: "%.1f", Double($0) / 1024) } ?? "n/a"
                return [padded("\(processes)", 10), padded(name, 6), padded(String(format: "%.0f", rate), 14),
                        padded(String(format: "%.3f", wall), 9), padded(peak, 15), padded("\(o.events)", 8),
                        padded("\(o.finalNanoseconds)", 20), "\(o.checksum)"].joined(separator: " ")
            }
            let swiftRate = median(swiftRates), cRate = median(cRates)  // for the table rows
            print(row("swift", swiftRate, median(swiftWalls), swiftPeak, s))
            print(row("c", cRate, median(cWalls), cPeak, c))
            for (name, rates, walls, peak, outcome) in [("swift", swiftRates, swiftWalls, swiftPeak, s), ("c", cRates, cWalls, cPeak, c)] {
                rows.append([.integer(processes), .text(name), .samples(Samples(rates), decimals: 0), .samples(Samples(walls), decimals: 3),
                             peak.map { .number(Double($0) / 1024, decimals: 1) } ?? .text("n/a"),
                             .text("\(outcome.finalNanoseconds)"), .text("\(outcome.checksum)")])
            }
            // Each Swift run is paired with the C run just before it, so slow drift of a shared
            // machine cancels within a pair; the median of the paired ratios is the verdict. The
            // best-against-best ratio is shown too: noise only ever slows a run down.
            let pairedRatio = median(zip(swiftRates, cRates).map { $0 / $1 })
            let bestRatio = swiftRates.max()! / cRates.max()!
            print(padded("\(processes)", 10) + " ratio  swift/c events/s = " + String(format: "%.3f", pairedRatio)
                  + " (median of paired runs; best vs best " + String(format: "%.3f", bestRatio) + "; target ≥ 0.85)"
                  + (pairedRatio >= 0.85 ? "" : "  BELOW TARGET"))
            ratios.append([.integer(processes), .number(pairedRatio, decimals: 3), .number(bestRatio, decimals: 3)])
        }
        print("(Swift peak RSS is the whole benchmark process's high-water mark so far.)")
        return (rows, ratios)
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

func padded(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}
