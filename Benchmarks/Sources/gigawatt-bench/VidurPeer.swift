import BenchmarkSupport
import Foundation

/// Vidur 0.0.26 on the matched inference scenario, for `peers`: Llama-2-70B on A100 with
/// tensor parallelism 2 and 2 pipeline stages (the only configuration its offline tables in
/// `../shared/reference/vidur/` cover), vLLM scheduling (batch cap 128, 4,096 tokens per batch),
/// replaying the same 1,000 requests as Gigawatt (`Benchmarks/Peers/matched-trace/`, written by
/// `make_matched_trace.py`: Poisson arrivals at 1 per second, lengths drawn from the arXiv
/// summarisation statistics). Gigawatt runs the same set-up from
/// `Benchmarks/Peers/vidur-matched.json5` in a measured child process, with summary.json only.
struct VidurPeer {
    static let requests = 1_000
    static let requestsPerSecond = 1.0

    struct Run {
        var wallSeconds: Double
        var simulateSeconds: Double
        var peakRSSMiB: Double
        var fields: [String: Double]
    }

    /// The result table, or nil and the reason it could not run.
    static func table(repetitions: Int) -> (ResultTable?, String) {
        do {
            let reference = Harness.repository.deletingLastPathComponent().appendingPathComponent("shared/reference/vidur")
            guard FileManager.default.fileExists(atPath: reference.appendingPathComponent("predictions").path) else {
                return (nil, "Vidur was not run: its offline tables (../shared/reference/vidur/predictions) are not beside this checkout.")
            }
            let python = try PeersSuite.environment(name: ".venv-vidur", requirements: "requirements-vidur.txt")
            var runs: [Run] = []
            for _ in 0..<repetitions { runs.append(try run(python, reference: reference)) }
            let ours = try gigawattRuns(repetitions: repetitions)
            let wall = Samples(runs.map(\.wallSeconds)), simulate = Samples(runs.map(\.simulateSeconds))
            let first = runs[0].fields
            func latency(_ key: String) -> ResultCell { first[key].map { .number($0, decimals: 3) } ?? .text("n/a") }
            let table = ResultTable(
                title: "Matched inference scenario: Llama-2-70B, A100, TP 2 × PP 2, the same \(requests) requests in both (Poisson \(requestsPerSecond)/s, arXiv lengths)",
                columns: ["simulator", "wall (s)", "event loop (s)", "peak RSS (MiB)", "e2e p50 / p90 / p99 (s)",
                          "TTFT p50 / p90 / p99 (s)", "time per output token p50 / p90 / p99 (s)"],
                rows: [[.text("Vidur 0.0.26"), .samples(wall, decimals: 2), .samples(simulate, decimals: 2),
                        .number(runs.map(\.peakRSSMiB).max()!, decimals: 1),
                        .text(["e2e_p50_s", "e2e_p90_s", "e2e_p99_s"].map { latency($0).rendered }.joined(separator: " / ")),
                        .text(["ttft_p50_s", "ttft_p90_s", "ttft_p99_s"].map { latency($0).rendered }.joined(separator: " / ")),
                        .text(["tbt_p50_s", "tbt_p90_s", "tbt_p99_s"].map { latency($0).rendered }.joined(separator: " / "))],
                       ours.row])
            print("peers: Vidur \(requests) requests: wall \(formatSeconds(wall.median)) s, event loop \(formatSeconds(simulate.median)) s; "
                  + "Gigawatt \(ours.requests) requests: wall \(formatSeconds(ours.wall.median)) s")
            return (table, "Vidur runs offline through Benchmarks/Peers/vidur_offline.py (its hub download replaced by the tables in "
                    + "../shared/reference/vidur/); wall time is the whole Python process (imports, loading the tables, simulating, "
                    + "writing request_metrics.csv), the event loop is Vidur's simulation alone. Latencies are Vidur's request_metrics.csv "
                    + "columns request_e2e_time, prefill_e2e_time (TTFT) and decode_time_execution_plus_preemption_normalized "
                    + "(decode time, preemptions included, per output token), from the first run. Both replay "
                    + "Benchmarks/Peers/matched-trace/ (the same requests; make_matched_trace.py writes it from the arXiv statistics).")
        } catch {
            return (nil, "Vidur was not run: \(error)")
        }
    }

