import Fleet
import Scheduling
import SimKernel
import Workloads

extension EventKind {
    /// The next request of a service arrives; subject: service.
    static var inferenceArrival: EventKind { EventKind(rawValue: 32) }
    /// A batch of one replica's virtual engine completes; subject: service, payload: replica in
    /// the low 32 bits, lane above (`iterationPayload`).
    static var inferenceIteration: EventKind { EventKind(rawValue: 33) }
    /// A time-series interval of a service closes; subject: service.
    static var inferenceInterval: EventKind { EventKind(rawValue: 34) }
    /// The autoscaler of a service evaluates; subject: service.
    static var inferenceAutoscale: EventKind { EventKind(rawValue: 35) }
    /// A scaled-up replica has loaded its model; subject: service, payload: replica.
    static var inferenceReplicaReady: EventKind { EventKind(rawValue: 36) }
    /// A KV cache reaches its decode replica; subject: service, payload: transfer slot.
    static var inferenceKVTransfer: EventKind { EventKind(rawValue: 37) }
    /// A fluid service's time step ends; subject: service.
    static var inferenceFluidStep: EventKind { EventKind(rawValue: 38) }
    /// Hardware under one of a service's replicas fails; subject: service, payload: the draw's epoch.
    static var inferenceReplicaFailure: EventKind { EventKind(rawValue: 39) }
}

/// Inference services at iteration fidelity: replicas placed on a pool at the start, requests
/// streamed from their source (one read ahead), one event per engine iteration per replica.
extension World {
    /// Places every service's replicas, opens its request source and schedules its first
    /// arrival, interval and autoscaler evaluation.
    mutating func startInference(in engine: inout Engine, horizon: SimTime) {
        inferenceHorizon = horizon - .zero
        for index in services.indices {
            if services[index].spec.fidelity == .fluid {
                startFluid(index, in: &engine, horizon: horizon)
                continue
            }
            services[index].failureStream = RandomStream(seed: inferenceSeed, key: StreamKey("inference-failures", UInt64(index)))
            placeInitialReplicas(index, at: .zero)
            let spec = services[index].spec
            if services[index].timing != nil {
                do {
                    var source = try spec.requests.makeSource(seed: inferenceSeed, index: UInt64(index), end: horizon, classes: spec.classes)
                    services[index].pending = source.next()
                    services[index].source = source
                } catch {
                    services[index].placementProblem = "\(error)"
                }
            }
            if let next = services[index].pending {
                engine.schedule(.inferenceArrival, at: next.arrival, phase: .arrival, subject: UInt32(index))
            }
            if SimTime.zero + seriesInterval < horizon {
                engine.schedule(.inferenceInterval, at: .zero + seriesInterval, subject: UInt32(index))
            }
            if case .autoscaled(let policy) = spec.scaling {
                engine.schedule(.inferenceAutoscale, at: .zero + policy.evaluationInterval, subject: UInt32(index))
            }
        }
        if inferenceFailureRatesChanged { redrawReplicaFailures(at: .zero, engine: &engine) }
    }

    /// Handles the inference event kinds; false for any other kind.
    mutating func handleInference(_ event: Event, engine: inout Engine) -> Bool {
        let service = Int(event.subject)
        let now = engine.now
        switch event.kind {
        case .inferenceArrival:
            arriveRequest(service, at: now, engine: &engine)
        case .inferenceIteration:
            endIteration(service, replica: Int(event.payload & 0xFFFF_FFFF), lane: Int(event.payload >> 32), at: now, engine: &engine)
        case .inferenceInterval:
            closeInferenceInterval(service, at: now)
            if now + seriesInterval < SimTime.zero + inferenceHorizon {
                engine.schedule(.inferenceInterval, at: now + seriesInterval, subject: event.subject)
            }
        case .inferenceAutoscale:
            autoscale(service, at: now, engine: &engine)
        case .inferenceReplicaReady:
            activate(service, replica: Int(event.payload & 0xFFFF_FFFF), generation: UInt32(event.payload >> 32), at: now, engine: &engine)
        case .inferenceReplicaFailure:
            guard event.payload == services[service].failureEpoch else { return true }
            failReplica(service, at: now, engine: &engine)
        case .inferenceKVTransfer:
            deliverKV(service, slot: Int(event.payload), at: now, engine: &engine)
        case .inferenceFluidStep:
            stepFluid(service, at: now, engine: &engine)
        default:
            return false
        }
        return true
    }

