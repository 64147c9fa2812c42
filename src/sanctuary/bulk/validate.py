"""Reading and validating the bulk tables without losing a row.

Two kinds of problem:
- the file itself is wrong (a required column is missing, a column is unknown, a Parquet column has a type the
  format does not allow): `SchemaError` stops the run before any work, naming every column at fault;
- a row is wrong (a value missing, not a date, not an allowed value, a duplicated id, a date outside what the
  law corpus covers, ...): the row goes to the rejects table with its row number, the column, the value, the
  reason and the whole row as JSON; the run goes on with the rest.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from .schema import FALSE_WORDS, TRUE_WORDS, Column, TABLES

REJECT_SCHEMA = {"table": pl.String, "row": pl.Int64, "column": pl.String, "value": pl.String, "reason": pl.String,
                 "record": pl.String}

_ALLOWED_DTYPES = {
    "string": (pl.String, pl.Categorical, pl.Int64, pl.Int32, pl.UInt32, pl.UInt64),
    "enum": (pl.String, pl.Categorical, pl.Enum),
    "enum_list": (pl.String,),
    "citation_list": (pl.String,),
    "date": (pl.String, pl.Date),
    "bool": (pl.String, pl.Boolean),
    "int": (pl.String, pl.Int64, pl.Int32, pl.UInt32, pl.Int16),
}


class SchemaError(ValueError):
    """The file's columns or types are wrong: nothing was done."""

    def __init__(self, source: str, problems: list[str]):
        self.source, self.problems = source, problems
        super().__init__(f"{source}: " + "; ".join(problems))


def scan(path: str | Path) -> pl.LazyFrame:
    p = Path(path)
    if not p.exists():
        raise SchemaError(str(p), ["file not found"])
    if p.suffix.lower() in (".parquet", ".pq"):
        return pl.scan_parquet(p)
    if p.suffix.lower() in (".csv", ".txt", ""):
        return pl.scan_csv(p, infer_schema=False)
    raise SchemaError(str(p), [f"unknown file type {p.suffix!r}: use .csv or .parquet"])


def csv_shape_problem(path: str | Path) -> str | None:
    """The first data row of a CSV file whose number of fields differs from the header's (polars refuses such a file
    with a bare ComputeError; this names the row). Only called after such an error."""
    import csv

    p = Path(path)
    if p.suffix.lower() in (".parquet", ".pq"):
        return None
    with p.open(newline="", encoding="utf-8", errors="replace") as f:
        rows = csv.reader(f)
        header = next(rows, None)
        if header is None:
            return None
        for i, row in enumerate(rows, start=1):
            if row and len(row) != len(header):
                return f"row {i} has {len(row)} fields; the header has {len(header)}: every row needs one field per column"
    return None


def explain_read_error(error: Exception, paths: list[tuple[str, str | Path]]) -> SchemaError | None:
    """A SchemaError naming the file and row for a polars read error caused by a ragged CSV row, else None."""
    if not isinstance(error, pl.exceptions.ComputeError):
        return None
    for source, path in paths:
        problem = csv_shape_problem(path)
        if problem:
            return SchemaError(source, [problem])
    return None


def check_schema(lf: pl.LazyFrame, table: str, source: str) -> dict[str, pl.DataType]:
    """Stop before any work if a column is missing, unknown or of the wrong type."""
    cols = {c.name: c for c in TABLES[table]}
    try:
        schema = lf.collect_schema()
    except Exception as e:  # unreadable file
        raise SchemaError(source, [f"cannot read the file: {e}"]) from e
    problems = []
    for name in schema:
        if name not in cols:
            near = [c for c in cols if c.replace("_", "") == name.lower().replace("_", "").replace(" ", "")]
            problems.append(f"unknown column {name!r}" + (f" (did you mean {near[0]!r}?)" if near else "")
                            + f"; the {table} columns are: {', '.join(cols)}")
    for c in cols.values():
        if c.required and c.name not in schema:
            problems.append(f"missing required column {c.name!r} ({c.doc})")
        elif c.name in schema and not isinstance(schema[c.name], _ALLOWED_DTYPES[c.type]):
            problems.append(f"column {c.name!r} has type {schema[c.name]}; expected {c.type} "
                            f"({' or '.join(str(t.__name__ if isinstance(t, type) else t) for t in _ALLOWED_DTYPES[c.type])})")
    if problems:
        raise SchemaError(source, problems)
    return dict(schema)


