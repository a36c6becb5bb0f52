import BenchmarkSupport
import Foundation

/// PHOLD in Gigawatt, SimPy and salabim in one invocation: events per second side by side and
/// Gigawatt's ratio to each. The peers come from PyPI (versions pinned in
/// `Benchmarks/Peers/requirements.txt`), installed into `Benchmarks/.venv`, which the harness
/// creates on first use.
///
/// The size is smaller than `kernel`'s (1,024 processes, 1,000,000 events) because the Python
/// peers run at a few hundred thousand events per second.
struct PeersSuite {
    static let processes = 1_024
    static let eventsPerProcess = 16
    static let maxEvents: UInt64 = 1_000_000

    struct PeerRun {
        var events: UInt64
        var seconds: Double
        var finalTime: String
        var peakRSSMiB: Double
    }

    func run(_ harness: Harness) throws -> BenchmarkResult {
        let python = try Self.environment()
        let version = (try? Subprocess.output(python, ["--version"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "python"
        let seed: UInt64 = 1
        var gigawatt: [Double] = [], simpy: [PeerRun] = [], salabim: [PeerRun] = []
        // Alternate implementations so slow drift of a shared machine hits all of them alike.
        _ = PHOLD.run(processes: Self.processes, eventsPerProcess: Self.eventsPerProcess, maxEvents: Self.maxEvents, seed: seed)
        for _ in 0..<harness.repetitions {
            let outcome = PHOLD.run(processes: Self.processes, eventsPerProcess: Self.eventsPerProcess, maxEvents: Self.maxEvents, seed: seed)
            gigawatt.append(Double(outcome.events) / outcome.seconds)
            simpy.append(try Self.peer(python, "phold_simpy.py", seed: seed))
            salabim.append(try Self.peer(python, "phold_salabim.py", seed: seed))
        }
        for run in simpy + salabim where run.events != Self.maxEvents {
            throw HarnessFailure("a peer handled \(run.events) events instead of \(Self.maxEvents)")
        }
        // Both Python models draw from the same Python streams, so they must end at the same time.
        guard Set((simpy + salabim).map(\.finalTime)).count == 1 else {
            throw HarnessFailure("SimPy and salabim reached different final times: \(Set((simpy + salabim).map(\.finalTime)))")
        }
        let g = Samples(gigawatt)
        let s = Samples(simpy.map { Double($0.events) / $0.seconds }), l = Samples(salabim.map { Double($0.events) / $0.seconds })
        let table = ResultTable(
            title: "PHOLD, \(Self.processes) processes, \(Self.eventsPerProcess) events each, \(Self.maxEvents) events handled",
            columns: ["simulator", "events/s", "Gigawatt ÷ this", "peak RSS (MiB)"],
            rows: [[.text("Gigawatt (Swift, release)"), .samples(g, decimals: 0), .number(1, decimals: 1), .text("in the harness process")],
                   [.text("SimPy 4.1.2 (\(version))"), .samples(s, decimals: 0), .number(g.median / s.median, decimals: 1),
                    .number(simpy.map(\.peakRSSMiB).max()!, decimals: 1)],
                   [.text("salabim 26.0.9 (\(version))"), .samples(l, decimals: 0), .number(g.median / l.median, decimals: 1),
                    .number(salabim.map(\.peakRSSMiB).max()!, decimals: 1)]])
        print("peers: Gigawatt \(ResultCell.format(g.median, 0)) events/s; SimPy \(ResultCell.format(s.median, 0)) "
              + "(Gigawatt \(String(format: "%.1f", g.median / s.median))×); salabim \(ResultCell.format(l.median, 0)) "
              + "(Gigawatt \(String(format: "%.1f", g.median / l.median))×)")
        let (vidur, vidurNote) = harness.arguments.contains("--no-vidur") ? (nil, "Vidur was not run (--no-vidur).")
            : VidurPeer.table(repetitions: harness.repetitions)
        return BenchmarkResult(
            suite: "peers", command: harness.command, machine: Harness.machine(), tables: [table] + (vidur.map { [$0] } ?? []),
            notes: ["The Python models (Benchmarks/Peers/phold_simpy.py, phold_salabim.py) are written as their users write models: "
                    + "one process per circulating event. They draw from Python's Mersenne Twister, so their final time differs from "
                    + "Gigawatt's (the two Python runs are checked to agree with each other); the work per event is the same: one "
                    + "event handled, one target and one delay drawn, one event scheduled. Python times exclude interpreter "
                    + "start-up and imports; median of \(harness.repetitions) alternating runs.", vidurNote])
    }

    /// Creates `Benchmarks/<name>` and installs the pinned `Peers/<requirements>` when they are
    /// not installed yet; returns the environment's python.
    static func environment(name: String = ".venv", requirements file: String = "requirements.txt") throws -> String {
        let venv = Harness.benchmarks.appendingPathComponent(name)
        let python = venv.appendingPathComponent("bin/python").path
        let requirements = Harness.benchmarks.appendingPathComponent("Peers/\(file)")
        let stamp = venv.appendingPathComponent("installed-requirements.txt")
        let wanted = try String(contentsOf: requirements, encoding: .utf8)
        if (try? String(contentsOf: stamp, encoding: .utf8)) == wanted, FileManager.default.isExecutableFile(atPath: python) {
            return python
        }
        print("peers: creating \(venv.path) and installing \(requirements.lastPathComponent) from PyPI…")
        if !FileManager.default.isExecutableFile(atPath: python) {
            _ = try Subprocess.output("/usr/bin/env", ["python3", "-m", "venv", venv.path])
        }
        _ = try Subprocess.output(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", requirements.path])
        try wanted.write(to: stamp, atomically: true, encoding: .utf8)
        return python
    }

    static func peer(_ python: String, _ script: String, seed: UInt64) throws -> PeerRun {
        let path = Harness.benchmarks.appendingPathComponent("Peers/\(script)").path
        let (measurement, output) = try Harness.measure().run(python, [path, "\(processes)", "\(eventsPerProcess)", "\(maxEvents)", "\(seed)"])
        var fields: [String: String] = [:]
        for pair in output.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        guard measurement.status == 0, let events = fields["events"].flatMap(UInt64.init), let seconds = fields["seconds"].flatMap(Double.init),
              let final = fields["final_time"] else {
            throw HarnessFailure("\(script) failed (status \(measurement.status)): \(output.suffix(1_000))")
        }
        return PeerRun(events: events, seconds: seconds, finalTime: final, peakRSSMiB: measurement.peakRSSMiB)
    }
}
