import Foundation
import Fleet
import SimKernel

/// Per-replica decode throughput and latency of one model on every catalog platform that can
/// hold it, at a ladder of batch sizes, with the roofline term that bounds each cell — the table
/// a serving engineer checks a simulator against before trusting it.
///
/// Every sequence in a decode batch holds `context` tokens of KV. Tensor parallelism per
/// platform follows `tensorParallelism(for:model:precision:)`. A batch whose KV does not fit is
/// still timed but flagged, with the largest batch that fits stated per platform.
public struct ReplicaPerformanceTable: Sendable {
    /// One batch size on one platform.
    public struct Row: Hashable, Sendable {
        public var batchSize: Int
        public var iteration: IterationTimeBreakdown
        /// Whether `batchSize` sequences of `context` tokens fit the KV cache.
        public var fitsKVCache: Bool
        /// Output tokens per second of the replica: batch / iteration time.
        public var tokensPerSecond: Double { Double(batchSize) / iteration.total.seconds }
    }

    /// One platform's replica and its rows.
    public struct Platform: Hashable, Sendable {
        public var accelerator: AcceleratorID
        public var displayName: String
        public var parallelism: ReplicaParallelism
        public var kvCache: KVCacheBudget
        public var calibration: PlatformCalibration
        /// Largest batch of `context`-token sequences the KV cache holds.
        public var maxBatchAtContext: Int
        /// Iteration time of one prompt of `promptTokens` prefilled alone (a TTFT floor).
        public var prefill: IterationTimeBreakdown
        public var rows: [Row]
    }

    public var model: ModelShape
    public var precision: InferencePrecision
    public var context: Int
    public var promptTokens: Int
    public var platforms: [Platform]
    /// Platforms left out, with the reason.
    public var skipped: [(accelerator: AcceleratorID, reason: String)]

    /// The table for `model` over `catalog`, in catalog order.
    public init(model: ModelShape = .llama2_70B, precision: InferencePrecision = .bf16,
                batchSizes: [Int] = [1, 8, 32, 64, 128, 256], context: Int = 2048, promptTokens: Int = 2048,
                catalog: Catalog = .builtIn) {
        self.model = model
        self.precision = precision
        self.context = context
        self.promptTokens = promptTokens
        platforms = []
        skipped = []
        for chip in catalog.specs {
            guard let tp = Self.tensorParallelism(for: chip, model: model, precision: precision) else {
                skipped.append((chip.id, "weights do not fit in half the usable HBM of one scale-up domain"))
                continue
            }
            let replica = InferenceReplicaSpec(model: model, precision: precision,
                                               parallelism: ReplicaParallelism(tensor: tp))
            let perf = ReplicaPerformanceModel(replica: replica, accelerator: chip)
            var rows: [Row] = []
            for b in batchSizes {
                var work = IterationWorkload()
                for _ in 0..<b { work.addDecode(context: context) }
                rows.append(Row(batchSize: b, iteration: perf.iterationTime(work),
                                fitsKVCache: b * (context + 1) <= perf.kvCache.capacityTokens))
            }
            var prefillWork = IterationWorkload()
            prefillWork.addPrefill(tokens: promptTokens)
            platforms.append(Platform(accelerator: chip.id, displayName: chip.displayName,
                                      parallelism: replica.parallelism, kvCache: perf.kvCache, calibration: perf.calibration,
                                      maxBatchAtContext: perf.kvCache.capacityTokens / (context + 1),
                                      prefill: perf.iterationTime(prefillWork), rows: rows))
        }
    }

    /// The tensor-parallel degree used for `model` on `chip`: the smallest power of two, within
    /// the chip's scale-up domain, whose weight shard fills at most half the usable HBM
    /// (0.9 × capacity), leaving the other half for KV cache and workspace. Nil when even the
    /// whole domain cannot. For Llama-2-70B in BF16 (138 GB) this gives TP 4 on 80 GB GPUs and
    /// 141 GB H200 (TP 2 would need 69 GB of a 63 GB half), TP 2 on B200/GB200/MI300X, TP 16 on
    /// 32 GiB TPU v4 and Trn1, TP 32 on 16 GB TPU v5e.
    public static func tensorParallelism(for chip: AcceleratorSpec, model: ModelShape, precision: InferencePrecision) -> Int? {
        let weights = model.parameters * precision.weights.bytesPerElement
        let half = chip.hbmCapacity.value.value * 0.9 / 2
        var tp = 1
        while tp <= chip.scaleUpDomainChips.value {
            if weights / Double(tp) <= half { return tp }
            tp *= 2
        }
        return nil
    }

    /// The table as fixed-width text, one block per platform.
    public var text: String {
        var out = "\(model.name), weights \(precision.weights.rawValue), KV \(precision.kvCache.rawValue), "
            + "compute \(precision.compute.rawValue); decode at \(context) tokens of context per sequence\n"
        out += "tok/s = output tokens per second per replica; * = batch exceeds the KV cache\n"
        for p in platforms {
            let cal = p.calibration
            out += "\n\(p.accelerator) (\(p.displayName)): TP \(p.parallelism.tensor) = \(p.parallelism.chips) chip\(p.parallelism.chips == 1 ? "" : "s"), "
            out += "weights \(Self.fixed(p.kvCache.weightsPerChip.value / 1e9, 1)) GB/chip, "
            out += "KV \(Self.thousands(p.kvCache.capacityTokens)) tokens (max batch \(p.maxBatchAtContext)), "
            out += "prefill \(promptTokens) tokens \(Self.fixed(p.prefill.total.seconds * 1e3, 1)) ms (\(p.prefill.bound.rawValue)); "
            out += "e_c \(cal.computeEfficiency) e_m \(cal.bandwidthEfficiency)\n"
            out += Self.pad("batch", 7) + Self.pad("ms/token", 10) + Self.pad("tok/s", 10) + Self.pad("tok/s/chip", 12)
                + Self.pad("bound", 15) + Self.pad("compute", 9) + Self.pad("memory", 9) + Self.pad("comm", 8) + "\n"
            for r in p.rows {
                let it = r.iteration
                out += Self.pad("\(r.batchSize)\(r.fitsKVCache ? "" : "*")", 7)
                out += Self.pad(Self.fixed(it.total.seconds * 1e3, 2), 10)
                out += Self.pad(Self.thousands(Int(r.tokensPerSecond.rounded())), 10)
                out += Self.pad(Self.thousands(Int((r.tokensPerSecond / Double(p.parallelism.chips)).rounded())), 12)
                out += Self.pad(it.bound.rawValue, 15)
                out += Self.pad(Self.fixed(it.computeTime.seconds * 1e3, 2), 9)
                out += Self.pad(Self.fixed(it.memoryTime.seconds * 1e3, 2), 9)
                out += Self.pad(Self.fixed(it.communicationTime.seconds * 1e3, 2), 8) + "\n"
            }
        }
        for s in skipped { out += "\n\(s.accelerator): skipped — \(s.reason)\n" }
        return out
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }

    static func fixed(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }

    static func thousands(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }
}
