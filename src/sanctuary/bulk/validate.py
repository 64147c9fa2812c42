"""Reading and validating the bulk tables without losing a row.

Two kinds of problem:
- the file itself is wrong (a required column is missing, a column is unknown, a Parquet column has a type the
  format does not allow): `SchemaError` stops the run before any work, naming every column at fault;
- a row is wrong (a value missing, not a date, not an allowed value, a duplicated id, a date outside what the
  law corpus covers, ...): the row goes to the rejects table with its row number, the column, the value, the
  reason and the whole row as JSON; the run goes on with the rest.
"""

from __future__ import annotations

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


def _parse(c: Column, dtype: pl.DataType | None) -> tuple[pl.Expr, pl.Expr]:
    """(typed value, reason or null) for one column."""
    null_reason = pl.lit(None, dtype=pl.String)
    if dtype is None:  # optional column absent from the file
        if c.type == "bool":
            return pl.lit(c.default, dtype=pl.Boolean), null_reason
        if c.type == "enum_list":
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
    else:
        s = raw.cast(pl.String).str.strip_chars()
        s = pl.when(s == "").then(None).otherwise(s)
        if c.type == "date":
            v = s.str.to_date("%Y-%m-%d", strict=False)
            bad = s.is_not_null() & v.is_null()
            reason = pl.lit("not a date: expected YYYY-MM-DD")
        elif c.type == "int":
            v = s.cast(pl.Int64, strict=False)
            bad = s.is_not_null() & v.is_null()
            reason = pl.lit("not a whole number")
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


def _duty_values() -> list[str]:
    from .schema import duty_actions

    return list(duty_actions())


@dataclass
class Checked:
    """A table after validation: the typed rows (with `_row`, the 1-based row number) and the row-level problems."""

    frame: pl.DataFrame  # every row, typed, with one `_err_<column>` column per check (null = fine)
    checks: list[str]  # the names of the `_err_` columns
    raw_columns: list[str]


def parse_table(lf: pl.LazyFrame, table: str, source: str) -> Checked:
    schema = check_schema(lf, table, source)
    cols = TABLES[table]
    exprs, checks = [], []
    raw_cols = list(schema)
    lf = lf.with_row_index("_row", offset=1).with_columns(
        pl.struct([pl.col(n).cast(pl.String) for n in raw_cols]).struct.json_encode().alias("_record"))
    for c in cols:
        v, err = _parse(c, schema.get(c.name))
        exprs.append(v.alias(f"_v_{c.name}"))
        exprs.append(err.alias(f"_err_{c.name}"))
        checks.append(c.name)
    lf = lf.with_columns(exprs).select(
        "_row", "_record", *[pl.col(f"_v_{c.name}").alias(c.name) for c in cols], *[f"_err_{c}" for c in checks],
        *[pl.col(n).cast(pl.String).alias(f"_raw_{n}") for n in raw_cols])
    return Checked(lf.collect(), checks, raw_cols)


def add_check(checked: Checked, name: str, reason: pl.Expr) -> None:
    """Add a row-level check computed over the typed frame (reason: a String expression, null where the row is fine)."""
    col = f"_err_{name}"
    if col in checked.frame.columns:
        checked.frame = checked.frame.with_columns(pl.coalesce(pl.col(col), reason).alias(col))
    else:
        checked.frame = checked.frame.with_columns(reason.alias(col))
        checked.checks.append(name)


def bad_mask(checked: Checked) -> pl.Expr:
    return pl.any_horizontal([pl.col(f"_err_{c}").is_not_null() for c in checked.checks])


def rejects_of(checked: Checked, table: str) -> pl.DataFrame:
    parts = []
    for c in checked.checks:
        err = f"_err_{c}"
        raw = f"_raw_{c}" if c in checked.raw_columns else None
        parts.append(checked.frame.filter(pl.col(err).is_not_null()).select(
            pl.lit(table).alias("table"), pl.col("_row").cast(pl.Int64).alias("row"), pl.lit(c).alias("column"),
            (pl.col(raw) if raw else pl.lit(None, dtype=pl.String)).alias("value"), pl.col(err).alias("reason"),
            pl.col("_record").alias("record")))
    if not parts:
        return pl.DataFrame(schema=REJECT_SCHEMA)
    return pl.concat(parts).sort("row", "column")


def accepted_of(checked: Checked, columns: list[str]) -> pl.DataFrame:
    return checked.frame.filter(~bad_mask(checked)).select("_row", *columns)
