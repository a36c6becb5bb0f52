import Fleet
import SimKernel
import Workloads

/// Inference services at fluid fidelity: per time step (the time-series interval), the arrival
/// rate against the replicas' capacity from `FluidServiceModel` — utilisation, queue,
/// throughput and latency estimates with no event per request. Replicas hold chips as at
/// iteration fidelity, so power and chip-seconds are accounted the same way.
extension World {
    mutating func startFluid(_ index: Int, in engine: inout Engine, horizon: SimTime) {
        placeInitialReplicas(index, at: .zero)
        guard let performance = services[index].model, case .synthetic(_, let lengths, let prefix, _) = services[index].spec.requests else { return }
        // A shared prefix lengthens every prompt; a prefix cache serves its whole blocks.
        let meanPrompt = min(lengths.prompt.mean, Double(lengths.maxPromptTokens)) + Double(prefix?.tokens ?? 0)
        services[index].fluidEntry = fluidModels.entry(for: performance, meanPrompt: meanPrompt,
                                                       meanOutput: min(lengths.output.mean, Double(lengths.maxOutputTokens)),
                                                       meanCached: Self.meanCachedTokens(prefix: prefix, replica: performance.replica,
                                                                                         meanPrompt: meanPrompt))
        let step = min(seriesInterval, horizon - .zero)
        engine.schedule(.inferenceFluidStep, at: .zero + step, subject: UInt32(index))
    }

    /// Prompt tokens a replica's prefix cache serves per request in steady state: the shared
    /// prefix's whole blocks, times the share of the groups' prefixes the cache holds — all of
    /// them when they fit, else capacity / needed (an LRU cache under uniformly chosen groups;
    /// each virtual engine of a pipelined replica holds its share) — at most the prompt less one
    /// token, as at iteration fidelity. 0 without a shared prefix or a cache.
    static func meanCachedTokens(prefix: SharedPrefix?, replica: InferenceReplicaSpec, meanPrompt: Double) -> Double {
        guard let prefix, let cache = replica.prefixCache else { return 0 }
        let blocks = prefix.tokens / prefix.blockTokens
        guard blocks > 0 else { return 0 }
        let capacity = Double(cache.capacityBlocks / replica.parallelism.pipeline)
        let held = min(1, capacity / Double(blocks * prefix.groups))
        return min(held * Double(blocks * prefix.blockTokens), max(meanPrompt - 1, 0))
    }

    /// Advances a fluid service over the step that ends now and schedules the next one.
    mutating func stepFluid(_ index: Int, at time: SimTime, engine: inout Engine) {
        let start = services[index].intervalStart
        let step = (time - start).seconds
        guard step > 0, let entry = services[index].fluidEntry, case .synthetic(let process, _, _, _) = services[index].spec.requests else { return }
        let meanPrompt = fluidModels.entries[entry].meanPrompt, meanOutput = fluidModels.entries[entry].meanOutput
        let saturated = fluidModels.entries[entry].saturated
        let rate = Self.meanRate(of: process, from: start, to: time)
        let active = services[index].activeReplicas.value
        let arrivals = rate * step
        var served = 0.0
        var state = saturated
        if active > 0 {
            let perReplica = rate / Double(active)
            if perReplica < saturated.throughput {
                state = fluidModels.state(entry, rate: perReplica)
                let drain = min(services[index].backlog, (saturated.throughput - perReplica) * Double(active) * step)
                served = arrivals + drain
                services[index].backlog -= drain
            } else {
                served = saturated.throughput * Double(active) * step
                services[index].backlog += arrivals - served
            }
        } else {
            services[index].backlog += arrivals
        }
        let capacity = saturated.throughput * Double(max(active, 1))
        let queueWait = services[index].backlog / capacity
        let ttft = state.ttft + queueWait, e2e = state.e2e + queueWait
        // Whole requests: the fractional part carries to the next step.
        let total = served + services[index].fluidCarry
        let whole = total.rounded(.down)
        services[index].fluidCarry = total - whole
        let count = UInt64(whole)
        var metrics = services[index].metrics
        metrics.arrived += Int(arrivals.rounded())
        metrics.completed += Int(count)
        metrics.promptTokens += served * meanPrompt
        metrics.outputTokens += served * meanOutput
        metrics.busySeconds += state.utilization * Double(active) * step
        metrics.ttft.record(ttft, weight: count)
        metrics.e2e.record(e2e, weight: count)
        if meanOutput > 1 { metrics.tpot.record(state.tpot, weight: count) }
        let meets = services[index].spec.slo.isMet(ttft: SimDuration(seconds: ttft), tpot: SimDuration(seconds: state.tpot),
                                                   e2e: SimDuration(seconds: e2e))
        if meets { metrics.metSLO += Int(count) }
        services[index].metrics = metrics
        let waiting = Int(services[index].backlog.rounded())
        services[index].waiting.add(waiting - services[index].waiting.value, at: time)
        _ = services[index].activeReplicas.takeInterval(at: time)
        _ = services[index].waiting.takeInterval(at: time)
        // The fluid autoscaler's utilisation is the offered load over capacity: continuous
        // batching keeps a replica busy whenever it holds work, so busy time says little.
        let load = active > 0 ? rate / (saturated.throughput * Double(active)) : 1
        fluidAutoscale(index, utilization: load, at: time, engine: &engine)
        sink.record(.inferenceInterval(InferenceInterval(
            service: services[index].spec.name, start: start, end: time, arrivals: Int(arrivals.rounded()), completions: Int(count),
            outputTokens: Int((served * meanOutput).rounded()), waiting: waiting,
            running: Int((state.batch * Double(active)).rounded()), activeReplicas: services[index].activeReplicas.value,
            placedReplicas: services[index].placedReplicas.value, utilization: state.utilization)))
        services[index].intervalStart = time
        let end = SimTime.zero + inferenceHorizon
        if time < end {
            engine.schedule(.inferenceFluidStep, at: min(time + seriesInterval, end), subject: UInt32(index))
        }
    }

    /// The mean arrival rate over [start, end): exact for a rate curve (its integral over the
    /// step), the long-run mean for the other processes.
    static func meanRate(of process: ArrivalProcess, from start: SimTime, to end: SimTime) -> Double {
        guard case .rateCurve(let curve) = process else { return process.meanRate }
        var t = start
        var integral = 0.0
        while t < end {
            let next = min(end, curve.nextChange(after: t - .zero).map { SimTime.zero + $0 } ?? end)
            integral += curve.rate(at: t - .zero) * (next - t).seconds
            t = next
        }
        return integral / (end - start).seconds
    }

    private mutating func fluidAutoscale(_ index: Int, utilization: Double, at time: SimTime, engine: inout Engine) {
        guard case .autoscaled(let policy) = services[index].spec.scaling else { return }
        let active = services[index].activeReplicas.value
        let loading = services[index].replicas.filter { $0.state == .loading }.count
        let desired = policy.desiredReplicas(active: active, utilization: utilization,
                                             waitingPerReplica: services[index].backlog / Double(max(active, 1)))
        if desired > active + loading {
            scaleUp(index, by: desired - active - loading, delay: policy.scaleUpDelay, at: time, engine: &engine)
        } else if desired < active, time - services[index].lastScaleChange >= policy.scaleDownCooldown {
            scaleDown(index, by: active - desired, at: time)
        }
    }

}