def _needs_text(c: Column, dtype: pl.DataType | None) -> bool:
    """Whether the column is parsed from text (rather than read as a native Parquet type)."""
    if dtype is None:
        return False
    return not ((c.type == "date" and dtype == pl.Date) or (c.type == "bool" and dtype == pl.Boolean)
                or (c.type == "int" and dtype.is_integer()))


def _clean(name: str) -> pl.Expr:
    """The cell as text, trimmed, an empty cell as null (computed once per column, then parsed)."""
    s = pl.col(name).cast(pl.String).str.strip_chars()
    return pl.when(s == "").then(None).otherwise(s)


def _parse(c: Column, dtype: pl.DataType | None, s: pl.Expr | None = None) -> tuple[pl.Expr, pl.Expr]:
    """(typed value, reason or null) for one column; `s` is the cleaned text of the cell (see _clean)."""
    null_reason = pl.lit(None, dtype=pl.String)
    if dtype is None:  # optional column absent from the file
        if c.type == "bool":
            return pl.lit(c.default, dtype=pl.Boolean), null_reason
        if c.type in ("enum_list", "citation_list"):
            return (pl.lit(None, dtype=pl.List(pl.String)) if c.default is None else pl.lit([], dtype=pl.List(pl.String))), null_reason
        if c.type == "date":
            return pl.lit(c.default, dtype=pl.Date), null_reason
        if c.type == "int":
            return pl.lit(c.default, dtype=pl.Int64), null_reason
        return pl.lit(c.default, dtype=pl.String), null_reason
    raw = pl.col(c.name)
    if c.type == "date" and dtype == pl.Date:
        v, bad = raw, pl.lit(False)
    elif c.type == "bool" and dtype == pl.Boolean:
        v, bad = raw, pl.lit(False)
    elif c.type == "int" and dtype.is_integer():
        v, bad = raw.cast(pl.Int64), pl.lit(False)
        if c.bounds:
            err = pl.when(_out_of_bounds(v, c)).then(pl.lit(_bounds_reason(c))).otherwise(null_reason)
            return v, err if c.nullable else pl.when(raw.is_null()).then(pl.lit("missing: a value is required")).otherwise(err)
    else:
        s = _clean(c.name) if s is None else s
        if c.type == "date":
            v = s.str.to_date("%Y-%m-%d", strict=False)
            bad = s.is_not_null() & v.is_null()
            reason = pl.lit("not a date: expected YYYY-MM-DD")
        elif c.type == "int":
            v = s.cast(pl.Int64, strict=False)
            bad = s.is_not_null() & v.is_null()
            reason = pl.lit("not a whole number")
            if c.bounds:
                bad = bad | _out_of_bounds(v, c)
                reason = pl.lit(_bounds_reason(c))
        elif c.type == "bool":
            low = s.str.to_lowercase()
            v = pl.when(low.is_in(TRUE_WORDS)).then(True).when(low.is_in(FALSE_WORDS)).then(False).otherwise(None)
            bad = s.is_not_null() & v.is_null()
            reason = pl.lit(f"not a boolean: expected one of {', '.join(TRUE_WORDS + FALSE_WORDS)}, or empty ({c.empty})")
        elif c.type == "enum":
            v = s
            bad = s.is_not_null() & ~s.is_in(list(c.values))
            reason = pl.lit(f"not an allowed value: expected one of {', '.join(c.values)}")
        elif c.type == "enum_list":
            allowed = list(c.values) if c.values else _duty_values()
            parts = s.str.split(";").list.eval(pl.element().str.strip_chars()).list.eval(pl.element().filter(pl.element() != ""))
            v = pl.when(s.is_null()).then(pl.lit([], dtype=pl.List(pl.String))).otherwise(parts)
            unknown = v.list.eval(pl.element().filter(~pl.element().is_in(allowed))).list.join(", ")
            dup = v.list.len() != v.list.unique().list.len()
            bad = (unknown != "") | dup
            reason = (pl.when(unknown != "").then(pl.format("unknown value(s): {}; expected any of {}", unknown, pl.lit(", ".join(allowed))))
                      .otherwise(pl.lit("a value is listed twice")))
        elif c.type == "citation_list":  # citations, each read in the cross-column checks (bulk.engine._history_checks)
            parts = s.str.split(";").list.eval(pl.element().str.strip_chars()).list.eval(pl.element().filter(pl.element() != ""))
            v = pl.when(s.is_null()).then(pl.lit([], dtype=pl.List(pl.String))).otherwise(parts)
            bad = pl.lit(False)
            reason = pl.lit("")
            if c.max_length:
                bad = v.list.eval(pl.element().str.len_chars() > c.max_length).list.any()
                reason = pl.lit(f"a citation longer than {c.max_length} characters")
        else:
            v = s
            bad = pl.lit(False)
            reason = pl.lit("")
            if c.max_length:
                bad = s.str.len_chars() > c.max_length
                reason = pl.lit(f"longer than {c.max_length} characters")
        err = pl.when(bad.fill_null(False)).then(reason).otherwise(null_reason)
        if not c.nullable:
            err = pl.when(s.is_null()).then(pl.lit("missing: a value is required")).otherwise(err)
        return v, err
    err = null_reason if c.nullable else pl.when(raw.is_null()).then(pl.lit("missing: a value is required")).otherwise(null_reason)
    return v, err


