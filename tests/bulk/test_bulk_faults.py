"""A bulk run killed halfway leaves no output that looks complete, and a rerun produces the full result (issue 8).

`sanctuary audit` runs as a subprocess over a synthetic input split into several partitions
(SANCTUARY_BULK_PARTITION_ROWS), pausing after each partition (SANCTUARY_AUDIT_PAUSE_AFTER_PARTITION, a test
hook); it is killed with SIGKILL once its work folder holds a finished partition. Then: no summary.json (the
manifest), none of the outputs, only the hidden work folder; a rerun removes that folder and writes outputs equal
to a clean run's; the manifest's sizes and hashes match the files.
"""

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest

from sanctuary.bulk.audit import OUTPUT_NAMES
from sanctuary.bulk.synth import write

SANCTUARY = [sys.executable, "-m", "sanctuary.cli"]


def _audit(rp, hp, out, env_extra=None, **kw):
    env = {**os.environ, "SANCTUARY_BULK_PARTITION_ROWS": "700", **(env_extra or {})}
    return subprocess.Popen([*SANCTUARY, "audit", str(rp), str(hp), "-o", str(out), "--format", "both"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def _outputs(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name in OUTPUT_NAMES) if out.exists() else []


def _same_outputs(a: Path, b: Path):
    sa, sb = json.loads((a / "summary.json").read_text()), json.loads((b / "summary.json").read_text())
    assert sa["complete"] is True and sb["complete"] is True
    assert sa["counts"] == sb["counts"]
    assert set(sa["files"]) == set(sb["files"])
    for name, meta in sa["files"].items():
        data = (a / name).read_bytes()
        assert len(data) == meta["bytes"] and hashlib.sha256(data).hexdigest() == meta["sha256"], name
        if name.endswith(".csv"):
            assert pl.read_csv(a / name, infer_schema=False).equals(pl.read_csv(b / name, infer_schema=False)), name
    pa = pl.read_parquet(a / "answers.parquet")
    assert pa.equals(pl.read_parquet(b / "answers.parquet"))
    assert pa.height == sa["counts"]["answers"] > 0


@pytest.fixture(scope="module")
def synth(tmp_path_factory):
    d = tmp_path_factory.mktemp("faults")
    return write(3000, 21, d / "in", "csv")


def test_killed_audit_leaves_nothing_complete_and_rerun_is_full(synth, tmp_path):
    rp, hp = synth
    clean = tmp_path / "clean"
    p = _audit(rp, hp, clean)
    assert p.wait(timeout=300) == 0, p.stderr.read().decode()
    assert json.loads((clean / "summary.json").read_text())["partitions"] >= 4

    out = tmp_path / "killed"
    p = _audit(rp, hp, out, {"SANCTUARY_AUDIT_PAUSE_AFTER_PARTITION": "30"})
    deadline = time.monotonic() + 240
    try:
        # wait until a partition's answers are written in the work folder (appended to the answer files, the CSV
        # after the Parquet), then kill
        while time.monotonic() < deadline:
            if any(f.stat().st_size for f in out.glob(".partial-*/answers.csv")):
                break
            assert p.poll() is None, p.stderr.read().decode()
            time.sleep(0.05)
        else:
            pytest.fail("the audit wrote no partition in time")
        os.kill(p.pid, signal.SIGKILL)
        p.wait(timeout=30)
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == -signal.SIGKILL
    assert _outputs(out) == []  # no answers, rejects, tables, report or manifest: nothing that looks complete
    assert [d.name.startswith(".partial-") for d in out.iterdir()] == [True]

    p = _audit(rp, hp, out)
    assert p.wait(timeout=300) == 0, p.stderr.read().decode()
    assert not list(out.glob(".partial-*"))  # the killed run's work folder is gone
    _same_outputs(out, clean)


def test_killed_rerun_keeps_the_earlier_complete_result(synth, tmp_path):
    """Killing a rerun leaves the earlier run's outputs whole, with their own manifest (nothing half-replaced)."""
    rp, hp = synth
    out = tmp_path / "out"
    p = _audit(rp, hp, out)
    assert p.wait(timeout=300) == 0, p.stderr.read().decode()
    before = {n: (out / n).read_bytes() for n in _outputs(out)}
    p = _audit(rp, hp, out, {"SANCTUARY_AUDIT_PAUSE_AFTER_PARTITION": "30"})
    try:
        deadline = time.monotonic() + 240
        while not any(f.stat().st_size for f in out.glob(".partial-*/answers.csv")):
            assert time.monotonic() < deadline and p.poll() is None
            time.sleep(0.05)
        os.kill(p.pid, signal.SIGKILL)
        p.wait(timeout=30)
    finally:
        if p.poll() is None:
            p.kill()
    assert {n: (out / n).read_bytes() for n in _outputs(out)} == before
    manifest = json.loads((out / "summary.json").read_text())
    for name, meta in manifest["files"].items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == meta["sha256"]