    // MARK: Placement

    /// Chooses the first allowed pool that holds every initial replica (or, failing that, the
    /// allowed pool holding most) and places them there.
    mutating func placeInitialReplicas(_ index: Int, at time: SimTime) {
        let spec = services[index].spec
        let wanted = spec.initialReplicas
        var best: (pool: Int, fits: Int)?
        var reasons: [String] = []
        for pool in fleet.pools where spec.mayRun(on: pool.spec) {
            let model = ReplicaPerformanceModel(replica: spec.replica, accelerator: pool.spec)
            guard model.kvCache.fits else {
                reasons.append("\(pool.name): the weights leave no room for KV cache on \(pool.spec.id.rawValue)")
                continue
            }
            let stages = spec.replica.parallelism.pipeline
            guard model.kvCache.capacityBlocks >= stages, (spec.replica.prefixCache?.capacityBlocks ?? stages) >= stages else {
                reasons.append("\(pool.name): \(stages) pipeline stages need a KV block and a prefix-cache block each, "
                               + "the cache holds \(model.kvCache.capacityBlocks) on \(pool.spec.id.rawValue)")
                continue
            }
            var trial = occupancy[pool.id.rawValue]
            let perHost = Self.replicasPerHost(spec, onPool: pool.id.rawValue, occupancy: trial)
            var fits = 0
            while fits < wanted, case .success = trial.place(placementRequest(for: spec)) { fits = min(wanted, fits + perHost) }
            if fits > (best?.fits ?? 0) { best = (pool.id.rawValue, fits) }
            if fits == wanted { break }
            reasons.append("\(pool.name): room for \(fits) of \(wanted) replicas")
        }
        guard let best else {
            services[index].placementProblem = reasons.isEmpty ? "no pool of an allowed platform or chip" : reasons.joined(separator: "; ")
            return
        }
        if best.fits < wanted { services[index].placementProblem = "placed \(best.fits) of \(wanted) replicas: " + reasons.joined(separator: "; ") }
        services[index].pool = best.pool
        services[index].replicasPerHost = Self.replicasPerHost(spec, onPool: best.pool, occupancy: occupancy[best.pool])
        services[index].model = ReplicaPerformanceModel(replica: spec.replica, accelerator: fleet.pools[best.pool].spec)
        for n in 0..<best.fits {
            var role = ServiceReplica.Role.colocated
            if let split = spec.disaggregation { role = n < split.prefillReplicas ? .prefill : .decode }
            _ = addReplica(index, role: role, state: .active, at: time)
        }
        updatePower(ofSite: fleet.pools[best.pool].site, at: time)
        rebuildRouting(index)
    }

    /// Replicas of `spec` one host of `pool` holds: chips per host / chips per replica when the
    /// replica is smaller than a host and divides it evenly, else 1.
    static func replicasPerHost(_ spec: InferenceServiceSpec, onPool pool: Int, occupancy: PoolOccupancy) -> Int {
        let hostChips = occupancy.hierarchy.chipsPerUnit, chips = spec.replica.chips
        return chips < hostChips && hostChips % chips == 0 ? hostChips / chips : 1
    }

    private func placementRequest(for spec: InferenceServiceSpec) -> PlacementRequest {
        PlacementRequest(chips: spec.replica.chips, chipsPerTightGroup: spec.replica.parallelism.tensor * spec.replica.parallelism.expert)
    }

