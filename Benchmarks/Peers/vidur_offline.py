"""Runs Vidur 0.0.26 (PyPI `vidur`) fully offline and prints its wall time and latency percentiles.

Vidur's PyPI package downloads its profiling data and prediction tables from a model hub at run
time, which this machine cannot reach. The prediction tables Vidur generated from its own
profiles (Llama-2-70B on A100, tensor parallelism 2; see ../shared/reference/vidur/README.md)
are loaded from disk instead, by replacing the one method that fetches them; everything else is
Vidur's own code.

Usage: vidur_offline.py REFERENCE_DIR [vidur arguments...]
Prints one line: requests=N simulate_s=S end_s=T e2e_p50_s=… e2e_p90_s=… e2e_p99_s=…
ttft_p50_s=… ttft_p90_s=… ttft_p99_s=… tbt_p50_s=… tbt_p90_s=… tbt_p99_s=…
simulate_s is the wall time of Vidur's event loop (start to the last event, before it writes its
outputs); end_s is the simulated time at the end. Latencies are Vidur's request_metrics.csv:
request_e2e_time, prefill_e2e_time (time to first token) and
decode_time_execution_plus_preemption_normalized (time per output token).

Note for a run that ends with "Simulation ended with pending requests": the trace length
generator's max_tokens defaults to 1,048,576, which leaves room for no request in the KV cache;
pass --trace_request_length_generator_config_max_tokens 4096.
"""
import os
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("WANDB_MODE", "disabled")

import pandas  # noqa: E402
from vidur.config import SimulationConfig  # noqa: E402
from vidur.execution_time_predictor import sklearn_execution_time_predictor as predictor  # noqa: E402
from vidur.simulator import Simulator  # noqa: E402
from vidur.utils.random import set_seeds  # noqa: E402

REFERENCE = sys.argv.pop(1)


def _load_predictions_from_disk(self):
    """The hub download replaced by the tables kept in REFERENCE/predictions/<hash>/."""
    files, names = [], []
    for table in ("cdc019db", "13769c45"):  # compute, network (Llama-2-70B, A100, TP 2)
        directory = os.path.join(REFERENCE, "predictions", table)
        for name in sorted(os.listdir(directory)):
            if name.endswith(".csv.xz"):
                files.append(os.path.join(directory, name))
                names.append(name.split(".")[0])
    return {name: predictor._load_prediction_file(path) for name, path in zip(names, files)}


predictor.SklearnExecutionTimePredictor._load_predictions_from_hf = _load_predictions_from_disk

marks = {}
_write_output = Simulator._write_output


def _timed_write_output(self):
    marks["loop_end"] = time.perf_counter()
    _write_output(self)


Simulator._write_output = _timed_write_output


def main():
    config = SimulationConfig.create_from_cli_args()
    set_seeds(config.seed)
    simulator = Simulator(config)
    start = time.perf_counter()
    simulator.run()
    metrics = pandas.read_csv(os.path.join(config.metrics_config.output_dir, "request_metrics.csv"))
    fields = {"requests": len(metrics), "simulate_s": f"{marks['loop_end'] - start:.4f}", "end_s": f"{simulator._time:.3f}"}
    for label, column in (("e2e", "request_e2e_time"), ("ttft", "prefill_e2e_time"),
                          ("tbt", "decode_time_execution_plus_preemption_normalized")):
        for q in (50, 90, 99):
            fields[f"{label}_p{q}_s"] = f"{metrics[column].quantile(q / 100):.6f}"
    print(" ".join(f"{k}={v}" for k, v in fields.items()))


if __name__ == "__main__":
    main()