def _out_of_bounds(v: pl.Expr, c: Column) -> pl.Expr:
    lo, hi = c.bounds
    return ((v < lo) | (v > hi)).fill_null(False)


def _bounds_reason(c: Column) -> str:
    return f"not a whole number from {c.bounds[0]} to {c.bounds[1]}"


def _duty_values() -> list[str]:
    from .schema import duty_actions

    return list(duty_actions())


@dataclass
class Checked:
    """A table after validation: the typed rows (with `_row`, the 1-based row number, and `_bad`) and the problems
    found so far (row, column, reason); the raw cells of the rejected rows are taken from `raw` (the cells as
    read; most typed columns share its memory) or, without it, read back from `source`."""

    frame: pl.DataFrame  # every row, typed, with `_row` and `_bad` (the row has a problem)
    problems: list[pl.DataFrame]  # each: _row, column, reason
    source: pl.LazyFrame  # the raw table with `_row`
    raw_columns: list[str]
    raw: pl.DataFrame | None = None  # the table as read, with `_row`


PROBLEM_SCHEMA = {"_row": pl.Int64, "column": pl.String, "reason": pl.String}


def with_row_numbers(lf: pl.LazyFrame) -> pl.LazyFrame:
    """The raw table with `_row` (1-based data row), unless it already has one (a partition of a larger file)."""
    return lf if "_row" in lf.collect_schema() else lf.with_row_index("_row", offset=1).with_columns(pl.col("_row").cast(pl.Int64))


def _column_problems(rows: pl.Series, name: str, reason: pl.Series) -> pl.DataFrame | None:
    """(_row, column, reason) for the cells whose reason is not null; None when there is none (nothing is copied)."""
    if reason.null_count() == len(reason):
        return None
    keep = reason.is_not_null()
    return pl.DataFrame({"_row": rows.filter(keep).cast(pl.Int64), "column": pl.repeat(name, int(keep.sum()), dtype=pl.String, eager=True),
                         "reason": reason.filter(keep).cast(pl.String)})


def _parse_distinct(col: pl.Series, rows: pl.Series, c: Column, dtype: pl.DataType) -> tuple[pl.Series, pl.DataFrame | None]:
    """Parse a column through its distinct values: each distinct cell is cleaned and parsed once (by `_parse`, as
    any cell), then the typed value is gathered back to every row, and the problem only to the rows whose value has
    one. Dates, booleans, kinds and lists repeat a few values over millions of rows."""
    text = col.cast(pl.String)
    distinct = text.drop_nulls().unique()
    vals = pl.DataFrame({c.name: pl.concat([distinct, pl.Series([None], dtype=pl.String)])})
    v, err = _parse(c, dtype, _clean(c.name))
    parsed = vals.select(v.alias("v"), err.alias("e"))
    idx = None

    def index() -> pl.Series:  # each row's position among the distinct values (null: the last one)
        nonlocal idx
        if idx is None:
            idx = text.cast(pl.Enum(distinct)).to_physical().cast(pl.UInt32)
            if text.null_count():
                idx = idx.fill_null(len(distinct))
        return idx

    if c.type in ("enum_list", "citation_list") and _plain_split(vals, c.name).equals(parsed["v"]):
        # every list is written plainly (no spaces, no empty parts): splitting each cell gives the same lists,
        # without gathering millions of small lists
        typed = text.to_frame(c.name).select(_plain_split_expr(c.name)).to_series()
    elif parsed["v"].dtype == pl.String and parsed["v"].equals(vals[c.name].alias("v")):
        typed = text  # every text value is already clean (trimmed, not empty): the column is its own typed value
    elif parsed["v"].dtype == pl.String and parsed["v"].equals(vals.select(_empty_as_null(c.name)).to_series().alias("v")):
        typed = text.to_frame(c.name).select(_empty_as_null(c.name)).to_series()  # clean, but for empty cells
    elif parsed["v"].dtype == pl.Boolean and len(distinct) <= 8:
        # a few spellings of true and false: compare each cell with them rather than look each one up
        words = {w: b for w, b in zip(distinct.to_list(), parsed["v"].to_list()) if b is not None}
        e = pl.lit(None, dtype=pl.Boolean)
        for w, b in words.items():
            e = pl.when(pl.col(c.name) == w).then(pl.lit(b)).otherwise(e)
        typed = text.to_frame(c.name).with_columns(e.alias(c.name)).to_series()  # (with_columns: a constant fills every row)
    else:
        typed = parsed["v"].gather(index())
    bad = parsed.with_row_index("_i").filter(pl.col("e").is_not_null())
    if not text.null_count():  # the last slot (a missing cell) is not used
        bad = bad.filter(pl.col("_i") < len(distinct))
    if not bad.height:  # no distinct value has a problem: no row of this column has one
        return typed, None
    hit = pl.DataFrame({"_row": rows, "_i": index()}).join(bad.select(pl.col("_i").cast(pl.UInt32), "e"), on="_i", how="inner",
                                                            maintain_order="left")
    return typed, pl.DataFrame({"_row": hit["_row"].cast(pl.Int64), "column": pl.repeat(c.name, hit.height, dtype=pl.String, eager=True),
                                "reason": hit["e"].cast(pl.String)})


