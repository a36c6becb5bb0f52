/// First in, first out, strictly: jobs start in arrival order, each on the first of its
/// options that has room; a job that cannot start now blocks every job behind it (no
/// overtaking), and a job that can never fit any of its options is rejected with the reason.
public struct FIFOPolicy: SchedulingPolicy {
    public let name = "fifo"

    public init() {}

    public mutating func decide(_ view: SchedulerView) -> [Decision] {
        var scratch = ScratchFleet(view.occupancy)
        var decisions: [Decision] = []
        for job in view.queue {
            switch scratch.start(job) {
            case .started(let option):
                decisions.append(.start(job.id, option))
            case .impossible(let why):
                decisions.append(.reject(job.id, reason: why))
            case .waiting:
                return decisions  // head-of-line blocking: nobody overtakes a job that is waiting for room
            }
        }
        return decisions
    }
}
