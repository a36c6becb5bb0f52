import Foundation
import SimKernel

/// A replica of a service as a fluid queue: for an arrival rate, the batch size continuous
/// batching settles at, the throughput, and latency estimates — without an event per request.
///
/// Built from the same roofline as the iteration fidelity (`ReplicaPerformanceModel`), for
/// requests of mean prompt P and mean output O tokens. A replica holding B requests at r
/// requests/s per replica iterates with period τ: each iteration carries the k = r·τ prompts
/// that arrived during the previous one plus B − k decodes of mean context P + O/2, so
/// τ = τ_roofline(B − k decodes, k prompts) — a fixed point, since k depends on τ. A request
/// waits on average half an iteration (when the replica is busy), prefills in the next
/// (TTFT ≈ τ/2 + τ_prefill), then decodes O − 1 more tokens, one per iteration:
/// E2E = TTFT + (O − 1)·τ. Little's law closes the loop: B = r·E2E(B), solved by bisection
/// on B ∈ [0, B_max]. B_max is the smallest of the batch-size limit, the token budget
/// (B + B·P/O tokens per iteration) and the KV capacity (B·(P + O) tokens in `wait` mode,
/// B·(P + O/2) otherwise). With no solution below B_max the replica is saturated: it serves
/// B_max / E2E(B_max) requests/s and the excess queues.
///
/// **Pipeline stages.** A replica with k stages runs k virtual engines, as the iteration
/// fidelity does (`ReplicaQueue.virtualEngines`): each holds 1/k of the KV cache, takes 1/k of
/// the requests and iterates with the latency of its own batch through every stage (the stages
/// carry the other engines' batches in between, and k stage times fit in one latency). So the
/// replica is solved as one engine at rate r/k, and its batch and throughput are k times the
/// engine's.
public struct FluidServiceModel: Sendable {
    public let performance: ReplicaPerformanceModel
    public let meanPromptTokens: Double
    /// Mean prompt tokens a prefix cache serves (not recomputed: a prefill computes the rest
    /// after them as prior context); they still occupy KV like the rest of the prompt.
    public let meanCachedTokens: Double
    public let meanOutputTokens: Double
    /// The largest batch a replica holds at these lengths (over all its virtual engines).
    public let maxBatch: Double
    /// Virtual engines per replica (its pipeline stages).
    private let engines: Double
    /// The largest batch one virtual engine holds.
    private let engineMaxBatch: Double

    /// - Precondition: mean lengths ≥ 1, and 0 ≤ cached < prompt.
    public init(performance: ReplicaPerformanceModel, meanPromptTokens: Double, meanOutputTokens: Double,
                meanCachedTokens: Double = 0) {
        precondition(meanPromptTokens >= 1 && meanOutputTokens >= 1, "fluid model needs mean lengths ≥ 1")
        precondition(meanCachedTokens >= 0 && meanCachedTokens < meanPromptTokens, "cached tokens are part of the prompt")
        self.meanCachedTokens = meanCachedTokens
        self.performance = performance
        self.meanPromptTokens = meanPromptTokens
        self.meanOutputTokens = meanOutputTokens
        let batching = performance.replica.batching
        let byBudget = Double(batching.tokenBudget) / (1 + meanPromptTokens / meanOutputTokens)
        let footprint = batching.preemption == .wait ? meanPromptTokens + meanOutputTokens : meanPromptTokens + meanOutputTokens / 2
        engines = Double(performance.replica.parallelism.pipeline)
        let byKV = Double(performance.kvCache.capacityTokens) / engines / footprint
        engineMaxBatch = max(1, min(Double(batching.maxBatchSize), byBudget, byKV))
        maxBatch = engineMaxBatch * engines
    }

    /// One replica's steady state at `rate` requests/s.
    public struct State: Hashable, Sendable {
        /// Requests running (decoding or prefilling) on average.
        public var batch: Double
        /// Requests/s served (= the rate unless saturated).
        public var throughput: Double
        /// Busy-time fraction.
        public var utilization: Double
        public var ttft: Double
        /// Seconds per output token after the first.
        public var tpot: Double
        public var e2e: Double
        public var isSaturated: Bool
    }

    /// Mean iteration seconds with `batch` requests of which a Poisson(`prompts`) number are
    /// new prompts joining this iteration (arrivals during the previous one are Poisson), plus
    /// `extra` prompts that are certainly there. The roofline is convex in the prompt count (the
    /// iteration turns compute-bound with the first prompt), so the mean is taken over the
    /// distribution rather than at the mean count. Linear between whole batch sizes.
    ///
    /// With k virtual engines the stages take the engines' batches in turn, so an engine comes
    /// round no sooner than the slowest of the k batches (the heaviest in prompts): the mean is
    /// over M = max(N₁ + extra, N₂, …, N_k), P(M ≤ m) = F(m − extra)·F(m)^(k−1) for F the
    /// Poisson CDF.
    private func seconds(decodes batch: Double, prompts mean: Double, extra: Int = 0) -> Double {
        let upper = mean > 0 ? Int((mean + 6 * mean.squareRoot() + 6).rounded(.up)) : 0
        var probability = exp(-mean)
        var total = 0.0, mass = 0.0
        guard engines > 1 else {
            for n in 0...upper {
                if n > 0 { probability *= mean / Double(n) }
                total += probability * seconds(decodes: batch, promptsWhole: n + extra)
                mass += probability
            }
            return total / mass
        }
        var cdf: [Double] = []  // F(0) … F(upper)
        var running = 0.0
        for n in 0...upper {
            if n > 0 { probability *= mean / Double(n) }
            running += probability
            cdf.append(running)
        }
        func F(_ n: Int) -> Double { n < 0 ? 0 : cdf[min(n, upper)] }
        func G(_ m: Int) -> Double { F(m - extra) * pow(F(m), engines - 1) }
        for m in 0...(upper + extra) {
            let weight = G(m) - G(m - 1)
            guard weight > 0 else { continue }
            total += weight * seconds(decodes: batch, promptsWhole: m)
            mass += weight
        }
        return total / mass
    }

