"""Faults in the service and its decision record (issue 8, part 3), against a real `sanctuary serve` process.

- SIGKILL while clients are storing decisions, then a restart: every decision acknowledged to a client (a 2xx with
  its record seq and hash) is in the record with that hash, and `sanctuary record verify` passes.
- Two server processes appending to one SQLite record at once: one unbroken chain, every acknowledgement present.
- A read-only or a full data directory: `sanctuary serve` exits 2 with one line; a disk filling up while serving
  gives 503 with a clear problem detail, the service stays up, and stores again once there is room.

Read-only and full file systems are made without root, in a user and mount namespace (`unshare -Urm`: a read-only
bind mount, a 1 MB tmpfs). Where namespaces are not allowed those tests are skipped, and the in-process test with
SQLite's max_page_count still covers the 503 path.
"""

from __future__ import annotations

import http.client
import json
import random
import shlex
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.load import Server, example_bodies, free_port, make_token, sanctuary_cmd  # noqa: E402

BODIES = example_bodies()


def sanctuary(*args, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run([*sanctuary_cmd(), *args], capture_output=True, text=True, timeout=timeout)


def post(conn: http.client.HTTPConnection, body: bytes, token: str | None, store: bool = True) -> tuple[int, dict]:
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    conn.request("POST", "/api/v1/decide" + ("?store=true" if store else ""), body=body, headers=headers)
    r = conn.getresponse()
    return r.status, json.loads(r.read() or b"{}")


class Writers:
    """`n` threads posting storing decisions until told to stop or until their connection fails. `acked` holds
    (seq, record_hash) of every 2xx; `failed` counts requests that got no answer (in flight when the server died)."""

    def __init__(self, port: int, token: str, n: int):
        self.port, self.token = port, token
        self.acked: list[tuple[int, str]] = []
        self.other: list[int] = []
        self.failed = 0
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.run, args=(i,), daemon=True) for i in range(n)]
        [t.start() for t in self.threads]

    def run(self, i: int):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        k = i
        while not self.stop.is_set():
            try:
                status, out = post(conn, BODIES[k % len(BODIES)], self.token)
            except (OSError, http.client.HTTPException, ValueError):
                with self.lock:
                    self.failed += 1
                return
            k += 1
            with self.lock:
                if 200 <= status < 300:
                    self.acked.append((out["record"]["seq"], out["record"]["record_hash"]))
                else:
                    self.other.append(status)

    def wait_for(self, n_acked: int, timeout: float = 60):
        deadline = time.monotonic() + timeout
        while len(self.acked) < n_acked and time.monotonic() < deadline:
            time.sleep(0.005)
        assert len(self.acked) >= n_acked, f"only {len(self.acked)} acknowledgements in {timeout} s"

    def join(self):
        self.stop.set()
        for t in self.threads:
            t.join(60)


def check_record(data_dir: Path, acked: list[tuple[int, str]]) -> int:
    """Every acknowledged (seq, hash) is stored with that hash; `sanctuary record verify` passes. Returns the count."""
    from sanctuary.store import Store

    st = Store.open(data_dir, create=False)
    try:
        stored = {r.seq: r.record_hash for r in st.iter_rows()}
    finally:
        st.engine.dispose()
    assert len({s for s, _ in acked}) == len(acked), "two acknowledgements carry the same seq"
    missing = [s for s, h in acked if stored.get(s) != h]
    assert not missing, f"acknowledged but not stored (or stored differently): {missing[:10]}"
    v = sanctuary("record", "verify", "--data-dir", str(data_dir))
    assert v.returncode == 0, v.stdout + v.stderr
    assert f"intact: {len(stored)} records" in v.stdout
    return len(stored)


def kill_cycles(data_dir: Path, cycles: int, writers: int, seed: int) -> dict:
    rng = random.Random(seed)
    token = make_token(data_dir)
    acked: list[tuple[int, str]] = []
    in_flight = 0
    for _ in range(cycles):
        srv = Server(data_dir).start()
        w = Writers(srv.port, token, writers)
        w.wait_for(rng.randint(10, 60))
        time.sleep(rng.uniform(0, 0.05))  # land the kill anywhere in a write, not just after an acknowledgement
        srv.kill()
        w.join()
        assert not w.other, f"statuses other than 2xx before the kill: {w.other[:5]}\n{srv.log_tail()}"
        acked += w.acked
        in_flight += w.failed
    n = check_record(data_dir, acked)
    return {"cycles": cycles, "acknowledged": len(acked), "stored": n, "in_flight_at_kill": in_flight}


