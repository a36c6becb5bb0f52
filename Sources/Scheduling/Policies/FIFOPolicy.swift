/// First in, first out, strictly: jobs start in arrival order, each on the first of its
/// options that has room; a job that cannot start now blocks every job behind it (no
/// overtaking), and a job that can never fit any of its options is rejected with the reason.
public struct FIFOPolicy: SchedulingPolicy {
    public let name = "fifo"

    public init() {}

    public mutating func decide(_ view: SchedulerView) -> [Decision] {
        var scratch = view.occupancy
        var decisions: [Decision] = []
        for job in view.queue {
            var reasons: [String] = []
            var started = false
            var mayFitLater = false
            for option in job.options {
                guard var pool = scratch[option.pool] else { continue }
                switch pool.place(option.request) {
                case .success:
                    scratch[option.pool] = pool
                    decisions.append(.start(job.id, option))
                    started = true
                case .failure(let refusal):
                    if refusal.isPermanent { reasons.append("\(option.pool): \(refusal)") } else { mayFitLater = true }
                }
                if started { break }
            }
            if started { continue }
            if !mayFitLater {
                let why = job.options.isEmpty ? "no pool it may run on" : reasons.joined(separator: "; ")
                decisions.append(.reject(job.id, reason: why))
                continue
            }
            break  // head-of-line blocking: nobody overtakes a job that is waiting for room
        }
        return decisions
    }
}
