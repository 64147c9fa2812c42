"""Load (issue 8, part 2): a short bounded run of benchmarks/load.py against a real `sanctuary serve`.

It asserts what must hold at any speed: no errors, every figure produced, every acknowledged stored decision present
and the chain intact. Speed is reported (docs/reliability.md, `make soak` writes the full table), never asserted
here: a busy CI machine must not fail the suite. The full run is `make soak` (`python -m benchmarks.load`, which
exits 1 on any error or any acknowledged record missing).
"""

from __future__ import annotations

import asyncio
import json
import math
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import load  # noqa: E402

FIGURES = ("throughput_rps", "p50_ms", "p90_ms", "p99_ms", "max_ms")


def test_short_load_run_has_no_errors_and_produces_figures():
    rep = load.run(levels=[10], n_plain=200, n_store=60, max_seconds=120, warmup=20)
    levels = {(r["store"], r["clients"]): r for r in rep["levels"]}
    assert set(levels) == {(False, 10), (True, 10)}
    for (store, clients), r in levels.items():
        assert r["errors"] == 0 and not r["error_kinds"], r
        assert r["requests"] == r["ok"] == (60 if store else 200), r
        assert not r["stopped_by_time"]
        for f in FIGURES:
            assert isinstance(r[f], float) and math.isfinite(r[f]) and r[f] > 0, (f, r)
        assert r["p50_ms"] <= r["p90_ms"] <= r["p99_ms"] <= r["max_ms"]
    assert rep["record"] == {**rep["record"], "acknowledged": 60, "distinct_seqs": 60, "present": 60, "missing": [],
                             "verify_exit": 0}
    assert "| no | 10 | 200 | 0 |" in rep["table"] and "| yes | 10 | 60 | 0 |" in rep["table"]
    json.dumps(rep)  # the report is what `--json` writes


def test_cli_writes_the_report(tmp_path):
    code = load.main(["--levels", "2", "--requests", "30", "--store-requests", "0", "--json", str(tmp_path / "r.json"),
                      "--markdown", str(tmp_path / "r.md")])
    assert code == 0
    rep = json.loads((tmp_path / "r.json").read_text())
    assert [(r["clients"], r["requests"], r["errors"]) for r in rep["levels"]] == [(2, 30, 0)]
    assert (tmp_path / "r.md").read_text().startswith("| storing | clients |")


def test_errors_are_counted_not_hidden(tmp_path):
    """A server that answers 4xx (here: storing with a token it does not know) shows up as errors, by status."""
    d = tmp_path / "data"
    with load.Server(d) as srv:
        bad = [load.build_request("/api/v1/decide?store=true", load.example_bodies()[0], "sct_0_nope")]
        outcomes, secs, _ = asyncio.run(load.run_level(srv.port, 3, 12, 60, bad))
    r = load.summarise(True, 3, outcomes, secs, False)
    assert (r.requests, r.ok, r.errors, r.error_kinds) == (12, 0, 12, {"HTTP 401": 12})


@pytest.mark.parametrize("values,q,want", [([1.0], 99, 1.0), ([1.0, 2.0], 50, 1.0), ([float(i) for i in range(1, 101)], 99, 99.0),
                                           ([float(i) for i in range(1, 101)], 50, 50.0), ([float(i) for i in range(1, 11)], 99, 10.0)])
def test_percentile_is_nearest_rank(values, q, want):
    assert load.percentile(values, q) == want


def test_reads_chunked_and_sized_responses():
    async def parse(raw: bytes):
        r = asyncio.StreamReader()
        r.feed_data(raw)
        r.feed_eof()
        return await load.read_response(r)

    assert asyncio.run(parse(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}")) == (200, b"{}", True)
    assert asyncio.run(parse(b"HTTP/1.1 503 X\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")) == (503, b"abcde", True)
    assert asyncio.run(parse(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"))[2] is False