def _empty_as_null(name: str) -> pl.Expr:
    return pl.when(pl.col(name) != "").then(pl.col(name)).alias(name)


def _plain_split_expr(name: str) -> pl.Expr:
    """A list cell split on ';' as it is (an empty or missing cell: the empty list)."""
    return pl.when(pl.col(name) != "").then(pl.col(name)).str.split(";").fill_null(pl.lit([], dtype=pl.List(pl.String))).alias(name)


def _plain_split(vals: pl.DataFrame, name: str) -> pl.Series:
    return vals.select(_plain_split_expr(name)).to_series().alias("v")


def _plain_bool(col: pl.Series) -> pl.Series | None:
    """A boolean text column written plainly (every cell `true`, `false`, empty or missing) as booleans (empty:
    null), by two comparisons a cell rather than through its distinct values; None if some cell is written
    otherwise (then `_parse_distinct` reads it, and names the cells it cannot)."""
    name = col.name
    out = col.to_frame().select(pl.when(pl.col(name) == "true").then(True).when(pl.col(name) == "false").then(False)
                                .alias(name), (pl.col(name).is_null() | (pl.col(name) == "")).alias("_empty"))
    return out[name] if (out[name].is_not_null() | out["_empty"]).all() else None


def _plain_text(col: pl.Series, c: Column) -> bool:
    """Whether a text column (ids) is already what parsing would make of it, without a problem: no cell missing
    or empty, none with spaces around it, none longer than allowed (then it is used as it is)."""
    if col.null_count() or (col == "").any():
        return False
    if c.max_length is not None and (col.str.len_bytes().max() or 0) > c.max_length:
        return False  # (bytes >= characters: the exact check is left to the general path)
    return col.str.strip_chars().equals(col)


def parse_table(lf: pl.LazyFrame, table: str, source: str, ok_columns: tuple[str, ...] = ()) -> Checked:
    """Type every column and find each cell's problem; `ok_columns`: add `_ok`, true where those columns parsed.

    Only the cells with a problem are copied out (as problems); a column without any costs no more than its
    typing."""
    lf = with_row_numbers(lf)
    schema = check_schema(lf.drop("_row"), table, source)
    cols = TABLES[table]
    raw_cols = list(schema)
    text = {c.name: _needs_text(c, schema.get(c.name)) for c in cols}
    raw = lf.select("_row", *[c.name for c in cols if c.name in schema]).collect()
    rows = raw["_row"].cast(pl.Int64)
    n = raw.height
    typed: dict[str, pl.Series] = {}
    problems: dict[str, pl.DataFrame] = {}

    def one(c: Column) -> tuple[pl.Series, pl.DataFrame | None]:
        # low-cardinality columns (kinds, dates, booleans, lists, agency names, citations) through their distinct
        # values; ids (one value per row or person) directly
        if c.type == "bool" and schema.get(c.name) == pl.String and (v := _plain_bool(raw[c.name])) is not None:
            p = None
        elif text[c.name] and (c.type != "string" or raw[c.name].approx_n_unique() * 20 < n):
            v, p = _parse_distinct(raw[c.name], rows, c, schema[c.name])
        elif text[c.name] and c.type == "string" and schema[c.name] == pl.String and _plain_text(raw[c.name], c):
            v, p = raw[c.name], None
        else:
            ve, ee = _parse(c, schema.get(c.name))
            out = raw.select("_row", ve.alias("v"), ee.alias("e"))  # with `_row`, so a constant fills every row
            v, p = out["v"], _column_problems(rows, c.name, out["e"])
        if c.fill is not None and v.null_count():
            v = v.fill_null(c.fill)
        return v.alias(c.name), p

    # columns in parallel: each step is a polars call on one column, which releases the GIL
    with ThreadPoolExecutor(max_workers=max(1, min(pl.thread_pool_size(), 8))) as pool:
        for c, (v, p) in zip(cols, pool.map(one, cols)):
            typed[c.name] = v
            if p is not None:
                problems[c.name] = p
    frame = pl.DataFrame([rows.alias("_row"), *typed.values()])
    bad_rows = pl.concat([p["_row"] for p in problems.values()]).unique() if problems else None
    frame = frame.with_columns(_bad_of(bad_rows))
    if ok_columns:
        not_ok = [problems[k]["_row"] for k in ok_columns if k in problems]
        frame = frame.with_columns(~_bad_of(pl.concat(not_ok).unique() if not_ok else None).alias("_ok"))
    return Checked(frame, [problems[c.name] for c in cols if c.name in problems], lf, raw_cols, raw)