    /// Places one more replica on the service's pool — on a host it shares with others of the
    /// service when replicas are smaller than a host and one has room — ; nil when the pool has no room.
    mutating func addReplica(_ index: Int, role: ServiceReplica.Role, state: ServiceReplica.State, at time: SimTime) -> Int? {
        guard let pool = services[index].pool, let model = services[index].model else { return nil }
        let perHost = services[index].replicasPerHost
        let placement: Placement
        var host: Int?
        if perHost > 1, let open = services[index].sharedHosts.firstIndex(where: { $0.occupants > 0 && $0.occupants < perHost }) {
            services[index].sharedHosts[open].occupants += 1
            placement = services[index].sharedHosts[open].placement
            host = open
        } else {
            guard case .success(let placed) = occupancy[pool].place(placementRequest(for: services[index].spec)) else { return nil }
            placement = placed
            busyHosts[pool] += placement.unitCount
            if perHost > 1 {
                let entry = SharedHost(placement: placement, occupants: 1)
                if let free = services[index].sharedHosts.firstIndex(where: { $0.occupants == 0 }) {
                    services[index].sharedHosts[free] = entry
                    host = free
                } else {
                    services[index].sharedHosts.append(entry)
                    host = services[index].sharedHosts.count - 1
                }
            }
        }
        servingPowerJoined(model, hosts: Double(placement.unitCount) / Double(perHost), onPool: pool)
        let replica = ServiceReplica(queues: ReplicaQueue.virtualEngines(replica: model.replica, kvCache: model.kvCache),
                                     placement: placement, host: host, state: state, role: role)
        let slot: Int
        if let free = services[index].replicas.firstIndex(where: { $0.state == .released }) {
            var reused = replica
            reused.generation = services[index].replicas[free].generation &+ 1
            services[index].replicas[free] = reused
            slot = free
        } else {
            services[index].replicas.append(replica)
            slot = services[index].replicas.count - 1
        }
        services[index].placedReplicas.add(1, at: time)
        if state == .active { services[index].activeReplicas.add(1, at: time) }
        services[index].metrics.peakReplicas = max(services[index].metrics.peakReplicas, services[index].placedReplicas.value)
        noteFailureRateChange(index)
        return slot
    }

    /// Gives a replica's chips back (the host, when it shares one, once its last replica has
    /// gone) and stops its power; the slot becomes `final` (`.failed` keeps it until its
    /// iterations in flight have ended).
    mutating func release(_ index: Int, replica r: Int, at time: SimTime, final: ServiceReplica.State = .released) {
        guard let pool = services[index].pool else { return }
        let placement = services[index].replicas[r].placement
        let perHost = services[index].replicasPerHost
        var freesHosts = true
        if let host = services[index].replicas[r].host {
            services[index].sharedHosts[host].occupants -= 1
            freesHosts = services[index].sharedHosts[host].occupants == 0
        }
        if freesHosts {
            occupancy[pool].release(placement)
            busyHosts[pool] -= placement.unitCount
        }
        if let model = services[index].model {
            servingPowerLeft(model, hosts: Double(placement.unitCount) / Double(perHost), onPool: pool)
        }
        if let stats = services[index].replicas[r].prefixStatistics { services[index].metrics.releasedCache.add(stats) }
        services[index].replicas[r].state = final
        services[index].placedReplicas.add(-1, at: time)
        noteFailureRateChange(index)
        takePendingOffline(pool: pool)
        updatePower(ofSite: fleet.pools[pool].site, at: time)
    }

    mutating func rebuildRouting(_ index: Int) {
        let replicas = services[index].replicas
        services[index].routable = replicas.indices.filter { replicas[$0].state == .active && replicas[$0].role != .decode }
        services[index].decodeGroup = replicas.indices.filter { replicas[$0].state == .active && replicas[$0].role == .decode }
    }

    // MARK: Requests

    private mutating func arriveRequest(_ index: Int, at time: SimTime, engine: inout Engine) {
        guard let request = services[index].pending else { return }
        services[index].metrics.arrived += 1
        services[index].window.arrivals += 1
        services[index].scaleWindow.arrivals += 1
        if let replica = route(index, request) {
            var sent = request
            if services[index].spec.disaggregation != nil {
                sent.outputTokens = 1  // the prefill group emits the first token; the decode group the rest
                services[index].outputLengths[request.id] = request.outputTokens
            }
            services[index].replicas[replica].outstandingTokens += sent.promptTokens + sent.outputTokens
            services[index].waiting.add(1, at: time)
            hand(sent, to: replica, of: index, at: time, engine: &engine)
        } else {
            record(index, rejected: request, replica: -1)
        }
        services[index].pending = services[index].source?.next()
        if let next = services[index].pending {
            engine.schedule(.inferenceArrival, at: max(next.arrival, time), phase: .arrival, subject: UInt32(index))
        }
    }

