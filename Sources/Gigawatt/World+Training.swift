import Fleet
import Scheduling
import SimKernel
import Workloads

/// A training job's life: arrival and its options, start, completion, rejection, results.
extension World {
    mutating func addToRunningView(_ index: Int, at time: SimTime) {
        let job = RunningJob(id: runs[index].id, pool: runs[index].pool!, units: runs[index].units,
                             expectedEnd: runs[index].completionTime(from: time), priority: runs[index].input.priority,
                             tenant: runs[index].input.tenant, isPreemptible: runs[index].input.isPreemptible,
                             started: runs[index].attemptStart ?? time, placement: runs[index].placement)
        let position = runningView.partitioningIndex { ($0.expectedEnd, $0.id) > (job.expectedEnd, job.id) }
        runningView.insert(job, at: position)
    }

    mutating func removeFromRunningView(_ index: Int) {
        if let position = runningView.firstIndex(where: { $0.id.rawValue == index }) { runningView.remove(at: position) }
    }



    mutating func arrive(_ index: Int, at time: SimTime) {
        var run = runs[index]
        for pool in fleet.pools where run.input.mayRun(on: pool.spec) {
            let chips = run.input.job.parallelism.chips
            let request = PlacementRequest(chips: chips, chipsPerTightGroup: run.input.job.parallelism.tensor)
            switch TrainingAllocationChoice.allocation(chips, in: pool) {
            case .failure(let problem):
                run.excluded.append("\(pool.name): \(problem)")
            case .success(let allocation):
                if let fixed = run.input.fixedDuration {
                    // A replayed job runs for its recorded time on any pool it may use.
                    let step = fixed.seconds / max(run.totalSteps, 1)
                    let estimate = runEstimate(of: index, on: pool, hosts: ScratchFleet.unitsNeeded(request, on: occupancy[pool.id.rawValue].hierarchy),
                                               duration: fixed, breakdown: nil, at: time)
                    run.options.append(.init(placement: PlacementOption(pool: pool.id, request: request, predictedDuration: fixed,
                                                                        estimate: estimate),
                                             stepSeconds: step, breakdown: nil))
                    continue
                }
                do {
                    let breakdown = try StepTime.estimate(run.input.job, on: allocation)
                    let duration = SimDuration(secondsRoundingUp: breakdown.step * run.totalSteps)
                    let estimate = runEstimate(of: index, on: pool, hosts: ScratchFleet.unitsNeeded(request, on: occupancy[pool.id.rawValue].hierarchy),
                                               duration: duration, breakdown: breakdown, at: time)
                    run.options.append(.init(placement: PlacementOption(pool: pool.id, request: request, predictedDuration: duration,
                                                                        estimate: estimate),
                                             stepSeconds: breakdown.step, breakdown: breakdown, allocation: allocation))
                } catch {
                    run.excluded.append("\(pool.name): \(error)")
                }
            }
        }
        runs[index] = run
        if run.options.isEmpty {
            let why = run.excluded.isEmpty ? "no pool of an allowed platform or chip" : run.excluded.joined(separator: "; ")
            reject(index, reason: why)
            return
        }
        runs[index].state = .queued
        queue.append(runs[index].queued())
        noteQueue(index, isJoining: true)
        needsScheduling = true
    }

    mutating func start(_ index: Int, with option: PlacementOption, at time: SimTime, engine: inout Engine) {
        guard case .success(let placement) = occupancy[option.pool.rawValue].place(option.request) else {
            preconditionFailure("policy started \(runs[index].id) on \(option.pool), which has no room")
        }
        guard let chosen = runs[index].options.first(where: { $0.placement.pool == option.pool }) else {
            preconditionFailure("policy started \(runs[index].id) on \(option.pool), not one of its options")
        }
        removeFromQueue(index)
        runs[index].advance(to: time)
        runs[index].state = .running
        runs[index].pool = option.pool
        runs[index].placement = placement
        runs[index].units = placement.unitCount
        runs[index].breakdown = chosen.breakdown
        runs[index].allocation = chosen.allocation
        runs[index].bandwidthShare = nil
        runs[index].stepSeconds = chosen.stepSeconds
        runs[index].clock = 1  // a capped site's clock applies at the end of the instant
        if runs[index].start == nil {
            runs[index].start = time
            runs[index].planCheckpoints(meanTimeBetweenInterruptions: 1 / interruptionRate(of: index, pool: option.pool.rawValue))
        }
        beginAttempt(index, at: time, engine: &engine)
        runs[index].lastUpdate = time
        runs[index].generation &+= 1
        busyHosts[option.pool.rawValue] += placement.unitCount
        powerJoined(index, at: time)
        addToRunningView(index, at: time)
        updatePower(ofSite: fleet.pools[option.pool.rawValue].site, at: time)
        engine.schedule(.trainingCompletion, at: runs[index].completionTime(from: time), phase: .completion,
                        subject: UInt32(index), payload: runs[index].generation)
        // A replayed job has no traffic model: it neither loads a fabric nor slows on one.
        if chosen.allocation != nil, contention.join(job: index, pool: option.pool.rawValue, placement: placement) {
            rebalanceFabric(ofPool: option.pool.rawValue, around: contention.domains(ofJob: index, inPool: option.pool.rawValue),
                            at: time, engine: &engine)
        }
    }

