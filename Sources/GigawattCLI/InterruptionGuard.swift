import Dispatch
import Foundation
import TraceOutput

/// Deletes a run's staging directory when the user interrupts the run (SIGINT, SIGTERM), so an
/// interrupted run leaves no half-written results, then exits with 128 + signal as shells expect.
final class InterruptionGuard {
    private var sources: [DispatchSourceSignal] = []

    init(_ directory: RunDirectory) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)  // delivered to the dispatch source instead
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                directory.discard()
                Terminal.endProgress()
                Terminal.error("interrupted; no results were written")
                exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
        for signalNumber in [SIGINT, SIGTERM] { signal(signalNumber, SIG_DFL) }
    }
}
