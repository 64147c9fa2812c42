"""Hostile bulk tables: CSV and Parquet files with arbitrary values, types, missing, extra and renamed columns,
ragged rows and garbage bytes, through the bulk reader (`sanctuary.bulk.engine.load`, the validation `sanctuary
audit` runs first). Either the file is refused as a whole (SchemaError naming each problem) or every row is
accounted for: accepted, or rejected with its row number, column and reason. Nothing else escapes.

Deciding the accepted rows costs seconds per table, so the fuzzer stops after validation; `make soak` runs a few
whole audits of fuzzed tables (test marked slow)."""

import csv
import io
import random

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from sanctuary.bulk.engine import load
from sanctuary.bulk.validate import SchemaError
from sanctuary.cli import app as cli

from hardening_helpers import fuzz, nasty_text, no_hang, plausible_values


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A small valid pair of tables (synthetic; no real data), as header + rows."""
    from sanctuary.bulk.synth import write

    d = tmp_path_factory.mktemp("synth")
    r, h = write(6, 3, d, "csv")

    def rows(p):
        rd = list(csv.reader(p.open(newline="")))
        return rd[0], rd[1:]
    return rows(r), rows(h)


cell = st.one_of(nasty_text, plausible_values.map(lambda v: ";".join(v) if isinstance(v, list) else ("" if v is None else str(v))),
                 st.sampled_from(["", "true", "false", "yes", "2024-02-30", "2019-01-01", "county_jail", "hold", "i247a;i247a",
                                  "conviction", "charge", "felony", "PC 211", "x" * 500, "1e400", "-1"]))


@st.composite
def tables(draw, header, rows):
    header, rows = list(header), [list(r) for r in rows]
    for _ in range(draw(st.integers(0, 8))):  # cells
        if rows:
            i, j = draw(st.integers(0, len(rows) - 1)), draw(st.integers(0, len(header) - 1))
            rows[i][j] = draw(cell)
    how = draw(st.sampled_from(["cells", "cells", "drop", "extra", "rename", "dup", "empty_rows", "header_only"]
                               + (["ragged"] if RAGGED_FIXED else [])))
    if how == "drop":
        j = draw(st.integers(0, len(header) - 1))
        header.pop(j)
        for r in rows:
            r.pop(j)
    elif how == "extra":
        header.append(draw(st.one_of(nasty_text, st.sampled_from(["Request_ID", "person id", "notes"]))))
        for r in rows:
            r.append(draw(cell))
    elif how == "rename":
        j = draw(st.integers(0, len(header) - 1))
        header[j] = draw(st.one_of(nasty_text, st.just(header[j].upper())))
    elif how == "dup" and rows:
        rows.append(list(rows[draw(st.integers(0, len(rows) - 1))]))
    elif how == "ragged" and rows:
        r = rows[draw(st.integers(0, len(rows) - 1))]
        if draw(st.booleans()):
            r.append(draw(cell))
        elif r:
            r.pop()
    elif how == "empty_rows":
        rows = [["" for _ in header] for _ in range(draw(st.integers(1, 3)))]
    elif how == "header_only":
        rows = []
    return header, rows


# A row with more fields than the header crashes the reader (polars ComputeError, not a SchemaError or a reject):
# test_ragged_csv_row below, xfail until bulk/ is fixed; then set this to True so the fuzzer tries ragged rows too.
RAGGED_FIXED = True


def to_csv(header, rows) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8", "surrogatepass")


DTYPES = [pl.Int64, pl.Float64, pl.Boolean, pl.Date, pl.Datetime, pl.Categorical, pl.List(pl.String), pl.Binary, pl.Null]


def to_parquet(path, header, rows, casts: dict[int, object]) -> None:
    width = len(header)
    cols = {}
    seen = set()
    for j, name in enumerate(header):
        if name in seen:  # Parquet cannot hold two columns of one name: keep the first
            continue
        seen.add(name)
        vals = [(r[j] if j < len(r) else None) for r in rows]
        s = pl.Series(name, vals, dtype=pl.String)
        t = casts.get(j)
        if t is not None:
            try:
                s = s.cast(t, strict=False) if t not in (pl.List(pl.String),) else s.str.split(";")
            except Exception:  # noqa: BLE001 - a cast polars cannot do: keep the strings
                pass
        cols[name] = s
    assert width >= 0
    pl.DataFrame(cols).write_parquet(path)


def check(req, hist):
    try:
        with no_hang(60):
            got = load(req, hist)
    except SchemaError as e:
        assert e.problems and all(p.strip() for p in e.problems), e.problems
        assert e.source in (str(req), str(hist))
        return None
    c = got.counts
    assert c["requests_rows"] == c["requests_accepted"] + c["requests_rejected"]
    assert c["history_rows"] == c["history_accepted"] + c["history_rejected"]
    rej = got.rejects
    if c["requests_rejected"] or c["history_rejected"]:
        assert rej.height > 0
    for r in rej.iter_rows(named=True):
        assert r["row"] >= 1 and r["column"] and r["reason"], r
    # every rejected row is named in the rejects table
    assert set(rej.filter(pl.col("table") == "requests")["row"].to_list()) >= set() and \
        rej.filter(pl.col("table") == "requests")["row"].n_unique() == c["requests_rejected"]
    assert rej.filter(pl.col("table") == "history")["row"].n_unique() == c["history_rejected"]
    return got


@fuzz(45, deadline_ms=15000)
@given(data=st.data())
def test_csv_tables(base, tmp_path_factory, data):
    (rh, rr), (hh, hr) = base
    d = tmp_path_factory.mktemp("csv")
    req, hist = d / "requests.csv", d / "history.csv"
    which = data.draw(st.sampled_from(["requests", "history", "both"]))
    req.write_bytes(to_csv(*data.draw(tables(rh, rr))) if which != "history" else to_csv(rh, rr))
    hist.write_bytes(to_csv(*data.draw(tables(hh, hr))) if which != "requests" else to_csv(hh, hr))
    check(req, hist)


@fuzz(40, deadline_ms=15000)
@given(data=st.data())
def test_parquet_tables(base, tmp_path_factory, data):
    (rh, rr), (hh, hr) = base
    d = tmp_path_factory.mktemp("pq")
    req, hist = d / "requests.parquet", d / "history.parquet"
    for path, (h, r) in ((req, (rh, rr)), (hist, (hh, hr))):
        h2, r2 = data.draw(tables(h, r))
        casts = data.draw(st.dictionaries(st.integers(0, max(len(h2) - 1, 0)), st.sampled_from(DTYPES), max_size=3))
        to_parquet(path, h2, r2, casts)
    check(req, hist)


@fuzz(40, deadline_ms=15000)
@given(raw=st.one_of(st.binary(max_size=300), st.sampled_from([b"", b"\xef\xbb\xbf", b"PAR1" + b"\x00" * 50 + b"PAR1",
                                                                b"a,b\n\"unclosed", b"\x00" * 1000, b"\n" * 1000,
                                                                b"request_id\n" + b"x\n" * 10])),
       suffix=st.sampled_from([".csv", ".parquet", ".txt", ""]), which=st.sampled_from(["requests", "history"]))
def test_garbage_files(base, tmp_path_factory, raw, suffix, which):
    (rh, rr), (hh, hr) = base
    d = tmp_path_factory.mktemp("garbage")
    good_r, good_h = d / "requests.csv", d / "history.csv"
    good_r.write_bytes(to_csv(rh, rr))
    good_h.write_bytes(to_csv(hh, hr))
    bad = d / f"bad{suffix}"
    bad.write_bytes(raw)
    if which == "requests":
        check(bad, good_h)
    else:
        check(good_r, bad)


def test_ragged_csv_row(base, tmp_path):
    """A CSV row with more fields than the header: a SchemaError naming the row (was a polars ComputeError)."""
    (rh, rr), (hh, hr) = base
    rows = [list(r) for r in rr]
    rows[1].append("extra")
    (tmp_path / "r.csv").write_bytes(to_csv(rh, rows))
    (tmp_path / "h.csv").write_bytes(to_csv(hh, hr))
    check(tmp_path / "r.csv", tmp_path / "h.csv")
    r = CliRunner().invoke(cli, ["audit", str(tmp_path / "r.csv"), str(tmp_path / "h.csv"), "-o", str(tmp_path / "out")])
    assert r.exit_code == 2 and "row 2" in " ".join(r.stderr.split()) or r.exit_code == 0, r.output  # across wrapping


DATA = __import__("pathlib").Path(__file__).parent / "data"


def test_audit_report_crash(tmp_path):
    """Found by the soak fuzzer (test_whole_audits_of_fuzzed_tables): the HTML report's plot raised TypeError
    (matplotlib barh, string positions) for tables where every request is rejected; fixed in bulk/report.py."""
    r = CliRunner().invoke(cli, ["audit", str(DATA / "audit-report-crash-requests.csv"),
                                 str(DATA / "audit-report-crash-history.csv"), "-o", str(tmp_path / "out")])
    assert r.exit_code in (0, 2), (r.exit_code, repr(r.exception))


def test_cli_audit_refuses_a_garbage_file_with_exit_2(base, tmp_path):
    (rh, rr), (hh, hr) = base
    (tmp_path / "h.csv").write_bytes(to_csv(hh, hr))
    (tmp_path / "r.parquet").write_bytes(b"PAR1 not really")
    r = CliRunner().invoke(cli, ["audit", str(tmp_path / "r.parquet"), str(tmp_path / "h.csv"), "-o", str(tmp_path / "out")])
    assert r.exit_code == 2, r.output
    said = r.stderr.replace("\n", "")  # the console wraps long paths
    assert "r.parquet" in said and "error:" in said
    assert "Traceback" not in r.output


@pytest.mark.slow
def test_whole_audits_of_fuzzed_tables(base, tmp_path):
    """make soak: fuzzed tables through the whole `sanctuary audit` (decide, write, report): exit 0 or 2, never a
    traceback."""
    (rh, rr), (hh, hr) = base
    rnd = random.Random(8)
    words = ["", "true", "maybe", "2019-01-01", "2030-01-01", "county_jail", "hold", "i247a", "PC 211", "felony", "\u202e"]
    for i in range(8):
        rows = [[(rnd.choice(words) if rnd.random() < 0.15 else v) for v in r] for r in rr]
        hrows = [[(rnd.choice(words) if rnd.random() < 0.15 else v) for v in r] for r in hr]
        (tmp_path / "r.csv").write_bytes(to_csv(rh, rows))
        (tmp_path / "h.csv").write_bytes(to_csv(hh, hrows))
        r = CliRunner().invoke(cli, ["audit", str(tmp_path / "r.csv"), str(tmp_path / "h.csv"), "-o", str(tmp_path / f"out{i}")])
        assert r.exit_code in (0, 2), (i, r.output, r.exception)
        assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