    /// The replica an arriving request goes to under the service's routing policy, or nil when
    /// no replica is serving.
    mutating func route(_ index: Int, _ request: InferenceRequest) -> Int? {
        let candidates = services[index].routable
        guard !candidates.isEmpty else { return nil }
        func leastOutstanding() -> Int {
            var best = candidates[0]
            for r in candidates.dropFirst() where services[index].replicas[r].outstandingTokens < services[index].replicas[best].outstandingTokens {
                best = r
            }
            return best
        }
        switch services[index].spec.routing {
        case .roundRobin:
            defer { services[index].nextRoundRobin &+= 1 }
            return candidates[services[index].nextRoundRobin % candidates.count]
        case .leastOutstandingTokens:
            return leastOutstanding()
        case .prefixAffinity:
            let least = leastOutstanding()
            guard !request.prefixBlocks.isEmpty else { return least }
            var best = least, bestMatch = 0
            for r in candidates {
                let match = services[index].replicas[r].matchedPrefixBlocks(request.prefixBlocks)
                if match > bestMatch || (match == bestMatch && match > 0
                    && services[index].replicas[r].outstandingTokens < services[index].replicas[best].outstandingTokens) {
                    best = r
                    bestMatch = match
                }
            }
            let slack = 2 * services[index].replicas[least].outstandingTokens + services[index].spec.replica.batching.tokenBudget
            return services[index].replicas[best].outstandingTokens > slack ? least : best
        }
    }

    // MARK: Iterations

    /// Forms and times the next batch of one of the replica's virtual engines; leaves the lane
    /// idle when it has nothing to run. Without pipeline stages the batch takes the iteration's
    /// roofline time; with them it runs through `ReplicaPipeline` behind the other lanes' batches.
    mutating func startIteration(_ index: Int, replica r: Int, lane: Int, at time: SimTime, engine: inout Engine) {
        var batch = services[index].replicas[r].lanes[lane].queue.formBatch()
        for request in batch.rejected {
            services[index].replicas[r].outstandingTokens -= request.promptTokens + request.outputTokens
            services[index].waiting.add(-1, at: time)
            record(index, rejected: request, replica: r)
        }
        batch.rejected.removeAll()
        let admittedNet = batch.admitted.count - batch.preempted.count
        if admittedNet != 0 {
            services[index].waiting.add(-admittedNet, at: time)
            services[index].running.add(admittedNet, at: time)
        }
        services[index].metrics.preemptions += batch.preempted.count
        guard !batch.isEmpty, services[index].timing != nil else {
            if services[index].replicas[r].state == .draining && services[index].replicas[r].isDrained {
                release(index, replica: r, at: time)
            }
            return
        }
        let timing = services[index].iterationTime(batch.workload)
        let end: SimTime
        if services[index].replicas[r].lanes.count == 1 {
            end = time + timing.total
        } else {
            end = services[index].replicas[r].pipeline.admit(at: time, overhead: timing.overhead, stage: timing.stage,
                                                            send: timing.stageSend)
        }
        services[index].replicas[r].lanes[lane].batch = batch
        if services[index].replicas[r].lanesInFlight == 0 { services[index].replicas[r].busySince = time }
        services[index].replicas[r].lanesInFlight += 1
        engine.schedule(.inferenceIteration, at: end, phase: .completion, subject: UInt32(index),
                        payload: UInt64(r) | UInt64(lane) << 32)
    }

