"""`sanctuary audit`: load, validate, decide every row, write the tables and the HTML report.

Large inputs run in partitions by person. Each table is read once, in batches, and validated batch by batch (the
history first: a person with a rejected history row has their requests rejected; duplicated request ids are found
over the whole file first); each batch's rejects are kept, and its accepted rows, typed, are split by a hash of
person_id into parts in a work folder (Parquet, lz4), so that each partition holds every request and every history row
of its persons. Then each partition is decided and written before the next is read. Memory is bounded by the
partition size (`SANCTUARY_BULK_PARTITION_ROWS` requests, default 1,000,000), not by the input. Counts by person are
exact across partitions because no person spans two.

Nothing that looks complete is written before the run is: every output is written into a hidden work folder
`OUT/.partial-<pid>-<random>/`; only when all are written are they moved into OUT, `summary.json` (the manifest:
counts, and each file's size and SHA-256) last. A run killed halfway leaves at most that work folder, which the
next run removes, and never a `summary.json` for outputs it did not finish.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import tempfile
import time
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Callable

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from sanctuary import __version__
from sanctuary.engine.rulebook import Rulebook, default_rulebook

from .engine import (Loaded, accept, answer, check_files, columns_read, merge_bad_people, table_counts, validate,
                     validate_history, validate_requests)
from .report import REPORT_COLUMNS, combine_tables, render_html, summary_tables, truth_act_tables
from .validate import _clean, explain_read_error, with_row_numbers

STEPS = ("read and validate", "decide", "write tables", "report")
_ID_COLUMNS = ("request_id", "person_id")
ANSWER_EXTRA = ("received_date", "agency", "actor_kind", "request_kind", "person_id", "agency_response")
# every file an audit may write (a rerun removes those of an earlier run that it does not write again)
TABLE_NAMES = ("requests_by_month", "outcomes_by_request_kind", "flags_by_rule", "answers_by_action",
               "truth_act_by_month", "truth_act_by_group", "truth_act_by_agency_year")
OUTPUT_NAMES = ("answers.parquet", "answers.csv", "rejects.csv", "report.html", "summary.json",
                *(f"{t}.csv" for t in TABLE_NAMES))
DEFAULT_PARTITION_ROWS = 1_000_000
HISTORY_BATCH = 2  # history rows read and validated at once, in partitions' worth of requests (~3.6 rows a request)
_HASH_SEED = 20180101


def partition_rows() -> int:
    return int(os.environ.get("SANCTUARY_BULK_PARTITION_ROWS", DEFAULT_PARTITION_ROWS))


def _pause() -> None:
    """Test hook (tests/bulk/test_bulk_faults.py): wait after each partition, so a run can be killed halfway."""
    s = os.environ.get("SANCTUARY_AUDIT_PAUSE_AFTER_PARTITION")
    if s:
        time.sleep(float(s))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_stale_work(out: Path) -> None:
    """Work folders left by runs that were killed (their process is gone)."""
    for d in out.glob(".partial-*"):
        try:
            pid = int(d.name.split("-")[1])
        except (IndexError, ValueError):
            continue
        if pid != os.getpid() and not _alive(pid):
            shutil.rmtree(d, ignore_errors=True)


class _Background:
    """One writer thread, so that encoding a batch's or a partition's output (single-threaded in places) runs while
    the next one is validated or decided. At most one write is pending: `submit` first waits for the one before (and
    raises its error), which bounds memory to one extra batch."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sanctuary-writer")
        self._last: Future | None = None

    def submit(self, fn: Callable, *args) -> None:
        self.wait()
        self._last = self._pool.submit(fn, *args)

    def wait(self) -> None:
        last, self._last = self._last, None
        if last is not None:
            last.result()

    def close(self) -> None:
        try:
            self.wait()
        finally:
            self._pool.shutdown(wait=True)


