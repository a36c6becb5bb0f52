import Foundation
import Testing
@testable import Sweeps
import ScenarioFormat

/// Runs points by writing a summary.json whose cost is the point's seed, and records which
/// points it was asked to run; fails the points whose ids it is given.
final class RecordingExecutor: PointExecutor, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var ran: [String] = []
    let failing: Set<String>

    init(failing: Set<String> = []) { self.failing = failing }

    func run(_ job: PointJob) -> PointOutcome {
        lock.lock()
        ran.append(job.point.id)
        lock.unlock()
        if failing.contains(job.point.id) { return .failed("no such pool in this point") }
        let staging = job.runDirectory.deletingLastPathComponent().appendingPathComponent(".\(job.point.id).partial-test")
        try! FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        try! #"{ "energy": { "cost_usd": \#(job.point.seed) } }"#.write(to: staging.appendingPathComponent("summary.json"), atomically: true, encoding: .utf8)
        try! FileManager.default.moveItem(at: staging, to: job.runDirectory)
        return .succeeded
    }

    func cancel() {}
}

@Suite("running and merging sweeps")
struct SweepRunnerTests {
    static let sweep = #"{ base: "base.json5", seeds: 3, axes: [{ field: "horizon", values: ["1 h", "2 h"] }], metrics: ["energy.cost_usd"] }"#

