"""The bulk engine: the rulebook's own decisions, run as polars expressions over a table of requests.

Nothing here restates a rule. The steps:
1. request-level facts as columns, named as the single-case engine names them (`as_of`, `actor_kind`,
   `ask_<kind>`, `doc_<kind>`, ...);
2. each `AnyRecord` of the rulebook (the tests over a person's convictions and charges) computed by joining the
   history to the requests on person_id, keeping the records dated on or before the request's `as_of`, and
   aggregating the record condition's own `to_polars()` as a Kleene `any` per request (null = unknown; a request
   with no records gets False; computed as the maximum of a code, see with_record_aggregates); the offense classifier runs once per distinct
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

from sanctuary.engine.expr import AnyRecord, Cmp, Const, Eq, Expr, Fact, IsTrue, children, walk
from sanctuary.engine.rulebook import COVERAGE_RULE, ENJOINED_RULE, Rulebook, default_rulebook
from sanctuary.engine.rules import Status, compile_decision, compile_overlays
from sanctuary.vocabulary.case import DocumentKind, Jurisdiction, RequestKind
from sanctuary.vocabulary.facts import CLASSIFICATION_FACTS, ask_fact, classification_facts, doc_fact

from .schema import HISTORY_COLUMNS, REQUEST_COLUMNS
from .validate import REJECT_SCHEMA, Checked, SchemaError, accepted_of, add_checks, add_reasons, parse_table, rejects_of, scan

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
    _request_level(e, lambda n: out.add(n.name) if isinstance(n, Fact) else None)
    return out


def record_nodes(rb: Rulebook, decisions: list | None = None) -> list[AnyRecord]:
    seen: dict[str, AnyRecord] = {}
    for d in rb.decisions if decisions is None else decisions:
        for e in [d.applies, *(c for _, c in d.flat())]:
            for n in walk(e):
                if isinstance(n, AnyRecord):
                    seen.setdefault(n.column, n)
    return list(seen.values())


def needed_request_facts(rb: Rulebook, decisions: list | None = None) -> set[str]:
    out: set[str] = set()
    for d in rb.decisions if decisions is None else decisions:
        for e in [d.applies, *(c for _, c in d.flat())]:
            _request_facts(e, out)
    return out


def check_rulebook_columns(rb: Rulebook, available: set[str], decisions: list | None = None) -> None:
    """Every fact a rule reads must be a column; a rule added without a bulk column is a loud error, not a null.
    (`decisions`: only those decisions' rules, by default all.)"""
    missing = sorted(needed_request_facts(rb, decisions) - available)
    if missing:
        raise SchemaError("rulebook", [f"the rules read fact {m!r}, which the bulk format does not provide; add it to "
                                       "sanctuary/bulk/schema.py" for m in missing])


# ---------------------------------------------------------------- history


ENH_SEP = ";"


def enhancements_key() -> pl.Expr:
    """A conviction's enhancements as one text key (`_enh`: joined with ';', empty for none; charges: none), so that
    the classifier's distinct inputs are plain columns to group and join on."""
    enh = pl.col("enhancements").list.join(ENH_SEP).fill_null("")
    return pl.when(pl.col("record_type") == "conviction").then(enh).otherwise(pl.lit("")).alias("_enh")


def classify_distinct(keys: pl.DataFrame) -> pl.DataFrame:
    """The offense classifier, once per distinct (citation, level, jurisdiction, enhancements); `keys` has these
    columns, the enhancements as `_enh` (enhancements_key)."""
    rows = []
    for citation, level, jurisdiction, enh in keys.select("citation", "level", "jurisdiction", "_enh").iter_rows():
        f = classification_facts(citation, level, jurisdiction, tuple(enh.split(ENH_SEP)) if enh else ())
        rows.append({"citation": citation, "level": level, "jurisdiction": jurisdiction, "_enh": enh,
                     **{k: f[k] for k in CLASSIFICATION_FACTS}})
    schema = {"citation": pl.String, "level": pl.String, "jurisdiction": pl.String, "_enh": pl.String,
              **{k: pl.Boolean for k in CLASSIFICATION_FACTS}}
    return pl.DataFrame(rows, schema=schema)


def record_tables(history: pl.LazyFrame) -> dict[str, pl.LazyFrame]:
    """The history as the two record lists of vocabulary/facts.py (convictions, charges), with the classifier's columns.
    `_rec_date` is the date used to leave out records after a request's as_of."""
    h = history.with_columns(
        pl.when(pl.col("record_type") == "charge").then(pl.lit(Jurisdiction.CALIFORNIA.value))
        .otherwise(pl.col("jurisdiction").fill_null(Jurisdiction.CALIFORNIA.value)).alias("_jur"))
    on = ["citation", "level", "_jur"]
    right_on = ["citation", "level", "jurisdiction"]
    if "enhancements" not in history.collect_schema():
        keys = h.select("citation", "level", pl.col("_jur").alias("jurisdiction"), pl.lit("").alias("_enh")).unique().collect()
        return _record_lists(h.join(classify_distinct(keys).drop("_enh").lazy(), left_on=on, right_on=right_on, how="left"))
    # the few records with enhancements are keyed by them too (`_enh`); the others join on the three columns, without
    # a text key built for every row
    has = (pl.col("record_type") == "conviction") & (pl.col("enhancements").list.len() > 0)
    plain, enh = h.filter(~has), h.filter(has).with_columns(enhancements_key())
    keys = pl.concat([plain.select("citation", "level", pl.col("_jur").alias("jurisdiction"), pl.lit("").alias("_enh")),
                      enh.select("citation", "level", pl.col("_jur").alias("jurisdiction"), "_enh")]).unique().collect()
    cls = classify_distinct(keys)
    h = pl.concat([
        plain.join(cls.filter(pl.col("_enh") == "").drop("_enh").lazy(), left_on=on, right_on=right_on, how="left"),
        enh.join(cls.lazy(), left_on=[*on, "_enh"], right_on=[*right_on, "_enh"], how="left").drop("_enh"),
    ])
    return _record_lists(h)


def _record_lists(h: pl.LazyFrame) -> dict[str, pl.LazyFrame]:
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


def _kleene_code(e: pl.Expr) -> pl.Expr:
    """A three-valued condition as a number whose maximum over a group is the Kleene `any`: false 0, unknown 1, true 2."""
    return (e.cast(pl.UInt8) * pl.lit(2, pl.UInt8)).fill_null(pl.lit(1, pl.UInt8))  # (arithmetic: cheaper than when/then)


def _from_kleene_code(code: pl.Expr) -> pl.Expr:
    """The three-valued condition back from its code (see _kleene_code)."""
    return pl.when(code != 1).then(code == 2)


def with_record_aggregates(requests: pl.LazyFrame | pl.DataFrame, history: pl.LazyFrame, rb: Rulebook,
                           nodes: list[AnyRecord] | None = None, few_requests: bool = False) -> pl.LazyFrame:
    """The requests with one column per AnyRecord of the rules: the record condition's Kleene `any` over the
    person's records dated on or before the request's as_of (False when there is none), and `_n_<records>`.

    Each condition is computed as a column over the (request, record) pairs and aggregated as the maximum of its
    code (see _kleene_code); the aggregates are put back in request order by position, without a join over the
    request's other columns."""
    nodes = record_nodes(rb) if nodes is None else nodes
    req = requests.collect() if isinstance(requests, pl.LazyFrame) else requests
    n = req.height
    if few_requests:  # only the records of the persons asked about (some actions only: a small part of the history)
        history = history.join(req.lazy().select("person_id").unique(), on="person_id", how="semi")
    tables = record_tables(history)
    keys = req.lazy().select("person_id", "as_of").with_row_index("_i")  # an integer id per request
    cols: list[pl.Series] = []
    for records, recs in tables.items():
        mine = [x for x in nodes if x.records == records]
        if not mine:
            continue
        have = set(recs.collect_schema()) | {"as_of"}
        missing = sorted(set().union(*(x.cond.facts() for x in mine)) - have)
        if missing:
            raise SchemaError("rulebook", [f"the rules read record fact {m!r} of {records}, which the bulk history does not provide" for m in missing])
        agg = (keys.join(recs, on="person_id", how="inner")
               .filter(pl.col("_rec_date").is_null() | (pl.col("_rec_date") <= pl.col("as_of")))
               .select("_i", *[_kleene_code(x.cond.to_polars()).alias(x.column) for x in mine])
               .group_by("_i").agg(*[pl.col(x.column).max() for x in mine], pl.len().alias(f"_n_{records}"))).collect()
        at = agg["_i"]
        for x in mine:
            code = pl.repeat(0, n, dtype=pl.UInt8, eager=True).alias(x.column).scatter(at, agg[x.column])  # no record: false
            cols.append(code.to_frame().select(_from_kleene_code(pl.col(x.column)).alias(x.column)).to_series())
        cols.append(pl.repeat(0, n, dtype=agg[f"_n_{records}"].dtype, eager=True).scatter(at, agg[f"_n_{records}"]).alias(f"_n_{records}"))
    return req.with_columns(cols).lazy()


# ---------------------------------------------------------------- decisions, over distinct fact combinations


def _request_level(e: Expr, visit) -> None:
    """Call `visit(node)` on every node read at request level (not inside an AnyRecord's record condition);
    `visit` returns False to stop the descent below a node."""
    if isinstance(e, AnyRecord) or visit(e) is False:
        return
    for child in children(e):
        _request_level(child, visit)


def as_of_breaks(rb: Rulebook) -> list[dt.date] | None:
    """The dates on which an answer can change with `as_of` alone: each date a request-level rule compares `as_of`
    with (that day and the next, so that <, <=, =, >= and > all keep their value) and each overlay's first day and
    the day after its last. Between two consecutive breaks every rule and overlay gives the same answer, so a
    request's date can be replaced by the first day of its interval. None if a rule reads `as_of` in another way
    at request level (then the real date is kept)."""
    out: set[dt.date] = set()
    plain = [True]

    def visit(n):
        if isinstance(n, (Cmp, Eq)):
            for a, b in ((n.left, n.right), (n.right, n.left)):
                if isinstance(a, Fact) and a.name == "as_of" and isinstance(b, Const) and isinstance(b.value, dt.date):
                    out.update((b.value, b.value + dt.timedelta(days=1)))
                    return False
        if isinstance(n, Fact) and n.name == "as_of":
            plain[0] = False
        return True

    for d in rb.decisions:
        for e in [d.applies, *(c for _, c in d.flat())]:
            _request_level(e, visit)
    for ov in rb.overlays:
        out.add(ov.start)
        if ov.end is not None:
            out.add(ov.end + dt.timedelta(days=1))
    return sorted(out) if plain[0] else None


def as_of_representative(breaks: list[dt.date] | None) -> pl.Expr:
    """`as_of` replaced by the first day of its interval between breaks (see as_of_breaks)."""
    if breaks is None:
        return pl.col("as_of")
    e = pl.lit(breaks[0] - dt.timedelta(days=1))
    for b in breaks:
        e = pl.when(pl.col("as_of") >= pl.lit(b)).then(pl.lit(b)).otherwise(e)
    return e.alias("as_of")


DOC_BITS = {d.value: 1 << i for i, d in enumerate(DocumentKind)}


def doc_mask() -> pl.Expr:
    """The request's documents as one number (a bit per DocumentKind): a narrow key column instead of one per kind."""
    return (pl.col("documents").list.eval(pl.element().replace_strict(DOC_BITS, default=0, return_dtype=pl.UInt32))
            .list.sum().fill_null(0).cast(pl.UInt32).alias("_docmask"))


def key_fact_columns(key: list[str]) -> list[pl.Expr]:
    """The `ask_<kind>` and `doc_<kind>` facts, rebuilt on the distinct keys from `request_kind` and `_docmask`."""
    asks = [(pl.col("request_kind") == k.value).alias(ask_fact(k)) for k in RequestKind] if "request_kind" in key else []
    docs = [((pl.col("_docmask") & DOC_BITS[d.value]) != 0).alias(doc_fact(d)) for d in DocumentKind] if "_docmask" in key else []
    return asks + docs


@dataclass
class CompiledRulebook:
    """What the bulk engine needs for a set of decisions, computed once: the key columns (the request-level facts
    those rules read, with `request_kind` and `_docmask` standing for the `ask_` and `doc_` facts, `actor_kind` and
    `as_of` for the overlays, and the record aggregates), the record aggregates and the date breaks."""

    rb: Rulebook
    decisions: list
    key: list[str]
    nodes: list[AnyRecord]
    breaks: list[dt.date] | None
    reads: list[set[str]]  # per decision, the key columns it reads (`ask_`/`doc_` facts as request_kind/_docmask)
    read_under_is_true: set[str]  # the key columns some decision's `applies` reads inside an IsTrue (fewer_keys)


_COMPILED: dict[tuple, CompiledRulebook] = {}


def _key_columns(facts: set[str]) -> list[str]:
    """The key columns that carry these request-level facts: each plain fact as itself, every `ask_<kind>` as
    `request_kind` and every `doc_<kind>` as `_docmask`."""
    plain = sorted(f for f in facts if not f.startswith(("ask_", "doc_")))
    return (plain + (["request_kind"] if any(f.startswith("ask_") for f in facts) else [])
            + (["_docmask"] if any(f.startswith("doc_") for f in facts) else []))


def compiled(rb: Rulebook, actions: list[str] | None = None) -> CompiledRulebook:
    ck = (id(rb), None if actions is None else tuple(sorted(actions)))
    c = _COMPILED.get(ck)
    if c is None or c.rb is not rb:
        decisions = [d for d in rb.decisions if actions is None or d.action in actions]
        nodes = record_nodes(rb, decisions)
        key = _key_columns(needed_request_facts(rb, decisions) | {"actor_kind", "as_of"}) + [n.column for n in nodes]
        reads = [set(_key_columns(needed_request_facts(rb, [d]))) | {n.column for n in record_nodes(rb, [d])}
                 for d in decisions]
        c = _COMPILED[ck] = CompiledRulebook(rb, decisions, key, nodes, as_of_breaks(rb), reads,
                                             _read_under_is_true(decisions))
    return c


def answer_dtypes(rb: Rulebook) -> dict[str, pl.DataType]:
    """The answer columns whose values come from the rulebook, as Enum types over every value the rulebook can give
    (sorted, so that sorting by them is alphabetical): the same types whatever the rows or the actions asked, so
    that the parts of a partitioned run concatenate. Cheaper to join, count and write than strings."""
    flat = [r for d in rb.decisions for r, _ in d.flat()]
    values = {
        "action": {d.action for d in rb.decisions}, "kind": {d.kind for d in rb.decisions},
        "status": {s.value for s in Status}, "rule": {r.id for r in flat} | {COVERAGE_RULE, ENJOINED_RULE},
        "citation": {r.cites[0] for r in flat},
        "overlay": {ov.id for ov in rb.overlays}, "flag": set(FLAGS),
    }
    return {k: pl.Enum(sorted(v)) for k, v in values.items()}


def evaluate_keys(keys: pl.DataFrame, rb: Rulebook, decisions: list) -> pl.DataFrame:
    """Every decision over the distinct fact combinations (`keys`, with `_k`): one row per (_k, decision that
    applies) with status, rule, citation, overlay, and `_only_if` (a duty that arises only if the agency complied).

    The rules are the rulebook's own: each rule's condition is compiled once (`to_polars()`) into a column, then
    `compile_decision` and `compile_overlays` read those columns."""
    types = answer_dtypes(rb)
    conds: dict[str, pl.Expr] = {}
    for di, d in enumerate(decisions):
        conds[f"_a{di}"] = d.applies.to_polars().fill_null(False)
        for i, (_, c) in enumerate(d.flat()):
            conds[f"_c{di}_{i}"] = c.to_polars()
    stage = keys.lazy().with_columns(**conds)
    chains: dict[str, pl.Expr] = {}
    for di, d in enumerate(decisions):
        n = len(d.flat())
        st, rl = compile_decision(d, conds=[pl.col(f"_c{di}_{i}") for i in range(n)], applies=pl.col(f"_a{di}"))
        chains[f"_s{di}"], chains[f"_r{di}"] = st, rl
    stage = stage.with_columns(**chains)
    over: dict[str, pl.Expr] = {}
    for di, d in enumerate(decisions):
        st, ov = compile_overlays(d, pl.col(f"_s{di}"), pl.col(f"_r{di}"), rb.overlays)
        over[f"_st{di}"], over[f"_ov{di}"] = st, ov
    frame = stage.with_columns(**over).collect()
    # per decision, its narrow columns (picked, not copied) filtered to the keys it applies to, eagerly: no query
    # plan per decision, and no copy of the keys it does not apply to
    parts = [frame.select(pl.col("_k"), pl.col(f"_st{di}").alias("status"), pl.col(f"_r{di}").alias("rule"),
                          pl.col(f"_ov{di}").alias("overlay")).filter(frame[f"_a{di}"])
             .with_columns(pl.lit(di, dtype=pl.UInt32).alias("_d"))
             for di in range(len(decisions))]
    if not parts:
        return pl.DataFrame(schema={"_k": pl.UInt32, "_d": pl.UInt32, "action": types["action"], "kind": types["kind"],
                                    "status": types["status"], "rule": types["rule"], "citation": types["citation"],
                                    "overlay": types["overlay"], "_only_if": pl.Boolean})
    cite = {r.id: r.cites[0] for d in decisions for r, _ in d.flat()}
    conditional = [r.id for d in decisions for r, _ in d.flat() if r.duty is not None and r.duty.only_if]
    by_d = pl.DataFrame({"_d": pl.Series(range(len(decisions)), dtype=pl.UInt32),
                         "action": pl.Series([d.action for d in decisions], dtype=types["action"]),
                         "kind": pl.Series([d.kind for d in decisions], dtype=types["kind"])})
    long = pl.concat(parts).with_columns(
        pl.col("status").cast(types["status"]), pl.col("rule").cast(types["rule"]),
        pl.col("overlay").cast(types["overlay"]))
    return long.select(
        "_k", "_d", by_d["action"].gather(long["_d"]).alias("action"), by_d["kind"].gather(long["_d"]).alias("kind"),
        "status", "rule",
        pl.col("rule").cast(pl.String).replace_strict(cite, default=None, return_dtype=types["citation"]).alias("citation"),
        "overlay", pl.col("rule").cast(pl.String).is_in(conditional).alias("_only_if"))


def uncovered_answers(rows: pl.LazyFrame, rb: Rulebook, decisions: list) -> pl.LazyFrame:
    """The answers (one row per request and action, with the request's own date `_date`) of the decisions the corpus
    holds no text for on that date, or whose deciding rule cites a text not in force then (Rulebook.rule_covered, as
    Rulebook.decide): needs review, rule COVERAGE_RULE,
    no citation, no overlay, no conditional duty. A row none of whose decisions is covered was rejected by
    validate_requests. Done on the rows, with the real date, rather than on the distinct keys: a coverage start as
    an `as_of` break would split the keys of every request (a quarter more keys on the synthetic data)."""
    starts = {(d.action, r.id): rb.rule_start(d, r) for d in decisions for r, _ in d.flat()}
    starts = {k: v for k, v in starts.items() if v > dt.date.min}
    if not starts:
        return rows
    types = answer_dtypes(rb)
    # the deciding rule's start (Rulebook.rule_covered), looked up by the (action, rule) pair's Enum codes (each
    # name's position among its Enum's categories); a decision none of whose rules is covered gets a rule whose
    # start is later than the date too, as Rulebook.decide answers it without evaluating it
    actions, rules = list(types["action"].categories), list(types["rule"].categories)
    flat = [None] * (len(actions) * len(rules))
    pos = {r: i for i, r in enumerate(rules)}
    for (a, r), v in starts.items():
        flat[actions.index(a) * len(rules) + pos[r]] = v
    code = pl.col("action").to_physical().cast(pl.UInt32) * len(rules) + pl.col("rule").to_physical().cast(pl.UInt32)
    start = pl.lit(pl.Series(flat, dtype=pl.Date)).gather(code)
    before = (pl.col("_date") < start).fill_null(False)
    # ... unless a court order in force that day decides it whatever the text said (Rulebook.enjoined_overlay)
    enjoined = enjoined_overlay_expr(rb, decisions, pl.col("_date"), pl.col("_actor"))
    by_order = before & enjoined.is_not_null()
    return rows.with_columns(
        pl.when(by_order).then(pl.lit(Status.UNENFORCEABLE.value, dtype=types["status"]))
        .when(before).then(pl.lit(Status.NEEDS_REVIEW.value, dtype=types["status"])).otherwise(pl.col("status")).alias("status"),
        pl.when(by_order).then(pl.lit(ENJOINED_RULE, dtype=types["rule"]))
        .when(before).then(pl.lit(COVERAGE_RULE, dtype=types["rule"])).otherwise(pl.col("rule")).alias("rule"),
        pl.when(before).then(pl.lit(None, dtype=types["citation"])).otherwise(pl.col("citation")).alias("citation"),
        pl.when(before).then(enjoined).otherwise(pl.col("overlay")).alias("overlay"),
        (pl.col("_only_if") & ~before).alias("_only_if"),
    )


def enjoined_overlay_expr(rb: Rulebook, decisions: list, as_of: pl.Expr, actor: pl.Expr) -> pl.Expr:
    """Rulebook.enjoined_overlay as a column over answer rows (column `action`): the id of the first order in force
    on the date for the actor under which the row's action can end only in permitted or unenforceable (null if
    none)."""
    types = answer_dtypes(rb)
    action = pl.col("action")
    out = pl.lit(None, dtype=types["overlay"])
    for d in decisions:
        for ov in reversed(rb.orders_deciding(d)):  # the first that is in force wins, as in Rulebook.enjoined_overlay
            cond = (action == d.action) & ov.active_expr(as_of, actor)
            out = pl.when(cond).then(pl.lit(ov.id, dtype=types["overlay"])).otherwise(out)
    return out


def flag_expr() -> pl.Expr:
    """What the agency did against what the law says (see docs/bulk.md, "Compliance flags"), over the answers
    (columns kind, action, status, _only_if) joined with the request's agency_response and duties_done."""
    st = pl.col("status")
    complied = pl.col("agency_response") == "complied"
    unknown = pl.col("agency_response") == "unknown"
    none = pl.lit(None, dtype=pl.String)
    action = (pl.when((st == Status.PROHIBITED.value) & complied).then(pl.lit("prohibited_done"))
              .when((st == Status.NEEDS_REVIEW.value) & (complied | unknown)).then(pl.lit("needs_review"))
              .when((st == Status.PROHIBITED.value) & unknown).then(pl.lit("needs_review"))
              .otherwise(none))
    only_if = pl.col("_only_if")  # a duty that arises only if the agency did what was asked
    arises = pl.when(only_if).then(complied).otherwise(pl.lit(True))
    maybe = only_if & unknown
    assessed = pl.col("duties_done").is_not_null()
    not_done = ~pl.col("duties_done").list.contains(pl.col("action").cast(pl.String)).fill_null(False)
    duty = (pl.when((st == Status.REQUIRED.value) & arises & assessed & not_done).then(pl.lit("required_not_done"))
            .when((st == Status.REQUIRED.value) & maybe & assessed & not_done).then(pl.lit("needs_review"))
            .when((st == Status.NEEDS_REVIEW.value) & (arises | maybe)).then(pl.lit("needs_review"))
            .otherwise(none))
    return pl.when(pl.col("kind") == "action").then(action).otherwise(duty)


def facts_frame(requests, history, rb: Rulebook | None = None) -> pl.LazyFrame:
    """Validated requests + history -> one row per request with every fact and record aggregate the rules read
    (`as_of` is the request's own date here)."""
    rb = rb or default_rulebook()
    req = requests.lazy().with_columns(request_fact_columns())
    check_rulebook_columns(rb, set(req.collect_schema()))
    return with_record_aggregates(req, history.lazy(), rb)


def _packed_key(facts: pl.DataFrame, key: list[str]) -> tuple[list[pl.Expr], list[pl.Expr]]:
    """The key columns with every Boolean one packed into UInt64 words (false 0, unknown 1, true 2; two bits each),
    and the expressions that unpack the words back into the Boolean columns."""
    bools = [k for k in key if facts.schema[k] == pl.Boolean]
    words: list[pl.Expr] = []
    unpack: list[pl.Expr] = []
    for w in range(0, len(bools), 32):
        name, terms = f"_w{w // 32}", []
        for i, b in enumerate(bools[w:w + 32]):
            code = _kleene_code(pl.col(b)).cast(pl.UInt64)
            terms.append(code * pl.lit(1 << (2 * i), pl.UInt64))
            unpack.append(_from_kleene_code((pl.col(name) // pl.lit(1 << (2 * i), pl.UInt64)) % 4).alias(b))
        words.append(pl.sum_horizontal(terms).alias(name))
    return [*(pl.col(k) for k in key if k not in bools), *words], unpack


ALWAYS_IN_KEY = ("request_kind", "_docmask", "actor_kind", "as_of")


def _read_under_is_true(decisions: list) -> set[str]:
    """The key columns some decision's `applies` reads inside an IsTrue (see fewer_keys)."""
    out: set[str] = set()
    for d in decisions:
        for n in walk(d.applies):
            if isinstance(n, IsTrue):
                out.update(_key_columns(_request_facts(n.expr, set())))
                out.update(x.column for x in walk(n.expr) if isinstance(x, AnyRecord))
    return out


def fewer_keys(keys: pl.DataFrame, c: CompiledRulebook) -> tuple[pl.DataFrame, pl.Series]:
    """The distinct keys with every fact that no decision applying to the key reads set to unknown, grouped again
    (about half as many keys for the synthetic data: a hold request does not need the facts only the notification
    and transfer decisions read); and, for each original key `_k`, its new number.

    The answers do not change: a decision that applies reads only facts that are kept, so its applies, conditions
    and overlays give the same values; and a decision that does not apply (applies false, or unknown, which counts
    as false) cannot come to apply, since turning a known fact into unknown never turns a three-valued result into
    its opposite, only into unknown. That holds for Kleene logic, not for IsTrue (unknown counts as false), which
    under a Not makes a decision apply when its fact is unknown and not when it is known (7310 applies where
    `~IsTrue(detainees == "minors")`): the facts an `applies` reads under IsTrue are never masked."""
    maskable = [col for col in c.key if col not in ALWAYS_IN_KEY and col not in c.read_under_is_true]
    readers = {col: [i for i, r in enumerate(c.reads) if col in r] for col in maskable}
    applies = keys.lazy().with_columns(key_fact_columns(c.key)).select(
        *[d.applies.to_polars().fill_null(False).alias(f"_a{i}") for i, d in enumerate(c.decisions)])
    masked = pl.concat([keys.lazy().select(c.key), applies], how="horizontal").select(
        *[pl.col(col) for col in c.key if col not in maskable],
        *[(pl.when(pl.any_horizontal([pl.col(f"_a{i}") for i in readers[col]])).then(pl.col(col))
           if readers[col] else pl.lit(None, dtype=keys.schema[col])).alias(col) for col in maskable],
    ).select(c.key).collect()
    return distinct_keys(masked, c.key)


def distinct_keys(frame: pl.DataFrame, key: list[str]) -> tuple[pl.DataFrame, pl.Series]:
    """The distinct values of the key columns (numbered `_k`) and each row's key number, put back by position
    (no join on the key's many columns); the three-valued boolean columns are grouped packed two bits each into
    a few words."""
    # a column null on every row (a column the input does not have) is the same in every key: left out of the
    # grouping and put back as nulls
    empty = [k for k in key if frame[k].null_count() == frame.height]
    if len(empty) == len(key) or not frame.height:
        keys = frame.head(1).select(key).with_row_index("_k")
        return keys, pl.repeat(0, frame.height, dtype=pl.UInt32, eager=True)
    packed, unpack = _packed_key(frame, [k for k in key if k not in empty])
    groups = frame.select(packed).with_row_index("_j").group_by(pl.exclude("_j")).agg("_j")
    keys = (groups.drop("_j").with_columns(unpack)
            .with_columns(pl.lit(None, dtype=frame.schema[k]).alias(k) for k in empty).select(key).with_row_index("_k"))
    members = groups.select("_j", pl.int_range(pl.len(), dtype=pl.UInt32).alias("_k")).explode("_j")
    return keys, pl.repeat(0, frame.height, dtype=pl.UInt32, eager=True).scatter(members["_j"], members["_k"])


ANSWER_BASE = ("request_id", "agency_response", "duties_done")


def columns_read(rb: Rulebook, actions: list[str] | None = None, extra: tuple[str, ...] = ()) -> set[str]:
    """The typed request columns `answer` reads for these actions and `extra` (a partitioned audit keeps only these,
    and those of the report, in its parts): the request-level facts of their rules (the `ask_` and `doc_` facts
    as request_kind and documents, `as_of` as received_date), and the columns every answer carries."""
    facts = needed_request_facts(rb, compiled(rb, actions).decisions)
    plain = {f for f in facts if not f.startswith(("ask_", "doc_")) and f != "as_of"}
    return plain | {"request_kind", "documents", "actor_kind", "received_date", "person_id", *ANSWER_BASE, *extra}


def answer(requests, history, rb: Rulebook | None = None, actions: list[str] | None = None,
           extra: tuple[str, ...] = ()) -> pl.DataFrame:
    """Every decision of the rulebook (or only `actions`) for every request: one row per request and action in
    question (request order, then rulebook order), with the request columns named in `extra`.

    The facts are computed per request (history aggregates joined in); the decisions are evaluated once per
    distinct combination of the facts they read, with `as_of` replaced by its interval between the dates the
    rules and overlays name (as_of_breaks), and the answers joined back to the requests."""
    rb = rb or default_rulebook()
    c = compiled(rb, actions)
    req = requests.lazy()
    check_rulebook_columns(rb, set(req.with_columns(request_fact_columns()).collect_schema()), c.decisions)
    base = ANSWER_BASE
    extra = tuple(dict.fromkeys(extra))
    carried = [e for e in extra if e not in base and e not in c.key]
    if actions is not None:  # only the rows where one of these actions is in question
        in_question = pl.any_horizontal([d.applies.to_polars().fill_null(False) for d in c.decisions] or [pl.lit(False)])
        req = req.with_columns(request_fact_columns()).filter(in_question).select(req.collect_schema().names())
    node_cols = {n.column for n in c.nodes}
    need = [*base, *carried, *(k for k in c.key if k not in node_cols), "person_id", "as_of"]
    req = req.with_columns(pl.col("received_date").alias("as_of"), doc_mask()).select(list(dict.fromkeys(need)))
    facts = with_record_aggregates(req, history.lazy(), rb, c.nodes, few_requests=actions is not None).with_columns(
        pl.col("as_of").alias("_date"), as_of_representative(c.breaks)).select(*base, *carried, "_date", *c.key).collect()
    keys, k = distinct_keys(facts.select(c.key), c.key)
    keys, to_fewer = fewer_keys(keys, c)
    long = evaluate_keys(keys.with_columns(key_fact_columns(c.key)), rb, c.decisions)
    rows = facts.select(*base, "_date", pl.col("actor_kind").alias("_actor"), *[e for e in extra if e not in base]
                        ).with_columns(to_fewer.gather(k).alias("_k"))
    del facts
    out = uncovered_answers(rows.lazy().join(long.lazy(), on="_k", how="inner", maintain_order="left_right"), rb, c.decisions)
    out = out.with_columns(flag_expr().cast(answer_dtypes(rb)["flag"]).alias("flag"))
    return out.select(*ANSWER_SCHEMA_COLUMNS, *[e for e in extra if e not in ANSWER_SCHEMA_COLUMNS]).collect()


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
    """The checks across a history row's columns, computed together over the typed frame."""
    conv = pl.col("record_type") == "conviction"
    charge = pl.col("record_type") == "charge"
    is_ca = (pl.col("record_type") == "charge") | (pl.col("jurisdiction").fill_null("california") == "california")
    # California citations must be readable (the case vocabulary's own check, once per distinct citation)
    from sanctuary.vocabulary.case import _check_citation

    unreadable = {}
    for cit in h.frame.lazy().select(pl.col("citation").filter(is_ca).drop_nulls().unique()).collect()["citation"].to_list():
        try:
            _check_citation(cit)
        except ValueError as e:
            unreadable[cit] = str(e)
    citation = ([("citation", pl.when(is_ca).then(pl.col("citation").replace_strict(unreadable, default=None, return_dtype=pl.String)))]
                if unreadable else [])
    # enhancements (convictions only): each must be readable, as Conviction.enhancements in a case file, once per
    # distinct cell
    bad_enh = {}
    cells = h.frame.lazy().select(pl.col("enhancements").filter(conv & is_ca & (pl.col("enhancements").list.len() > 0))
                                  .list.join(ENH_SEP).unique()).collect()["enhancements"].to_list()
    for cell in cells:
        for i, e in enumerate(cell.split(ENH_SEP)):
            try:
                _check_citation(e)
            except ValueError as err:
                bad_enh[cell] = f"enhancement {i + 1}: {err}"
                break
    enhancements = ([("enhancements", pl.when(conv & is_ca).then(pl.col("enhancements").list.join(ENH_SEP)
                                                                  .replace_strict(bad_enh, default=None, return_dtype=pl.String)))]
                    if bad_enh else [])
    add_checks(h, [
        ("date", pl.when(conv & pl.col("date").is_null()).then(pl.lit("missing: a conviction needs its date"))),
        ("jurisdiction", pl.when(charge & pl.col("jurisdiction").is_not_null() & (pl.col("jurisdiction") != "california"))
         .then(pl.lit("a pending charge is a California charge in this format; leave jurisdiction empty or california"))),
        ("aggravated_felony", pl.when(conv & pl.col("aggravated_felony").is_not_null()
                                      & (pl.col("jurisdiction").fill_null("california") != "federal"))
         .then(pl.lit("aggravated_felony applies to federal convictions only (Gov. Code 7282.5(a)(5)); set jurisdiction to federal or leave it empty"))),
        ("aggravated_felony", pl.when(charge & pl.col("aggravated_felony").is_not_null()).then(pl.lit("applies to convictions only"))),
        ("sentenced_to_state_prison", pl.when(charge & pl.col("sentenced_to_state_prison").is_not_null()).then(pl.lit("applies to convictions only"))),
        *citation,
        *enhancements,
        ("enhancements", pl.when(charge & (pl.col("enhancements").list.len() > 0)).then(pl.lit("applies to convictions only"))),
        ("reduced_under_prop47", pl.when(charge & pl.col("reduced_under_prop47").is_not_null()).then(pl.lit("applies to convictions only"))),
        ("magistrate_probable_cause", pl.when(conv & pl.col("magistrate_probable_cause").is_not_null()).then(pl.lit("applies to charges only"))),
        ("current_arrest", pl.when(conv & pl.col("current_arrest").is_not_null()).then(pl.lit("applies to charges only"))),
    ])


def _coverage_reasons(frame: pl.DataFrame, rb: Rulebook) -> pl.Series:
    """Rulebook.check_date and the 'no rule answers' refusal of Rulebook.decide, as a reason per row of the typed
    requests (null where the row is fine; only rows whose columns typed, `_ok`): a row is rejected when no decision
    applies, or when none of those that apply is covered on its date (Rulebook.covered, first_start), naming the first
    of them as check_date does. A row with some decision covered is accepted; the others are answered needs review
    (uncovered_answers).

    The decisions are grouped by first_start (a few dates), each group's applicability computed once over all rows;
    the messages only over the rejected rows."""
    groups: dict[dt.date, list] = {}
    for d in rb.decisions:
        groups.setdefault(rb.first_start(d), []).append(d)
    starts = list(groups)
    applies = [pl.any_horizontal([d.applies.to_polars().fill_null(False) for d in groups[s]]) for s in starts]
    covered = pl.any_horizontal([a if s == dt.date.min else a & (pl.col("as_of") >= pl.lit(s)) for a, s in zip(applies, starts)])
    # a decision a court order answers whatever its text said (Rulebook.enjoined_overlay) counts as covered here
    # (check_date does not refuse it)
    by_order = [d.applies.to_polars().fill_null(False) & ov.active_expr(pl.col("as_of"), pl.col("actor_kind"))
                for d in rb.decisions for ov in rb.orders_deciding(d)]
    if by_order:
        covered = covered | pl.any_horizontal(by_order)
    # covered implies applies: the other rows are rejected (only their row numbers are taken here)
    at = frame.lazy().with_columns(request_fact_columns()).select(pl.col("_ok") & ~covered).collect().to_series().arg_true()
    out = pl.repeat(None, frame.height, dtype=pl.String, eager=True).alias("reason")
    if at.is_empty():
        return out
    reason = pl.when(~pl.any_horizontal([d.applies.to_polars().fill_null(False) for d in rb.decisions])).then(pl.format(
        "no rule in the corpus answers request_kind {} for actor_kind {}", pl.col("request_kind"), pl.col("actor_kind")))
    for d in rb.decisions:  # every decision that applies is uncovered here: the first names the reason, as check_date
        reason = reason.when(d.applies.to_polars().fill_null(False)).then(pl.lit(
            f"{rb.coverage_gap(d)} (needed for {d.action}, and no other action this request raises is covered "
            "then); sanctuary does not answer for dates it holds no law for"))
    found = frame[at].lazy().with_columns(request_fact_columns()).select(reason.otherwise(pl.lit(None, dtype=pl.String))).collect()
    return out.scatter(at, found.to_series())


def validate_history(hl: pl.LazyFrame, name: str = "history") -> tuple[Checked, pl.DataFrame]:
    """Type and check the history rows; and, per person with a rejected row, the first such row and how many
    (`person_id`, `_first_bad`, `_nbad`: their requests are rejected too, see validate_requests)."""
    h = parse_table(hl, "history", name)
    _history_checks(h)
    bad_people = h.frame.lazy().filter(pl.col("_bad")).group_by("person_id").agg(
        pl.col("_row").min().alias("_first_bad"), pl.len().cast(pl.UInt32).alias("_nbad")).collect()
    return h, bad_people


def merge_bad_people(parts: list[pl.DataFrame]) -> pl.DataFrame:
    """The bad_people of several parts of the history table, as one (the first bad row and the count per person)."""
    return pl.concat(parts).group_by("person_id").agg(pl.col("_first_bad").min(), pl.col("_nbad").sum())


def derived_request_facts(columns) -> list[pl.Expr]:
    """The facts a case's fact provider derives from more than its own field (vocabulary/employer.py:
    employer_facts), derived the same way from the typed columns, so that a row means what its case means:
    - `notice_of_inspection_received` and `results_received`: the notice is among the documents, or its receipt is
      given (the column; an empty cell is false, as a case file without the time of receipt);
    - `records_covered_by_notice_of_inspection`: not given (empty) is true for an I-9 inspection with a Notice of
      Inspection ("7285.2(a)(2) names I-9 forms themselves"; a row asks one kind, so never employee_records too).
    The differential test (tests/bulk/test_bulk_areas.py) holds the two derivations equal."""
    out = []
    docs = pl.col("documents").fill_null(pl.lit([], dtype=pl.List(pl.String)))
    noi = None
    for fact, doc in (("notice_of_inspection_received", DocumentKind.NOTICE_OF_INSPECTION),
                      ("results_received", DocumentKind.INSPECTION_RESULTS)):
        if fact in columns:
            e = pl.col(fact).fill_null(False) | docs.list.contains(pl.lit(doc.value))
            out.append(e.alias(fact))
            if fact == "notice_of_inspection_received":
                noi = e
    covered = "records_covered_by_notice_of_inspection"
    if covered in columns and noi is not None:
        out.append(pl.when(pl.col(covered).is_null() & noi & (pl.col("request_kind") == RequestKind.I9_INSPECTION.value))
                   .then(pl.lit(True)).otherwise(pl.col(covered)).alias(covered))
    return out


def validate_requests(rl: pl.LazyFrame, rb: Rulebook, name: str = "requests", duplicated_ids: pl.Series | None = None,
                      bad_people: pl.DataFrame | None = None) -> Checked:
    """Type and check the request rows. `duplicated_ids`: the request ids that appear more than once in the whole
    file, when `rl` is only a part of it (by default duplicates are found within `rl`); `bad_people`: the persons
    whose history has a rejected row (validate_history), whose requests are rejected."""
    r = parse_table(rl, "requests", name, ok_columns=("received_date", "actor_kind", "request_kind", "documents"))
    derived = derived_request_facts(r.frame.columns)
    if derived:
        r.frame = r.frame.with_columns(derived)
    # request checks over several rows or over the law's coverage
    if duplicated_ids is None:
        dup = pl.col("request_id").is_duplicated() & pl.col("request_id").is_not_null()
    else:
        dup = pl.col("request_id").is_in(duplicated_ids.implode())
    add_checks(r, [
        ("request_id", pl.when(dup).then(pl.lit("request_id appears on more than one row; every copy is rejected"))),
        ("agency_action_date", pl.when(pl.col("agency_action_date") < pl.col("received_date")).then(pl.lit("before received_date"))),
    ])
    add_reasons(r, [("received_date", _coverage_reasons(r.frame, rb))])
    r.frame = r.frame.drop("_ok")
    if bad_people is not None and bad_people.height:  # a request about a person whose history has a rejected row
        reason = r.frame.lazy().select("person_id").join(bad_people.lazy(), on="person_id", how="left", maintain_order="left").select(
            pl.when(pl.col("_first_bad").is_not_null()).then(pl.format(
                "the person's history has {} rejected row(s) (first: history row {}); deciding without them could be wrong",
                pl.col("_nbad"), pl.col("_first_bad")))).collect().to_series()
        add_reasons(r, [("person_id", reason)])
    return r


def accept(c: Checked, table: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(the accepted rows, typed, with `_row`; the rejects, with the raw cells of each rejected row) of one checked
    table (its raw cells are then released)."""
    from .schema import request_columns

    rejects = rejects_of(c, table)
    c.raw = None
    return accepted_of(c, [x.name for x in request_columns()] if table == "requests" else HIST_NAMES), rejects


def table_counts(table: str, rows: int, accepted: pl.DataFrame, rb: Rulebook) -> dict[str, int]:
    out = {f"{table}_rows": rows, f"{table}_accepted": accepted.height, f"{table}_rejected": rows - accepted.height}
    if table == "requests":  # decided with the texts and orders known on the corpus's last check (Rulebook.after_corpus_date)
        out["requests_after_corpus_date"] = int((accepted["received_date"] > rb.covers_until).sum()) if rb.covers_until else 0
    return out


def checked_rows(r: Checked, h: Checked, rb: Rulebook, duties_assessed: bool) -> Loaded:
    """Both checked tables as accepted rows, rejects and counts."""
    rows = {"requests": r.frame.height, "history": h.frame.height}
    (req_ok, req_rejects), (hist_ok, hist_rejects) = accept(r, "requests"), accept(h, "history")
    counts = {**table_counts("requests", rows["requests"], req_ok, rb), **table_counts("history", rows["history"], hist_ok, rb)}
    return Loaded(req_ok, hist_ok, pl.concat([req_rejects, hist_rejects]), counts, duties_assessed=duties_assessed)


def validate(rl: pl.LazyFrame, hl: pl.LazyFrame, rb: Rulebook, names: tuple[str, str] = ("requests", "history"),
             duplicated_ids: pl.Series | None = None) -> Loaded:
    """Type and check both tables (already checked for their columns); the rows with a problem go to `rejects`.
    (A partitioned audit runs the same two stages over parts of the tables: sanctuary.bulk.audit.)"""
    h, bad_people = validate_history(hl, names[1])
    r = validate_requests(rl, rb, names[0], duplicated_ids, bad_people)
    return checked_rows(r, h, rb, duties_assessed="duties_done" in rl.collect_schema())


def check_files(requests_path, history_path) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """Open both files and check their columns and types before any row is read (SchemaError otherwise)."""
    from .validate import check_schema

    rl, hl = scan(requests_path), scan(history_path)
    check_schema(rl, "requests", str(requests_path))
    check_schema(hl, "history", str(history_path))
    return rl, hl


def load(requests_path, history_path, rb: Rulebook | None = None, progress: Progress = _noop) -> Loaded:
    """Read and validate both files in memory. Raises SchemaError (before any work) if a file's columns or types
    are wrong. (`sanctuary audit` runs the same validation partition by partition: sanctuary.bulk.audit.)"""
    rb = rb or default_rulebook()
    rl, hl = check_files(requests_path, history_path)
    progress("parse")
    try:
        return validate(rl, hl, rb, (str(requests_path), str(history_path)))
    except pl.exceptions.ComputeError as e:
        from .validate import explain_read_error

        raise explain_read_error(e, [(str(requests_path), requests_path), (str(history_path), history_path)]) or e


__all__ = ["load", "facts_frame", "answer", "Loaded", "SchemaError", "REJECT_SCHEMA", "FLAGS"]