def _write_parts(frame: pl.DataFrame, base: Path, batch: int, k: int) -> None:
    """Typed accepted rows into k parts by a hash of person_id: `base/<batch>/_part=<i>/*.parquet` (lz4, no
    statistics: temporary files, written by polars' streaming partitioned sink, which encodes in parallel;
    measured at 1M rows against partition_by and one Arrow IPC file per part: 1.6 s against 1.9 s, written and read).
    Columns that are null on every row (those the input file does not have) are not written: `_read_part` puts them
    back."""
    frame = frame.select(c for c in frame.columns if c == "person_id" or frame[c].null_count() < frame.height)
    part = (pl.col("person_id").hash(_HASH_SEED) % k).fill_null(0).alias("_part")
    frame.lazy().with_columns(part).sink_parquet(pl.PartitionBy(base / f"{batch:05d}", key="_part", include_key=False),
                                                 mkdir=True, compression="lz4", statistics=False)


def _read_part(base: Path, i: int, template: pl.DataFrame) -> pl.DataFrame:
    """Partition i of a table, with every column of `template` (the typed table), in its order and types (a batch
    may have left out a column that was null throughout it)."""
    files = sorted(base.glob(f"*/_part={i}/*.parquet"))
    if not files:
        return template
    return pl.scan_parquet(files, schema=template.schema, missing_columns="insert").collect()


def _batches(lf: pl.LazyFrame, rows: int):
    """The raw table (with its row numbers) in batches of `rows` rows, read once, streaming."""
    return with_row_numbers(lf).collect_batches(chunk_size=rows)


