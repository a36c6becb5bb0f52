"""Runs Vidur 0.0.26 (PyPI `vidur`) fully offline, for side-by-side inference comparisons.

Vidur's PyPI package downloads its profiling data and prediction tables from a model hub at run
time, which this machine cannot reach. The prediction tables Vidur generated from its own
profiles (Llama-2-70B on A100, tensor parallelism 2; see ../shared/reference/vidur/README.md)
are loaded from disk instead, by replacing the one method that fetches them; everything else is
Vidur's own code. Usage: vidur_offline.py REFERENCE_DIR [vidur arguments...]

Status: the tables load and the simulation starts, but a 200-request run with the configuration
in ../shared/reference/vidur/README.md stopped with "Simulation ended with pending requests" (no
request was scheduled); see Benchmarks/RESULTS.md, "Vidur". Not run by the harness yet.
"""
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("WANDB_MODE", "disabled")

from vidur.execution_time_predictor import sklearn_execution_time_predictor as predictor  # noqa: E402

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

from vidur.main import main  # noqa: E402

main()