def _bad_of(bad_rows: pl.Series | None) -> pl.Expr:
    """`_bad`: the row's number is among `bad_rows` (all false when there is none)."""
    if bad_rows is None or not len(bad_rows):
        return pl.lit(False).alias("_bad")
    return pl.col("_row").is_in(bad_rows.implode()).alias("_bad")


def add_check(checked: Checked, name: str, reason: pl.Expr) -> None:
    """Add a row-level check computed over the typed frame (reason: a String expression, null where the row is fine)."""
    add_checks(checked, [(name, reason)])


def add_checks(checked: Checked, checks: list[tuple[str, pl.Expr]], prepare: list[pl.Expr] = ()) -> None:
    """Several row-level checks at once (computed together, in parallel, over the typed frame, after the columns
    `prepare` adds where a check reads them); only the rows with a problem are copied out."""
    if not checks:
        return
    reasons = checked.frame.lazy().with_columns(prepare).select(
        *[r.cast(pl.String).alias(f"_r{i}") for i, (_, r) in enumerate(checks)]).collect()
    add_reasons(checked, [(name, reasons[f"_r{i}"]) for i, (name, _) in enumerate(checks)])


def add_reasons(checked: Checked, reasons: list[tuple[str, pl.Series]]) -> None:
    """Add problems given as a reason per row (a String Series aligned with the frame, null where the row is fine)."""
    found = [p for name, r in reasons if (p := _column_problems(checked.frame["_row"], name, r)) is not None]
    if found:
        checked.problems.extend(found)
        bad = pl.concat([p["_row"] for p in found]).unique()
        checked.frame = checked.frame.with_columns(pl.col("_bad") | pl.col("_row").is_in(bad.implode()))


def bad_mask(checked: Checked) -> pl.Expr:
    return pl.col("_bad")


def rejects_of(checked: Checked, table: str) -> pl.DataFrame:
    """One line per problem: table, row, column, the raw value of that column, the reason, the whole raw row as JSON."""
    if not checked.problems:
        return pl.DataFrame(schema=REJECT_SCHEMA)
    probs = pl.concat(checked.problems)
    rows = probs.select("_row").unique()
    source = checked.raw.lazy() if checked.raw is not None else checked.source
    raw = source.join(rows.lazy(), on="_row", how="semi").select(
        "_row", pl.struct([pl.col(n).cast(pl.String) for n in checked.raw_columns]).struct.json_encode().alias("record"),
        *[pl.col(n).cast(pl.String).alias(n) for n in checked.raw_columns]).collect()
    values = raw.unpivot(index="_row", on=checked.raw_columns, variable_name="column", value_name="value")
    return (probs.join(raw.select("_row", "record"), on="_row", how="left")
            .join(values, on=["_row", "column"], how="left")
            .select(pl.lit(table).alias("table"), pl.col("_row").alias("row"), "column", "value", "reason", "record")
            .sort("row", "column"))


def accepted_of(checked: Checked, columns: list[str]) -> pl.DataFrame:
    frame = checked.frame.select("_row", *columns, "_bad")
    return frame.drop("_bad") if not frame["_bad"].any() else frame.filter(~pl.col("_bad")).drop("_bad")
