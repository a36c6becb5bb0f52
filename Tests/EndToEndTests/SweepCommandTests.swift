import Foundation
import Testing

@Suite("gigawatt sweep")
struct SweepCommandTests {
    private let example = GigawattProcess.repositoryRoot.appendingPathComponent("Scenarios/sweeps/sweep-stream-policy.json5").path

    private func sweep(_ arguments: [String], in directory: URL, expecting status: Int32 = 0) throws -> GigawattProcess.Outcome {
        let result = try GigawattProcess.run(["sweep"] + arguments, in: directory)
        #expect(result.status == status, "\(result.standardError)")
        return result
    }

    private func contents(_ path: String, in directory: URL) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(path))
    }

    @Test("--jobs 1 and --jobs 2 write identical tables and identical point results")
    func jobsDoNotChangeResults() throws {
        let directory = try GigawattProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let one = try sweep([example, "--out", "one", "--jobs", "1"], in: directory)
        _ = try sweep([example, "--out", "two", "--jobs", "2"], in: directory)
        #expect(one.standardOutput.contains("sweep stream-policy: 12 points complete (12 run now)"))
        for file in ["sweep.csv", "sweep.html", "sweep-plan.json"] {
            #expect(try contents("one/\(file)", in: directory) == contents("two/\(file)", in: directory), "\(file)")
        }
        let points = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("one/points").path).sorted()
        #expect(points.count == 12 && points.allSatisfy { !$0.hasPrefix(".") })
        for point in points {
            #expect(try contents("one/points/\(point)/summary.json", in: directory) == contents("two/points/\(point)/summary.json", in: directory))
        }
        let csv = try String(contentsOf: directory.appendingPathComponent("one/sweep.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 13)
        #expect(csv.hasPrefix("point,policy,hosts,seed,training.completed,"))
        let html = try String(contentsOf: directory.appendingPathComponent("one/sweep.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "<svg").count - 1 == 6 * 2)  // each metric by each axis
        #expect(html.contains("class=\"errorbar\""))
    }

    @Test("shards in one folder, or in one sub-folder each, merge to the same files as a local run")
    func shardsMerge() throws {
        let directory = try GigawattProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try sweep([example, "--out", "local"], in: directory)
        for shard in 0..<3 {
            let result = try sweep([example, "--out", "shared", "--shard", "\(shard)/3"], in: directory)
            #expect(result.standardOutput.contains("shard \(shard)/3: 4 points complete"))
            _ = try sweep([example, "--out", "synced/shard-\(shard)", "--shard", "\(shard)/3"], in: directory)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("shared/sweep.csv").path))
        let early = try sweep(["merge", "synced/shard-1"], in: directory, expecting: 65)
        #expect(early.standardError.contains("8 of 12 points are missing"))
        _ = try sweep(["merge", "shared"], in: directory)
        _ = try sweep(["merge", "synced"], in: directory)
        for file in ["sweep.csv", "sweep.html"] {
            #expect(try contents("shared/\(file)", in: directory) == contents("local/\(file)", in: directory), "\(file)")
            #expect(try contents("synced/\(file)", in: directory) == contents("local/\(file)", in: directory), "\(file)")
        }
        // The same shard run twice into sub-folders is a duplicate that merge refuses.
        _ = try sweep([example, "--out", "synced/shard-1-again", "--shard", "1/3"], in: directory)
        let duplicated = try sweep(["merge", "synced"], in: directory, expecting: 65)
        #expect(duplicated.standardError.contains("is present 2 times"))
    }

    @Test("running the same sweep again resumes: only points without results run, and the tables come out the same")
    func resume() throws {
        let directory = try GigawattProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try sweep([example, "--out", "out"], in: directory)
        let table = try contents("out/sweep.csv", in: directory)
        try FileManager.default.removeItem(at: directory.appendingPathComponent("out/points/policy=fifo,hosts=12,seed=2"))
        try FileManager.default.removeItem(at: directory.appendingPathComponent("out/sweep.csv"))
        let again = try sweep([example, "--out", "out"], in: directory)
        #expect(again.standardOutput.contains("12 points complete (1 run now, 11 already complete)"))
        #expect(again.standardError.contains("policy=fifo,hosts=12,seed=2 done"))
        #expect(try contents("out/sweep.csv", in: directory) == table)
    }

    @Test("a point whose run fails is reported with its error and exit status 1, while the other points complete")
    func failingPoint() throws {
        let directory = try GigawattProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A file where one point's run folder should go makes that run fail (and only that one).
        let blocked = "policy=easy-backfill,hosts=8,seed=2"
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("out/points"), withIntermediateDirectories: true)
        try Data().write(to: directory.appendingPathComponent("out/points/\(blocked)"))
        let result = try sweep([example, "--out", "out", "--jobs", "2"], in: directory, expecting: 1)
        #expect(result.standardError.contains("point \(blocked) failed (kept in out/failures/\(blocked).txt):"))
        #expect(result.standardError.contains("is a file, not a directory"))
        #expect(result.standardError.contains("1 of 12 points failed, 11 are complete"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out/sweep.csv").path))
        let log = try String(contentsOf: directory.appendingPathComponent("out/failures/\(blocked).txt"), encoding: .utf8)
        #expect(log.contains("is a file, not a directory"))
        // Fixed, the same command runs only that point and writes the tables.
        try FileManager.default.removeItem(at: directory.appendingPathComponent("out/points/\(blocked)"))
        let fixed = try sweep([example, "--out", "out"], in: directory)
        #expect(fixed.standardOutput.contains("(1 run now, 11 already complete)"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out/failures/\(blocked).txt").path))
    }

    @Test("an interrupted sweep keeps its complete points and nothing half-written, and resumes to the same tables")
    func interruption() throws {
        let directory = try GigawattProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let base = GigawattProcess.repositoryRoot.appendingPathComponent("Scenarios/sweeps/stream-base.json5").path
        try """
            { base: "\(base)", seeds: 60, axes: [{ field: "scheduler.policy", values: ["fifo"] }], metrics: ["energy.cost_usd"] }
            """.write(to: directory.appendingPathComponent("long.json5"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = GigawattProcess.executable
        process.arguments = ["sweep", "long.json5", "--out", "out", "--jobs", "1", "--quiet"]
        process.currentDirectoryURL = directory
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Interrupt once some points are complete (the folder appears with the first one).
        let points = directory.appendingPathComponent("out/points")
        for _ in 0..<600 {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: points.path)) ?? []
            if names.filter({ !$0.hasPrefix(".") }).count >= 2 { break }
            usleep(10_000)
        }
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + SIGINT)
        let names = try FileManager.default.contentsOfDirectory(atPath: points.path)
        #expect(names.allSatisfy { !$0.hasPrefix(".") }, "\(names)")  // no staging, scenario or log files
        #expect(names.count < 60)
        for name in names {
            #expect(FileManager.default.fileExists(atPath: points.appendingPathComponent("\(name)/summary.json").path))
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out/sweep.csv").path))
        let resumed = try sweep(["long.json5", "--out", "out"], in: directory)
        #expect(resumed.standardOutput.contains("60 points complete (\(60 - names.count) run now, \(names.count) already complete)"))
        _ = try sweep(["long.json5", "--out", "fresh", "--jobs", "2"], in: directory)
        #expect(try contents("out/sweep.csv", in: directory) == contents("fresh/sweep.csv", in: directory))
    }

    @Test("files the base scenario names are found relative to the base, wherever the sweep file and output are")
    func baseRelativeFiles() throws {
        let directory = try GigawattProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let philly = GigawattProcess.repositoryRoot.appendingPathComponent("Scenarios/philly-replay.json5").path
        try """
            { base: "\(philly)", axes: [{ field: "horizon", values: ["2 h"] }, { field: "scheduler.policy", values: ["fifo", "easy-backfill"] }],
              metrics: ["training.completed", "training.jobs[].queue_wait_s"] }
            """.write(to: directory.appendingPathComponent("philly.json5"), atomically: true, encoding: .utf8)
        _ = try sweep(["philly.json5", "--out", "out"], in: directory)
        let rows = try String(contentsOf: directory.appendingPathComponent("out/sweep.csv"), encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 3 && rows[1].hasPrefix("\"horizon=2_h,policy=fifo,seed=2017\",2 h,fifo,2017,"))
    }

    @Test("a bad sweep file or a point that is not a valid scenario stops the sweep before anything runs")
    func invalidSweep() throws {
        let directory = try GigawattProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let base = GigawattProcess.repositoryRoot.appendingPathComponent("Scenarios/sweeps/stream-base.json5").path
        try """
            { base: "\(base)",
              axes: [{ field: "scheduler.policy", values: ["fifo", "backfill"] }] }
            """.write(to: directory.appendingPathComponent("bad.json5"), atomically: true, encoding: .utf8)
        let result = try sweep(["bad.json5", "--out", "out"], in: directory, expecting: 65)
        #expect(result.standardError.hasPrefix("bad.json5:2:56: error: axes[0]: point policy=backfill,seed=1 is not a valid scenario: scheduler.policy: unknown scheduling policy 'backfill'"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out").path))
        let usage = try sweep(["bad.json5", "--out", "out", "--shard", "3/3"], in: directory, expecting: 2)
        #expect(usage.standardError.contains("--shard: the shard index must be from 0 to 2"))
        // A folder that is not a sweep's (here a run's) is not written into.
        let run = try GigawattProcess.run(["run", base, "--out", "a-run", "--quiet"], in: directory)
        #expect(run.status == 0)
        let refused = try sweep([example, "--out", "a-run"], in: directory, expecting: 2)
        #expect(refused.standardError.contains("a-run exists and is not a sweep's output folder"))
    }
}
