"""Writes the 1,000 requests both simulators replay in the matched Vidur comparison.

Usage: make_matched_trace.py ARXIV_STATS_CSV OUT_DIR

Arrivals: a Poisson process at 1 request/s (exponential gaps, Python's Mersenne Twister seeded
with 1), timestamps rounded to whole milliseconds. Lengths: rows of the arXiv-summarisation
statistics Vidur ships (num_prefill_tokens, num_decode_tokens; Vidur's own length generator
reads the same file), drawn uniformly with replacement, then fitted to 4,096 tokens the way
Vidur's trace generators do (the prompt shortened by whatever the total exceeds).

Writes OUT_DIR/vidur.csv (Vidur's trace_replay columns Date, Time, PromptTokenCount,
CompletionTokenCount) and OUT_DIR/gigawatt.jsonl (Mooncake rows: timestamp in ms,
input_length, output_length, hash_ids), the same requests in both. Deterministic: running it
again gives the same bytes.
"""
import csv
import json
import os
import random
import sys

REQUESTS = 1000
RATE_PER_SECOND = 1.0
MAX_TOKENS = 4096
DATE = "2023-08-21"  # Vidur's default trace date filter


def main(stats_path, out_dir):
    with open(stats_path, newline="") as f:
        rows = [(int(r["num_prefill_tokens"]), int(r["num_decode_tokens"])) for r in csv.DictReader(f)]
    rng = random.Random(1)
    clock_ms = 0.0
    requests = []
    for _ in range(REQUESTS):
        clock_ms += rng.expovariate(RATE_PER_SECOND) * 1000
        prompt, output = rows[rng.randrange(len(rows))]
        prompt, output = max(prompt, 1), max(output, 1)
        prompt -= max(prompt + output - MAX_TOKENS, 0)
        requests.append((round(clock_ms), prompt, output))
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "vidur.csv"), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["Date", "Time", "PromptTokenCount", "CompletionTokenCount"])
        for ms, prompt, output in requests:
            writer.writerow([DATE, f"{ms / 1000:.3f}", prompt, output])
    with open(os.path.join(out_dir, "gigawatt.jsonl"), "w") as f:
        for ms, prompt, output in requests:
            f.write(json.dumps({"timestamp": ms, "input_length": prompt, "output_length": output, "hash_ids": []}) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