def test_sigkill_while_storing_loses_no_acknowledged_decision(tmp_path):
    got = kill_cycles(tmp_path / "data", cycles=2, writers=6, seed=8)
    assert got["acknowledged"] >= 20
    # a request in flight when the server died may or may not have been committed: never more than one per writer
    assert got["acknowledged"] <= got["stored"] <= got["acknowledged"] + got["in_flight_at_kill"]
    # and the record keeps working after the last crash
    srv = Server(tmp_path / "data").start()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
        status, out = post(conn, BODIES[0], make_token(tmp_path / "data"))
        assert status == 200 and out["record"]["seq"] == got["stored"] + 1
    finally:
        srv.stop()
    assert sanctuary("record", "verify", "--data-dir", str(tmp_path / "data")).returncode == 0


@pytest.mark.slow
def test_sigkill_soak(tmp_path):
    got = kill_cycles(tmp_path / "data", cycles=25, writers=12, seed=2026)
    assert got["acknowledged"] <= got["stored"] <= got["acknowledged"] + got["in_flight_at_kill"]
    out = ROOT / "test-artifacts" / "faults"
    out.mkdir(parents=True, exist_ok=True)
    (out / "sigkill-soak.json").write_text(json.dumps(got, indent=1))  # quoted in docs/reliability.md


def test_two_server_processes_on_one_record_keep_one_chain(tmp_path):
    d = tmp_path / "data"
    token = make_token(d)
    a, b = Server(d).start(), Server(d).start()
    try:
        wa, wb = Writers(a.port, token, 4), Writers(b.port, token, 4)
        wa.wait_for(60)
        wb.wait_for(60)
        wa.join()
        wb.join()
    finally:
        a.stop()
        b.stop()
    assert not wa.other and not wb.other and not wa.failed and not wb.failed
    acked = wa.acked + wb.acked
    assert check_record(d, acked) == len(acked)
    assert sorted(s for s, _ in acked) == list(range(1, len(acked) + 1))


def test_record_read_only_while_serving_in_process(tmp_path):
    """A database the service can no longer write (here opened read-only, as after the file system went read-only):
    storing gets 503 naming it, deciding without storing and reading records still work."""
    from fastapi.testclient import TestClient
    from sqlalchemy import create_engine

    from sanctuary.service import Settings, create_app
    from sanctuary.service.auth import create_token
    from sanctuary.store import Store, StoreError
    from sanctuary.store.record import _sqlite_durable

    d = tmp_path / "data"
    rw = Store.open(d)
    token = create_token(rw, "admin")[1]
    rw.engine.dispose()
    eng = create_engine(f"sqlite:///file:{d / 'sanctuary.sqlite'}?mode=ro&uri=true", connect_args={"check_same_thread": False})
    _sqlite_durable(eng)
    ro = Store(eng)
    with pytest.raises(StoreError, match="cannot be written: it is read-only"):
        ro.check_writable()
    client = TestClient(create_app(Settings(data_dir=d), store=ro))
    h = {"authorization": f"Bearer {token}", "content-type": "application/json"}
    r = client.post("/api/v1/decide?store=true", content=BODIES[0], headers=h)
    assert r.status_code == 503 and r.json()["detail"].startswith("the decision was not stored: it is read-only"), r.text
    assert client.post("/api/v1/decide", content=BODIES[0], headers=h).status_code == 200
    assert client.get("/api/v1/records/verify", headers=h).json()["ok"] is True


def test_record_writer_batches_in_order_and_retires_when_idle(tmp_path, monkeypatch):
    """In-process: 8 threads append at once through the one writer; each gets its own seq, the chain is whole; an
    idle writer stops, and the next append starts a new one."""
    from sanctuary.store import Store

    monkeypatch.setattr(Store, "WRITER_IDLE_SECONDS", 0.2)
    st = Store.open(tmp_path / "data")
    ans = {"as_of": "2026-01-02", "corpus_version": "c", "engine_version": "e", "answers": []}
    got: list[int] = []
    lock = threading.Lock()

    def work(i):
        for k in range(25):
            rec = st.append({"n": i * 100 + k}, ans)
            with lock:
                got.append(rec.seq)
    ts = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    [t.start() for t in ts]
    [t.join() for t in ts]
    assert sorted(got) == list(range(1, 201))
    w = st._writer_thread
    deadline = time.monotonic() + 5
    while w is not None and w.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert st._writer_thread is None and not w.is_alive()
    assert st.append({"n": -1}, ans).seq == 201
    rep = st.verify()
    assert rep.ok and rep.records == 201
    assert {st.get(s).case["n"] for s in range(1, 201)} == {i * 100 + k for i in range(8) for k in range(25)}


