"""The bulk engine: the rulebook's own decisions, run as polars expressions over a table of requests.

Nothing here restates a rule. The steps:
1. request-level facts as columns, named as the single-case engine names them (`as_of`, `actor_kind`,
   `ask_<kind>`, `doc_<kind>`, ...);
2. each `AnyRecord` of the rulebook (the tests over a person's convictions and charges) computed by joining the
   history to the requests on person_id, keeping the records dated on or before the request's `as_of`, and
   aggregating the record condition's own `to_polars()` with `any(ignore_nulls=False)` per request (Kleene: null =
   unknown; a request with no records gets False); the offense classifier runs once per distinct
   (citation, level, jurisdiction) and is joined in;
3. `compile_decision` and `compile_overlays` for every decision of the rulebook;
4. one output row per request and action that applies: status, deciding rule, its first citation, any overlay,
   and the compliance flag (what the agency did against what the law says).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

import polars as pl

from sanctuary.engine.expr import AnyRecord, Expr, Fact, walk
from sanctuary.engine.rulebook import Rulebook, default_rulebook
from sanctuary.engine.rules import Status, compile_decision, compile_overlays
from sanctuary.vocabulary.case import DocumentKind, Jurisdiction, RequestKind
from sanctuary.vocabulary.facts import CLASSIFICATION_FACTS, ask_fact, classification_facts, doc_fact

from .schema import HISTORY_COLUMNS, REQUEST_COLUMNS
from .validate import REJECT_SCHEMA, Checked, SchemaError, accepted_of, add_check, bad_mask, parse_table, rejects_of, scan

FLAGS = ("prohibited_done", "required_not_done", "needs_review")
ANSWER_SCHEMA_COLUMNS = ("request_id", "action", "kind", "status", "rule", "citation", "overlay", "flag")

Progress = Callable[[str], None]


def _noop(_: str) -> None:
    pass


# ---------------------------------------------------------------- facts


def request_fact_columns() -> list[pl.Expr]:
    """The facts the single-case engine builds in vocabulary/facts.py: case_facts, as columns of the requests table."""
    return [
        pl.col("received_date").alias("as_of"),
        *[(pl.col("request_kind") == k.value).alias(ask_fact(k)) for k in RequestKind],
        *[pl.col("documents").list.contains(pl.lit(d.value)).fill_null(False).alias(doc_fact(d)) for d in DocumentKind],
    ]


def _request_facts(e: Expr, out: set[str]) -> set[str]:
    """Facts read at request level (not inside an AnyRecord's record condition)."""
    if isinstance(e, Fact):
        out.add(e.name)
    elif isinstance(e, AnyRecord):
        return out
    for attr in ("left", "right", "expr", "date", "as_of"):
        child = getattr(e, attr, None)
        if isinstance(child, Expr):
            _request_facts(child, out)
    for p in getattr(e, "parts", ()):
        _request_facts(p, out)
    return out


def record_nodes(rb: Rulebook) -> list[AnyRecord]:
    seen: dict[str, AnyRecord] = {}
    for d in rb.decisions:
        for e in [d.applies, *(c for _, c in d.flat())]:
            for n in walk(e):
                if isinstance(n, AnyRecord):
                    seen.setdefault(n.column, n)
    return list(seen.values())


def needed_request_facts(rb: Rulebook) -> set[str]:
    out: set[str] = set()
    for d in rb.decisions:
        for e in [d.applies, *(c for _, c in d.flat())]:
            _request_facts(e, out)
    return out


def check_rulebook_columns(rb: Rulebook, available: set[str]) -> None:
    """Every fact a rule reads must be a column; a rule added without a bulk column is a loud error, not a null."""
    missing = sorted(needed_request_facts(rb) - available)
    if missing:
        raise SchemaError("rulebook", [f"the rules read fact {m!r}, which the bulk format does not provide; add it to "
                                       "sanctuary/bulk/schema.py" for m in missing])


# ---------------------------------------------------------------- history


def classify_distinct(keys: pl.DataFrame) -> pl.DataFrame:
    """The offense classifier, once per distinct (citation, level, jurisdiction)."""
    rows = []
    for citation, level, jurisdiction in keys.iter_rows():
        f = classification_facts(citation, level, jurisdiction)
        rows.append({"citation": citation, "level": level, "jurisdiction": jurisdiction,
                     **{k: f[k] for k in CLASSIFICATION_FACTS}})
    schema = {"citation": pl.String, "level": pl.String, "jurisdiction": pl.String, **{k: pl.Boolean for k in CLASSIFICATION_FACTS}}
    return pl.DataFrame(rows, schema=schema)


def record_tables(history: pl.LazyFrame) -> dict[str, pl.LazyFrame]:
    """The history as the two record lists of vocabulary/facts.py (convictions, charges), with the classifier's columns.
    `_rec_date` is the date used to leave out records after a request's as_of."""
    h = history.with_columns(
        pl.when(pl.col("record_type") == "charge").then(pl.lit(Jurisdiction.CALIFORNIA.value))
        .otherwise(pl.col("jurisdiction").fill_null(Jurisdiction.CALIFORNIA.value)).alias("_jur"))
    keys = h.select("citation", "level", pl.col("_jur").alias("jurisdiction")).unique().collect()
    cls = classify_distinct(keys).lazy()
    h = h.join(cls, left_on=["citation", "level", "_jur"], right_on=["citation", "level", "jurisdiction"], how="left")
    conv = h.filter(pl.col("record_type") == "conviction").select(
        "person_id",
        pl.col("citation").alias("conv_citation"),
        pl.col("level").alias("conv_level"),
        pl.col("date").alias("conv_date"),
        pl.col("_jur").alias("conv_jurisdiction"),
        pl.col("reduced_under_prop47").fill_null(False).alias("conv_reduced_prop47"),
        pl.col("sentenced_to_state_prison").alias("conv_state_prison_sentence"),
        pl.when(pl.col("_jur") == Jurisdiction.FEDERAL.value).then(pl.col("aggravated_felony"))
        .otherwise(pl.lit(False)).alias("conv_aggravated_felony"),
        *CLASSIFICATION_FACTS,
        pl.col("date").alias("_rec_date"),
    )
    charges = h.filter(pl.col("record_type") == "charge").select(
        "person_id",
        pl.col("citation").alias("charge_citation"),
        pl.col("level").alias("charge_level"),
        pl.col("magistrate_probable_cause").fill_null(False).alias("charge_magistrate_pc"),
        pl.col("current_arrest").fill_null(True).alias("charge_current_arrest"),
        *CLASSIFICATION_FACTS,
        pl.col("date").alias("_rec_date"),
    )
    return {"convictions": conv, "charges": charges}


def with_record_aggregates(requests: pl.LazyFrame, history: pl.LazyFrame, rb: Rulebook) -> pl.LazyFrame:
    nodes = record_nodes(rb)
    tables = record_tables(history)
    keys = requests.select("request_id", "person_id", "as_of")
    for records, recs in tables.items():
        mine = [n for n in nodes if n.records == records]
        if not mine:
            continue
        have = set(recs.collect_schema()) | {"as_of"}
        missing = sorted(set().union(*(n.cond.facts() for n in mine)) - have)
        if missing:
            raise SchemaError("rulebook", [f"the rules read record fact {m!r} of {records}, which the bulk history does not provide" for m in missing])
        pairs = keys.join(recs, on="person_id", how="inner").filter(
            pl.col("_rec_date").is_null() | (pl.col("_rec_date") <= pl.col("as_of")))
        agg = pairs.group_by("request_id").agg(
            *[n.cond.to_polars().any(ignore_nulls=False).alias(n.column) for n in mine],
            pl.len().alias(f"_n_{records}"))
        requests = requests.join(agg, on="request_id", how="left").with_columns(
            *[pl.when(pl.col(f"_n_{records}").is_null()).then(pl.lit(False)).otherwise(pl.col(n.column)).alias(n.column)
              for n in mine],
            pl.col(f"_n_{records}").fill_null(0))
    return requests


# ---------------------------------------------------------------- decisions


def decision_columns(rb: Rulebook, decision) -> list[pl.Expr]:
    """(status, rule, overlay) of one decision, compiled from the rulebook (compile_decision + compile_overlays)."""
    status, rule = compile_decision(decision)
    status, overlay = compile_overlays(decision, status, rule, rb.overlays)
    return [status.alias("status"), rule.alias("rule"), overlay.alias("overlay")]


def _flag(d, rule_ids_conditional: list[str]) -> pl.Expr:
    """What the agency did against what the law says (see docs/bulk.md, "Compliance flags")."""
    st, rl = pl.col("status"), pl.col("rule")
    complied = pl.col("agency_response") == "complied"
    unknown = pl.col("agency_response") == "unknown"
    none = pl.lit(None, dtype=pl.String)
    if d.kind == "action":
        return (pl.when((st == Status.PROHIBITED.value) & complied).then(pl.lit("prohibited_done"))
                .when((st == Status.NEEDS_REVIEW.value) & (complied | unknown)).then(pl.lit("needs_review"))
                .when((st == Status.PROHIBITED.value) & unknown).then(pl.lit("needs_review"))
                .otherwise(none))
    only_if = rl.is_in(rule_ids_conditional)  # a duty that arises only if the agency did what was asked
    arises = pl.when(only_if).then(complied).otherwise(pl.lit(True))
    maybe = only_if & unknown
    assessed = pl.col("duties_done").is_not_null()
    not_done = ~pl.col("duties_done").list.contains(pl.lit(d.action)).fill_null(False)
    return (pl.when((st == Status.REQUIRED.value) & arises & assessed & not_done).then(pl.lit("required_not_done"))
            .when((st == Status.REQUIRED.value) & maybe & assessed & not_done).then(pl.lit("needs_review"))
            .when((st == Status.NEEDS_REVIEW.value) & (arises | maybe)).then(pl.lit("needs_review"))
            .otherwise(none))


def decision_answers(facts: pl.LazyFrame, rb: Rulebook, d) -> pl.LazyFrame:
    """One decision over the rows where it applies: request_id, action, kind, status, rule, citation, overlay, flag."""
    flat = [r for r, _ in d.flat()]
    conditional = [r.id for r in flat if r.duty is not None and r.duty.only_if]
    sub = facts.filter(d.applies.to_polars().fill_null(False)).with_columns(decision_columns(rb, d))
    return sub.select(
        "request_id", pl.lit(d.action).alias("action"), pl.lit(d.kind).alias("kind"), "status", "rule",
        pl.col("rule").replace_strict({r.id: r.cites[0] for r in flat}, default=None, return_dtype=pl.String).alias("citation"),
        "overlay", _flag(d, conditional).alias("flag"))


def facts_frame(requests, history, rb: Rulebook | None = None) -> pl.DataFrame:
    """Validated requests + history -> one row per request with every fact and record aggregate the rules read."""
    rb = rb or default_rulebook()
    req = requests.lazy().with_columns(request_fact_columns())
    check_rulebook_columns(rb, set(req.collect_schema()))
    return with_record_aggregates(req, history.lazy(), rb).collect()


def answer(requests, history, rb: Rulebook | None = None, actions: list[str] | None = None) -> pl.DataFrame:
    """Every decision of the rulebook (or only `actions`) for every request: one row per request and action in question."""
    rb = rb or default_rulebook()
    facts = facts_frame(requests, history, rb).lazy()
    parts = [decision_answers(facts, rb, d) for d in rb.decisions if actions is None or d.action in actions]
    return pl.concat(pl.collect_all(parts))


# ---------------------------------------------------------------- load and validate both tables


HIST_NAMES = [c.name for c in HISTORY_COLUMNS]


@dataclass
class Loaded:
    requests: pl.DataFrame  # accepted rows, typed (with `_row`)
    history: pl.DataFrame  # accepted rows, typed (with `_row`)
    rejects: pl.DataFrame
    counts: dict[str, int] = field(default_factory=dict)
    duties_assessed: bool = False


def _history_checks(h: Checked) -> None:
    conv = pl.col("record_type") == "conviction"
    charge = pl.col("record_type") == "charge"
    add_check(h, "date", pl.when(conv & pl.col("date").is_null()).then(pl.lit("missing: a conviction needs its date")))
    add_check(h, "jurisdiction", pl.when(charge & pl.col("jurisdiction").is_not_null() & (pl.col("jurisdiction") != "california"))
              .then(pl.lit("a pending charge is a California charge in this format; leave jurisdiction empty or california")))
    add_check(h, "aggravated_felony", pl.when(conv & pl.col("aggravated_felony").is_not_null()
                                              & (pl.col("jurisdiction").fill_null("california") != "federal"))
              .then(pl.lit("aggravated_felony applies to federal convictions only (Gov. Code 7282.5(a)(5)); set jurisdiction to federal or leave it empty")))
    add_check(h, "aggravated_felony", pl.when(charge & pl.col("aggravated_felony").is_not_null()).then(pl.lit("applies to convictions only")))
    add_check(h, "sentenced_to_state_prison", pl.when(charge & pl.col("sentenced_to_state_prison").is_not_null()).then(pl.lit("applies to convictions only")))
    # California citations must be readable (the case vocabulary's own check, once per distinct citation)
    from sanctuary.vocabulary.case import _check_citation

    ca = h.frame.filter((pl.col("record_type") == "charge") | (pl.col("jurisdiction").fill_null("california") == "california"))
    unreadable = {}
    for cit in ca["citation"].drop_nulls().unique().to_list():
        try:
            _check_citation(cit)
        except ValueError as e:
            unreadable[cit] = str(e)
    if unreadable:
        is_ca = (pl.col("record_type") == "charge") | (pl.col("jurisdiction").fill_null("california") == "california")
        add_check(h, "citation", pl.when(is_ca).then(pl.col("citation").replace_strict(unreadable, default=None, return_dtype=pl.String)))
    add_check(h, "reduced_under_prop47", pl.when(charge & pl.col("reduced_under_prop47").is_not_null()).then(pl.lit("applies to convictions only")))
    add_check(h, "magistrate_probable_cause", pl.when(conv & pl.col("magistrate_probable_cause").is_not_null()).then(pl.lit("applies to charges only")))
    add_check(h, "current_arrest", pl.when(conv & pl.col("current_arrest").is_not_null()).then(pl.lit("applies to charges only")))


def _coverage_reason(rb: Rulebook) -> pl.Expr:
    """Rulebook.check_date and the 'no rule answers' refusal of Rulebook.decide, as one reason column."""
    facts = pl.DataFrame  # noqa: F841 (documentation: evaluated over the fact columns)
    applies = [(d, d.applies.to_polars().fill_null(False)) for d in rb.decisions]
    any_applies = pl.any_horizontal([a for _, a in applies])
    reason = pl.when(~any_applies).then(pl.format(
        "no rule in the corpus answers request_kind {} for actor_kind {}", pl.col("request_kind"), pl.col("actor_kind")))
    if rb.covers_until:
        reason = reason.when(pl.col("as_of") > pl.lit(rb.covers_until)).then(pl.lit(
            f"after {rb.covers_until}, the last date the law corpus speaks for; sanctuary does not answer for it"))
    for d, a in applies:
        start, section = rb.coverage_start(d)
        if start > dt.date.min:
            reason = reason.when(a & (pl.col("as_of") < pl.lit(start))).then(pl.lit(
                f"before {start}, the first date the corpus holds a text of {section} in force (needed for {d.action}); "
                "sanctuary does not answer for dates it holds no law for"))
    return reason.otherwise(pl.lit(None, dtype=pl.String))


def load(requests_path, history_path, rb: Rulebook | None = None, progress: Progress = _noop) -> Loaded:
    """Read and validate both files. Raises SchemaError (before any work) if a file's columns or types are wrong."""
    rb = rb or default_rulebook()
    rl, hl = scan(requests_path), scan(history_path)
    # both schemas are checked before any row is read
    from .validate import check_schema

    rschema = check_schema(rl, "requests", str(requests_path))
    check_schema(hl, "history", str(history_path))
    progress("parse")
    r = parse_table(rl, "requests", str(requests_path))
    h = parse_table(hl, "history", str(history_path))
    _history_checks(h)
    hist_bad = h.frame.filter(bad_mask(h))
    bad_people = hist_bad.group_by("person_id").agg(pl.col("_row").min().alias("_first_bad"), pl.len().alias("_nbad"))
    # request checks over several rows or over the law's coverage
    dup = pl.col("request_id").is_duplicated() & pl.col("request_id").is_not_null()
    add_check(r, "request_id", pl.when(dup).then(pl.lit("request_id appears on more than one row; every copy is rejected")))
    add_check(r, "agency_action_date", pl.when(pl.col("agency_action_date") < pl.col("received_date"))
              .then(pl.lit("before received_date")))
    ok_types = ~pl.any_horizontal([pl.col(f"_err_{c}").is_not_null() for c in ("received_date", "actor_kind", "request_kind", "documents")])
    facts = r.frame.with_columns(request_fact_columns())
    for c in ("in_custody",):
        pass
    cov = facts.select(pl.when(ok_types).then(_coverage_reason(rb)).alias("_cov"))["_cov"]
    r.frame = r.frame.with_columns(cov.alias("_cov"))
    add_check(r, "received_date", pl.col("_cov"))
    r.frame = r.frame.drop("_cov")
    r.frame = r.frame.join(bad_people, on="person_id", how="left")
    add_check(r, "person_id", pl.when(pl.col("_first_bad").is_not_null()).then(pl.format(
        "the person's history has {} rejected row(s) (first: history row {}); deciding without them could be wrong",
        pl.col("_nbad"), pl.col("_first_bad"))))
    r.frame = r.frame.drop("_first_bad", "_nbad")
    rejects = pl.concat([rejects_of(r, "requests"), rejects_of(h, "history")])
    from .schema import request_columns

    req_ok = accepted_of(r, [c.name for c in request_columns()])
    hist_ok = accepted_of(h, HIST_NAMES)
    counts = {
        "requests_rows": r.frame.height, "requests_accepted": req_ok.height, "requests_rejected": r.frame.height - req_ok.height,
        "history_rows": h.frame.height, "history_accepted": hist_ok.height, "history_rejected": h.frame.height - hist_ok.height,
    }
    return Loaded(req_ok, hist_ok, rejects, counts, duties_assessed="duties_done" in rschema)


__all__ = ["load", "facts_frame", "answer", "Loaded", "SchemaError", "REJECT_SCHEMA", "FLAGS"]