    /// Gigawatt on `Benchmarks/Peers/vidur-matched.json5`: wall time and peak RSS of the whole
    /// child process (reading, simulating, writing summary.json; no separate event-loop time),
    /// latencies from summary.json → inference.services[0].
    static func gigawattRuns(repetitions: Int) throws -> (row: [ResultCell], wall: Samples, requests: Int) {
        let scenario = Harness.benchmarks.appendingPathComponent("Peers/vidur-matched.json5").path
        var measurements: [ChildMeasurement] = []
        var service: [String: Any] = [:]
        for index in 0..<max(repetitions, 1) {
            let out = Harness.scratch.appendingPathComponent("vidur-matched-\(index)")
            defer { try? FileManager.default.removeItem(at: out) }
            measurements.append(try RungChild.run(["--scenario", scenario, "--outputs", "summary", "--out", out.path]).0)
            if index == 0 {
                let data = try Data(contentsOf: out.appendingPathComponent("summary.json"))
                let summary = try JSONSerialization.jsonObject(with: data) as? [String: Any]
                let services = (summary?["inference"] as? [String: Any])?["services"] as? [[String: Any]]
                guard let first = services?.first else { throw HarnessFailure("vidur-matched: no inference service in summary.json") }
                service = first
            }
        }
        func percentiles(_ key: String) -> String {
            let latency = service[key] as? [String: Any]
            return ["p50_s", "p90_s", "p99_s"].map { (latency?[$0] as? Double).map { String(format: "%.3f", $0) } ?? "n/a" }
                .joined(separator: " / ")
        }
        let wall = Samples(measurements.map(\.wallSeconds))
        let completed = service["completed"] as? Int ?? 0
        let row: [ResultCell] = [.text("Gigawatt (\(completed) requests)"), .samples(wall, decimals: 2), .text("—"),
                                 .number(measurements.map(\.peakRSSMiB).max()!, decimals: 1),
                                 .text(percentiles("e2e")), .text(percentiles("ttft")), .text(percentiles("tpot"))]
        return (row, wall, completed)
    }

    static func run(_ python: String, reference: URL) throws -> Run {
        let out = Harness.scratch.appendingPathComponent("vidur-\(UInt64.random(in: 0 ... .max))")
        defer { try? FileManager.default.removeItem(at: out) }
        let script = Harness.benchmarks.appendingPathComponent("Peers/vidur_offline.py").path
        let arguments = [
            script, reference.path,
            "--replica_config_model_name", "meta-llama/Llama-2-70b-hf", "--replica_config_device", "a100",
            "--replica_config_network_device", "a100_pairwise_nvlink",
            "--replica_config_tensor_parallel_size", "2", "--replica_config_num_pipeline_stages", "2",
            "--replica_scheduler_config_type", "vllm", "--vllm_scheduler_config_batch_size_cap", "128",
            "--vllm_scheduler_config_max_tokens_in_batch", "4096",
            "--request_generator_config_type", "trace_replay",
            "--trace_request_generator_config_trace_file",
            Harness.benchmarks.appendingPathComponent("Peers/matched-trace/vidur.csv").path,
            "--trace_request_generator_config_prefill_scale_factor", "1", "--trace_request_generator_config_decode_scale_factor", "1",
            "--trace_request_generator_config_time_scale_factor", "1", "--trace_request_generator_config_max_tokens", "4096",
            "--no-metrics_config_store_plots", "--no-metrics_config_enable_chrome_trace",
            "--metrics_config_output_dir", out.path,
        ]
        let (measurement, output) = try Harness.measure().run(python, arguments)
        guard measurement.status == 0, let line = output.split(separator: "\n").last(where: { $0.hasPrefix("requests=") }) else {
            throw HarnessFailure("vidur_offline.py failed (status \(measurement.status)): \(output.suffix(1_000))")
        }
        var fields: [String: Double] = [:]
        for pair in line.split(separator: " ") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let value = Double(parts[1]) { fields[String(parts[0])] = value }
        }
        guard fields["requests"] == Double(requests), let simulate = fields["simulate_s"] else {
            throw HarnessFailure("vidur_offline.py reported \(line)")
        }
        return Run(wallSeconds: measurement.wallSeconds, simulateSeconds: simulate, peakRSSMiB: measurement.peakRSSMiB, fields: fields)
    }
}