    /// Iteration seconds with `prompts` new prompts and the rest of `batch` decoding, linear
    /// between whole decode counts.
    private func seconds(decodes batch: Double, promptsWhole prompts: Int) -> Double {
        let decodes = max(batch - Double(prompts), 0)
        let whole = decodes.rounded(.down)
        let fraction = decodes - whole
        var t = seconds(decodes: Int(whole), prompts: Double(prompts))
        if fraction > 0 { t += fraction * (seconds(decodes: Int(whole) + 1, prompts: Double(prompts)) - t) }
        return t
    }

    private func seconds(decodes: Int, prompts: Double) -> Double {
        var work = IterationWorkload()
        work.addDecodes(decodes, context: Int((meanPromptTokens + meanOutputTokens / 2).rounded()))
        let cached = Int(meanCachedTokens.rounded())
        let prompt = Int(meanPromptTokens.rounded()) - cached
        let whole = Int(max(0, prompts).rounded(.down))
        for _ in 0..<whole { work.addPrefill(tokens: prompt, priorContext: cached) }
        let part = Int(((prompts - Double(whole)) * Double(prompt)).rounded())
        if part > 0 { work.addPrefill(tokens: part, priorContext: cached) }
        return work.isEmpty ? 0 : performance.iterationTime(work).total.seconds
    }

    /// Latencies at batch `batch` and per-replica rate `rate`; nil when the prompts arriving
    /// during an iteration lengthen it without bound (the replica cannot keep up).
    ///
    /// The iteration period τ solves τ = τ(B − k decodes + k prompts) with k = rate·τ the prompts
    /// that arrive during one iteration and join the next (fixed-point iteration; it converges
    /// while rate·∂τ/∂k < 1, i.e. while prefill alone does not saturate the replica).
    private func latencies(batch: Double, rate: Double) -> (ttft: Double, tpot: Double, e2e: Double, busy: Double)? {
        var period = seconds(decodes: max(batch, 1), prompts: 0)
        for _ in 0..<60 {
            let next = seconds(decodes: max(batch, 1), prompts: rate * period)
            if next > 60 { return nil }
            if abs(next - period) <= 1e-7 * period { period = next; break }
            period = next
        }
        guard rate * period < engineMaxBatch else { return nil }
        // With fewer than one request in the system on average, the replica idles that share of time.
        let busy = min(1, max(batch, rate * period))
        let prefill = seconds(decodes: max(batch, 1), prompts: rate * period, extra: 1)
        let ttft = busy * period / 2 + prefill
        let e2e = ttft + (meanOutputTokens - 1) * period
        return (ttft, period, e2e, busy)
    }

    /// The steady state of one replica offered `rate` requests/s.
    public func state(rate: Double) -> State {
        engines == 1 ? engineState(rate: rate) : engineState(rate: rate / engines).replica(of: engines)
    }

    /// The replica at its largest batch: its capacity in requests/s and latencies there.
    public var saturated: State {
        engines == 1 ? engineSaturated : engineSaturated.replica(of: engines)
    }

    /// The steady state of one virtual engine offered `rate` requests/s.
    private func engineState(rate: Double) -> State {
        guard rate > 0 else {
            let idle = latencies(batch: 0, rate: 0)!
            return State(batch: 0, throughput: 0, utilization: 0, ttft: idle.ttft, tpot: idle.tpot, e2e: idle.e2e, isSaturated: false)
        }
        // f(B) = r·E2E(B) − B is positive at B = 0 and decreasing while the replica keeps up.
        func excess(_ b: Double) -> Double? { latencies(batch: b, rate: rate).map { rate * $0.e2e - b } }
        if let top = excess(engineMaxBatch), top <= 0 {
            var low = 0.0, high = engineMaxBatch
            for _ in 0..<40 {
                let mid = (low + high) / 2
                if let e = excess(mid), e > 0 { low = mid } else { high = mid }
            }
            let l = latencies(batch: high, rate: rate)!
            return State(batch: high, throughput: rate, utilization: l.busy, ttft: l.ttft, tpot: l.tpot, e2e: l.e2e, isSaturated: false)
        }
        return engineSaturated
    }

    /// One virtual engine at its largest batch.
    private var engineSaturated: State {
        // At capacity the rate is B_max / E2E(B_max); solve r = B/E2E(B, r) by fixed point.
        let top = engineMaxBatch
        var rate = top / max(seconds(decodes: top, prompts: 0) * meanOutputTokens, 1e-9)
        for _ in 0..<50 {
            guard let l = latencies(batch: top, rate: rate) else { rate *= 0.9; continue }
            let next = top / l.e2e
            if abs(next - rate) <= 1e-9 * rate { break }
            rate = (rate + next) / 2
        }
        let l = latencies(batch: top, rate: rate) ?? (0, 0, 0, 1)
        return State(batch: top, throughput: rate, utilization: 1, ttft: l.ttft, tpot: l.tpot, e2e: l.e2e, isSaturated: true)
    }
}

extension FluidServiceModel.State {
    /// A replica of `engines` virtual engines each in this state: batch and throughput add up,
    /// latencies and busy share are the engine's.
    func replica(of engines: Double) -> Self {
        var state = self
        state.batch *= engines
        state.throughput *= engines
        return state
    }
}
