import SimKernel

/// A replica of a service as a fluid queue: for an arrival rate, the batch size continuous
/// batching settles at, the throughput, and latency estimates — without an event per request.
///
/// Built from the same roofline as the iteration fidelity (`ReplicaPerformanceModel`), for
/// requests of mean prompt P and mean output O tokens. A replica running B decodes of mean
/// context P + O/2 iterates in τ_d(B); each admitted prompt lengthens the iteration it joins by
/// Δτ_p(B) = τ(B decodes + one P-token prefill) − τ_d(B). At r requests/s per replica the
/// replica spends r·Δτ_p of each second on prefill, so decode iterations come every
/// τ_eff = τ_d(B) / (1 − r·Δτ_p). A request then waits on average half an iteration, prefills
/// (TTFT ≈ τ_eff/2 + τ_d(B) + Δτ_p), and decodes O − 1 more tokens, one per τ_eff:
/// E2E = TTFT + (O − 1)·τ_eff. Little's law closes the loop: B = r·E2E(B), solved by bisection
/// on B ∈ [0, B_max]. B_max is the smallest of the batch-size limit, the token budget
/// (B + B·P/O tokens per iteration) and the KV capacity (B·(P + O) tokens in `wait` mode,
/// B·(P + O/2) otherwise). With no solution below B_max the replica is saturated: it serves
/// B_max / E2E(B_max) requests/s and the excess queues.
public struct FluidServiceModel: Sendable {
    public let performance: ReplicaPerformanceModel
    public let meanPromptTokens: Double
    public let meanOutputTokens: Double
    /// The largest batch a replica holds at these lengths.
    public let maxBatch: Double

    public init(performance: ReplicaPerformanceModel, meanPromptTokens: Double, meanOutputTokens: Double) {
        precondition(meanPromptTokens >= 1 && meanOutputTokens >= 1, "fluid model needs mean lengths ≥ 1")
        self.performance = performance
        self.meanPromptTokens = meanPromptTokens
        self.meanOutputTokens = meanOutputTokens
        let batching = performance.replica.batching
        let byBudget = Double(batching.tokenBudget) / (1 + meanPromptTokens / meanOutputTokens)
        let footprint = batching.preemption == .wait ? meanPromptTokens + meanOutputTokens : meanPromptTokens + meanOutputTokens / 2
        let byKV = Double(performance.kvCache.capacityTokens) / footprint
        maxBatch = max(1, min(Double(batching.maxBatchSize), byBudget, byKV))
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

    /// Iteration seconds of `batch` decodes (linear between whole batch sizes, so the
    /// bisection sees a continuous function), plus one mean prompt when `prefill`.
    private func seconds(decodes batch: Double, prefill: Bool) -> Double {
        let whole = max(0, batch.rounded(.down))
        let fraction = max(0, batch) - whole
        let low = seconds(decodes: Int(whole), prefill: prefill)
        guard fraction > 0 else { return low }
        return low + fraction * (seconds(decodes: Int(whole) + 1, prefill: prefill) - low)
    }

    private func seconds(decodes: Int, prefill: Bool) -> Double {
        var work = IterationWorkload()
        work.addDecodes(decodes, context: Int((meanPromptTokens + meanOutputTokens / 2).rounded()))
        if prefill { work.addPrefill(tokens: Int(meanPromptTokens.rounded())) }
        return work.isEmpty ? 0 : performance.iterationTime(work).total.seconds
    }

    /// Latencies at batch `batch` and per-replica rate `rate`; nil when prefill alone saturates.
    private func latencies(batch: Double, rate: Double) -> (ttft: Double, tpot: Double, e2e: Double, busy: Double)? {
        let decode = seconds(decodes: max(batch, 1), prefill: false)
        let withPrefill = seconds(decodes: max(batch - 1, 0), prefill: true)
        let extra = max(0, withPrefill - seconds(decodes: max(batch - 1, 0), prefill: false))
        let prefillShare = rate * extra
        guard prefillShare < 1 else { return nil }
        let period = decode / (1 - prefillShare)
        // Busy fraction: prefill work plus decode iterations while anything decodes.
        let decodeShare = min(1, rate * (meanOutputTokens - 1) * decode)
        let busy = min(1, prefillShare + decodeShare * (1 - prefillShare))
        let ttft = busy * period / 2 + withPrefill
        let e2e = ttft + (meanOutputTokens - 1) * period
        return (ttft, period, e2e, busy)
    }

    /// The steady state of one replica offered `rate` requests/s.
    public func state(rate: Double) -> State {
        guard rate > 0 else {
            let idle = latencies(batch: 0, rate: 0)!
            return State(batch: 0, throughput: 0, utilization: 0, ttft: idle.ttft, tpot: idle.tpot, e2e: idle.e2e, isSaturated: false)
        }
        // f(B) = r·E2E(B) − B is positive at B = 0 and decreasing while the replica keeps up.
        func excess(_ b: Double) -> Double? { latencies(batch: b, rate: rate).map { rate * $0.e2e - b } }
        if let top = excess(maxBatch), top <= 0 {
            var low = 0.0, high = maxBatch
            for _ in 0..<40 {
                let mid = (low + high) / 2
                if let e = excess(mid), e > 0 { low = mid } else { high = mid }
            }
            let l = latencies(batch: high, rate: rate)!
            return State(batch: high, throughput: rate, utilization: l.busy, ttft: l.ttft, tpot: l.tpot, e2e: l.e2e, isSaturated: false)
        }
        return saturated
    }

    /// The replica at its largest batch: its capacity in requests/s and latencies there.
    public var saturated: State {
        // At capacity the rate is B_max / E2E(B_max); solve r = B/E2E(B, r) by fixed point.
        var rate = maxBatch / max(seconds(decodes: maxBatch, prefill: false) * meanOutputTokens, 1e-9)
        for _ in 0..<50 {
            guard let l = latencies(batch: maxBatch, rate: rate) else { rate *= 0.9; continue }
            let next = maxBatch / l.e2e
            if abs(next - rate) <= 1e-9 * rate { break }
            rate = (rate + next) / 2
        }
        let l = latencies(batch: maxBatch, rate: rate) ?? (0, 0, 0, 1)
        return State(batch: maxBatch, throughput: rate, utilization: 1, ttft: l.ttft, tpot: l.tpot, e2e: l.e2e, isSaturated: true)
    }
}