    /// Changes a running job's rate now: the progress so far is kept exactly (at the old rate),
    /// `change` sets the new step time, and the completion event and the policy's view follow.
    mutating func retime(_ index: Int, at time: SimTime, engine: inout Engine, _ change: (inout TrainingRun) -> Void) {
        runs[index].advance(to: time)
        change(&runs[index])
        runs[index].generation &+= 1  // the old completion event is now stale
        removeFromRunningView(index)
        addToRunningView(index, at: time)
        engine.schedule(.trainingCompletion, at: runs[index].completionTime(from: time), phase: .completion,
                        subject: UInt32(index), payload: runs[index].generation)
    }

    /// Re-solves the fair shares of the jobs connected to `domains` of `pool`'s contended
    /// fabric and re-prices, at this instant, every job whose share changed.
    mutating func rebalanceFabric(ofPool pool: Int, around domains: [Int], at time: SimTime, engine: inout Engine) {
        for (job, share) in contention.shares(around: domains, inPool: pool) {
            if let current = runs[job].bandwidthShare, abs(share - current) <= 1e-12 * current { continue }
            guard let allocation = runs[job].allocation,
                  let breakdown = try? StepTime.estimate(runs[job].input.job, on: allocation,
                                                         scaleOutBandwidthShare: BytesPerSecond(share)) else {
                preconditionFailure("\(runs[job].id) was priced on its allocation at start but not at a lower share")
            }
            retime(job, at: time, engine: &engine) { run in
                run.breakdown = breakdown
                run.stepSeconds = breakdown.step / run.clock
                run.bandwidthShare = share
            }
        }
    }

    mutating func complete(_ index: Int, at time: SimTime, engine: inout Engine) {
        runs[index].advance(to: time)
        runs[index].closeAttempt(at: time)
        runs[index].stepsDone = runs[index].totalSteps
        runs[index].state = .finished
        removeFromRunningView(index)
        runs[index].end = time
        if let pool = runs[index].pool, let placement = runs[index].placement {
            occupancy[pool.rawValue].release(placement)
            busyHosts[pool.rawValue] -= placement.unitCount
            powerLeft(index, at: time)
            updatePower(ofSite: fleet.pools[pool.rawValue].site, at: time)
            if let domains = contention.leave(job: index, pool: pool.rawValue) {
                rebalanceFabric(ofPool: pool.rawValue, around: domains, at: time, engine: &engine)
            }
        }
        sink.record(.trainingJob(result(of: runs[index], horizon: time)))
        needsScheduling = true
    }

    mutating func removeFromQueue(_ index: Int) {
        if let position = queue.firstIndex(where: { $0.id.rawValue == index }) {
            queue.remove(at: position)
            noteQueue(index, isJoining: false)
        }
    }

    mutating func reject(_ index: Int, reason: String) {
        removeFromQueue(index)
        runs[index].state = .rejected(reason)
        sink.record(.trainingJob(result(of: runs[index], horizon: runs[index].input.arrival)))
    }

    /// Records every job that has not completed or been rejected, as it stands at `horizon`.
    mutating func closeUnfinished(at horizon: SimTime) {
        for index in runs.indices {
            switch runs[index].state {
            case .finished, .rejected: continue
            case .pending, .queued, .running:
                runs[index].advance(to: horizon)
                sink.record(.trainingJob(result(of: runs[index], horizon: horizon)))
            }
        }
    }



    func result(of run: TrainingRun, horizon: SimTime) -> TrainingJobResult {
        let outcome: TrainingJobResult.Outcome
        var reason: String?
        switch run.state {
        case .finished: outcome = .completed
        case .running: outcome = .running
        case .queued: outcome = .queued
        case .pending: outcome = .notArrived
        case .rejected(let why): outcome = .rejected; reason = why
        }
        if reason == nil && !run.excluded.isEmpty { reason = "not usable: " + run.excluded.joined(separator: "; ") }
        let pool = run.pool.map { fleet.pools[$0.rawValue] }
        let chips = run.input.job.parallelism.chips
        let current = run.attemptStart.map { (horizon - $0).seconds * Double(chips) } ?? 0
        let held = run.heldChipSeconds + current
        return TrainingJobResult(
            name: run.input.name, outcome: outcome, reason: reason, pool: pool?.name, chip: pool?.spec.id.rawValue,
            chips: chips, arrival: run.input.arrival, start: run.start, end: run.end,
            progress: run.totalSteps > 0 ? run.stepsDone / run.totalSteps : 1,
            stepSeconds: run.stepSeconds, mfu: run.breakdown?.mfu, tokensPerSecond: run.breakdown?.tokensPerSecond,
            chipHours: held / 3_600, preemptions: run.preemptions, interruptions: run.interruptions,
            lostChipHours: run.lostChipSeconds / 3_600, goodput: held > 0 ? run.usefulChipSeconds / held : nil)
    }
}
