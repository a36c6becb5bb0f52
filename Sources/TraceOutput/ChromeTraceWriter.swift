import Foundation
import SimKernel

/// Streams a trace in the Chrome trace-event format (the JSON object form with a
/// `traceEvents` array), which Perfetto UI and chrome://tracing open.
///
/// Event kinds used (per the Trace Event Format document): `M` metadata (process and thread
/// names), `X` complete events (spans with a start and a duration), `i` instant events, and `C`
/// counters. Timestamps and durations are in microseconds as the format requires, printed with
/// three decimals so nanosecond simulated times survive. Events are written as they come; the
/// writer keeps nothing but a small buffer.
public final class ChromeTraceWriter {
    private let output: BufferedFileWriter
    private var eventCount = 0
    private var isClosed = false

    /// Scope of an instant event: the whole trace, one process, or one thread.
    public enum InstantScope: String {
        case global = "g", process = "p", thread = "t"
    }

    public init(url: URL) throws {
        output = try BufferedFileWriter(url: url)
        try output.write("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n")
    }

    /// Names a process (a track group: a pool, a site).
    public func nameProcess(_ pid: Int, _ name: String, sortIndex: Int? = nil) throws {
        try event(#"{"ph":"M","pid":\#(pid),"tid":0,"name":"process_name","args":{"name":\#(quoted(name))}}"#)
        if let sortIndex {
            try event(#"{"ph":"M","pid":\#(pid),"tid":0,"name":"process_sort_index","args":{"sort_index":\#(sortIndex)}}"#)
        }
    }

    /// Names a thread (a track: a job, a replica group).
    public func nameThread(_ pid: Int, _ tid: Int, _ name: String) throws {
        try event(#"{"ph":"M","pid":\#(pid),"tid":\#(tid),"name":"thread_name","args":{"name":\#(quoted(name))}}"#)
    }

    /// A span from `start` to `end` on one track.
    /// - Precondition: `end >= start`.
    public func span(pid: Int, tid: Int, name: String, category: String, start: SimTime, end: SimTime,
                     args: [(String, String)] = []) throws {
        precondition(end >= start, "span \(name) ends before it starts")
        try event(#"{"ph":"X","pid":\#(pid),"tid":\#(tid),"name":\#(quoted(name)),"cat":\#(quoted(category)),"ts":\#(microseconds(start)),"dur":\#(microseconds(end - start))\#(argsJSON(args))}"#)
    }

    /// A point event (a failure, a capacity change).
    public func instant(pid: Int, tid: Int, name: String, category: String, at time: SimTime,
                        scope: InstantScope = .thread, args: [(String, String)] = []) throws {
        try event(#"{"ph":"i","pid":\#(pid),"tid":\#(tid),"name":\#(quoted(name)),"cat":\#(quoted(category)),"ts":\#(microseconds(time)),"s":"\#(scope.rawValue)"\#(argsJSON(args))}"#)
    }

    /// A counter sample: each series of `values` holds its value from `time` until the next
    /// sample of the same counter (piecewise constant, as the simulator's power is).
    public func counter(pid: Int, name: String, at time: SimTime, values: [(String, Double)]) throws {
        let series = values.map { "\(quoted($0.0)):\(number($0.1))" }.joined(separator: ",")
        try event(#"{"ph":"C","pid":\#(pid),"tid":0,"name":\#(quoted(name)),"ts":\#(microseconds(time)),"args":{\#(series)}}"#)
    }

    /// Ends the array and the object and closes the file. Call once.
    public func close() throws {
        precondition(!isClosed, "trace closed twice")
        isClosed = true
        try output.write("\n]}\n")
        try output.close()
    }

    private func event(_ json: String) throws {
        precondition(!isClosed, "event written after close")
        try output.write(eventCount == 0 ? json : ",\n" + json)
        eventCount += 1
    }

    private func argsJSON(_ args: [(String, String)]) -> String {
        args.isEmpty ? "" : #","args":{"# + args.map { "\(quoted($0.0)):\(quoted($0.1))" }.joined(separator: ",") + "}"
    }
}

/// Microseconds with three decimals (exact for integer nanoseconds), as the format expects.
func microseconds(_ time: SimTime) -> String { microseconds(nanoseconds: time.nanoseconds) }
func microseconds(_ span: SimDuration) -> String { microseconds(nanoseconds: span.nanoseconds) }

private func microseconds(nanoseconds: Int64) -> String {
    let sign = nanoseconds < 0 ? "-" : ""
    let magnitude = nanoseconds.magnitude
    let fraction = String(magnitude % 1000)
    return sign + String(magnitude / 1000) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
}

/// A JSON number; non-finite values (which JSON cannot hold) are written as null.
func number(_ value: Double) -> String {
    guard value.isFinite else { return "null" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
}

/// A JSON string literal with the escapes RFC 8259 requires.
func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case let s where s.value < 0x20: out += String(format: "\\u%04x", s.value)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
