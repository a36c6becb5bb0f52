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
    /// Clock factor a power cap holds the job at (1 = nominal): its step time is the model's
    /// over `clock`, its dynamic power scales by clock³ (World+PowerCaps).
    var clock = 1.0
    /// First start (queue wait ends here); end of the run once it completes.
    var start: SimTime?
    var end: SimTime?
    /// When the current attempt (first start or a restart) began.
    var attemptStart: SimTime?
    /// Counts attempts, so a failure drawn for an earlier attempt is recognised as stale.
    var attempt: UInt64 = 0
    var stepsDone = 0.0
    var lastUpdate = SimTime.zero
    /// No progress before this time: the restart and checkpoint restore of the current attempt.
    var stalledUntil = SimTime.zero
    /// Restart time owed by the next attempt (after a failure).
    var pendingRestart = SimDuration.zero
    /// The job's own draws (failure times, which host fails): keyed by its index, so they do
    /// not depend on the rest of the run.
    var failureStream: RandomStream
    /// Bumped whenever the completion event is replaced, so a stale completion is recognised.
    var generation: UInt64 = 0
    /// Times the job was stopped to give its chips back (capacity loss, a policy's preemption).
    var preemptions = 0
    /// Times hardware failed under the job.
    var interruptions = 0
    /// Progress thrown away by roll-backs, in steps and in chip-seconds at the step time then.
    var lostSteps = 0.0
    var lostChipSeconds = 0.0
    /// Chip-seconds held over every attempt so far (closed attempts only).
    var heldChipSeconds = 0.0
    /// Chip-seconds of progress that was kept: steps done × the step time they ran at × chips.
    var usefulChipSeconds = 0.0

    /// Steps between checkpoints (fixed at the first start from the policy and the step time
    /// then); nil when the job does not checkpoint.
    var checkpointSteps: Double?
    /// Seconds one checkpoint write takes (0 without checkpoints).
    var checkpointWriteSeconds = 0.0
    /// Seconds a restart spends reading the checkpoint back.
    var restoreSeconds = 0.0

    init(id: JobID, input: TrainingJobSpec, seed: UInt64) {
        self.id = id
        self.input = input
        failureStream = RandomStream(seed: seed, key: StreamKey("training-failures", UInt64(id.rawValue)))
    }

    var totalSteps: Double { Double(input.job.steps) }

    /// Steps per second on the current allocation (0 when not running): each step carries its
    /// share of the blocking checkpoint writes, δ / (steps per checkpoint).
    var rate: Double {
        guard state == .running, let step = stepSeconds else { return 0 }
        let amortisedWrite = checkpointSteps.map { checkpointWriteSeconds / $0 } ?? 0
        return 1 / (step + amortisedWrite)
    }

    /// Brings `stepsDone` up to `time` at the current rate (no progress while stalled).
    mutating func advance(to time: SimTime) {
        let from = max(lastUpdate, stalledUntil)
        if state == .running && time > from {
            let before = stepsDone
            stepsDone = min(totalSteps, stepsDone + rate * (time - from).seconds)
            usefulChipSeconds += (stepsDone - before) * (stepSeconds ?? 0) * Double(input.chips)
        }
        lastUpdate = time
    }

    /// Fixes the checkpoint cadence at the first start: a fixed interval of progress time is
    /// ⌊interval / step⌋ steps (at least one); "optimal" is Daly's interval for the job's mean
    /// time between interruptions `mtbi` (seconds; infinite when nothing fails → no checkpoints).
    mutating func planCheckpoints(meanTimeBetweenInterruptions mtbi: Double) {
        guard let policy = input.checkpoint, let step = stepSeconds, step > 0 else { return }
        let write = CheckpointCost.writeSeconds(input.job, policy: policy)
        restoreSeconds = CheckpointCost.restoreSeconds(input.job, policy: policy)
        let interval: Double
        switch policy.interval {
        case .every(let every): interval = every.seconds
        case .optimal: interval = CheckpointCost.optimalInterval(writeSeconds: write, meanTimeBetweenInterruptions: mtbi)
        }
        guard interval.isFinite else { return }
        checkpointSteps = max(1, (interval / step).rounded(.down))
        checkpointWriteSeconds = write
    }

    /// Loses the progress since the last checkpoint (all of it without checkpoints) and counts
    /// what was lost.
    mutating func rollBackToCheckpoint() {
        let kept = checkpointSteps.map { (stepsDone / $0).rounded(.down) * $0 } ?? 0
        let lost = stepsDone - kept
        lostSteps += lost
        let chipSeconds = lost * (stepSeconds ?? 0) * Double(input.chips)
        lostChipSeconds += chipSeconds
        usefulChipSeconds -= chipSeconds
        stepsDone = kept
    }

    /// When the remaining steps finish at the current rate, rounded up to the next nanosecond.
    func completionTime(from now: SimTime) -> SimTime {
        max(now, stalledUntil) + SimDuration(secondsRoundingUp: max(0, totalSteps - stepsDone) / rate)
    }

    /// Closes the current attempt's chip-time at `time`.
    mutating func closeAttempt(at time: SimTime) {
        if let begin = attemptStart { heldChipSeconds += (time - begin).seconds * Double(input.chips) }
        attemptStart = nil
    }

    func queued() -> QueuedJob {
        QueuedJob(id: id, arrival: input.arrival, priority: input.priority, tenant: input.tenant,
                  options: options.map(\.placement), remainingFraction: totalSteps > 0 ? 1 - stepsDone / totalSteps : 1)
    }
}
