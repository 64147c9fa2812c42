"""Append-only decision records chained by SHA-256 (see the package docstring)."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import logging
import os
import queue
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy import (Boolean, Integer, String, Text, create_engine, delete, event, func, insert, select, text, update)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# SQL statements, their parameters and result rows hold the cases stored (criminal history; identifiers when kept):
# never in a log, whatever level the root logger is set to (hide_parameters below keeps them out of error messages).
logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)

GENESIS = "0" * 64
ENV_DATA_DIR = "SANCTUARY_DATA_DIR"
ENV_DATABASE_URL = "SANCTUARY_DATABASE_URL"


def data_dir_default() -> Path:
    return Path(os.environ.get(ENV_DATA_DIR) or "./.sanctuary-data")


def database_url(data_dir: str | Path | None = None, url: str | None = None) -> str:
    """The database to use: an explicit URL, else $SANCTUARY_DATABASE_URL, else SQLite in the data directory."""
    if url:
        return url
    if os.environ.get(ENV_DATABASE_URL):
        return os.environ[ENV_DATABASE_URL]
    d = Path(data_dir) if data_dir else data_dir_default()
    return f"sqlite:///{(d / 'sanctuary.sqlite').resolve()}"


def canonical_json(value: Any) -> str:
    """The one serialisation that is hashed: sorted keys, no spaces, UTF-8 text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


# Fields of a case that identify a person. They are dropped before storing unless the caller asks to keep them.
IDENTIFIER_FIELDS = (("person", "reference"),)


def strip_identifiers(case_data: dict) -> dict:
    out = copy.deepcopy(case_data)
    for path in IDENTIFIER_FIELDS:
        node = out
        for p in path[:-1]:
            node = node.get(p) if isinstance(node, dict) else None
            if node is None:
                break
        if isinstance(node, dict):
            node.pop(path[-1], None)
    return out


class Base(DeclarativeBase):
    pass


class DecisionRow(Base):
    __tablename__ = "decision_records"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    created_at: Mapped[str] = mapped_column(String(40))
    as_of: Mapped[str] = mapped_column(String(10))
    corpus_version: Mapped[str] = mapped_column(String(100))
    engine_version: Mapped[str] = mapped_column(String(40))
    identifiers_kept: Mapped[bool] = mapped_column(Boolean, default=False)
    case_json: Mapped[str] = mapped_column(Text)
    answer_json: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    record_hash: Mapped[str] = mapped_column(String(64))


class ChainHead(Base):
    """One row: the number of records and the last hash, updated in the same transaction as each append, so a
    deleted last record is detected too."""

    __tablename__ = "chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    head_hash: Mapped[str] = mapped_column(String(64))


