"""Load test: a real `sanctuary serve` process on loopback, driven by 1, 10 and 50 concurrent clients.

    python -m benchmarks.load [--levels 1,10,50] [--requests 2000] [--store-requests 1000] [--max-seconds 120]
                              [--json out/load.json] [--markdown out/load.md] [--server-arg=--workers=2]

For each level, and for decisions without and with storing the record (`POST /api/v1/decide` and
`POST /api/v1/decide?store=true` with a token of role `decide`), it sends a bounded number of requests (stopping
early at --max-seconds) and reports throughput, p50, p90, p99 and max latency and the error count. A request is an
error if it does not get a 2xx answer (a connection error, a timeout, or any other status). After the storing runs
it checks that every acknowledged record is in the record and that `sanctuary record verify` passes.

The server is started as its own process with the embedded defaults in a fresh temporary data directory; the token
is made with `sanctuary token create --role decide`. The clients are asyncio connections with keep-alive that send
prepared HTTP/1.1 requests (a deliberately thin client, so that the client's own CPU use disturbs the figures as
little as possible on a small machine: client and server share the cores). The cases sent are the bundled
examples/*.yaml, in turn.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def sanctuary_cmd() -> list[str]:
    """The `sanctuary` command of the running interpreter's environment."""
    exe = Path(sys.executable).with_name("sanctuary")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "sanctuary.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def example_bodies() -> list[bytes]:
    out = []
    for p in sorted(EXAMPLES.glob("*.yaml")):
        data = json.loads(json.dumps(yaml.safe_load(p.read_text()), default=str))
        out.append(json.dumps(data).encode())
    return out


# ---------------------------------------------------------------------------- the server


