"""Benchmark, in one process: the bulk engine, the single-case engine row by row (the baseline), and a hand-written
polars query for one action (the floor, benchmarks/floor.py).

    python -m benchmarks.run [--sizes 10000,1000000] [--baseline-rows 2000] [--json FILE]

For each size N: `sanctuary synth` data (seed 1, Parquet; about N/1.4 persons, Poisson(5) history rows each) in a
temporary folder, then
- floor: benchmarks/floor.py, transfer_to_immigration_authorities, from the two files to a Parquet file;
- bulk engine, one action: what the floor does, by the bulk engine: read and validate both files
  (sanctuary.bulk.engine.load), decide that action for every request, write the answers (sizes up to one
  partition, in memory);
- bulk, one action: `sanctuary audit`'s pipeline (sanctuary.bulk.audit.run, without the HTML report) restricted
  to the same action: read, validate, decide, write answers, rejects and tables;
- bulk: the same for every action of the rulebook (what `sanctuary audit` does, less the report);
- baseline: `Rulebook.decide` on the first --baseline-rows requests, one case at a time (rows/s; it is linear), timed
  on a second pass over them (the first fills the engine's one-time caches);
Peak memory of each stage: the process's VmHWM, reset before the stage (Linux /proc/self/clear_refs), so it
includes what the process already holds (the interpreter, the rulebook, polars' allocator).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import sanctuary  # noqa: F401  (first: it sets the allocator options polars reads when it loads, for every stage alike)
import polars as pl


def _reset_peak():
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _status_mb(key: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key):
            return int(line.split()[1]) / 1024
    return float("nan")


def _stage(fn):
    _reset_peak()
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t, _status_mb("VmHWM")


def _baseline(rp: Path, hp: Path, rows: int, tmp: Path, rb) -> float:
    from sanctuary.bulk.cases import single_case_answers
    from sanctuary.bulk.engine import load

    sub = pl.scan_parquet(rp).head(rows).collect()
    sub.write_parquet(tmp / "base_requests.parquet")
    pl.scan_parquet(hp).filter(pl.col("person_id").is_in(sub["person_id"].implode())).collect().write_parquet(
        tmp / "base_history.parquet")
    loaded = load(tmp / "base_requests.parquet", tmp / "base_history.parquet", rb)
    # timed on a second pass: the first fills the engine's one-time caches (offense classifications, compiled
    # texts), which a row-by-row run over millions of rows would pay once, not once per 2,000 rows; so the
    # baseline is the single-case engine at its fastest, and the ratio to it is not flattered by warm-up
    single_case_answers(loaded.requests, loaded.history, rb)
    t = time.perf_counter()
    single_case_answers(loaded.requests, loaded.history, rb)
    return loaded.requests.height / (time.perf_counter() - t)


def _engine_one_action(rp: Path, hp: Path, out: Path, rb) -> None:
    """The bulk engine for the floor's one action and the floor's output: read and validate both files, decide
    the action for every request, write the answers (no rejects file, summary or report tables)."""
    from benchmarks.floor import ACTION
    from sanctuary.bulk.engine import answer, load

    loaded = load(rp, hp, rb)
    answer(loaded.requests, loaded.history, rb, actions=[ACTION]).write_parquet(out)


def bench(n: int, baseline_rows: int, rb) -> dict:
    from benchmarks.floor import ACTION, transfer_query
    from sanctuary.bulk.audit import partition_rows, run
    from sanctuary.bulk.synth import write

    with tempfile.TemporaryDirectory(dir=Path.cwd() / "out" if (Path.cwd() / "out").exists() else None) as t:
        tmp = Path(t)
        t0 = time.perf_counter()
        rp, hp = write(n, 1, tmp / "in", "parquet")
        synth_s = time.perf_counter() - t0
        print(f"[{n:,}] synth {synth_s:.1f} s", flush=True)
        floor, floor_s, floor_mb = _stage(lambda: transfer_query(rp, hp).sink_parquet(tmp / "floor.parquet"))
        floor_rows = pl.scan_parquet(tmp / "floor.parquet").select(pl.len()).collect().item()
        print(f"[{n:,}] floor {floor_s:.1f} s, {floor_mb:.0f} MB", flush=True)
        eng_s = eng_mb = None
        if n <= partition_rows():  # (in memory: one partition's worth)
            _, eng_s, eng_mb = _stage(lambda: _engine_one_action(rp, hp, tmp / "engine.parquet", rb))
            print(f"[{n:,}] bulk engine, one action {eng_s:.1f} s, {eng_mb:.0f} MB", flush=True)
        one, one_s, one_mb = _stage(lambda: run(rp, hp, tmp / "one", rb=rb, actions=[ACTION], report=False))
        print(f"[{n:,}] bulk one action {one_s:.1f} s, {one_mb:.0f} MB", flush=True)
        counts, bulk_s, bulk_mb = _stage(lambda: run(rp, hp, tmp / "all", rb=rb, report=False))
        print(f"[{n:,}] bulk {bulk_s:.1f} s, {bulk_mb:.0f} MB", flush=True)
        base_rps = _baseline(rp, hp, baseline_rows, tmp, rb)
        summary = json.loads((tmp / "all" / "summary.json").read_text())
    return {
        "requests": n, "accepted": counts["requests_accepted"], "answers": counts["answers"],
        "partitions": summary["partitions"], "synth_s": round(synth_s, 1),
        "bulk_s": round(bulk_s, 2), "bulk_rows_per_s": round(n / bulk_s), "bulk_peak_mb": round(bulk_mb),
        "one_action_s": round(one_s, 2), "one_action_peak_mb": round(one_mb),
        "engine_one_action_s": eng_s and round(eng_s, 2), "engine_one_action_peak_mb": eng_mb and round(eng_mb),
        "engine_one_action_vs_floor": eng_s and round(eng_s / floor_s, 2),
        "floor_s": round(floor_s, 2), "floor_rows_per_s": round(n / floor_s), "floor_peak_mb": round(floor_mb),
        "floor_answers": floor_rows,
        "baseline_rows_per_s": round(base_rps),
        "bulk_vs_baseline": round(n / bulk_s / base_rps, 1),
        "one_action_vs_floor": round(one_s / floor_s, 2),
        "bulk_vs_floor": round(bulk_s / floor_s, 2),
    }


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,1000000")
    ap.add_argument("--baseline-rows", type=int, default=2000)
    ap.add_argument("--json", type=Path, help="append each size's figures as a JSON line to this file")
    args = ap.parse_args(argv)
    from sanctuary.engine.rulebook import default_rulebook

    rb = default_rulebook()
    rows = []
    for n in [int(s.replace("_", "")) for s in args.sizes.split(",")]:
        rows.append(bench(n, args.baseline_rows, rb))
        print(json.dumps(rows[-1]), flush=True)
        if args.json:
            with args.json.open("a") as f:
                f.write(json.dumps(rows[-1]) + "\n")
    cols = ["requests", "bulk_s", "bulk_rows_per_s", "bulk_peak_mb", "one_action_s", "floor_s", "floor_peak_mb",
            "baseline_rows_per_s", "bulk_vs_baseline", "engine_one_action_vs_floor", "one_action_vs_floor", "bulk_vs_floor"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(f"{r[c]:,}" if isinstance(r[c], int) else str(r[c] if r[c] is not None else "-") for c in cols) + " |")


if __name__ == "__main__":
    main()
