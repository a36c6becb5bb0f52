import Foundation
import Gigawatt
import ScenarioFormat
import SimKernel
import Testing
@testable import TraceOutput

/// trace.json checked against the Trace Event Format document: every event has `ph`, `pid`,
/// `name`, and (except metadata) `ts` and `tid`; `X` events have a non-negative `dur`; `B`/`E`
/// pairs balance per track; spans on one track nest (none overlaps another partially); counters
/// carry numeric series.
@Suite("trace.json format")
struct TraceFormatTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func trace(of name: String, selection: TraceSelection = .everything) throws -> [[String: Any]] {
        let scenario = try ScenarioLoader.load(contentsOf: Self.repository.appendingPathComponent("Scenarios/\(name).json5"), displayName: name)
        let url = HandMadeRun.scratch().appendingPathExtension("json")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try TraceWriter(url: url, selection: selection)
        _ = Simulation.run(scenario, sink: writer)
        #expect(writer.writeError == nil)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        return try #require(root["traceEvents"] as? [[String: Any]])
    }

    /// Every problem with the events, one line each.
    static func problems(_ events: [[String: Any]]) -> [String] {
        var found: [String] = []
        var open: [String: [(name: String, ts: Double)]] = [:]
        var spans: [String: [(start: Double, end: Double)]] = [:]
        for (index, event) in events.enumerated() {
            guard let ph = event["ph"] as? String, event["pid"] is Int, event["name"] is String else {
                found.append("event \(index) lacks ph, pid or name"); continue
            }
            guard ["M", "X", "B", "E", "i", "C"].contains(ph) else { found.append("event \(index): unknown ph \(ph)"); continue }
            if ph == "M" { continue }
            guard let ts = event["ts"] as? Double, ts >= 0 else { found.append("event \(index) (\(ph)) lacks a ts"); continue }
            let tid = event["tid"] as? Int
            if tid == nil { found.append("event \(index) (\(ph)) lacks a tid") }
            let track = "\(event["pid"]!)/\(tid ?? -1)"
            switch ph {
            case "X":
                guard let dur = event["dur"] as? Double, dur >= 0 else { found.append("event \(index): X without a non-negative dur"); continue }
                spans[track, default: []].append((ts, ts + dur))
            case "B": open[track, default: []].append((event["name"] as! String, ts))
            case "E":
                guard let begin = open[track]?.popLast() else { found.append("event \(index): E without B on \(track)"); continue }
                spans[track, default: []].append((begin.ts, ts))
            case "C":
                let args = event["args"] as? [String: Any] ?? [:]
                if args.isEmpty || !args.values.allSatisfy({ $0 is Double || $0 is Int }) { found.append("event \(index): counter without numeric args") }
            case "i":
                if let scope = event["s"] as? String, !["g", "p", "t"].contains(scope) { found.append("event \(index): instant scope \(scope)") }
            default: break
            }
        }
        for (track, stack) in open where !stack.isEmpty { found.append("track \(track): \(stack.count) B without E") }
        for (track, list) in spans {
            // Nesting: sorted by start (longest first on ties), each span ends within every span
            // still open around it. Times are compared to 1 ns (0.001 µs): ts + dur is a Double sum.
            let tolerance = 1e-3
            var stack: [Double] = []
            for span in list.sorted(by: { ($0.start, -$0.end) < ($1.start, -$1.end) }) {
                while let top = stack.last, top <= span.start + tolerance { stack.removeLast() }
                if let top = stack.last, span.end > top + tolerance { found.append("track \(track): span at \(span.start) overlaps its parent") }
                stack.append(span.end)
            }
        }
        return found
    }

    @Test("every event of a run's trace has the format's required fields and spans nest per track",
          arguments: ["training-quickstart", "pool-outage-failover"])
    func wellFormed(_ name: String) throws {
        let events = try trace(of: name)
        #expect(Self.problems(events).isEmpty, "\(Self.problems(events))")
        let counters = Set(events.filter { $0["ph"] as? String == "C" }.compactMap { $0["name"] as? String })
        #expect(counters.isSuperset(of: ["power (W)", "cost rate ($/h)", "carbon rate (kg CO2e/h)", "utilisation (% of hosts busy)"]))
    }

    @Test("the checker catches an unbalanced B, a partial overlap and a span without dur")
    func checkerCatches() {
        let bad: [[String: Any]] = [
            ["ph": "B", "pid": 1, "tid": 1, "name": "a", "ts": 0.0],
            ["ph": "X", "pid": 1, "tid": 2, "name": "b", "ts": 0.0, "dur": 10.0],
            ["ph": "X", "pid": 1, "tid": 2, "name": "c", "ts": 5.0, "dur": 10.0],
            ["ph": "X", "pid": 1, "tid": 3, "name": "d", "ts": 5.0],
        ]
        #expect(Self.problems(bad).count == 3)
    }

    @Test("a window and a pool selection keep only events inside them, spans cut at the edges")
    func selection() throws {
        let window = (SimTime.zero + .hours(2))...(SimTime.zero + .hours(6))
        let events = try trace(of: "training-quickstart", selection: TraceSelection(window: window, pools: ["gpu"]))
        #expect(Self.problems(events).isEmpty)
        let names = events.filter { $0["name"] as? String == "process_name" }.compactMap { ($0["args"] as? [String: Any])?["name"] as? String }
        #expect(names.count == 2 && names.contains { $0.hasPrefix("pool gpu") } && names.contains { $0.hasPrefix("site ") })
        for event in events where event["ph"] as? String != "M" {
            let ts = event["ts"] as! Double, end = ts + (event["dur"] as? Double ?? 0)
            #expect(ts >= 7_200e6 && end <= 21_600e6, "\(event)")
        }
        #expect(events.contains { $0["ph"] as? String == "X" })
    }

    @Test("trace windows read START..END with either side optional; bad values say what is wrong")
    func windowParsing() throws {
        let horizon = SimDuration.days(30)
        #expect(try TraceSelection.window("2d..5d", horizon: horizon).get() == (SimTime.zero + .days(2))...(SimTime.zero + .days(5)))
        #expect(try TraceSelection.window("..12 h", horizon: horizon).get() == SimTime.zero...(SimTime.zero + .hours(12)))
        #expect(try TraceSelection.window("29d..", horizon: horizon).get() == (SimTime.zero + .days(29))...(SimTime.zero + horizon))
        for (text, message) in [("5d", "expects START..END"), ("5d..2d", "must come after the start"), ("x..2d", "--trace-window start"),
                                ("40d..50d", "after the end of the run"), ("1d..2d..3d", "expects START..END")] {
            guard case .failure(let error) = TraceSelection.window(text, horizon: horizon) else { Issue.record("\(text) accepted"); continue }
            #expect(error.description.contains(message), "\(text): \(error)")
        }
        #expect(try TraceSelection.pools("a, b", known: ["a", "b", "c"]).get() == ["a", "b"])
        guard case .failure(let error) = TraceSelection.pools("a,z", known: ["a", "b"]) else { Issue.record("unknown pool accepted"); return }
        #expect(error.description == "--trace-pools: the scenario has no pool 'z'; its pools: a, b")
    }
}
