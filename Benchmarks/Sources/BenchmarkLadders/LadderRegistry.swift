import Foundation

/// Every scenario ladder, in report order. To add one (for example inference requests,
/// 10K → 10M at iteration fidelity): write `Benchmarks/ladders/<name>.json5` with `{{…}}`
/// placeholders and append a `Ladder` here. `gigawatt-bench ladder`, `counters` and `report`
/// pick it up with no other change; run `gigawatt-bench counters --update` once to record its
/// counters.
public enum LadderRegistry {
    public static let all: [Ladder] = [chips, trainingJobs, horizon, inferenceRequests, outputsHorizon]

    public static func ladder(named name: String) -> Ladder? { all.first { $0.name == name } }
    public static var names: [String] { all.map(\.name) }

    /// Chips 1K → 1M: H100 hosts split into pools of at most 131,072 chips (what a radix-128
    /// three-tier fat-tree holds with room to spare), with training jobs in proportion (one per
    /// 32 chips over a week), so every rung keeps the fleet equally busy.
    static let chips = Ladder(
        name: "chips", quantity: "chips", rungs: [1_000, 10_000, 100_000], fullRungs: [1_000_000],
        counterRungs: [1_000, 10_000], template: "chips.json5",
        substitutions: { size in
            let hosts = max(size / 8, 1)
            let perPool = 131_072 / 8
            var pools: [String] = []
            var remaining = hosts
            while remaining > 0 {
                let count = min(remaining, perPool)
                pools.append("{ name: \"gpu-\(pools.count)\", site: \"site\", chip: \"h100-sxm\", hosts: \(count), fabric: { switch_radix: 128 } }")
                remaining -= count
            }
            let jobs = max(size / 32, 1)
            return ["pools": pools.joined(separator: ",\n      "), "jobs": "\(jobs)",
                    "rate": String(format: "%.4f", Double(jobs) / (6 * 24))]
        })

    /// Training jobs 100 → 1M on a fixed 100,000-GPU fleet over 30 days: the total work is held
    /// at about 60 % of the fleet's chip-hours (72 M), so more jobs means smaller jobs, and the
    /// scheduler's per-job costs are what grows. 1.4e8 tokens per H100-hour for a 1.7B model
    /// (6 · 1.7e9 FLOP/token at ~40 % of 989 TFLOP/s, hardware.md "H100 SXM").
    static let trainingJobs = Ladder(
        name: "training-jobs", quantity: "training jobs", rungs: [100, 1_000, 10_000, 100_000], fullRungs: [1_000_000],
        counterRungs: [100, 1_000], template: "training-jobs.json5",
        substitutions: { size in
            let tokensPerJob = 0.6 * 72e6 * 1.4e8 / Double(size)
            return ["rate": String(format: "%.4f", Double(size) / (25 * 24)),
                    "tokens": String(format: "%.3e", tokensPerJob), "sd": String(format: "%.3e", tokensPerJob / 2)]
        })

    /// Horizon 1 → 365 days: a fixed 8,192-GPU fleet with a steady stream of jobs (4 an hour),
    /// so events grow with simulated time alone.
    static let horizon = Ladder(
        name: "horizon", quantity: "days", rungs: [1, 10, 100, 365], counterRungs: [1, 10], template: "horizon.json5",
        substitutions: { days in ["jobs": "\(days * 24 * 4)"] })

    /// Inference requests 10K → 10M at iteration fidelity on a fixed 64 replicas (8 × H100 each)
    /// at 837 requests/s; the horizon is the request count over the rate, 0.5 % longer so that
    /// Poisson noise still brings the rung's requests.
    static let inferenceRequests = Ladder(
        name: "inference-requests", quantity: "requests", rungs: [10_000, 100_000, 1_000_000], fullRungs: [10_000_000],
        counterRungs: [10_000], template: "inference-requests.json5",
        substitutions: { requests in ["seconds": "\(Int((Double(requests) / 837 * 1.005).rounded(.up)))"] })

    /// Days 1 → 30 on a 100,000-GPU fleet with every output written and the same 600 jobs:
    /// memory must stay flat as the run grows (issue 8). (Job records themselves are kept for
    /// summary.json, so a ladder whose job count grows with time grows with it: see `horizon`.)
    static let outputsHorizon = Ladder(
        name: "outputs-horizon", quantity: "days", rungs: [1, 10, 30], counterRungs: [1], template: "outputs-horizon.json5",
        outputs: .all)
}
