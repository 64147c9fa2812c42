"""The partitioned audit's temporary parts (sanctuary.bulk.audit._write_parts/_read_part): a column null on every row
of a batch is left out of that batch's files and read back as typed nulls, in the table's column order, whatever
the other batches hold."""

import datetime as dt

import polars as pl

from sanctuary.bulk.audit import _read_part, _write_parts


def test_a_column_null_in_one_batch_is_read_back_typed_and_in_order(tmp_path):
    schema = {"_row": pl.Int64, "person_id": pl.String, "in_custody": pl.Boolean, "date": pl.Date,
              "documents": pl.List(pl.String)}
    b0 = pl.DataFrame({"_row": [1, 2, 3], "person_id": ["p1", "p2", "p3"], "in_custody": [None, None, None],
                       "date": [dt.date(2020, 1, 1), None, dt.date(2021, 5, 2)], "documents": [["i247a"], [], None]},
                      schema=schema)
    b1 = pl.DataFrame({"_row": [4, 5], "person_id": ["p1", "p4"], "in_custody": [True, False], "date": [None, None],
                       "documents": [None, None]}, schema=schema)
    k = 3
    _write_parts(b0, tmp_path, 0, k)
    _write_parts(b1, tmp_path, 1, k)
    assert not any("in_custody" in pl.read_parquet_schema(f) for f in (tmp_path / "00000").rglob("*.parquet"))
    parts = [_read_part(tmp_path, i, b0.head(0)) for i in range(k)]
    for p in parts:
        assert p.schema == b0.schema
    got = pl.concat(parts).sort("_row")
    assert got.equals(pl.concat([b0, b1]))
    # every row of a person is in one part
    assert sum(p["person_id"].is_in(["p1"]).any() for p in parts) == 1
