"""Expressions over facts that run two ways: on one case (with a trace) and as polars expressions over a table.

A rule's condition is written once as an `Expr`. `Expr.eval(env)` decides one case and records which facts it read;
`Expr.to_polars()` compiles the same tree to a `polars.Expr` for millions of rows.

Truth values are three-valued (Kleene): True, False and None, where None means "cannot be decided from the facts
given" and ends in "needs review". Polars' boolean `&`, `|` and `any(ignore_nulls=False)` follow the same logic
with null, so the two ways agree by construction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable

import polars as pl
from dateutil.relativedelta import relativedelta

Tri = bool | None


class Expr:
    def eval(self, env: "Env") -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def to_polars(self) -> pl.Expr:  # pragma: no cover - abstract
        raise NotImplementedError

    def facts(self) -> set[str]:
        """The names of the facts this expression reads (for validation and documentation)."""
        return set()

    def describe(self) -> str:
        return repr(self)

    # Kleene connectives
    def __and__(self, other: "Expr") -> "Expr":
        return All((self, _wrap(other)))

    def __or__(self, other: "Expr") -> "Expr":
        return AnyTrue((self, _wrap(other)))

    def __invert__(self) -> "Expr":
        return Not(self)

    def __eq__(self, other):  # type: ignore[override]
        return Eq(self, _wrap(other))

    def __ne__(self, other):  # type: ignore[override]
        return Not(Eq(self, _wrap(other)))

    def __ge__(self, other):
        return Cmp(self, _wrap(other), ">=")

    def __gt__(self, other):
        return Cmp(self, _wrap(other), ">")

    def __le__(self, other):
        return Cmp(self, _wrap(other), "<=")

    def __lt__(self, other):
        return Cmp(self, _wrap(other), "<")

    def isin(self, values: Iterable[Any]) -> "Expr":
        return IsIn(self, tuple(_plain(v) for v in values))

    def __hash__(self):
        return id(self)


def _plain(v: Any) -> Any:
    return getattr(v, "value", v)  # enums compare by their value, as they are stored in tables


def _wrap(v: Any) -> Expr:
    return v if isinstance(v, Expr) else Const(_plain(v))


@dataclass(eq=False)
class Const(Expr):
    value: Any

    def eval(self, env):
        return self.value

    def to_polars(self):
        return pl.lit(self.value)

    def describe(self):
        return repr(self.value)


@dataclass(eq=False)
class Fact(Expr):
    """A fact given by the situation: a field of the case, or a column of a bulk table (same name)."""

    name: str
    doc: str = ""

    def eval(self, env):
        return env.fact(self.name)

    def to_polars(self):
        return pl.col(self.name)

    def facts(self):
        return {self.name}

    def describe(self):
        return self.name


@dataclass(eq=False)
class Eq(Expr):
    left: Expr
    right: Expr

    def eval(self, env):
        a, b = self.left.eval(env), self.right.eval(env)
        if a is None or b is None:
            return None
        return _plain(a) == _plain(b)

    def to_polars(self):
        return self.left.to_polars() == self.right.to_polars()

    def facts(self):
        return self.left.facts() | self.right.facts()

    def describe(self):
        return f"{self.left.describe()} = {self.right.describe()}"


@dataclass(eq=False)
class Cmp(Expr):
    left: Expr
    right: Expr
    op: str

    def eval(self, env):
        a, b = self.left.eval(env), self.right.eval(env)
        if a is None or b is None:
            return None
        return {">=": a >= b, ">": a > b, "<=": a <= b, "<": a < b}[self.op]

    def to_polars(self):
        a, b = self.left.to_polars(), self.right.to_polars()
        return {">=": a >= b, ">": a > b, "<=": a <= b, "<": a < b}[self.op]

    def facts(self):
        return self.left.facts() | self.right.facts()


@dataclass(eq=False)
class IsIn(Expr):
    expr: Expr
    values: tuple

    def eval(self, env):
        v = self.expr.eval(env)
        return None if v is None else _plain(v) in self.values

    def to_polars(self):
        # a null input stays null (unknown), as in eval
        e = self.expr.to_polars()
        return pl.when(e.is_null()).then(pl.lit(None, dtype=pl.Boolean)).otherwise(e.is_in(list(self.values)))

    def facts(self):
        return self.expr.facts()

    def describe(self):
        return f"{self.expr.describe()} in {list(self.values)}"


@dataclass(eq=False)
class All(Expr):
    parts: tuple[Expr, ...]

    def __and__(self, other):
        return All(self.parts + (_wrap(other),))

    def eval(self, env):
        unknown = False
        for p in self.parts:
            v = p.eval(env)
            if v is False:
                return False
            if v is None:
                unknown = True
        return None if unknown else True

    def to_polars(self):
        out = self.parts[0].to_polars()
        for p in self.parts[1:]:
            out = out & p.to_polars()
        return out

    def facts(self):
        return set().union(*(p.facts() for p in self.parts))

    def describe(self):
        return " and ".join(p.describe() for p in self.parts)


@dataclass(eq=False)
class AnyTrue(Expr):
    parts: tuple[Expr, ...]

    def __or__(self, other):
        return AnyTrue(self.parts + (_wrap(other),))

    def eval(self, env):
        unknown = False
        for p in self.parts:
            v = p.eval(env)
            if v is True:
                return True
            if v is None:
                unknown = True
        return None if unknown else False

    def to_polars(self):
        out = self.parts[0].to_polars()
        for p in self.parts[1:]:
            out = out | p.to_polars()
        return out

    def facts(self):
        return set().union(*(p.facts() for p in self.parts))

    def describe(self):
        return " or ".join(p.describe() for p in self.parts)


@dataclass(eq=False)
class Not(Expr):
    expr: Expr

    def eval(self, env):
        v = self.expr.eval(env)
        return None if v is None else not v

    def to_polars(self):
        return ~self.expr.to_polars()

    def facts(self):
        return self.expr.facts()

    def describe(self):
        return f"not ({self.expr.describe()})"


@dataclass(eq=False)
class IsTrue(Expr):
    """Treat unknown as false: for facts where the law's condition is the fact being established ("has posted")."""

    expr: Expr

    def eval(self, env):
        return self.expr.eval(env) is True

    def to_polars(self):
        return self.expr.to_polars().fill_null(False)

    def facts(self):
        return self.expr.facts()

    def describe(self):
        return self.expr.describe()


