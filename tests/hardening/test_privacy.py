"""Personal data never reaches a log, and reaches the record only when asked.

Cases carry a unique marker as the booking reference, the agency name, an unknown field, a query parameter, a path
and a form field; they go through the CLI, the API (with and without storing), the web questionnaire, a bulk audit
and a real `sanctuary serve`. Every logger is at DEBUG and written to a file (tests/service/test_api.py checks the
service's own loggers through caplog; here the whole process, third-party libraries included, and the real server's
stderr). The search is shown to work by finding the marker where it should be (the record, when identifiers are
kept; the answers table of the audit)."""

import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sanctuary.cli import app as cli
from sanctuary.service.auth import create_token

from hardening_helpers import ROOT, example, make_app

MARK = "PII-MARKER-Q7Z3X9"  # the person's booking reference and other personal data
AGENCY = "AGENCY-MARKER-K2W8"  # the agency's name: not personal data, kept in the record, but not logged either


@pytest.fixture
def debug_log(tmp_path):
    """Every logger of the process at DEBUG, into one file: the root logger at DEBUG, as an operator turning on
    debugging would set it (sqlalchemy.engine included: the store pins it to WARNING, which is what is tested)."""
    path = tmp_path / "debug.log"
    h = logging.FileHandler(path, encoding="utf-8")
    h.setLevel(logging.DEBUG)
    h.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    h.addFilter(lambda r: not r.name.startswith(("httpx", "httpcore")))  # the test client's own lines, not the server's
    root = logging.getLogger()
    old = root.level
    root.addHandler(h)
    root.setLevel(logging.DEBUG)
    # loggers configured elsewhere (e.g. `sanctuary serve`'s dictConfig in another test) must not hide lines here
    saved = {}
    for name in ("sanctuary", "sanctuary.access", "sanctuary.service", "uvicorn", "uvicorn.error", "multipart", "fastapi"):
        lg = logging.getLogger(name)
        saved[name] = (lg.level, lg.propagate, lg.disabled)
        lg.setLevel(logging.DEBUG)
        lg.propagate, lg.disabled = True, False
    yield path
    root.removeHandler(h)
    root.setLevel(old)
    h.close()
    for name, (lvl, prop, dis) in saved.items():
        lg = logging.getLogger(name)
        lg.setLevel(lvl)
        lg.propagate, lg.disabled = prop, dis


def marked_case(name="jail-detainer-robbery-conviction"):
    case = example(name)
    case.setdefault("person", {})["reference"] = MARK
    case["actor"]["name"] = f"Agency {AGENCY}"
    return case


def data_bytes(data_dir: Path) -> bytes:
    """Every byte of every file of the data directory (database, WAL, journal)."""
    return b"".join(p.read_bytes() for p in sorted(data_dir.rglob("*")) if p.is_file())


def log_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")
    assert AGENCY not in text
    return text


def test_cli_decide(tmp_path, debug_log):
    p = tmp_path / "case.yaml"
    p.write_text(yaml.safe_dump(marked_case()))
    r = CliRunner().invoke(cli, ["decide", str(p), "--json"])
    assert r.exit_code == 0, r.output
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({**marked_case(), "actor": {"kind": MARK}}))
    assert CliRunner().invoke(cli, ["decide", str(bad)]).exit_code == 2
    assert MARK not in log_text(debug_log)


