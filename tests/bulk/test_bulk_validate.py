"""Validation takes shortcuts for columns written plainly (clean ids, booleans spelled one way, lists without
spaces); these tests check that a shortcut never changes a typed value or a reject."""

import csv
import json

import polars as pl

from sanctuary.bulk.engine import load
from sanctuary.bulk.schema import TABLES
from sanctuary.bulk.synth import write


def _rows(p):
    with p.open(newline="") as f:
        rd = list(csv.reader(f))
    return rd[0], rd[1:]


def _write(p, header, rows):
    with p.open("w", newline="") as f:
        csv.writer(f).writerows([header, *rows])


def _messy(cell: str, kind: str, i: int) -> str:
    """The same value, written the way a spreadsheet export might: spaces around it (a different number on each
    row, so that no column is written one way), another case for booleans, spaces and an empty part in lists,
    spaces for an empty cell."""
    pad = " " * (1 + i % 7)
    if cell == "":
        return pad
    if kind == "bool":
        cell = cell.upper() if i % 2 else cell.title()
    if kind == "enum_list":
        cell = " ; ".join(cell.split(";")) + " ;"
    return f"{pad}{cell} "


def test_plain_and_messy_spellings_give_the_same_rows(tmp_path):
    rp, hp = write(400, 11, tmp_path / "plain", "csv")
    (tmp_path / "messy").mkdir()
    out = {}
    for table, p in (("requests", rp), ("history", hp)):
        header, rows = _rows(p)
        # a few problems, the same in both versions
        rows[3][header.index("in_custody" if table == "requests" else "record_type")] = "maybe"
        kinds = {c.name: c.type for c in TABLES[table]}
        q = tmp_path / "messy" / p.name
        _write(p, header, rows)
        _write(q, header, [[_messy(v, kinds[h], i) for h, v in zip(header, r)] for i, r in enumerate(rows)])
        out[table] = q
    plain, messy = load(rp, hp), load(out["requests"], out["history"])
    assert plain.counts == messy.counts
    assert plain.counts["requests_rejected"] >= 1 and plain.counts["history_rejected"] == 1
    assert plain.requests.equals(messy.requests)
    assert plain.history.equals(messy.history)
    key = ["table", "row", "column", "reason"]
    assert plain.rejects.select(key).sort(key).equals(messy.rejects.select(key).sort(key))


def test_one_bad_cell_in_a_plain_column_is_rejected_with_its_value(tmp_path):
    rp, hp = write(500, 12, tmp_path, "csv")
    rh, rr = _rows(rp)
    hh, hr = _rows(hp)
    rr[10][rh.index("in_custody")] = "maybe"
    rr[20][rh.index("request_id")] = "x" * 101
    rr[30][rh.index("documents")] = "i247a;warrant_of_some_kind"
    hr[40][hh.index("level")] = "petty"
    _write(rp, rh, rr)
    _write(hp, hh, hr)
    loaded = load(rp, hp)
    rej = loaded.rejects
    for table, row, column, value, reason in (
            ("requests", 11, "in_custody", "maybe", "not a boolean"),
            ("requests", 21, "request_id", "x" * 101, "longer than 100 characters"),
            ("requests", 31, "documents", "i247a;warrant_of_some_kind", "unknown value(s): warrant_of_some_kind"),
            ("history", 41, "level", "petty", "not an allowed value")):
        got = rej.filter((pl.col("table") == table) & (pl.col("row") == row) & (pl.col("column") == column))
        assert got.height == 1, (table, row, column, rej)
        assert got["value"][0] == value and got["reason"][0].startswith(reason), got.to_dicts()
        assert json.loads(got["record"][0])[column] == value
    assert 11 not in loaded.requests["_row"].to_list() and 12 in loaded.requests["_row"].to_list()
    assert 41 not in loaded.history["_row"].to_list() and loaded.counts["history_rejected"] == 1
    # only these cells (and the requests about the person whose history row was rejected) are rejected
    other = rej.filter((pl.col("table") == "requests") & ~pl.col("row").is_in([11, 21, 31]))
    assert set(other["column"].to_list()) <= {"person_id", "received_date"}, other.select("row", "column", "reason")