    @Test("resuming skips the points already complete and runs only the rest")
    func resume() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let plan = try fixture.plan(Self.sweep)
        let out = fixture.directory.appendingPathComponent("out")
        let first = RecordingExecutor()
        let half = Array(plan.points.prefix(2))
        _ = try SweepRunner(plan: plan, points: half, directory: out, jobs: 2, executor: first).run()
        #expect(Set(first.ran) == Set(half.map(\.id)))
        let second = RecordingExecutor()
        let outcome = try SweepRunner(plan: plan, points: plan.points, directory: out, jobs: 2, executor: second).run()
        #expect(Set(second.ran) == Set(plan.points.dropFirst(2).map(\.id)) && second.ran.count == 4)
        #expect(outcome.progress.skipped == 2 && outcome.progress.succeeded == 4 && outcome.progress.done == 6)
        let third = RecordingExecutor()
        _ = try SweepRunner(plan: plan, points: plan.points, directory: out, jobs: 2, executor: third).run()
        #expect(third.ran.isEmpty)
        let table = try SweepResults.writeTable(in: out)
        #expect(table.rows.map(\.metrics) == [["1"], ["2"], ["3"], ["1"], ["2"], ["3"]])
    }

    @Test("a failing point is reported with its error and kept in failures/, while the other points complete")
    func failureIsolated() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let plan = try fixture.plan(Self.sweep)
        let out = fixture.directory.appendingPathComponent("out")
        let bad = plan.points[1].id
        let outcome = try SweepRunner(plan: plan, points: plan.points, directory: out, jobs: 3,
                                      executor: RecordingExecutor(failing: [bad])).run()
        #expect(outcome.failures.map(\.point.id) == [bad])
        #expect(outcome.failures.first?.message == "no such pool in this point")
        #expect(outcome.progress.succeeded == 5 && outcome.progress.failed == 1)
        let log = try String(contentsOf: out.appendingPathComponent("failures/\(bad).txt"), encoding: .utf8)
        #expect(log.contains("no such pool in this point"))
        #expect(throws: SweepResults.Problem.self) { try SweepResults.collect(in: out) }
        // Fixed and resumed: only the failed point runs, and its failure record goes.
        let retry = RecordingExecutor()
        _ = try SweepRunner(plan: plan, points: plan.points, directory: out, jobs: 3, executor: retry).run()
        #expect(retry.ran == [bad])
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("failures/\(bad).txt").path))
        #expect(try SweepResults.collect(in: out).runDirectories.count == 6)
    }

    @Test("a point run as a child process that crashes is one failure with its error output; the others complete")
    func childProcessCrash() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let plan = try fixture.plan(Self.sweep)
        let bad = plan.points[4]
        // Stands in for `gigawatt run FILE --out DIR …`: aborts on one point, writes a summary otherwise.
        let script = fixture.directory.appendingPathComponent("fake-gigawatt.sh")
        try """
            #!/bin/sh
            case "$2" in *'\(bad.id)'*) echo "simulated crash in $2" >&2; kill -ABRT $$ ;; esac
            mkdir -p "$4" && echo '{ "energy": { "cost_usd": 1 } }' > "$4/summary.json"
            """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let out = fixture.directory.appendingPathComponent("out")
        let outcome = try SweepRunner(plan: plan, points: plan.points, directory: out, jobs: 2,
                                      executor: ProcessPointExecutor(executable: script)).run()
        #expect(outcome.failures.map(\.point.id) == [bad.id])
        let message = outcome.failures.first?.message ?? ""
        #expect(message.contains("simulated crash in") && message.contains("killed by signal \(SIGABRT)"), "\(message)")
        #expect(outcome.progress.succeeded == 5)
        // No scenario or log files are left behind beside the run folders.
        let left = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("points").path).filter { $0.hasPrefix(".") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test("merge reads shard sub-folders and detects a missing point, a duplicated point, a stray point and a different sweep")
    func mergeChecks() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        let plan = try fixture.plan(Self.sweep)
        let out = fixture.directory.appendingPathComponent("merged")
        for shard in 0..<2 {
            let root = out.appendingPathComponent("shard-\(shard)")
            try SweepFixture.writeManifest(plan, in: root)
            for point in try SweepShard.parse("\(shard)/2").get().select(plan.points) {
                try SweepFixture.writePoint(point.id, cost: Double(point.index), in: root)
            }
        }
        let table = try SweepResults.writeTable(in: out)
        #expect(table.rows.map(\.id) == plan.points.map(\.id))
        #expect(table.rows.map { $0.metrics[0] } == ["0.0", "1.0", "2.0", "3.0", "4.0", "5.0"])  // as written in summary.json
        #expect(try String(contentsOf: out.appendingPathComponent("sweep.csv"), encoding: .utf8).hasPrefix(
            "point,horizon,seed,energy.cost_usd\n\"horizon=1_h,seed=1\",1 h,1,0.0\n"))

        let duplicate = plan.points[3].id
        try SweepFixture.writePoint(duplicate, cost: 3, in: out.appendingPathComponent("shard-0"))
        #expect(problems(out) == ["point \(duplicate) is present 2 times: \(out.relativePath)/shard-0/points/\(duplicate), \(out.relativePath)/shard-1/points/\(duplicate); keep one"])
        try FileManager.default.removeItem(at: out.appendingPathComponent("shard-0/points/\(duplicate)"))

        let missing = plan.points[2].id
        try FileManager.default.removeItem(at: out.appendingPathComponent("shard-0/points/\(missing)"))
        #expect(problems(out) == ["1 of 6 points are missing: \(missing)"])
        try SweepFixture.writePoint(missing, cost: 2, in: out.appendingPathComponent("shard-0"))

        try SweepFixture.writePoint("horizon=9_h,seed=1", cost: 0, in: out.appendingPathComponent("shard-1"))
        #expect(problems(out) == ["\(out.relativePath)/shard-1/points/horizon=9_h,seed=1 is not a point of sweep 'sweep'"])
        try FileManager.default.removeItem(at: out.appendingPathComponent("shard-1/points/horizon=9_h,seed=1"))

        let other = try fixture.plan(#"{ base: "base.json5", seeds: 2 }"#)
        try SweepFixture.writeManifest(other, in: out.appendingPathComponent("shard-1"))
        #expect(problems(out).first?.contains("holds the results of a different sweep") == true)
    }

    @Test("a metric through an array is the mean of the elements that have a number")
    func metricMean() throws {
        let fixture = try SweepFixture()
        defer { fixture.remove() }
        try SweepFixture.writePoint("p", cost: 1.5, in: fixture.directory)
        let text = try String(contentsOf: fixture.directory.appendingPathComponent("points/p/summary.json"), encoding: .utf8)
        let summary = try #require(ScenarioFormat.JSON5Parser.parse(text, diagnostics: .init(file: "s")))
        #expect(try SweepMetric.parse("training.jobs[].queue_wait_s").get().value(in: summary) == "15.0")
        #expect(try SweepMetric.parse("energy.cost_usd").get().value(in: summary) == "1.5")
        #expect(try SweepMetric.parse("energy.missing").get().value(in: summary) == nil)
    }

    private func problems(_ directory: URL) -> [String] {
        do {
            _ = try SweepResults.collect(in: directory)
            return []
        } catch {
            return error.lines
        }
    }
}