    private mutating func endIteration(_ index: Int, replica r: Int, lane: Int, at time: SimTime, engine: inout Engine) {
        guard let batch = services[index].replicas[r].lanes[lane].batch else { preconditionFailure("iteration end on an idle lane") }
        services[index].replicas[r].lanes[lane].batch = nil
        services[index].replicas[r].lanesInFlight -= 1
        if services[index].replicas[r].state == .failed {
            // The replica's hardware failed mid-iteration: its requests went elsewhere.
            if services[index].replicas[r].lanesInFlight == 0 { services[index].replicas[r].state = .released }
            return
        }
        if services[index].replicas[r].lanesInFlight == 0 { accrueBusy(index, replica: r, to: time) }
        let outcome = services[index].replicas[r].lanes[lane].queue.complete(batch)
        let role = services[index].replicas[r].role
        for id in outcome.firstTokens where role != .decode {
            services[index].firstTokens[id] = time
        }
        services[index].metrics.outputTokens += Double(outcome.generatedTokens)
        services[index].window.outputTokens += outcome.generatedTokens
        if !outcome.finished.isEmpty { services[index].running.add(-outcome.finished.count, at: time) }
        for sequence in outcome.finished {
            let request = sequence.request
            services[index].replicas[r].outstandingTokens -= request.promptTokens + request.outputTokens
            if role == .prefill {
                handOff(index, sequence: sequence, at: time, engine: &engine)
            } else if role == .decode, let prefill = services[index].prefillResults.removeValue(forKey: request.id) {
                finish(index, sequence: sequence, replica: r, at: time, cachedTokens: prefill.cachedTokens, preemptions: prefill.preemptions)
            } else {
                finish(index, sequence: sequence, replica: r, at: time)
            }
        }
        startIteration(index, replica: r, lane: lane, at: time, engine: &engine)
    }

    private mutating func accrueBusy(_ index: Int, replica r: Int, to time: SimTime) {
        let seconds = (time - services[index].replicas[r].busySince).seconds
        services[index].replicas[r].busySince = time
        services[index].window.busySeconds += seconds
        services[index].scaleWindow.busySeconds += seconds
        services[index].metrics.busySeconds += seconds
    }

    /// Records a completed request: latencies into the histograms, SLO, the per-request row.
    private mutating func finish(_ index: Int, sequence: ServingSequence, replica: Int, at time: SimTime,
                                 cachedTokens: Int? = nil, preemptions: Int = 0) {
        let request = sequence.request
        let first = services[index].firstTokens.removeValue(forKey: request.id) ?? time
        var result = InferenceRequestResult(
            service: services[index].spec.name, request: request.id.rawValue, outcome: .completed, replica: replica,
            arrival: request.arrival, firstToken: first, completion: time, promptTokens: request.promptTokens,
            outputTokens: request.outputTokens, cachedTokens: cachedTokens ?? sequence.cachedPrefixTokens,
            preemptions: sequence.preemptions + preemptions, metSLO: false)
        let ttft = result.ttft!, e2e = result.e2e!, tpot = result.tpot
        result.metSLO = services[index].spec.slo(ofClass: request.requestClass).isMet(ttft: ttft, tpot: tpot, e2e: e2e)
        if !services[index].metrics.classes.isEmpty {
            let c = request.requestClass
            services[index].metrics.classes[c].completed += 1
            if result.metSLO { services[index].metrics.classes[c].metSLO += 1 }
            services[index].metrics.classes[c].ttft.record(ttft.seconds)
            if let tpot { services[index].metrics.classes[c].tpot.record(tpot.seconds) }
        }
        services[index].metrics.completed += 1
        services[index].window.completions += 1
        services[index].scaleWindow.completions += 1
        services[index].metrics.promptTokens += Double(request.promptTokens)
        if result.metSLO { services[index].metrics.metSLO += 1 }
        services[index].metrics.ttft.record(ttft.seconds)
        services[index].metrics.e2e.record(e2e.seconds)
        if let tpot { services[index].metrics.tpot.record(tpot.seconds) }
        sink.record(.inferenceRequest(result))
    }

    mutating func record(_ index: Int, rejected request: InferenceRequest, replica: Int) {
        services[index].firstTokens.removeValue(forKey: request.id)
        services[index].metrics.rejected += 1
        if !services[index].metrics.classes.isEmpty { services[index].metrics.classes[request.requestClass].rejected += 1 }
        sink.record(.inferenceRequest(InferenceRequestResult(
            service: services[index].spec.name, request: request.id.rawValue, outcome: .rejected, replica: replica,
            arrival: request.arrival, firstToken: nil, completion: nil, promptTokens: request.promptTokens,
            outputTokens: request.outputTokens, cachedTokens: 0, preemptions: 0, metSLO: false)))
    }

    // MARK: Disaggregation

