"""The floor: one action, `transfer_to_immigration_authorities`, written by hand as a single polars query.

This is what a careful analyst would write for this one answer without the rulebook: the conditions of Gov. Code
7284.6(a)(4) and 7282.5 as the rules in src/sanctuary/rules/us_ca/values_act.py and trust_act.py state them,
in their order, with the same three-valued logic (an unknown condition before a rule with another outcome makes
the answer needs_review, citing that rule), and the overlay `sb54-effective-date-disputed` (2018-01-01..03).
It reads only the columns it needs and does no validation: it assumes a valid input such as `sanctuary synth`
writes (tests/bulk/test_bulk_floor.py checks that it gives the bulk engine's answers on such input). It is not
used by sanctuary itself; it is the yardstick for the benchmark (the fastest this answer can be had in polars).
The offense classifier (the corpus's offense lists) is looked up once per distinct citation, as in the bulk engine.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

ACTION = "transfer_to_immigration_authorities"
CA_LAW_ENFORCEMENT = ["county_jail", "county_sheriff", "city_police", "county_probation", "school_police",
                      "state_law_enforcement"]


def _scan(path: Path) -> pl.LazyFrame:
    return pl.scan_parquet(path) if Path(path).suffix == ".parquet" else pl.scan_csv(path, infer_schema=False)


def _tri(name: str) -> pl.Expr:
    """A text boolean cell: true / false / empty = unknown."""
    s = pl.col(name).cast(pl.String).str.to_lowercase()
    return pl.when(s.is_in(["true", "1", "yes"])).then(True).when(s.is_in(["false", "0", "no"])).then(False).otherwise(None)


def _classes(history: pl.LazyFrame) -> pl.DataFrame:
    import sanctuary.vocabulary.case  # noqa: F401  (import order: case before facts)
    from sanctuary.vocabulary.facts import CLASSIFICATION_FACTS, classification_facts

    keys = history.select("citation", "level", "_jur", "_enh").unique().collect()
    rows = [{"citation": c, "level": lv, "_jur": j, "_enh": e,
             **{k: classification_facts(c, lv, j, tuple(x.strip() for x in e.split(";")) if e else ())[k]
                for k in CLASSIFICATION_FACTS}}
            for c, lv, j, e in keys.iter_rows()]
    return pl.DataFrame(rows, schema={"citation": pl.String, "level": pl.String, "_jur": pl.String, "_enh": pl.String,
                                      **{k: pl.Boolean for k in CLASSIFICATION_FACTS}})


def transfer_answers(requests_path: Path, history_path: Path) -> pl.DataFrame:
    """request_id, status, rule, citation for every request where the transfer is in question."""
    return transfer_query(requests_path, history_path).collect()


def transfer_query(requests_path: Path, history_path: Path) -> pl.LazyFrame:
    """The query itself (lazy): `.sink_parquet(...)` runs it on polars' streaming engine."""
    req = _scan(requests_path).select(
        "request_id", "person_id",
        pl.col("received_date").cast(pl.String).str.to_date("%Y-%m-%d").alias("as_of"),
        "actor_kind", "request_kind",
        pl.col("documents").cast(pl.String).fill_null("").str.split(";").alias("docs"),
        _tri("local_policy_restricts").alias("local_policy"),
        _tri("current_sex_arson_registrant").alias("registrant"),
        _tri("federal_felony_warrant_identified_by_ice").fill_null(False).alias("fed_warrant"),
    ).filter(pl.col("actor_kind").is_in(CA_LAW_ENFORCEMENT + ["cdcr"]) & (pl.col("request_kind") == "transfer"))

    hist = _scan(history_path)
    cols = hist.collect_schema().names()
    hist = hist.select(
        "person_id", "record_type", "citation", "level",
        pl.col("date").cast(pl.String).str.to_date("%Y-%m-%d", strict=False).alias("date"),
        pl.when(pl.col("record_type") == "charge").then(pl.lit("california"))
        .otherwise(pl.col("jurisdiction").cast(pl.String).replace("", None).fill_null("california")).alias("_jur"),
        _tri("reduced_under_prop47").fill_null(False).alias("reduced"),
        (_tri("sentenced_to_state_prison") if "sentenced_to_state_prison" in cols else pl.lit(None, pl.Boolean)).alias("prison"),
        _tri("aggravated_felony").alias("aggravated"),
        _tri("magistrate_probable_cause").fill_null(False).alias("mpc"),
        # a conviction's enhancements (synth writes them plainly: 'PC 12022.7(a)' or two joined by ';')
        pl.when(pl.col("record_type") == "conviction")
        .then(pl.col("enhancements").cast(pl.String).fill_null("") if "enhancements" in cols else pl.lit(""))
        .otherwise(pl.lit("")).alias("_enh"),
    )
    hist = hist.join(_classes(hist).lazy(), on=["citation", "level", "_jur", "_enh"], how="left")

    # the person's records dated on or before the request (a charge without a date counts)
    pairs = req.select("request_id", "person_id", "as_of").join(hist, on="person_id", how="inner").filter(
        pl.col("date").is_null() | (pl.col("date") <= pl.col("as_of")))
    conv = pl.col("record_type") == "conviction"
    felony, misd = pl.col("level") == "felony", pl.col("level") == "misdemeanor"
    p47_conv = misd & (pl.col("reduced") | pl.col("cls_prop47"))

    def within(years: int) -> pl.Expr:
        return (pl.col("date") >= pl.col("as_of").dt.offset_by(f"-{years}y")) & (pl.col("date") <= pl.col("as_of"))

    def any_(cond: pl.Expr) -> pl.Expr:  # Kleene "some record": true if one is, else unknown if one is unknown
        return cond.any(ignore_nulls=False)

    # a federal felony conviction: whether it is one of the (a)(1) or (a)(3) felonies is open (7282(a), Pen. Code 667(d)(2))
    fed_open = pl.when(felony & (pl.col("_jur") == "federal")).then(pl.lit(None, pl.Boolean)).otherwise(False)
    agg = pairs.group_by("request_id").agg(
        any_(pl.when(conv).then(felony & (pl.col("cls_serious_or_violent") | fed_open)).otherwise(False)).alias("a1"),
        # (a)(2): a state prison sentence shows it on a California record only ("the state prison" is California's)
        any_(pl.when(conv).then(felony & (((pl.col("_jur") == "california") & pl.col("prison").fill_null(False))
                                          | pl.col("cls_state_prison") | fed_open)).otherwise(False)).alias("a2"),
        any_(pl.when(conv).then(pl.col("cls_a3_listed") & ~p47_conv
                                & ((misd & pl.col("cls_wobbler") & within(5)) | (felony & within(15)))
                                | (fed_open & within(15))).otherwise(False)).alias("a3"),
        any_(pl.when(conv).then((pl.col("_jur") == "federal") & pl.col("aggravated")).otherwise(False)).alias("a5_conv"),
        any_(pl.when(conv).then(p47_conv).otherwise(False)).alias("p47_conv"),
        any_(pl.when(~conv).then(misd & pl.col("cls_prop47")).otherwise(False)).alias("p47_charge"),
        any_(pl.when(~conv).then(pl.col("mpc") & felony & (pl.col("cls_serious_or_violent") | pl.col("cls_state_prison")))
             .otherwise(False)).alias("mpc"),
        pl.len().alias("_n"),
    )
    no_records = pl.col("_n").is_null()  # a person without records (as of the date): every test is false
    f = req.join(agg, on="request_id", how="left").with_columns(
        pl.when(no_records).then(False).otherwise(pl.col(c)).alias(c)
        for c in ("a1", "a2", "a3", "a5_conv", "p47_conv", "p47_charge", "mpc"))
    a4 = pl.col("registrant")
    a5 = pl.col("a5_conv") | pl.col("fed_warrant")
    grounds = [pl.col("a1"), pl.col("a2"), pl.col("a3"), a4, a5]
    g = grounds[0] | grounds[1] | grounds[2] | grounds[3] | grounds[4]
    p47 = pl.col("p47_conv") | pl.col("p47_charge")
    docs = pl.col("docs")
    c_cdcr = pl.col("actor_kind") == "cdcr"
    c_jw = docs.list.contains("judicial_warrant")
    c_jpc = docs.list.contains("judicial_probable_cause_determination")
    c_lp = pl.col("local_policy") & g  # 7282.5(a) opening words
    c_jw_lp = c_jw & pl.col("local_policy")  # 7282.5(a): a local policy bars a judicial-warrant transfer too
    c_jpc_lp = c_jpc & pl.col("local_policy")
    c_p47g = p47 & g  # 7282.5(a)(6) with another ground
    c_admin = docs.list.contains("i200") | docs.list.contains("i205") | docs.list.contains("other_civil_immigration_warrant")

    def nr(cond: pl.Expr, rule: str):
        return cond.is_null(), ("needs_review", rule)

    # (status, rule) when an earlier rule with another outcome is unknown, in the order tried
    lp_open = nr(c_lp, "trust_act.transfer.local_policy")
    p47g_open = nr(c_p47g, "trust_act.transfer.prop47_with_other_ground")
    grounds_open = [nr(gr, f"trust_act.transfer.a{i}") for i, gr in enumerate(grounds, 1)]

    def decided(status: str, rule: str, blocking) -> tuple[pl.Expr, pl.Expr]:
        st, rl = pl.lit(status), pl.lit(rule)
        for cond, (s2, r2) in reversed(blocking):
            st, rl = pl.when(cond).then(pl.lit(s2)).otherwise(st), pl.when(cond).then(pl.lit(r2)).otherwise(rl)
        return st, rl

    after_grounds = [p47g_open, *grounds_open]
    chain = [
        (c_cdcr, *decided("permitted", "values_act.cdcr_excluded", [])),
        (c_jw_lp, *decided("prohibited", "values_act.transfer.judicial_warrant.local_policy", [])),
        (c_jw, *decided("permitted", "values_act.transfer.judicial_warrant",
                        [nr(c_jw_lp, "values_act.transfer.judicial_warrant.local_policy")])),
        (c_jpc_lp, *decided("prohibited", "values_act.transfer.judicial_probable_cause.local_policy", [])),
        (c_jpc, *decided("permitted", "values_act.transfer.judicial_probable_cause",
                         [nr(c_jpc_lp, "values_act.transfer.judicial_probable_cause.local_policy")])),
        (c_lp, *decided("prohibited", "trust_act.transfer.local_policy", [])),
        (c_p47g, *decided("needs_review", "trust_act.transfer.prop47_with_other_ground", [lp_open])),
        *[(gr, *decided("permitted", f"trust_act.transfer.a{i}", [lp_open, p47g_open])) for i, gr in enumerate(grounds, 1)],
        (pl.col("mpc"), *decided("prohibited", "trust_act.transfer.probable_cause_is_not_enough", after_grounds)),
        (p47, *decided("prohibited", "trust_act.transfer.prop47", after_grounds)),
        (c_admin, *decided("prohibited", "values_act.transfer.administrative_warrant", after_grounds)),
    ]
    st_def, rl_def = decided("prohibited", "values_act.no_transfer", after_grounds)
    status, rule = st_def, rl_def
    for cond, st, rl in reversed(chain):
        status = pl.when(cond.fill_null(False)).then(st).otherwise(status)
        rule = pl.when(cond.fill_null(False)).then(rl).otherwise(rule)
    cites = {"values_act.cdcr_excluded": "gov 7284.4(a)", "trust_act.transfer.local_policy": "gov 7282.5(a)",
             "values_act.transfer.judicial_warrant.local_policy": "gov 7282.5(a)",
             "values_act.transfer.judicial_probable_cause.local_policy": "gov 7282.5(a)",
             "trust_act.transfer.prop47_with_other_ground": "gov 7282.5(a)(6)", "trust_act.transfer.a1": "gov 7282.5(a)(1)",
             "trust_act.transfer.a2": "gov 7282.5(a)(2)", "trust_act.transfer.a3": "gov 7282.5(a)(3)",
             "trust_act.transfer.a4": "gov 7282.5(a)(4)", "trust_act.transfer.a5": "gov 7282.5(a)(5)",
             "trust_act.transfer.probable_cause_is_not_enough": "gov 7282.5(b)", "trust_act.transfer.prop47": "gov 7282.5(a)(6)"}
    # the overlay sb54-effective-date-disputed: 2018-01-01 to 2018-01-03, every answer of 7282.5 / 7284.4 / 7284.6
    disputed = (pl.col("as_of") >= dt.date(2018, 1, 1)) & (pl.col("as_of") <= dt.date(2018, 1, 3))
    return f.select(
        "request_id",
        pl.when(disputed).then(pl.lit("needs_review")).otherwise(status).alias("status"),
        rule.alias("rule"),
    ).with_columns(pl.col("rule").replace_strict(cites, default="gov 7284.6(a)(4)").alias("citation"))