def test_record_hash_shortcut_matches_verify(tmp_path):
    """The writer hashes the record body without re-parsing it; verify() rebuilds it from the stored row. They must
    agree for every bundled example (as the service stores them, with and without identifiers), for characters
    outside ASCII, and for a case with non-string dict keys (where the writer takes the long way)."""
    from sanctuary.engine.rulebook import default_rulebook
    from sanctuary.store import Store
    from sanctuary.vocabulary.load import case_from_data

    st = Store.open(tmp_path / "data")
    rb = default_rulebook()
    n = 0
    for i, body in enumerate(BODIES):
        case = case_from_data(json.loads(body), "case")
        ans = json.loads(rb.decide(case).model_dump_json())
        st.append(json.loads(case.model_dump_json(exclude_unset=True)), ans, keep_identifiers=bool(i % 2))
        n += 1
    st.append({"note": "é ü 中 \u2028 \"quoted\" \\", "x": [1.5, 1e300, -0.0, None, True]}, ans)
    st.append({2: "b", 10: [{3: 1}]}, ans)
    st.append({"k": 1}, ans, keep_identifiers=1)  # a truthy non-bool is stored, and hashed, as true
    rep = st.verify()
    assert rep.ok and rep.records == n + 3, [str(p) for p in rep.problems]


# ---------------------------------------------------------------------------- read-only and full directories