@dataclass(eq=False)
class WithinYears(Expr):
    """`date` falls on or after `as_of` minus `years` years (and not after `as_of`).

    "Within the past five years" counts the day exactly five years back as inside the window. Calendar years: a
    window reaching back from a 29 February lands on 28 February (dateutil and polars agree on this)."""

    date: Expr
    as_of: Expr
    years: int

    def eval(self, env):
        d, a = self.date.eval(env), self.as_of.eval(env)
        if d is None or a is None:
            return None
        return a - relativedelta(years=self.years) <= d <= a

    def to_polars(self):
        d, a = self.date.to_polars(), self.as_of.to_polars()
        return (d >= a.dt.offset_by(f"-{self.years}y")) & (d <= a)

    def facts(self):
        return self.date.facts() | self.as_of.facts()

    def describe(self):
        return f"{self.date.describe()} within {self.years} years before {self.as_of.describe()}"


class Env:
    """One case's facts, its lists of records (convictions, charges), a cache of variables and the trace."""

    def __init__(self, facts: dict[str, Any], records: dict[str, list[dict[str, Any]]] | None = None,
                 parent: "Env | None" = None):
        self.facts_ = facts
        self.records = records or {}
        self.parent = parent
        self.cache: dict[str, Any] = {}
        self.read: dict[str, Any] = {}
        self.matches: dict[str, list[int]] = {}
        # per AnyRecord node evaluated here: (indexes of the records that met it, indexes left unknown)
        self.record_results: dict[AnyRecord, tuple[list[int], list[int]]] = {}

    def fact(self, name: str):
        if name in self.facts_:
            v = self.facts_[name]
        elif self.parent is not None:
            return self.parent.fact(name)
        else:
            raise KeyError(f"unknown fact {name!r}")
        self.read[name] = v
        return v

    def cached(self, var: "Variable"):
        if var.name not in self.cache:
            self.cache[var.name] = var.expr.eval(self)
        return self.cache[var.name]


@dataclass(eq=False)
class Variable(Expr):
    """A named, documented intermediate result ("convicted_of_serious_or_violent_felony"), with its legal reference."""

    name: str
    expr: Expr
    doc: str = ""
    reference: str | tuple[str, ...] = ()

    def eval(self, env):
        return env.cached(self)

    def to_polars(self):
        return self.expr.to_polars()  # an AnyRecord body reads its precomputed aggregate column (AnyRecord.column)

    def facts(self):
        return self.expr.facts()

    def describe(self):
        return self.name


@dataclass(eq=False)
class AnyRecord(Expr):
    """True when some record of a list (a conviction, a charge) meets `cond`, Kleene-style.

    In one case it loops over the records; over a table it is computed by joining the records table to the
    requests and aggregating `cond` with `any(ignore_nulls=False)` per request into the column named `.column`,
    which `to_polars()` then reads; it may be combined with other conditions."""

    records: str
    cond: Expr

    def eval(self, env):
        hits: list[int] = []
        unknown: list[int] = []
        for i, rec in enumerate(env.records.get(self.records, [])):
            sub = Env(rec, parent=env)
            v = self.cond.eval(sub)
            if v is True:
                hits.append(i)
            elif v is None:
                unknown.append(i)
        env.matches.setdefault(self.records, []).extend(hits)
        env.record_results[self] = (hits, unknown)  # read back only for the answers a record test decides
        if hits:
            return True
        return None if unknown else False

    def to_polars(self):
        # Over a table the aggregate is computed beforehand (sanctuary.bulk joins the records to the requests and
        # aggregates `cond.to_polars()` with any(ignore_nulls=False)); here it is read back by its column name, so an
        # AnyRecord nested inside a larger expression (`AnyRecord(...) | Fact(...)`) compiles too.
        return pl.col(self.column)

    @property
    def column(self) -> str:
        """A stable column name for this aggregate: the same condition over the same records gives the same name."""
        import hashlib

        return f"_any_{self.records}_{hashlib.sha1(repr(self.cond).encode()).hexdigest()[:12]}"

    def facts(self):
        return self.cond.facts()


def variable(name: str, expr: Expr, doc: str = "", reference: str | tuple[str, ...] = ()) -> Variable:
    return Variable(name, expr, doc, reference)


def children(e: Expr) -> list[Expr]:
    """A node's direct sub-expressions (an AnyRecord's record condition included)."""
    out = [c for attr in ("left", "right", "expr", "date", "as_of", "cond") if isinstance(c := getattr(e, attr, None), Expr)]
    return out + list(getattr(e, "parts", ()))


def walk(expr: Expr) -> Iterable[Expr]:
    """Every node of an expression tree (variables are entered once)."""
    seen: set[int] = set()
    stack = [expr]
    while stack:
        e = stack.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        stack.extend(children(e))

__all__ = ["Expr", "Const", "Fact", "Eq", "Cmp", "IsIn", "All", "AnyTrue", "Not", "IsTrue", "WithinYears",
           "Env", "Variable", "AnyRecord", "variable", "walk", "children", "Tri", "dt"]
