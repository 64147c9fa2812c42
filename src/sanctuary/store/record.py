"""Append-only decision records chained by SHA-256 (see the package docstring)."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy import (Boolean, Integer, String, Text, create_engine, delete, event, func, select, text)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

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
        self.is_sqlite = engine.dialect.name == "sqlite"

    @classmethod
    def open(cls, data_dir: str | Path | None = None, url: str | None = None) -> "Store":
        url = database_url(data_dir, url)
        try:
            if url.startswith("sqlite:///"):
                path = Path(url[len("sqlite:///"):])
                path.parent.mkdir(parents=True, exist_ok=True)
                engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
                _sqlite_durable(engine)
            else:
                engine = create_engine(url, pool_pre_ping=True)
            Base.metadata.create_all(engine)
        except Exception as e:  # noqa: BLE001 - turned into one clear message
            raise StoreError(f"cannot open the decision record at {_redact(url)}: {type(e).__name__}: {e}".split("\n")[0]) from None
        return cls(engine)

    # ---------------------------------------------------------------- writing

    def append(self, case_data: dict, answer: dict, keep_identifiers: bool = False) -> DecisionRecord:
        """Store one decision; returns after the transaction is committed (durable under SQLite synchronous=FULL)."""
        case_stored = case_data if keep_identifiers else strip_identifiers(case_data)
        case_json = canonical_json(case_stored)
        answer_json = canonical_json(answer)
        created = dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")
        with self._lock:
            try:
                with Session(self.engine) as s, s.begin():
                    if not self.is_sqlite:
                        s.execute(text("LOCK TABLE chain_head IN EXCLUSIVE MODE"))
                    head = s.get(ChainHead, 1)
                    seq, prev = (head.seq, head.head_hash) if head else (0, GENESIS)
                    seq += 1
                    body = record_body(seq, created, str(answer["as_of"]), answer["corpus_version"],
                                       answer["engine_version"], keep_identifiers, case_json, answer_json)
                    h = chain_hash(prev, body)
                    s.add(DecisionRow(seq=seq, created_at=created, as_of=str(answer["as_of"]),
                                      corpus_version=answer["corpus_version"], engine_version=answer["engine_version"],
                                      identifiers_kept=keep_identifiers, case_json=case_json, answer_json=answer_json,
                                      prev_hash=prev, record_hash=h))
                    if head:
                        head.seq, head.head_hash = seq, h
                    else:
                        s.add(ChainHead(id=1, seq=seq, head_hash=h))
            except StoreError:
                raise
            except Exception as e:  # noqa: BLE001
                raise StoreError(f"the decision was not stored: {type(e).__name__}: {str(e).splitlines()[0]}") from None
        return DecisionRecord(seq, created, body["as_of"], body["corpus_version"], body["engine_version"],
                              keep_identifiers, body["case"], body["answer"], prev, h)

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


def _redact(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url


__all__ = ["Store", "StoreError", "DecisionRecord", "VerifyReport", "ChainProblem", "canonical_json",
           "strip_identifiers", "TokenRow", "UserRow", "delete"]
