"""Bulk engine vs the single-case engine row by row (baseline) (a hand-written floor for one action is not written yet: see docs/bulk.md).

    python -m benchmarks.run [--sizes 10000,1000000] [--baseline-rows 2000]

All in one process. Peak memory per stage: the process's VmHWM, reset before each stage (Linux /proc/self/clear_refs).
The baseline is timed on the first --baseline-rows accepted rows and reported as rows/s.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import polars as pl


def _reset_peak():
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,1000000")
    ap.add_argument("--baseline-rows", type=int, default=2000)
    args = ap.parse_args(argv)
    from sanctuary.bulk.cases import single_case_answers
    from sanctuary.bulk.engine import answer, facts_frame, load
    from sanctuary.bulk.synth import write
    from sanctuary.engine.rulebook import default_rulebook

    rb = default_rulebook()
    action = "transfer_to_immigration_authorities"
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            rp, hp = write(n, 1, Path(tmp), "parquet")
            _reset_peak()
            t = time.perf_counter()
            loaded = load(rp, hp, rb)
            a = answer(loaded.requests, loaded.history, rb)
            bulk_s, bulk_mb = time.perf_counter() - t, _peak_mb()
            acc = loaded.requests.height
            # bulk, one action (compared with the floor)
            _reset_peak()
            t = time.perf_counter()
            one = answer(loaded.requests, loaded.history, rb, actions=[action])
            one_s = time.perf_counter() - t
            # baseline
            sub = loaded.requests.head(args.baseline_rows)
            t = time.perf_counter()
            single_case_answers(sub, loaded.history.filter(pl.col("person_id").is_in(sub["person_id"].implode())), rb)
            base_rps = sub.height / (time.perf_counter() - t)
            rows.append({"requests": n, "accepted": acc, "answers": a.height, "bulk_s": round(bulk_s, 2),
                         "bulk_rows_per_s": round(acc / bulk_s), "bulk_peak_mb": round(bulk_mb),
                         "baseline_rows_per_s": round(base_rps), "speedup_vs_baseline": round(acc / bulk_s / base_rps, 1),
                         "one_action_s": round(one_s, 2)})
            print(rows[-1], flush=True)
    print(pl.DataFrame(rows))


if __name__ == "__main__":
    main()
