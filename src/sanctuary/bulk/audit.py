"""`sanctuary audit`: load, validate, decide every row, write the tables and the HTML report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import polars as pl

from sanctuary import __version__
from sanctuary.engine.rulebook import default_rulebook

from .engine import answer, load
from .report import render_html, summary_tables, truth_act_tables

STEPS = ("read and validate", "decide", "write tables", "report")


def run(requests: Path, history: Path, out: Path, fmt: str = "parquet", step: Callable[[str], None] = lambda s: None) -> dict:
    rb = default_rulebook()
    step(STEPS[0])
    loaded = load(requests, history, rb)
    step(STEPS[1])
    answers = answer(loaded.requests, loaded.history, rb)
    step(STEPS[2])
    out.mkdir(parents=True, exist_ok=True)
    loaded.rejects.write_csv(out / "rejects.csv")
    ans = answers.join(loaded.requests.select("request_id", "received_date", "agency", "actor_kind", "request_kind",
                                              "person_id", "agency_response"), on="request_id", how="left")
    if fmt in ("parquet", "both"):
        ans.write_parquet(out / "answers.parquet")
    if fmt in ("csv", "both"):
        ans.write_csv(out / "answers.csv")
    tables = {**summary_tables(loaded.requests, answers), **truth_act_tables(loaded.requests)}
    for name, t in tables.items():
        t.write_csv(out / f"{name}.csv")
    counts = {**loaded.counts, "answers": answers.height,
              **{f"flag_{k}": v for k, v in answers.group_by("flag").len().drop_nulls("flag").iter_rows()},
              "duties_assessed": int(loaded.duties_assessed)}
    step(STEPS[3])
    meta = {"corpus_version": rb.corpus.version, "engine_version": __version__, "requests": str(requests), "history": str(history)}
    (out / "report.html").write_text(render_html(counts, tables, meta), encoding="utf-8")
    (out / "summary.json").write_text(json.dumps({**meta, "counts": counts}, indent=2, default=str))
    return counts