    /// A prompt finished on a prefill replica: its KV goes to the decode replica with the fewest
    /// outstanding tokens, taking latency + prompt KV bytes / link bandwidth.
    private mutating func handOff(_ index: Int, sequence: ServingSequence, at time: SimTime, engine: inout Engine) {
        guard let split = services[index].spec.disaggregation, let model = services[index].model else { return }
        // The original output length: the prefill copy carried one token.
        guard let original = originalOutput(index, of: sequence) else { return }
        var request = sequence.request
        request.outputTokens = original
        if original == 1 {
            finish(index, sequence: ServingSequence(request), replica: -1, at: time, cachedTokens: sequence.cachedPrefixTokens,
                   preemptions: sequence.preemptions)
            return
        }
        let decode = services[index].decodeGroup
        guard !decode.isEmpty else { record(index, rejected: request, replica: -1); return }
        var target = decode[0]
        for r in decode.dropFirst() where services[index].replicas[r].outstandingTokens < services[index].replicas[target].outstandingTokens {
            target = r
        }
        services[index].replicas[target].outstandingTokens += request.promptTokens + request.outputTokens
        let bytes = Double(request.promptTokens) * model.kvCache.bytesPerToken.value
        let delay = split.transferLatency + SimDuration(secondsRoundingUp: bytes / split.transferBandwidth.value)
        let transfer = KVTransfer(request: request, decodeReplica: target, cachedTokens: sequence.cachedPrefixTokens, preemptions: sequence.preemptions)
        let slot: Int
        if let free = services[index].freeTransferSlots.popLast() {
            services[index].transfers[free] = transfer
            slot = free
        } else {
            services[index].transfers.append(transfer)
            slot = services[index].transfers.count - 1
        }
        engine.schedule(.inferenceKVTransfer, at: time + delay, phase: .arrival, subject: UInt32(index), payload: UInt64(slot))
    }

    private func originalOutput(_ index: Int, of sequence: ServingSequence) -> Int? {
        services[index].outputLengths[sequence.request.id]
    }

    private mutating func deliverKV(_ index: Int, slot: Int, at time: SimTime, engine: inout Engine) {
        guard let transfer = services[index].transfers[slot] else { preconditionFailure("KV transfer slot \(slot) is empty") }
        services[index].transfers[slot] = nil
        services[index].freeTransferSlots.append(slot)
        services[index].outputLengths.removeValue(forKey: transfer.request.id)
        services[index].prefillResults[transfer.request.id] = (transfer.cachedTokens, transfer.preemptions)
        let r = transfer.decodeReplica
        if services[index].replicas[r].state != .active && services[index].replicas[r].state != .draining {
            // Its decode replica failed while the KV was on the way: another one recomputes it.
            services[index].waiting.add(1, at: time)
            reroute(index, transfer.request, toDecode: true, at: time, engine: &engine)
            return
        }
        services[index].waiting.add(1, at: time)
        hand(transfer.request, to: r, of: index, withKV: true, at: time, engine: &engine)
    }

    /// Queues `request` on the replica's virtual engine with the fewest unfinished requests
    /// (with its KV already there when `withKV`) and starts that engine if it is idle.
    mutating func hand(_ request: InferenceRequest, to r: Int, of index: Int, withKV: Bool = false, at time: SimTime,
                       engine: inout Engine) {
        let lane = services[index].replicas[r].laneForNewRequest
        if withKV {
            services[index].replicas[r].lanes[lane].queue.enqueueTransferred(request)
        } else {
            services[index].replicas[r].lanes[lane].queue.enqueue(request)
        }
        if services[index].replicas[r].lanes[lane].batch == nil { startIteration(index, replica: r, lane: lane, at: time, engine: &engine) }
    }

    // MARK: Autoscaling