class TokenRow(Base):
    __tablename__ = "api_tokens"

    token_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    secret_sha256: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[str] = mapped_column(String(40))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class UserRow(Base):
    __tablename__ = "web_users"

    username: Mapped[str] = mapped_column(String(100), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[str] = mapped_column(String(40))


@dataclass
class DecisionRecord:
    seq: int
    created_at: str
    as_of: str
    corpus_version: str
    engine_version: str
    identifiers_kept: bool
    case: dict
    answer: dict
    prev_hash: str
    record_hash: str

    def summary(self) -> dict:
        return {"seq": self.seq, "created_at": self.created_at, "as_of": self.as_of,
                "corpus_version": self.corpus_version, "engine_version": self.engine_version,
                "identifiers_kept": self.identifiers_kept, "record_hash": self.record_hash,
                "actions": {a["action"]: a["status"] for a in self.answer.get("answers", [])}}

    def full(self) -> dict:
        return self.summary() | {"case": self.case, "answer": self.answer, "prev_hash": self.prev_hash}


def record_body(seq: int, created_at: str, as_of: str, corpus_version: str, engine_version: str,
                identifiers_kept: bool, case_json: str, answer_json: str) -> dict:
    return {"seq": seq, "created_at": created_at, "as_of": as_of, "corpus_version": corpus_version,
            "engine_version": engine_version, "identifiers_kept": identifiers_kept,
            "case": json.loads(case_json), "answer": json.loads(answer_json)}


def chain_hash(prev_hash: str, body: dict) -> str:
    return hashlib.sha256((prev_hash + canonical_json(body)).encode("utf-8")).hexdigest()


@dataclass
class ChainProblem:
    seq: int | None
    problem: str

    def __str__(self):
        return f"record {self.seq}: {self.problem}" if self.seq is not None else self.problem


@dataclass
class VerifyReport:
    records: int
    head_hash: str
    problems: list[ChainProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class StoreError(RuntimeError):
    """The database cannot be opened or written (read-only or full directory, bad URL): a clear message."""


class Store:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._lock = threading.Lock()
        self._writer_thread: _Writer | None = None
        self.is_sqlite = engine.dialect.name == "sqlite"

    @classmethod
    def open(cls, data_dir: str | Path | None = None, url: str | None = None, create: bool = True) -> "Store":
        """Open the record (creating the SQLite file and tables unless create=False: then a missing SQLite record
        is an error, so that `record verify` on a mistyped directory does not report an empty, intact record)."""
        url = database_url(data_dir, url)
        try:
            if url.startswith("sqlite:///"):
                path = Path(url[len("sqlite:///"):])
                if not create and not path.exists():
                    raise StoreError(f"there is no decision record at {path} (nothing was stored there; check --data-dir)")
                path.parent.mkdir(parents=True, exist_ok=True)
                engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, hide_parameters=True)
                _sqlite_durable(engine)
            else:
                engine = create_engine(url, pool_pre_ping=True, hide_parameters=True)
            Base.metadata.create_all(engine)
        except StoreError:
            raise
        except Exception as e:  # noqa: BLE001 - turned into one clear message
            raise StoreError(f"cannot open the decision record at {_redact(url)}: {_reason(e)}") from None
        return cls(engine)

    def check_writable(self) -> None:
        """Raise StoreError (one line) unless a record could be stored now: for SQLite, the data directory takes a
        64 KB test file (read-only and full directories fail here), and the database's write lock can be taken."""
        if self.is_sqlite:
            probe_data_dir(Path(self.engine.url.database).parent)
        try:
            with Session(self.engine) as s, s.begin():
                if not self.is_sqlite:
                    s.execute(text("LOCK TABLE chain_head IN EXCLUSIVE MODE"))
                s.execute(text("UPDATE chain_head SET seq = seq WHERE id = 0"))  # touches no row; needs write access
        except Exception as e:  # noqa: BLE001
            raise StoreError(f"the decision record at {_redact(str(self.engine.url))} cannot be written: {_reason(e)}") from None

    # ---------------------------------------------------------------- writing

    def append(self, case_data: dict, answer: dict, keep_identifiers: bool = False) -> DecisionRecord:
        """Store one decision; returns after the transaction holding it is committed (durable under SQLite
        synchronous=FULL: the write-ahead log is on disk), or raises StoreError and nothing of it is stored.

        Appends from any thread go through one writer thread per Store, in arrival order. The writer takes every
        append waiting at that moment (up to BATCH) into one transaction: one commit, one fsync for all of them
        (group commit), each record chained to the one before it. The chain head is read and written inside that
        transaction, under a write lock taken at its start (SQLite BEGIN IMMEDIATE, PostgreSQL LOCK TABLE), so
        other processes appending to the same database wait their turn instead of forking the chain."""
        keep_identifiers = bool(keep_identifiers)
        case_stored = case_data if keep_identifiers else strip_identifiers(case_data)
        item = _Pending(case_stored, answer, canonical_json(case_stored), canonical_json(answer), str(answer["as_of"]),
                        answer["corpus_version"], answer["engine_version"], keep_identifiers,
                        dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds"))
        with self._lock:  # the writer retires under this lock only when its queue is empty: nothing is stranded
            w = self._writer_thread
            if w is None or not w.is_alive():
                w = self._writer_thread = _Writer(self)
                w.start()
            w.queue.put(item)
        return item.wait()

    BATCH = 256
    WRITER_IDLE_SECONDS = 10.0

    def _write_batch(self, batch: list["_Pending"]) -> None:
        """One transaction for the batch: read the chain head, chain each record to the one before, move the head."""
        with self.engine.begin() as conn:  # SQLite: BEGIN IMMEDIATE (see _sqlite_durable)
            if not self.is_sqlite:
                conn.execute(text("LOCK TABLE chain_head IN EXCLUSIVE MODE"))
            head = conn.execute(select(ChainHead.seq, ChainHead.head_hash).where(ChainHead.id == 1)).first()
            seq, prev = (head.seq, head.head_hash) if head else (0, GENESIS)
            rows = []
            for it in batch:
                seq += 1
                h = it.hash(seq, prev)
                rows.append({"seq": seq, "created_at": it.created, "as_of": it.as_of, "corpus_version": it.corpus_version,
                             "engine_version": it.engine_version, "identifiers_kept": it.keep_identifiers,
                             "case_json": it.case_json, "answer_json": it.answer_json, "prev_hash": prev, "record_hash": h})
                it.result = DecisionRecord(seq, it.created, it.as_of, it.corpus_version, it.engine_version,
                                           it.keep_identifiers, it.case, it.answer, prev, h)
                prev = h
            conn.execute(insert(DecisionRow), rows)
            if head:
                conn.execute(update(ChainHead).where(ChainHead.id == 1).values(seq=seq, head_hash=prev))
            else:
                conn.execute(insert(ChainHead).values(id=1, seq=seq, head_hash=prev))

    # ---------------------------------------------------------------- reading

    @staticmethod
    def _record(r: DecisionRow) -> DecisionRecord:
        return DecisionRecord(r.seq, r.created_at, r.as_of, r.corpus_version, r.engine_version, bool(r.identifiers_kept),
                              json.loads(r.case_json), json.loads(r.answer_json), r.prev_hash, r.record_hash)

    def get(self, seq: int) -> DecisionRecord | None:
        with Session(self.engine) as s:
            r = s.get(DecisionRow, seq)
            return self._record(r) if r else None

    def list(self, limit: int = 50, offset: int = 0) -> list[DecisionRecord]:
        with Session(self.engine) as s:
            rows = s.scalars(select(DecisionRow).order_by(DecisionRow.seq.desc()).limit(limit).offset(offset))
            return [self._record(r) for r in rows]

    def count(self) -> int:
        with Session(self.engine) as s:
            return s.scalar(select(func.count()).select_from(DecisionRow)) or 0

    def iter_rows(self) -> Iterator[DecisionRow]:
        with Session(self.engine) as s:
            for r in s.scalars(select(DecisionRow).order_by(DecisionRow.seq).execution_options(yield_per=500)):
                yield r

    # ---------------------------------------------------------------- checking

    def verify(self) -> VerifyReport:
        """Walk the chain from the first record: recompute each hash from the row's stored fields, check the link to
        the previous record and that the sequence has no gap, then compare the end with the chain head."""
        problems: list[ChainProblem] = []
        prev, expected_seq, n = GENESIS, 1, 0
        for r in self.iter_rows():
            n += 1
            if r.seq != expected_seq:
                missing = f"{expected_seq}" if r.seq == expected_seq + 1 else f"{expected_seq}-{r.seq - 1}"
                problems.append(ChainProblem(r.seq, f"records {missing} before it are missing (deleted)"))
            if r.prev_hash != prev:
                problems.append(ChainProblem(r.seq, "does not link to the record before it (a record was deleted, inserted or rewritten)"))
            try:
                body = record_body(r.seq, r.created_at, r.as_of, r.corpus_version, r.engine_version,
                                   bool(r.identifiers_kept), r.case_json, r.answer_json)
                h = chain_hash(r.prev_hash, body)
            except (ValueError, TypeError) as e:
                problems.append(ChainProblem(r.seq, f"cannot be read: {e}"))
                h = None
            if h != r.record_hash:
                problems.append(ChainProblem(r.seq, "its contents were changed after it was written (hash mismatch)"))
            prev, expected_seq = r.record_hash, r.seq + 1
        with Session(self.engine) as s:
            head = s.get(ChainHead, 1)
        if head is None:
            if n:
                problems.append(ChainProblem(None, "the chain head is missing"))
        else:
            if head.seq != expected_seq - 1 or head.head_hash != prev:
                last = expected_seq - 1
                if head.seq > last:
                    problems.append(ChainProblem(head.seq, f"missing: the chain head says {head.seq} records, the last present is {last} (deleted)"))
                else:
                    problems.append(ChainProblem(last, "the chain head does not match the last record (records appended or rewritten outside the service)"))
        return VerifyReport(records=n, head_hash=prev, problems=problems)

    def replay(self, seq: int, rulebook=None) -> dict:
        """Decide the stored case again, as of the stored date, and compare with the stored answer."""
        from sanctuary.engine.rulebook import default_rulebook
        from sanctuary.vocabulary.load import case_from_data

        rec = self.get(seq)
        if rec is None:
            raise KeyError(seq)
        rb = rulebook or default_rulebook()
        case = case_from_data(rec.case, f"record {seq}")
        now = json.loads(rb.decide(case, dt.date.fromisoformat(rec.as_of)).model_dump_json())
        stored = rec.answer
        diffs = []
        old = {a["action"]: a for a in stored.get("answers", [])}
        new = {a["action"]: a for a in now.get("answers", [])}
        for action in sorted(old.keys() | new.keys()):
            a, b = old.get(action), new.get(action)
            if a is None or b is None:
                diffs.append(f"{action}: {'not answered then' if a is None else 'not answered now'}")
            elif (a["status"], a["rule"]) != (b["status"], b["rule"]):
                diffs.append(f"{action}: stored {a['status']} ({a['rule']}), now {b['status']} ({b['rule']})")
            elif [c["address"] for c in a["citations"]] != [c["address"] for c in b["citations"]]:
                diffs.append(f"{action}: cites {[c['address'] for c in b['citations']]} now, {[c['address'] for c in a['citations']]} then")
            elif canonical_json(a) != canonical_json(b):
                diffs.append(f"{action}: same outcome, different wording or quotes")
        same_versions = (stored["corpus_version"], stored["engine_version"]) == (now["corpus_version"], now["engine_version"])
        return {"seq": seq, "as_of": rec.as_of, "agrees": not diffs, "identical": canonical_json(stored.get("answers")) == canonical_json(now.get("answers")),
                "stored_corpus_version": stored["corpus_version"], "corpus_version": now["corpus_version"],
                "stored_engine_version": stored["engine_version"], "engine_version": now["engine_version"],
                "same_versions": same_versions, "differences": diffs}

    # ---------------------------------------------------------------- tokens and users (access lives in service/)

    def session(self) -> Session:
        return Session(self.engine)


class _Pending:
    """One append waiting for the writer: its serialised fields, then its record or its error."""

    __slots__ = ("case", "answer", "case_json", "answer_json", "as_of", "corpus_version", "engine_version",
                 "keep_identifiers", "created", "prefix", "result", "error", "done")

    def __init__(self, case, answer, case_json, answer_json, as_of, corpus_version, engine_version, keep_identifiers, created):
        self.case, self.answer, self.case_json, self.answer_json, self.as_of = case, answer, case_json, answer_json, as_of
        self.corpus_version, self.engine_version = corpus_version, engine_version
        self.keep_identifiers, self.created = keep_identifiers, created
        # The canonical JSON of the record body is hashed. Its keys sort with "seq" last, and case_json/answer_json
        # are already canonical, so the body is these bytes + seq + "}" without parsing and re-serialising the
        # case and answer (a millisecond per record). Only where that shortcut could differ from canonical_json of
        # the parsed body (a dict key that is not a string: canonical_json sorts it before turning it into one)
        # is the body built the long way, as verify() does.
        self.prefix = None
        if _string_keys(case) and _string_keys(answer):
            self.prefix = ("{\"answer\":" + answer_json + ",\"as_of\":" + canonical_json(as_of) + ",\"case\":" + case_json
                           + ",\"corpus_version\":" + canonical_json(corpus_version) + ",\"created_at\":" + canonical_json(created)
                           + ",\"engine_version\":" + canonical_json(engine_version) + ",\"identifiers_kept\":"
                           + ("true" if keep_identifiers else "false") + ",\"seq\":").encode("utf-8")
        self.result: DecisionRecord | None = None
        self.error: StoreError | None = None
        self.done = threading.Event()

    def hash(self, seq: int, prev: str) -> str:
        if self.prefix is None:
            return chain_hash(prev, record_body(seq, self.created, self.as_of, self.corpus_version, self.engine_version,
                                                self.keep_identifiers, self.case_json, self.answer_json))
        return hashlib.sha256(prev.encode("utf-8") + self.prefix + f"{seq}}}".encode()).hexdigest()

    def wait(self) -> DecisionRecord:
        self.done.wait()
        if self.error is not None:
            raise self.error
        return self.result


def _string_keys(v) -> bool:
    """True if every dict inside v has only string keys."""
    if isinstance(v, dict):
        return all(isinstance(k, str) and _string_keys(x) for k, x in v.items())
    if isinstance(v, (list, tuple)):
        return all(_string_keys(x) for x in v)
    return True


class _Writer(threading.Thread):
    """The one thread that writes a Store's records (see Store.append)."""

    def __init__(self, store: Store):
        super().__init__(name="sanctuary-record-writer", daemon=True)
        self.store = store
        self.queue: queue.SimpleQueue[_Pending] = queue.SimpleQueue()

    def run(self) -> None:
        while True:
            try:
                first = self.queue.get(timeout=Store.WRITER_IDLE_SECONDS)
            except queue.Empty:
                with self.store._lock:  # idle: retire (the next append starts a new writer)
                    if self.queue.empty():
                        self.store._writer_thread = None
                        return
                continue
            batch = [first]
            while len(batch) < Store.BATCH:
                try:
                    batch.append(self.queue.get_nowait())
                except queue.Empty:
                    break
            fatal = None
            try:
                self.store._write_batch(batch)
            except BaseException as e:  # noqa: BLE001 - rolled back: none of the batch is stored, each caller is told
                err = StoreError(f"the decision was not stored: {_reason(e)}")
                for it in batch:
                    it.result, it.error = None, err
                fatal = None if isinstance(e, Exception) else e
            for it in batch:
                it.done.set()
            if fatal is not None:
                raise fatal


def _reason(e: BaseException) -> str:
    """One line saying why a database operation failed, in words an operator can act on."""
    orig = getattr(e, "orig", None) or e
    if isinstance(orig, OSError) and orig.errno:
        return _os_reason(orig)
    msg = (str(orig).splitlines() or [""])[0] or type(orig).__name__
    low = msg.lower()
    if "readonly" in low or "read-only" in low:
        return f"it is read-only ({msg})"
    if "disk is full" in low or "no space" in low:
        return f"the disk is full ({msg})"
    if "disk i/o" in low:
        return f"the disk refused the write: full, failing or size-limited ({msg})"
    if "unable to open database file" in low:
        return f"the file cannot be opened or created: is the directory read-only, missing or not accessible? ({msg})"
    return f"{type(orig).__name__}: {msg}"


def _sqlite_durable(engine: Engine) -> None:
    """WAL with synchronous=FULL: a committed transaction survives a crash or power loss. BEGIN IMMEDIATE takes the
    write lock at the start, so two processes appending at once serialise instead of forking the chain."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _rec):
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")


PROBE_BYTES = 64 * 1024


def probe_data_dir(d: str | Path) -> None:
    """Write, sync and remove a 64 KB file in the data directory (created if missing); StoreError naming the cause
    (read-only, full, not a directory) otherwise. 64 KB: more than one stored decision takes."""
    d = Path(d)
    try:
        d.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"the data directory {d} cannot be created: {_os_reason(e)}") from None
    probe = d / f".write-probe-{os.getpid()}-{threading.get_ident()}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            left = memoryview(b"\0" * PROBE_BYTES)
            while left:
                left = left[os.write(fd, left):]
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as e:
        raise StoreError(f"the data directory {d} cannot be written: {_os_reason(e)}") from None
    finally:
        try:
            probe.unlink()
        except OSError:
            pass


def _os_reason(e: OSError) -> str:
    import errno

    words = {errno.EROFS: "it is on a read-only file system", errno.EACCES: "permission denied (it is read-only for this user)",
             errno.EPERM: "permission denied", errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up",
             errno.EFBIG: "the file size limit is reached", errno.ENOTDIR: "a file is in the way (not a directory)"}
    return words.get(e.errno, e.strerror or type(e).__name__) + f" ([Errno {e.errno}] {e.strerror})"


def _redact(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url


__all__ = ["Store", "StoreError", "DecisionRecord", "VerifyReport", "ChainProblem", "canonical_json",
           "strip_identifiers", "TokenRow", "UserRow", "delete"]