class Server:
    """`sanctuary serve` as a child process in its own process group; its output goes to a temporary file, read
    into `.log` when it stops."""

    def __init__(self, data_dir: Path, port: int | None = None, extra_args: list[str] | None = None,
                 env: dict | None = None, wrap: list[str] | None = None):
        """`wrap`: a command prefix that ends by running its arguments (e.g. `unshare ... sh -c '...; exec "$@"' sh`)."""
        self.data_dir, self.port = Path(data_dir), port or free_port()
        self.extra_args, self.env, self.wrap = extra_args or [], env, wrap or []
        self.proc: subprocess.Popen | None = None
        self.log: str | None = None
        self._log = None
        self.log_path = Path(tempfile.gettempdir()) / f"sanctuary-serve-{os.getpid()}-{self.port}.log"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> "Server":
        env = dict(os.environ if self.env is None else self.env)
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [*self.wrap, *sanctuary_cmd(), "serve", "--host", "127.0.0.1", "--port", str(self.port),
             "--data-dir", str(self.data_dir), *self.extra_args],
            stdout=self._log, stderr=self._log, env=env, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.close_log()
                raise RuntimeError(f"sanctuary serve exited with {self.proc.returncode}: {self.log_tail()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                    s.sendall(b"GET /api/v1/health HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
                    if s.recv(12).startswith(b"HTTP/1.1 200"):
                        return self
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"sanctuary serve did not answer within {timeout} s: {self.log_tail()}")

    def log_tail(self, n: int = 2000) -> str:
        if getattr(self, "log", None) is not None and getattr(self, "_log", None) is None:
            return self.log[-n:]
        try:
            return self.log_path.read_text(errors="replace")[-n:]
        except OSError:
            return ""

    def kill(self) -> None:
        """SIGKILL to the whole process group (uvicorn workers included): no shutdown code runs."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
        self.close_log()

    def stop(self) -> None:
        """SIGTERM (uvicorn shuts down cleanly), SIGKILL after 15 s; then the log file is read into `.log` and removed."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.close_log()

    def close_log(self) -> None:
        if getattr(self, "_log", None):
            self._log.close()
            self._log = None
            self.log = self.log_tail(100_000)
            self.log_path.unlink(missing_ok=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def make_token(data_dir: Path, role: str = "decide") -> str:
    r = subprocess.run([*sanctuary_cmd(), "token", "create", "--role", role, "--label", "load test",
                        "--data-dir", str(data_dir)], capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        raise RuntimeError(f"sanctuary token create failed: {r.stderr.strip()}")
    return r.stdout.strip()


# ---------------------------------------------------------------------------- a thin HTTP/1.1 client


def build_request(path: str, body: bytes, token: str | None) -> bytes:
    head = [f"POST {path} HTTP/1.1", "host: 127.0.0.1", "content-type: application/json",
            f"content-length: {len(body)}", "accept: application/json"]
    if token:
        head.append(f"authorization: Bearer {token}")
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    """(status, body, keep_alive) of one HTTP/1.1 response (Content-Length or chunked)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        parts = []
        while True:
            n = int((await reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
            parts.append(await reader.readexactly(n + 2))
            if n == 0:
                break
        body = b"".join(p[:-2] for p in parts)
    else:
        body = await reader.read()
        return status, body, False
    return status, body, headers.get("connection", "").lower() != "close"


@dataclass
class Outcome:
    latency_ms: float
    status: int  # 0: no answer (connection error or timeout)
    body: bytes = b""
    error: str = ""


@dataclass
class LevelResult:
    store: bool
    clients: int
    requests: int
    ok: int
    errors: int
    seconds: float
    throughput_rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    error_kinds: dict = field(default_factory=dict)
    stopped_by_time: bool = False
    loadavg_1m: float = float("nan")  # the machine's load before the level: other work skews the figures
    server_cpu_ms_per_request: float = float("nan")  # the server process's CPU time (user+system) / requests


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of an already sorted list."""
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, int(-(-q * len(sorted_values) // 100)) - 1))
    return sorted_values[k]


async def run_level(port: int, clients: int, total: int, max_seconds: float, requests: list[bytes],
                    timeout: float = 30.0) -> tuple[list[Outcome], float, bool]:
    """`clients` connections share a budget of `total` requests; each waits for its answer before sending the next.
    Returns every outcome, the wall time, and whether the time limit stopped it."""
    budget = {"left": total}
    outcomes: list[Outcome] = []
    deadline = time.monotonic() + max_seconds

    async def client(i: int):
        reader = writer = None
        k = i
        while budget["left"] > 0 and time.monotonic() < deadline:
            budget["left"] -= 1
            req = requests[k % len(requests)]
            k += clients
            t0 = time.perf_counter()
            try:
                if writer is None:
                    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
                writer.write(req)
                status, body, keep = await asyncio.wait_for(read_response(reader), timeout)
                outcomes.append(Outcome((time.perf_counter() - t0) * 1000, status, body))
                if not keep:
                    writer.close()
                    writer = None
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError, IndexError) as e:
                outcomes.append(Outcome((time.perf_counter() - t0) * 1000, 0, b"", type(e).__name__))
                if writer is not None:
                    writer.close()
                writer = None
        if writer is not None:
            writer.close()

    t = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(clients)))
    return outcomes, time.perf_counter() - t, time.monotonic() >= deadline and budget["left"] > 0


def summarise(store: bool, clients: int, outcomes: list[Outcome], seconds: float, stopped: bool) -> LevelResult:
    lat = sorted(o.latency_ms for o in outcomes)
    ok = sum(1 for o in outcomes if 200 <= o.status < 300)
    kinds: dict[str, int] = {}
    for o in outcomes:
        if not 200 <= o.status < 300:
            key = o.error or f"HTTP {o.status}"
            kinds[key] = kinds.get(key, 0) + 1
    return LevelResult(store=store, clients=clients, requests=len(outcomes), ok=ok, errors=len(outcomes) - ok,
                       seconds=round(seconds, 3), throughput_rps=round(len(outcomes) / seconds, 1) if seconds else 0.0,
                       p50_ms=round(percentile(lat, 50), 2), p90_ms=round(percentile(lat, 90), 2),
                       p99_ms=round(percentile(lat, 99), 2), max_ms=round(lat[-1], 2) if lat else float("nan"),
                       error_kinds=kinds, stopped_by_time=stopped)


def markdown_table(results: list[LevelResult]) -> str:
    rows = ["| storing | clients | requests | errors | throughput (req/s) | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) "
            "| server CPU per request (ms) | machine load before |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        rows.append(f"| {'yes' if r.store else 'no'} | {r.clients} | {r.requests} | {r.errors} | {r.throughput_rps:.0f} | "
                    f"{r.p50_ms:.1f} | {r.p90_ms:.1f} | {r.p99_ms:.1f} | {r.max_ms:.1f} | {r.server_cpu_ms_per_request:.2f} | "
                    f"{r.loadavg_1m:.1f} |")
    return "\n".join(rows)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc), NaN elsewhere."""
    try:
        f = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def loadavg() -> float:
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return float("nan")


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "cpu": model, "python": platform.python_version(), "system": platform.platform()}


def run(levels: list[int], n_plain: int, n_store: int, max_seconds: float, server_args: list[str] | None = None,
        warmup: int = 50, data_dir: Path | None = None, verify: bool = True) -> dict:
    """Start a server, run every level, check the record; returns a JSON-able report."""
    bodies = example_bodies()
    results: list[LevelResult] = []
    with tempfile.TemporaryDirectory(prefix="sanctuary-load-") as tmp:
        d = Path(data_dir) if data_dir else Path(tmp) / "data"
        token = make_token(d)
        plain = [build_request("/api/v1/decide", b, None) for b in bodies]
        storing = [build_request("/api/v1/decide?store=true", b, token) for b in bodies]
        acked: list[int] = []
        with Server(d, extra_args=server_args) as srv:
            asyncio.run(run_level(srv.port, 2, warmup, 60, plain))  # warm caches and connections, not measured
            for store, reqs, n in ((False, plain, n_plain), (True, storing, n_store)):
                if n <= 0:
                    continue
                for c in levels:
                    la, cpu0 = loadavg(), cpu_seconds(srv.proc.pid)
                    outcomes, secs, stopped = asyncio.run(run_level(srv.port, c, n, max_seconds, reqs))
                    results.append(summarise(store, c, outcomes, secs, stopped))
                    results[-1].loadavg_1m = la
                    results[-1].server_cpu_ms_per_request = round((cpu_seconds(srv.proc.pid) - cpu0) * 1000 / max(1, len(outcomes)), 2)
                    if store:
                        acked += [json.loads(o.body)["record"]["seq"] for o in outcomes if 200 <= o.status < 300]
            server_log = srv.log_tail(4000)
        report = {"machine": machine(), "server_args": server_args or [], "levels": [asdict(r) for r in results],
                  "table": markdown_table(results)}
        if verify and n_store > 0:
            r = subprocess.run([*sanctuary_cmd(), "record", "verify", "--data-dir", str(d)], capture_output=True, text=True, timeout=600)
            from sanctuary.store import Store

            st = Store.open(d)
            present = {row.seq for row in st.iter_rows()}
            st.engine.dispose()
            report["record"] = {"acknowledged": len(acked), "distinct_seqs": len(set(acked)), "present": len(present),
                                "missing": sorted(set(acked) - present)[:20], "verify_exit": r.returncode,
                                "verify": (r.stdout + r.stderr).strip().splitlines()[-1:]}
        if any(r.errors for r in results):
            report["server_log_tail"] = server_log
    return report


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--levels", default="1,10,50", help="concurrent clients, comma-separated")
    ap.add_argument("--requests", type=int, default=2000, help="requests per level, without storing")
    ap.add_argument("--store-requests", type=int, default=1000, help="requests per level, storing (0: skip)")
    ap.add_argument("--max-seconds", type=float, default=120.0, help="time limit per level")
    ap.add_argument("--server-arg", action="append", default=[], help="extra argument to `sanctuary serve` (repeatable)")
    ap.add_argument("--json", type=Path, help="write the report here")
    ap.add_argument("--markdown", type=Path, help="write the table here")
    args = ap.parse_args(argv)
    rep = run([int(x) for x in args.levels.split(",")], args.requests, args.store_requests, args.max_seconds,
              args.server_arg)
    print(f"machine: {rep['machine']['cpus']} CPUs, {rep['machine']['cpu']}, Python {rep['machine']['python']}")
    print(rep["table"])
    if "record" in rep:
        print(f"record: {rep['record']}")
    for p, text in ((args.json, json.dumps(rep, indent=2)), (args.markdown, rep["table"] + "\n")):
        if p:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text)
    bad = any(r["errors"] for r in rep["levels"]) or (rep.get("record") and (rep["record"]["missing"] or rep["record"]["verify_exit"]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
