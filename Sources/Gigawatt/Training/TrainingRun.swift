import Fleet
import Scheduling
import SimKernel
import Workloads

/// A training job inside the simulation: its input, where it may run, and its progress.
///
/// Progress is fluid: while running, the job advances at `1 / stepSeconds` steps per second and
/// no event happens per step; `stepsDone` is brought up to date whenever the rate changes or the
/// job stops, so completed work is exact under any sequence of rate changes.
struct TrainingRun {
    enum State: Equatable {
        /// Not arrived yet.
        case pending
        case queued
        case running
        case finished
        case rejected(String)
    }

    /// One pool the job may use, with its step time on that pool's chips: from the model, or
    /// from the job's fixed duration (a replayed trace job, whose run time is given).
    struct Option {
        var placement: PlacementOption
        var stepSeconds: Double
        /// The model's breakdown; nil for a fixed-duration job.
        var breakdown: StepTimeBreakdown?
        /// The wiring the model priced; nil for a fixed-duration job (no model to re-price).
        var allocation: TrainingAllocation?
    }

    let id: JobID
    let input: TrainingJobSpec
    var state: State = .pending
    var options: [Option] = []
    /// Why pools the job may name were unusable (memory shortfall, shape), for the results.
    var excluded: [String] = []

    var pool: PoolID?
    var placement: Placement?
    /// Units (hosts) of `placement`, kept to avoid recounting its runs.
    var units = 0
    var breakdown: StepTimeBreakdown?
    var allocation: TrainingAllocation?
    var stepSeconds: Double?
    /// The per-chip scale-out rate (B/s) the current step time was priced at when the job
    /// shares a contended fabric; nil when it runs at the catalog's full rate.
    var bandwidthShare: Double?
    var start: SimTime?
    var end: SimTime?
    var stepsDone = 0.0
    var lastUpdate = SimTime.zero
    /// Bumped whenever the completion event is replaced, so a stale completion is recognised.
    var generation: UInt64 = 0
    /// Times the job was stopped to give its chips back (capacity loss).
    var preemptions = 0

    init(id: JobID, input: TrainingJobSpec) {
        self.id = id
        self.input = input
    }

    var totalSteps: Double { Double(input.job.steps) }

    /// Steps per second on the current allocation (0 when not running).
    var rate: Double { state == .running ? 1 / (stepSeconds ?? .infinity) : 0 }

    /// Brings `stepsDone` up to `time` at the current rate.
    mutating func advance(to time: SimTime) {
        if state == .running { stepsDone = min(totalSteps, stepsDone + rate * (time - lastUpdate).seconds) }
        lastUpdate = time
    }

    /// Loses the progress since the last checkpoint: with a fixed interval of progress time, the
    /// steps up to the last whole interval are kept; without checkpoints (or with "optimal",
    /// whose interval needs the failure model that is not simulated yet) all progress is lost.
    mutating func rollBackToCheckpoint() {
        guard case .every(let interval)? = input.checkpoint?.interval, let step = stepSeconds, step > 0 else {
            stepsDone = 0
            return
        }
        let stepsPerCheckpoint = (interval.seconds / step).rounded(.down)
        stepsDone = stepsPerCheckpoint >= 1 ? (stepsDone / stepsPerCheckpoint).rounded(.down) * stepsPerCheckpoint : 0
    }

    /// When the remaining steps finish at the current rate, rounded up to the next nanosecond.
    func completionTime(from now: SimTime) -> SimTime {
        now + SimDuration(secondsRoundingUp: max(0, totalSteps - stepsDone) / rate)
    }

    func queued() -> QueuedJob {
        QueuedJob(id: id, arrival: input.arrival, priority: input.priority, tenant: input.tenant,
                  options: options.map(\.placement))
    }
}
