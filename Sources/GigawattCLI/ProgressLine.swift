import Foundation
import Dispatch
import SimKernel

/// The progress line a run shows on a terminal: simulated time reached, share of the horizon,
/// and events per second of wall time. Redrawn at most four times a second.
struct ProgressLine {
    let horizon: SimTime
    private let startNanoseconds = DispatchTime.now().uptimeNanoseconds
    private var lastDrawNanoseconds: UInt64 = 0

    init(horizon: SimTime) { self.horizon = horizon }

    mutating func update(now: SimTime, eventsProcessed: UInt64) {
        let wall = DispatchTime.now().uptimeNanoseconds
        guard wall - lastDrawNanoseconds >= 250_000_000 else { return }
        lastDrawNanoseconds = wall
        let elapsed = Double(wall - startNanoseconds) / 1e9
        let share = horizon.nanoseconds > 0 ? 100 * now.seconds / horizon.seconds : 100
        let rate = elapsed > 0 ? Double(eventsProcessed) / elapsed : 0
        Terminal.progress("simulated \(now) of \(horizon) (\(String(format: "%.1f", share)) %) · \(formatRate(rate)) events/s")
    }

    private func formatRate(_ rate: Double) -> String {
        switch rate {
        case 1e9...: return String(format: "%.2f G", rate / 1e9)
        case 1e6...: return String(format: "%.2f M", rate / 1e6)
        case 1e3...: return String(format: "%.1f k", rate / 1e3)
        default: return String(format: "%.0f", rate)
        }
    }
}