def _validate_into_parts(rl, hl, rb, names, work: Path, k: int, counts: Counter, writer: _Background,
                         kept: dict[str, Callable[[str], bool]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Read and validate both tables batch by batch (the same two stages as `validate`: the history first, whose
    persons with a rejected row reject their requests; duplicated request ids found over the whole file first),
    writing each batch's rejects, and its accepted typed rows split by person into k parts. Each table is read
    once and only typed rows are written (smaller and faster to read back than the raw text), and of them only the
    columns `kept[table]` keeps (those the decisions and the report read). Returns the empty typed tables, so
    kept (for a partition without rows)."""
    rows = partition_rows()
    templates = {}
    bad = []
    dups = None
    ids = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sanctuary-ids")
    try:
        found = ids.submit(_duplicated_ids, rl)  # a pass over the request ids, while the history is validated
        for table, lf, size in (("history", hl, HISTORY_BATCH * rows), ("requests", rl, rows)):
            (work / "in" / table).mkdir(parents=True)
            bad_people = merge_bad_people(bad) if bad else None
            if table == "requests":
                dups = found.result()
            for b, batch in enumerate(_batches(lf, size)):
                if table == "history":
                    checked, bad_b = validate_history(batch.lazy(), names[1])
                    bad.append(bad_b)
                else:
                    checked = validate_requests(batch.lazy(), rb, names[0], dups, bad_people)
                n = checked.frame.height
                accepted, rejects = accept(checked, table)
                del checked
                counts.update(table_counts(table, n, accepted, rb))
                accepted = accepted.select(c for c in accepted.columns if kept[table](c))
                rejects.write_ipc(work / "rejects" / f"{table}-{b:05d}.arrow", compression="lz4")
                writer.submit(_write_parts, accepted, work / "in" / table, b, k)  # while the next batch is validated
                templates.setdefault(table, accepted.head(0))
                del accepted
    finally:
        ids.shutdown(wait=True)
    writer.wait()
    for table, validate_one in (("history", lambda e: validate_history(e, names[1])[0]),
                                ("requests", lambda e: validate_requests(e, rb, names[0], dups))):
        if table not in templates:  # an empty table: its typed columns, from no rows
            empty = accept(validate_one(with_row_numbers(rl if table == "requests" else hl).head(0)), table)[0]
            templates[table] = empty.select(c for c in empty.columns if kept[table](c))
    return templates["requests"], templates["history"]


def _duplicated_ids(rl: pl.LazyFrame) -> pl.Series:
    return (rl.select(_clean("request_id").alias("request_id")).drop_nulls().group_by("request_id").len()
            .filter(pl.col("len") > 1).collect(engine="streaming")["request_id"])


def _sha256(p: Path) -> str:
    h = hashlib.sha256()
    with p.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _publish(work: Path, out: Path, names: list[str]) -> None:
    """Move the finished files into OUT; the manifest (summary.json) is removed first and written last."""
    (out / "summary.json").unlink(missing_ok=True)
    for old in OUTPUT_NAMES:
        if old not in names:
            (out / old).unlink(missing_ok=True)
    for n in names:
        if n != "summary.json":
            os.replace(work / n, out / n)
    os.replace(work / "summary.json", out / "summary.json")
    shutil.rmtree(work, ignore_errors=True)


def run(requests: Path, history: Path, out: Path, fmt: str = "parquet", step: Callable[[str], None] = lambda s: None,
        rb: Rulebook | None = None, actions: list[str] | None = None, report: bool = True) -> dict:
    rb = rb or default_rulebook()
    out = Path(out)
    step(STEPS[0])
    rl, hl = check_files(requests, history)  # SchemaError before any work
    out.mkdir(parents=True, exist_ok=True)
    _remove_stale_work(out)
    work = Path(tempfile.mkdtemp(prefix=f".partial-{os.getpid()}-", dir=out))
    try:
        try:
            counts = _decide_all(rl, hl, requests, history, work, fmt, rb, actions, step)
        except pl.exceptions.ComputeError as e:  # a ragged CSV row: name it (SchemaError, exit 2), nothing written
            raise explain_read_error(e, [(str(requests), requests), (str(history), history)]) or e
        tables = counts.pop("_tables")
        partitions = counts.pop("_partitions")
        step(STEPS[2])
        names = [n for n in ("answers.parquet", "answers.csv") if (work / n).exists()] + ["rejects.csv"]
        for name, t in tables.items():
            t.write_csv(work / f"{name}.csv")
            names.append(f"{name}.csv")
        step(STEPS[3])
        meta = {"corpus_version": rb.corpus.version, "engine_version": __version__, "requests": str(requests),
                "history": str(history), "partitions": partitions,
                "covers_until": str(rb.covers_until) if rb.covers_until else None}
        if report:
            (work / "report.html").write_text(render_html(counts, tables, meta), encoding="utf-8")
            names.append("report.html")
        files = {n: {"bytes": (work / n).stat().st_size, "sha256": _sha256(work / n)} for n in names}
        (work / "summary.json").write_text(json.dumps({**meta, "complete": True, "counts": counts, "files": files},
                                                      indent=2, default=str))
        _publish(work, out, names + ["summary.json"])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return counts


def _write_answers(answers: pl.LazyFrame, work: Path, fmt: str) -> None:
    if fmt in ("parquet", "both"):
        answers.sink_parquet(work / "answers.parquet")
    if fmt in ("csv", "both"):
        answers.sink_csv(work / "answers.csv")


class _AnswerFiles:
    """The answer files of a partitioned run, each partition's answers appended as they are decided (Parquet row
    groups through pyarrow's ParquetWriter, CSV rows under one header), so that the answers are encoded once and
    while the next partition is decided (in the writer thread), not written in parts and then again as one file."""

    def __init__(self, work: Path, fmt: str) -> None:
        self.parquet = work / "answers.parquet" if fmt in ("parquet", "both") else None
        self.csv = work / "answers.csv" if fmt in ("csv", "both") else None
        self._pq: pq.ParquetWriter | None = None
        self._schema = None
        self._csv = None

    def append(self, ans: pl.DataFrame) -> None:
        if self.parquet:
            table = ans.to_arrow()
            if self._pq is None:
                self._schema = table.schema
                # no dictionary for the ids (one value a request or person: the dictionary is abandoned after
                # hashing every value) and no statistics for the text columns (min and max of millions of strings);
                # measured at 2.2M answers: 0.8 s against 1.1 s, and a smaller file
                text = [f.name for f in self._schema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)
                        or pa.types.is_string_view(f.type)]  # (the ids among them)
                self._pq = pq.ParquetWriter(self.parquet, self._schema, compression="zstd",
                                            use_dictionary=[n for n in self._schema.names if n not in _ID_COLUMNS],
                                            write_statistics=[n for n in self._schema.names if n not in text])
            self._pq.write_table(table.cast(self._schema))
        if self.csv:
            first = self._csv is None
            if first:
                self._csv = self.csv.open("wb")
            ans.write_csv(self._csv, include_header=first)

    def close(self) -> None:
        if self._pq is not None:
            self._pq.close()
        if self._csv is not None:
            self._csv.close()


def _write_rejects(rejects: pl.LazyFrame, work: Path) -> None:
    order = pl.col("table").replace_strict({"requests": 0, "history": 1}, return_dtype=pl.Int8)
    rejects.sort(order, "row", "column").sink_csv(work / "rejects.csv")


def _decide_all(rl, hl, requests, history, work: Path, fmt: str, rb: Rulebook, actions, step) -> dict:
    writer = _Background()
    try:
        return _decide_partitions(rl, hl, requests, history, work, fmt, rb, actions, step, writer)
    finally:
        writer.close()


def _decide_partitions(rl, hl, requests, history, work: Path, fmt: str, rb: Rulebook, actions, step,
                       writer: _Background) -> dict:
    n = rl.select(pl.len()).collect(engine="streaming").item()
    k = max(1, math.ceil(n / max(1, partition_rows())))
    names = (str(requests), str(history))
    duties = "duties_done" in rl.collect_schema()
    (work / "rejects").mkdir()
    counts: Counter = Counter()
    if k == 1:
        loaded = validate(rl, hl, rb, names)
        counts.update(loaded.counts)
        _write_rejects(loaded.rejects.lazy(), work)
        parts = [lambda: loaded]
    else:
        # the parts keep the request columns the decisions asked for, the answers and the report read (all of them
        # but a few for a whole audit; a fifth of them for one action), and every history column; not `_row`
        read = columns_read(rb, actions, ANSWER_EXTRA) | set(REPORT_COLUMNS)
        kept = {"requests": lambda c: c in read, "history": lambda c: c != "_row"}
        req0, hist0 = _validate_into_parts(rl, hl, rb, names, work, k, counts, writer, kept)
        parts = [lambda i=i: Loaded(_read_part(work / "in" / "requests", i, req0),
                                    _read_part(work / "in" / "history", i, hist0), None, duties_assessed=duties)
                 for i in range(k)]
    flags: Counter = Counter()
    tables: dict[str, list[pl.DataFrame]] = {}
    step(STEPS[1])
    files = _AnswerFiles(work, fmt)

    def add_tables(requests: pl.DataFrame, ans: pl.DataFrame) -> None:
        for name, t in {**summary_tables(requests, ans), **truth_act_tables(requests)}.items():
            tables.setdefault(name, []).append(t)

    def finish(requests: pl.DataFrame, ans: pl.DataFrame) -> None:
        """A partition's answers appended to the files, and its share of the report's tables (in the writer
        thread, one partition at a time and in order, while the next partition is decided)."""
        files.append(ans)
        add_tables(requests, ans)

    try:
        for i, part in enumerate(parts):
            loaded = part()
            ans = answer(loaded.requests, loaded.history, rb, actions=actions, extra=ANSWER_EXTRA)
            counts["answers"] += ans.height
            flags.update(dict(ans.group_by("flag").len().drop_nulls("flag").iter_rows()))
            if k == 1:  # one partition: written by polars' sink, which encodes in parallel
                _write_answers(ans.lazy(), work, fmt)
                add_tables(loaded.requests, ans)
            else:
                writer.submit(finish, loaded.requests, ans)
            del loaded, ans
            if i < len(parts) - 1:
                _pause()
    finally:
        try:
            writer.wait()  # the last partition's answers (after an error: whatever it was writing)
        finally:
            files.close()
    shutil.rmtree(work / "in", ignore_errors=True)
    if k > 1:
        _write_rejects(pl.scan_ipc(sorted((work / "rejects").glob("*.arrow"))), work)
    shutil.rmtree(work / "rejects", ignore_errors=True)
    out = {key: counts[key] for key in ("requests_rows", "requests_accepted", "requests_rejected", "history_rows",
                                        "history_accepted", "history_rejected", "requests_after_corpus_date")}
    out["answers"] = counts["answers"]
    out.update({f"flag_{f}": v for f, v in sorted(flags.items())})
    out["duties_assessed"] = int(duties)
    out["_partitions"] = k
    out["_tables"] = combine_tables(tables)
    return out
