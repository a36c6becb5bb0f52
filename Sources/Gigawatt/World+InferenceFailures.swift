import Fleet
import Foundation
import Scheduling
import SimKernel
import Workloads

/// Hardware failures under inference replicas (iteration fidelity), from the fleet's
/// `FailureModel` as for training jobs.
///
/// A service's placed replicas fail as one Poisson process at rate chips / MTBF_chip +
/// hosts / MTBF_host over the chips and hosts they hold, redrawn whenever the placed replicas
/// change (exact, the process being memoryless; a stale draw is ignored by its epoch). A failure
/// hits one replica, chosen uniformly, and every replica sharing its host: their requests,
/// running or waiting, go to the service's other replicas as if they had just arrived (the KV
/// cache is lost and recomputed; a request that already had its first token keeps that time),
/// one of the hosts goes to repair for the repair time, and a replacement is placed that serves
/// after the fleet's restart time (reloading the model). Fluid services do not fail.
extension World {
    /// Marks service `index` for a redraw of its next failure at the end of this instant.
    mutating func noteFailureRateChange(_ index: Int) {
        guard fleet.failures != nil, services[index].spec.fidelity == .iteration else { return }
        services[index].failureRateChanged = true
        inferenceFailureRatesChanged = true
    }

    /// Draws the next replica failure of every service whose placed replicas changed.
    mutating func redrawReplicaFailures(at time: SimTime, engine: inout Engine) {
        inferenceFailureRatesChanged = false
        for index in services.indices where services[index].failureRateChanged {
            services[index].failureRateChanged = false
            services[index].failureEpoch &+= 1
            let rate = replicaFailureRate(index)
            guard rate > 0, var stream = services[index].failureStream else { continue }
            let wait = -log(stream.nextOpenUnit()) / rate
            services[index].failureStream = stream
            // Beyond ~30 years the draw cannot fall inside a run (and would overflow the clock).
            guard wait < 1e9 else { continue }
            engine.schedule(.inferenceReplicaFailure, at: time + SimDuration(secondsRoundingUp: wait), phase: .completion,
                            subject: UInt32(index), payload: services[index].failureEpoch)
        }
    }

    /// Failures per second over the chips and hosts service `index`'s placed replicas hold.
    func replicaFailureRate(_ index: Int) -> Double {
        guard let failures = fleet.failures, let pool = services[index].pool else { return 0 }
        let placed = services[index].replicas.filter(\.isPlaced)
        guard !placed.isEmpty else { return 0 }
        let hosts = services[index].replicasPerHost > 1
            ? services[index].sharedHosts.reduce(0) { $0 + ($1.occupants > 0 ? $1.placement.unitCount : 0) }
            : placed.reduce(0) { $0 + $1.placement.unitCount }
        return failures.rate(chips: placed.count * services[index].spec.replica.chips, hosts: hosts,
                             platform: fleet.pools[pool].spec.platform)
    }

    /// One of service `index`'s replicas (and those sharing its host) loses its hardware.
    mutating func failReplica(_ index: Int, at time: SimTime, engine: inout Engine) {
        guard let failures = fleet.failures, let pool = services[index].pool, var stream = services[index].failureStream else { return }
        let placed = services[index].replicas.indices.filter { services[index].replicas[$0].isPlaced }
        guard !placed.isEmpty else { return }
        let hit = placed[Int(stream.nextIndex(below: UInt64(placed.count)))]
        let units = services[index].replicas[hit].placement.unitRuns.flatMap { Array($0) }
        let failedUnit = units.isEmpty ? nil : units[Int(stream.nextIndex(below: UInt64(units.count)))]
        services[index].failureStream = stream
        let host = services[index].replicas[hit].host
        let victims = host == nil ? [hit] : placed.filter { services[index].replicas[$0].host == host }

        var lost: [(request: InferenceRequest, wasRunning: Bool, role: ServiceReplica.Role)] = []
        var replacements: [ServiceReplica.Role] = []
        for r in victims {
            let replica = services[index].replicas[r]
            if replica.state == .active { services[index].activeReplicas.add(-1, at: time) }
            if replica.state != .draining { replacements.append(replica.role) }
            release(index, replica: r, at: time, final: replica.isIdle ? .released : .failed)
            for l in replica.lanes.indices {
                let (running, waiting) = services[index].replicas[r].lanes[l].queue.evacuate()
                lost += running.map { ($0, true, replica.role) } + waiting.map { ($0, false, replica.role) }
            }
            services[index].replicas[r].outstandingTokens = 0
            services[index].replicaFailures += 1
        }
        if let failedUnit, occupancy[pool].reserve(unit: failedUnit) {
            inServiceHosts[pool] -= 1
            underRepair[pool] += 1
            engine.schedule(.hostRepaired, at: time + failures.repair, phase: .completion, subject: UInt32(pool),
                            payload: UInt64(failedUnit))
        }
        rebuildRouting(index)
        for item in lost {
            if item.wasRunning {
                services[index].running.add(-1, at: time)
                services[index].waiting.add(1, at: time)
            }
            reroute(index, item.request, toDecode: item.role == .decode, at: time, engine: &engine)
        }
        services[index].pendingReplacements += replacements
        pendingReplacements += replacements.count
        placeReplacements(index, at: time, engine: &engine)
        updatePower(ofSite: fleet.pools[pool].site, at: time)
    }

    /// Places the replacements of failed replicas that the pool has room for; each serves after
    /// the fleet's restart time. The rest wait for a host to come back from repair.
    mutating func placeReplacements(_ index: Int, at time: SimTime, engine: inout Engine) {
        guard let failures = fleet.failures else { return }
        while let role = services[index].pendingReplacements.first {
            guard let r = addReplica(index, role: role, state: .loading, at: time) else { return }
            services[index].pendingReplacements.removeFirst()
            pendingReplacements -= 1
            engine.schedule(.inferenceReplicaReady, at: time + failures.restart, subject: UInt32(index),
                            payload: UInt64(r) | UInt64(services[index].replicas[r].generation) << 32)
        }
    }

    /// At the end of an instant (after the scheduling round), services still waiting to replace
    /// failed replicas try again: hosts may have come back from repair or been freed.
    mutating func retryReplacements(at time: SimTime, engine: inout Engine) {
        for index in services.indices where !services[index].pendingReplacements.isEmpty {
            let before = services[index].pendingReplacements.count
            placeReplacements(index, at: time, engine: &engine)
            if services[index].pendingReplacements.count < before, let pool = services[index].pool {
                updatePower(ofSite: fleet.pools[pool].site, at: time)
            }
        }
    }

    /// Sends a request (counted as waiting) that lost its replica to another: by the service's
    /// routing, or to the least loaded decode replica when it was decoding on a disaggregated
    /// service; rejected when none is serving.
    mutating func reroute(_ index: Int, _ request: InferenceRequest, toDecode: Bool, at time: SimTime, engine: inout Engine) {
        let target: Int?
        if toDecode {
            target = services[index].decodeGroup.min { services[index].replicas[$0].outstandingTokens < services[index].replicas[$1].outstandingTokens }
        } else {
            target = route(index, request)
        }
        guard let r = target else {
            services[index].waiting.add(-1, at: time)
            record(index, rejected: request, replica: -1)
            return
        }
        services[index].replicas[r].outstandingTokens += request.promptTokens + request.outputTokens
        hand(request, to: r, of: index, at: time, engine: &engine)
    }
}