def _userns() -> bool:
    if not shutil.which("unshare"):
        return False
    try:
        return subprocess.run(["unshare", "-Urm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt 2>/dev/null || "
                               "mount -t tmpfs -o size=64k tmpfs \"$TMPDIR\""], capture_output=True, timeout=10,
                              env={"TMPDIR": "/tmp", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


needs_ns = pytest.mark.skipif(not _userns(), reason="user and mount namespaces (unshare -Urm) are not allowed here")


def in_ns(script: str) -> list[str]:
    """A command prefix: run `script` as root of a new user and mount namespace, then exec the arguments."""
    return ["unshare", "-Urm", "sh", "-c", f"set -e; {script}; exec \"$@\"", "sh"]


def one_clear_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in stderr, stderr
    return lines[0]


@needs_ns
def test_serve_refuses_a_read_only_data_directory(tmp_path):
    d = tmp_path / "ro" / "data"
    assert make_token(d)  # an existing record, then the directory is made read-only
    mnt = shlex.quote(str(tmp_path / "ro"))
    r = subprocess.run([*in_ns(f"mount --bind {mnt} {mnt}; mount -o remount,ro,bind {mnt}"), *sanctuary_cmd(), "serve",
                        "--port", str(free_port()), "--data-dir", str(d)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    line = one_clear_line(r.stderr)
    assert str(d) in line and "read-only" in line
    # a data directory that does not exist yet, under a read-only one
    r = subprocess.run([*in_ns(f"mount --bind {mnt} {mnt}; mount -o remount,ro,bind {mnt}"), *sanctuary_cmd(), "serve",
                        "--port", str(free_port()), "--data-dir", str(d / "new")], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "read-only" in one_clear_line(r.stderr)
    # the CLI's writing commands say the same, in one line
    r = subprocess.run([*in_ns(f"mount --bind {mnt} {mnt}; mount -o remount,ro,bind {mnt}"), *sanctuary_cmd(), "token",
                        "create", "--role", "decide", "--data-dir", str(d)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "read-only" in one_clear_line(r.stderr) and not r.stdout


def test_record_full_while_serving_in_process(tmp_path):
    """The same 503 without namespaces: SQLite's max_page_count caps the database file, as a full disk would."""
    from fastapi.testclient import TestClient
    from sqlalchemy import event

    from sanctuary.service import Settings, create_app
    from sanctuary.service.auth import create_token
    from sanctuary.store import Store

    st = Store.open(tmp_path / "data")
    token = create_token(st, "decide")[1]
    pages = st.engine.connect().exec_driver_sql("PRAGMA page_count").scalar()

    @event.listens_for(st.engine, "connect")
    def _cap(dbapi_conn, _rec):
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 40}")

    st.engine.dispose()
    client = TestClient(create_app(Settings(data_dir=tmp_path / "data"), store=st))
    h = {"authorization": f"Bearer {token}", "content-type": "application/json"}
    codes = []
    for i in range(200):
        r = client.post("/api/v1/decide?store=true", content=BODIES[i % len(BODIES)], headers=h)
        codes.append(r.status_code)
        if r.status_code != 200:
            break
    assert codes[-1] == 503 and set(codes[:-1]) == {200} and len(codes) > 3, codes
    assert r.json()["detail"].startswith("the decision was not stored: the disk is full"), r.json()
    assert client.post("/api/v1/decide", content=BODIES[0], headers={"content-type": "application/json"}).status_code == 200
    rep = st.verify()
    assert rep.ok and rep.records == len(codes) - 1


@needs_ns
def test_serve_refuses_a_full_data_directory(tmp_path):
    mnt = tmp_path / "full"
    mnt.mkdir()
    m = shlex.quote(str(mnt))
    fill = f"mount -t tmpfs -o size=1m tmpfs {m}; dd if=/dev/zero of={m}/filler bs=4k 2>/dev/null || true"
    for data in (mnt / "data", mnt):  # a new data directory, and the mount point itself
        r = subprocess.run([*in_ns(fill), *sanctuary_cmd(), "serve", "--port", str(free_port()), "--data-dir", str(data)],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 2, r.stderr
        assert "full" in one_clear_line(r.stderr)


@needs_ns
def test_disk_filling_up_while_serving_gives_503_and_the_service_stays_up(tmp_path):
    """A 2 MB file system, half of it taken by another file: the record fills the rest while serving. Then the other
    file is removed (an operator making room) and storing works again, with the chain whole."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    d, tok_file = mnt / "data", tmp_path / "token"
    q = shlex.quote
    m = q(str(mnt))
    sct = " ".join(q(c) for c in sanctuary_cmd())
    script = (f"mount -t tmpfs -o size=2m tmpfs {m}; "
              f"{sct} token create --role admin --data-dir {q(str(d))} > {q(str(tok_file))} 2>/dev/null; "
              f"dd if=/dev/zero of={m}/other-file bs=64k count=16 2>/dev/null")
    srv = Server(d, wrap=in_ns(script)).start()
    try:
        token = tok_file.read_text().strip()
        conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
        acked, full = [], None
        for i in range(400):
            status, out = post(conn, BODIES[i % len(BODIES)], token)
            if status == 503:
                full = out
                break
            assert status == 200, out
            acked.append((out["record"]["seq"], out["record"]["record_hash"]))
        assert full is not None, "the file system never filled up"
        assert "not stored" in full["detail"] and "full" in full["detail"], full
        assert len(acked) >= 5
        # the service stays up: it decides without storing, answers health, and refuses to store again, clearly
        assert post(conn, BODIES[1], None, store=False)[0] == 200
        conn.request("GET", "/api/v1/health")
        r = conn.getresponse()
        assert r.status == 200 and json.loads(r.read())["status"] == "ok"
        # the same record again needs the same room, which the refused attempt did not take (a smaller record
        # might fit in what its rollback left)
        status, again = post(conn, BODIES[i % len(BODIES)], token)
        assert status == 503 and "full" in again["detail"]
        # room again: the other file goes (seen through the server's own mount namespace)
        (Path(f"/proc/{srv.proc.pid}/root") / str(mnt).lstrip("/") / "other-file").unlink()
        status, out = post(conn, BODIES[3], token)
        assert status == 200, out
        assert out["record"]["seq"] == len(acked) + 1  # the refused ones took no seq
        conn.request("GET", "/api/v1/records/verify", headers={"authorization": f"Bearer {token}"})
        v = json.loads(conn.getresponse().read())
        assert v["ok"] and v["records"] == len(acked) + 1, v
        conn.request("GET", "/api/v1/records?limit=500", headers={"authorization": f"Bearer {token}"})
        stored = {r["seq"]: r["record_hash"] for r in json.loads(conn.getresponse().read())}
        assert all(stored.get(s) == h for s, h in acked)
    finally:
        srv.stop()
    assert "Traceback" not in (srv.log or ""), srv.log
