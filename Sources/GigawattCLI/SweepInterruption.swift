import Dispatch
import Foundation
import Sweeps

/// On SIGINT or SIGTERM during a sweep, stops launching points and stops the running ones
/// (each `gigawatt run` child discards its unfinished folder), so an interrupted sweep keeps its
/// complete points and nothing half-written; the command then exits with 128 + signal.
final class SweepInterruption: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var signalNumber: Int32?

    init(_ runner: SweepRunner) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)  // delivered to the dispatch source instead
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                lock.lock()
                if signalNumber == nil { signalNumber = number }
                lock.unlock()
                runner.cancel()
            }
            source.resume()
            sources.append(source)
        }
    }

    /// The signal that interrupted the sweep, if any.
    var receivedSignal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return signalNumber
    }

    func cancel() {
        for source in sources { source.cancel() }
        for number in [SIGINT, SIGTERM] { signal(number, SIG_DFL) }
    }
}
