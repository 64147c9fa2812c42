"""Hardening tests (issue 8): hostile input at every door, access and privacy.

How many inputs each fuzz test tried is counted here (from Hypothesis's own per-run statistics) and written to
test-artifacts/hardening/fuzz-summary.json at the end of the run, per test and per door, so the figure in
docs/reliability.md can be quoted and reproduced.

`make test` runs each fuzz test with its own small, derandomized budget (the same inputs every run, so a CI failure
reproduces). `make soak` sets SANCTUARY_FUZZ_EXAMPLES (e.g. 2000) and runs them with that many random inputs each,
with Hypothesis's example database on, and also runs the tests marked slow.
"""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "hardening"

DOORS = {
    "test_fuzz_case_files.py": "case files (sanctuary decide, load_case)",
    "test_fuzz_citations.py": "citation strings (parse, classify, rap sheet, sanctuary offense)",
    "test_fuzz_bulk.py": "bulk tables (CSV and Parquet through validate and load)",
    "test_fuzz_http.py": "HTTP bodies, query strings, paths, headers and web forms",
    "test_fuzz_openapi.py": "schemathesis against /api/v1/openapi.json",
}

_counts: dict[str, dict] = {}


def _worker(config) -> str | None:
    wi = getattr(config, "workerinput", None)
    return wi["workerid"] if wi else None


def pytest_configure(config):
    if _worker(config) is None:  # the controller (or a run without xdist): start from a clean slate
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for f in ARTIFACTS.glob("counts-*.json"):
            f.unlink()


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_call(item):
    """Innermost around the test: collect Hypothesis's statistics for this run (the number of inputs tried)."""
    if "hardening" not in str(getattr(item, "path", "")):
        yield
        return
    from hypothesis.statistics import collector

    got: dict = {}
    start = time.perf_counter()
    with collector.with_value(got.update):
        yield
    if not got:  # not a Hypothesis test
        return
    tried = valid = 0
    for phase in ("explicit", "reuse", "generate", "target"):
        cases = got.get(f"{phase}-phase", {}).get("test-cases", [])
        tried += len(cases)
        valid += sum(1 for c in cases if c.get("status") == "valid")
    _counts[item.nodeid] = {"door": DOORS.get(item.path.name, item.path.name), "inputs_tried": tried,
                            "inputs_run_to_the_end": valid, "seconds": round(time.perf_counter() - start, 2)}


def pytest_sessionfinish(session):
    config = session.config
    if not _counts and _worker(config) is not None:
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    if _counts:
        (ARTIFACTS / f"counts-{_worker(config) or 'main'}.json").write_text(json.dumps(_counts, indent=1))
    if _worker(config) is not None:
        return
    merged: dict[str, dict] = {}
    for f in sorted(ARTIFACTS.glob("counts-*.json")):
        merged.update(json.loads(f.read_text()))
    if not merged:
        return
    doors: dict[str, dict] = defaultdict(lambda: {"tests": 0, "inputs_tried": 0, "seconds": 0.0})
    for rec in merged.values():
        d = doors[rec["door"]]
        d["tests"] += 1
        d["inputs_tried"] += rec["inputs_tried"]
        d["seconds"] = round(d["seconds"] + rec["seconds"], 2)
    summary = {"examples_setting": os.environ.get("SANCTUARY_FUZZ_EXAMPLES") or "per-test defaults (make test)",
               "total_inputs_tried": sum(r["inputs_tried"] for r in merged.values()),
               "doors": dict(sorted(doors.items())), "tests": dict(sorted(merged.items()))}
    (ARTIFACTS / "fuzz-summary.json").write_text(json.dumps(summary, indent=1))