    private mutating func autoscale(_ index: Int, at time: SimTime, engine: inout Engine) {
        guard case .autoscaled(let policy) = services[index].spec.scaling else { return }
        engine.schedule(.inferenceAutoscale, at: time + policy.evaluationInterval, subject: UInt32(index))
        for r in services[index].replicas.indices where !services[index].replicas[r].isIdle {
            accrueBusy(index, replica: r, to: time)
        }
        let activeSeconds = services[index].activeReplicas.takeScalingInterval(at: time)
        let busy = services[index].scaleWindow.busySeconds
        services[index].scaleWindow = ServiceWindow()
        let active = services[index].activeReplicas.value
        let loading = services[index].replicas.filter { $0.state == .loading }.count
        let utilization = activeSeconds > 0 ? busy / activeSeconds : 0
        let waitingPerReplica = Double(services[index].waiting.value) / Double(max(active, 1))
        let desired = policy.desiredReplicas(active: active, utilization: utilization, waitingPerReplica: waitingPerReplica)
        if desired > active + loading {
            scaleUp(index, by: desired - active - loading, delay: policy.scaleUpDelay, at: time, engine: &engine)
        } else if desired < active, time - services[index].lastScaleChange >= policy.scaleDownCooldown {
            scaleDown(index, by: active - desired, at: time)
        }
    }

    /// Places `count` more replicas, loading until `delay` has passed.
    mutating func scaleUp(_ index: Int, by count: Int, delay: SimDuration, at time: SimTime, engine: inout Engine) {
        for _ in 0..<count {
            guard let r = addReplica(index, role: .colocated, state: .loading, at: time) else {
                services[index].placementProblem = services[index].placementProblem ?? "the autoscaler found no room for more replicas"
                break
            }
            engine.schedule(.inferenceReplicaReady, at: time + delay, subject: UInt32(index),
                            payload: UInt64(r) | UInt64(services[index].replicas[r].generation) << 32)
        }
        services[index].lastScaleChange = time
        if let pool = services[index].pool { updatePower(ofSite: fleet.pools[pool].site, at: time) }
    }

    /// Drains the newest active replicas on `pool` (the last service's first) until they hold
    /// `units` hosts: a capacity loss that training jobs could not absorb.
    mutating func drainReplicas(onPool pool: Int, units: Int, at time: SimTime) {
        var left = units
        for index in services.indices.reversed() where left > 0 && services[index].pool == pool {
            var chosen: [Int] = []
            if services[index].replicasPerHost > 1 {
                // Shared hosts come back only when every replica on them is gone: drain whole
                // hosts, the most recently opened first.
                for host in services[index].sharedHosts.indices.reversed() where left > 0 && services[index].sharedHosts[host].occupants > 0 {
                    let on = services[index].replicas.indices.filter {
                        services[index].replicas[$0].host == host && services[index].replicas[$0].state == .active
                    }
                    guard !on.isEmpty else { continue }
                    chosen += on
                    left -= services[index].sharedHosts[host].placement.unitCount
                }
            } else {
                for r in services[index].replicas.indices.reversed() where left > 0 && services[index].replicas[r].state == .active {
                    left -= services[index].replicas[r].placement.unitCount
                    chosen.append(r)
                }
            }
            if !chosen.isEmpty { drain(index, replicas: chosen, at: time) }
        }
    }

    /// Drains the `count` newest active replicas: no new requests, chips back once idle.
    mutating func scaleDown(_ index: Int, by count: Int, at time: SimTime) {
        let newest = services[index].replicas.indices.reversed().filter { services[index].replicas[$0].state == .active }.prefix(count)
        drain(index, replicas: Array(newest), at: time)
    }

    /// Stops `replicas` (active ones) taking requests; each gives its chips back once idle.
    private mutating func drain(_ index: Int, replicas chosen: [Int], at time: SimTime) {
        for r in chosen where services[index].replicas[r].state == .active {
            services[index].replicas[r].state = .draining
            services[index].activeReplicas.add(-1, at: time)
            if services[index].replicas[r].isDrained { release(index, replica: r, at: time) }
        }
        services[index].lastScaleChange = time
        rebuildRouting(index)
    }

    private mutating func activate(_ index: Int, replica r: Int, generation: UInt32, at time: SimTime, engine: inout Engine) {
        guard services[index].replicas[r].state == .loading, services[index].replicas[r].generation == generation else { return }
        services[index].replicas[r].state = .active
        services[index].activeReplicas.add(1, at: time)
        rebuildRouting(index)
    }

    // MARK: Results