def test_api_with_and_without_storing(tmp_path, debug_log):
    data = tmp_path / "data"
    app, store = make_app(data)
    tok = create_token(store, "admin", "privacy test")[1]
    h = {"Authorization": f"Bearer {tok}"}
    c = TestClient(app, raise_server_exceptions=False)
    case = marked_case()
    assert c.post("/api/v1/decide", json=case).status_code == 200
    assert c.post(f"/api/v1/decide?note={MARK}", json=case, headers=h).status_code == 200
    assert c.post("/api/v1/decide?store=true", json=case, headers=h).status_code == 200
    # refused inputs that echo the marker back to the client must not log it either
    assert c.post("/api/v1/decide", json={**case, MARK: 1}).status_code == 422
    assert c.post("/api/v1/decide", json={**case, "actor": {"kind": MARK}}).status_code == 422
    assert c.get(f"/api/v1/law/{MARK}").status_code == 404
    assert c.get(f"/api/v1/records/{MARK}", headers=h).status_code == 422
    assert c.get(f"/{MARK}").status_code == 404
    assert c.get("/api/v1/records", headers={"Authorization": f"Bearer sct_{MARK}_x"}).status_code == 401
    # stored without identifiers: the marker is in no byte of the data directory
    seq = c.get("/api/v1/records", headers=h).json()[0]["seq"]
    assert "reference" not in c.get(f"/api/v1/records/{seq}", headers=h).json()["case"]["person"]
    assert MARK.encode() not in data_bytes(data), "identifiers stored although store_identifiers was not asked"
    assert AGENCY.encode() in data_bytes(data)  # the agency's name is kept: the search of the bytes works
    assert MARK not in log_text(debug_log)

    # asked to keep identifiers: the record has them (the search above would have found them), the logs still not
    assert c.post("/api/v1/decide?store=true&store_identifiers=true", json=case, headers=h).status_code == 200
    assert MARK.encode() in data_bytes(data)
    assert MARK not in log_text(debug_log)
    assert "sanctuary.access" in log_text(debug_log)  # the access log was captured: the search is not vacuous


def test_web_questionnaire(tmp_path, debug_log):
    app, _ = make_app(tmp_path / "data")
    c = TestClient(app, raise_server_exceptions=False)
    form = {"actor": "county_jail", "asks": ["hold", "notification"], "as_of": "2026-01-15", "documents": ["i247a"],
            "conv-0-citation": "PC 211", "conv-0-level": "felony", "conv-0-date": "2016-04-12",
            "local_policy_restricts": "no", "note": MARK, "reference": MARK}
    r = c.post("/ask/clerk/answer", data=form)
    assert r.status_code == 200, r.text[:500]
    c.post("/ask/clerk/answer", data={**form, "conv-0-citation": MARK})
    c.post("/login", data={"username": MARK, "password": MARK})
    assert MARK not in log_text(debug_log)


def test_bulk_audit(tmp_path, debug_log):
    from sanctuary.bulk.synth import write

    req, hist = write(20, 7, tmp_path / "in", "csv")
    import csv

    pid = next(csv.DictReader(req.open()))["person_id"]
    req.write_text(req.read_text().replace(pid, MARK))
    hist.write_text(hist.read_text().replace(pid, MARK))
    out = tmp_path / "out"
    r = CliRunner().invoke(cli, ["audit", str(req), str(hist), "-o", str(out), "--format", "csv"])
    assert r.exit_code == 0, r.output
    assert MARK in (out / "answers.csv").read_text()  # the marker went through
    assert MARK not in log_text(debug_log)
    assert MARK not in r.stderr.replace("\n", "")  # the console wraps long lines


def test_real_server_stderr(tmp_path):
    """`sanctuary serve` as deployed: its whole stderr (uvicorn and sanctuary loggers) holds no marker."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = tmp_path / "data"
    err = tmp_path / "serve.log"
    env = {**os.environ, "SANCTUARY_DATA_DIR": str(data)}
    with open(err, "wb") as f:
        proc = subprocess.Popen([sys.executable, "-m", "sanctuary.cli", "serve", "--port", str(port), "--data-dir", str(data)],
                                stdout=f, stderr=subprocess.STDOUT, env=env, cwd=ROOT, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                if httpx.get(base + "/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not start: " + err.read_text()[-2000:])
        from sanctuary.service.auth import create_token as ct
        from sanctuary.store import Store

        tok = ct(Store.open(data), "decide", "privacy")[1]
        h = {"Authorization": f"Bearer {tok}"}
        case = marked_case()
        assert httpx.post(f"{base}/api/v1/decide?store=true&note={MARK}", json=case, headers=h, timeout=30).status_code == 200
        assert httpx.post(f"{base}/api/v1/decide", json={**case, "actor": {"kind": MARK}}, timeout=30).status_code == 422
        httpx.get(f"{base}/{MARK}?q={MARK}", timeout=30)
        httpx.get(f"{base}/api/v1/records", headers={"Authorization": f"Bearer {MARK}"}, timeout=30)
        httpx.post(f"{base}/ask/clerk/answer", data={"actor": "county_jail", "asks": "hold", "note": MARK}, timeout=30)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    text = err.read_text(errors="replace")
    assert "POST /api/v1/decide 200" in text, text[-2000:]  # the access log is on, by route template
    assert MARK not in text
    assert MARK.encode() not in data_bytes(data)
