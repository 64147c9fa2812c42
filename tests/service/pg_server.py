"""A throwaway PostgreSQL server for the tests: `initdb` a cluster in a fresh temporary directory, start it listening
on a Unix socket in that directory only (no TCP: `listen_addresses=''`), and stop and delete it afterwards.

PostgreSQL refuses to run as root; as root, the server runs as the unprivileged user `nobody` (via `runuser`), in a
directory that user owns. The binaries are found on PATH (`initdb`) or in /usr/lib/postgresql/<version>/bin
(Debian's layout); scripts/install-system-deps.sh installs Debian's `postgresql` when neither has them.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from testkit import free_port

SKIP_ENV = "SANCTUARY_SKIP_POSTGRES"  # set to 1 to skip the PostgreSQL tests on a machine without PostgreSQL


BIN_ENV = "SANCTUARY_PG_BIN"  # a directory with initdb, pg_ctl and postgres, to use instead of looking for them


def find_bin_dir() -> Path | None:
    if os.environ.get(BIN_ENV):
        d = Path(os.environ[BIN_ENV])
        return d if all((d / b).exists() for b in ("initdb", "pg_ctl", "postgres")) else None
    found = shutil.which("initdb")
    if found:
        real = Path(os.path.realpath(found)).parent
        if (real / "pg_ctl").exists() and (real / "postgres").exists():
            return real
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: [int(x) for x in Path(p).parts[-3].split(".") if x.isdigit()])
    return Path(candidates[-1]).parent if candidates else None


@dataclass
class PgServer:
    bin_dir: Path
    root: Path
    port: int
    user: str | None  # the OS user the server runs as (None: this process's user)

    @property
    def sock_dir(self) -> Path:
        return self.root / "sock"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql+psycopg://sanctuary@/{dbname}?host={self.sock_dir}&port={self.port}"

    def conninfo(self, dbname: str = "postgres") -> str:
        return f"host={self.sock_dir} port={self.port} user=sanctuary dbname={dbname}"

    def _run(self, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
        cmd = [str(self.bin_dir / args[0]), *args[1:]]
        if self.user:
            cmd = [shutil.which("runuser") or "/usr/sbin/runuser", "-u", self.user, "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=self.root)

    def start(self) -> None:
        r = self._run("initdb", "-D", str(self.data_dir), "-U", "sanctuary", "--auth=trust", "-E", "UTF8",
                      "--locale=C", "--no-sync")
        if r.returncode:
            raise RuntimeError(f"initdb failed ({r.returncode}): {r.stderr.strip() or r.stdout.strip()}")
        opts = f"-k {self.sock_dir} -p {self.port} -c listen_addresses='' -c fsync=off"
        r = self._run("pg_ctl", "start", "-w", "-t", "60", "-D", str(self.data_dir), "-l", str(self.root / "server.log"), "-o", opts)
        if r.returncode:
            log = (self.root / "server.log").read_text() if (self.root / "server.log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed ({r.returncode}): {r.stderr.strip()} {log[-2000:]}")

    def stop(self) -> None:
        if (self.data_dir / "postmaster.pid").exists():
            self._run("pg_ctl", "stop", "-w", "-m", "fast", "-D", str(self.data_dir), timeout=60)

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.conninfo(), autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def start_server() -> PgServer:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        where = f"in ${BIN_ENV}={os.environ[BIN_ENV]}" if os.environ.get(BIN_ENV) else "on PATH or in /usr/lib/postgresql/*/bin"
        raise FileNotFoundError(f"no PostgreSQL server binaries (initdb, pg_ctl, postgres) {where}: "
                                "run `make system-deps` (scripts/install-system-deps.sh installs Debian's postgresql)")
    # Under /tmp itself: every parent directory must be searchable by the server's user, and the socket's path must
    # stay short (Unix socket paths are limited to about 100 bytes), whatever $TMPDIR says.
    root = Path(tempfile.mkdtemp(prefix="sanctuary-pg-", dir="/tmp"))
    user = None
    if os.geteuid() == 0:  # PostgreSQL will not run as root
        user = "nobody"
        shutil.chown(root, user=user)
    (root / "sock").mkdir()
    if user:
        shutil.chown(root / "sock", user=user)
    server = PgServer(bin_dir, root, free_port(), user)
    try:
        server.start()
    except Exception:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
        raise
    return server


def stop_server(server: PgServer) -> None:
    try:
        server.stop()
    finally:
        shutil.rmtree(server.root, ignore_errors=True)