    /// Emits the interval row of a service and restarts its window.
    mutating func closeInferenceInterval(_ index: Int, at time: SimTime) {
        for r in services[index].replicas.indices where !services[index].replicas[r].isIdle {
            accrueBusy(index, replica: r, to: time)
        }
        let activeSeconds = services[index].activeReplicas.takeInterval(at: time)
        _ = services[index].waiting.takeInterval(at: time)
        let window = services[index].window
        services[index].window = ServiceWindow()
        sink.record(.inferenceInterval(InferenceInterval(
            service: services[index].spec.name, start: services[index].intervalStart, end: time, arrivals: window.arrivals,
            completions: window.completions, outputTokens: window.outputTokens, waiting: services[index].waiting.value,
            running: services[index].running.value, activeReplicas: services[index].activeReplicas.value,
            placedReplicas: services[index].placedReplicas.value,
            utilization: activeSeconds > 0 ? min(1, window.busySeconds / activeSeconds) : 0)))
        services[index].intervalStart = time
    }

    /// Closes every service at the horizon: the last (partial) interval and the totals.
    mutating func closeInference(at horizon: SimTime) {
        for index in services.indices {
            if services[index].spec.fidelity == .iteration && services[index].intervalStart < horizon {
                closeInferenceInterval(index, at: horizon)
            }
            closeServiceTotals(index, at: horizon)
        }
    }

    /// Emits a service's totals (`InferenceServiceResult`).
    private mutating func closeServiceTotals(_ index: Int, at horizon: SimTime) {
        services[index].activeReplicas.advance(to: horizon)
        services[index].placedReplicas.advance(to: horizon)
        services[index].waiting.advance(to: horizon)
        do {
            let run = services[index]
            let pool = run.pool.map { fleet.pools[$0] }
            let seconds = (horizon - SimTime.zero).seconds
            let activeSeconds = run.activeReplicas.total / 1e9
            let cache = run.cacheStatistics
            let judged = run.metrics.completed + run.metrics.rejected
            var result = InferenceServiceResult(
                name: run.spec.name, fidelity: run.spec.fidelity.rawValue, pool: pool?.name, chip: pool?.spec.id.rawValue,
                chipsPerReplica: run.spec.replica.chips, placementProblem: run.placementProblem,
                initialReplicas: run.spec.initialReplicas, peakReplicas: run.metrics.peakReplicas,
                arrived: run.metrics.arrived, completed: run.metrics.completed, rejected: run.metrics.rejected,
                unfinished: run.waiting.value + run.running.value + run.transfers.count - run.freeTransferSlots.count,
                promptTokens: run.metrics.promptTokens, outputTokens: run.metrics.outputTokens,
                cachedPromptTokens: Double(cache.cachedTokens),
                outputTokensPerSecond: seconds > 0 ? run.metrics.outputTokens / seconds : 0,
                ttft: LatencyPercentiles(run.metrics.ttft), tpot: LatencyPercentiles(run.metrics.tpot),
                e2e: LatencyPercentiles(run.metrics.e2e),
                sloAttainment: judged > 0 ? Double(run.metrics.metSLO) / Double(judged) : nil,
                prefixCacheHitRate: run.spec.replica.prefixCache != nil ? cache.tokenHitRate : nil,
                utilization: activeSeconds > 0 ? min(1, run.metrics.busySeconds / activeSeconds) : 0,
                chipSeconds: run.placedReplicas.total / 1e9 * Double(run.spec.replica.chips),
                preemptions: run.metrics.preemptions,
                meanWaiting: seconds > 0 ? run.waiting.total / 1e9 / seconds : 0,
                skippedTraceLines: run.source?.skippedLines ?? 0,
                classes: zip(run.spec.classes, run.metrics.classes).map { spec, m in
                    InferenceClassResult(name: spec.name, priority: spec.priority, completed: m.completed, rejected: m.rejected,
                                         sloAttainment: m.completed + m.rejected > 0 ? Double(m.metSLO) / Double(m.completed + m.rejected) : nil,
                                         ttft: LatencyPercentiles(m.ttft), tpot: LatencyPercentiles(m.tpot))
                })
            // Cost per token: the replicas' chip-hours at the pool's capacity price (World+Cost).
            if let pool = run.pool { result.capacityCostUSD = result.chipSeconds / 3_600 * capacityRate(ofPool: pool) }
            result.replicaFailures = run.replicaFailures
            sink.record(.inferenceService(result))
        }
    }
}
