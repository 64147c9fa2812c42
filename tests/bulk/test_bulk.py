"""Bulk engine: differential against the single-case engine, rejects, schema errors, and the report's figures."""

import json
import re
from collections import Counter, defaultdict

import polars as pl
import pytest

from sanctuary.bulk.audit import run
from sanctuary.bulk.cases import case_of, single_case_answers
from sanctuary.bulk.engine import answer, load
from sanctuary.bulk.synth import write
from sanctuary.bulk.validate import SchemaError
from sanctuary.engine.rulebook import default_rulebook


def _differential(tmp_path, n, seed, shift=None, accepted=0.95, all_areas=False):
    rp, hp = write(n, seed, tmp_path, all_areas=all_areas)
    if shift is not None:  # rewrite some requests' dates (the other columns as generated)
        pl.read_csv(rp, infer_schema=False).with_columns(shift).write_csv(rp)
    loaded = load(rp, hp)
    bulk = answer(loaded.requests, loaded.history).select("request_id", "action", "status", "rule", "citation")
    assert all(isinstance(bulk[c].dtype, pl.Enum) for c in ("action", "status", "rule", "citation"))
    bulk = bulk.with_columns(pl.col("action", "status", "rule", "citation").cast(pl.String))
    single = pl.DataFrame(single_case_answers(loaded.requests, loaded.history))
    assert loaded.requests.height > accepted * n
    j = bulk.join(single, on=["request_id", "action"], how="full", suffix="_single", nulls_equal=True)
    diff = j.filter(
        pl.col("request_id").is_null() | pl.col("request_id_single").is_null()
        | (pl.col("status") != pl.col("status_single")) | (pl.col("rule") != pl.col("rule_single"))
        | (pl.col("citation") != pl.col("citation_single")))
    assert diff.height == 0, diff.head(20)
    assert bulk.height == single.height
    return bulk


def test_differential_small(tmp_path):
    bulk = _differential(tmp_path, 4000, 11)
    assert bulk["status"].n_unique() >= 4  # prohibited, permitted, required, needs_review all exercised


def test_differential_all_areas(tmp_path):
    """The other areas' requests and columns (employers, courthouses, schools and health facilities, detention,
    officers: `synth --all-areas`): bulk and single-case agree on every row. Before, case_of left those columns out
    (1,872 of 6,538 answers differed on this data)."""
    bulk = _differential(tmp_path, 3000, 1, accepted=0.9, all_areas=True)
    actions = set(bulk["action"])
    for a in ("consent_to_worksite_entry", "notify_affected_employees_of_results", "civil_arrest_in_courthouse",
              "allow_entry_to_nonpublic_schoolsite_area", "detention_contract_civ_1670_9", "wear_facial_covering",
              "operate_without_visible_id", "reverify_current_employee"):
        assert a in actions, a
    assert bulk["status"].n_unique() >= 5  # unenforceable too


def _into_2017(every: int = 3, day_2016: int = 40) -> pl.Expr:
    """Every `every`-th request moved into 2017 (same day of the year; its action date, if earlier, with it) and every
    `day_2016`-th into 2016: before the Values Act texts in the corpus (2018-01-01), after the TRUTH Act's (2017-01-01)."""
    i = pl.int_range(pl.len())
    day = pl.col("received_date").str.to_date()
    year = pl.when(i % day_2016 == 0).then(2016).when(i % every == 0).then(2017).otherwise(day.dt.year())
    moved = pl.date(year, day.dt.month(), pl.when((day.dt.month() == 2) & (day.dt.day() == 29)).then(28).otherwise(day.dt.day()))
    act = pl.col("agency_action_date").str.to_date(strict=False)
    return [moved.cast(pl.String).alias("received_date"),
            pl.when(act.is_not_null() & (act < moved)).then(moved).otherwise(act).cast(pl.String).fill_null("").alias("agency_action_date")]


def test_differential_with_2017_dates(tmp_path):
    """Requests of 2017: the bulk engine answers the TRUTH Act duties the corpus covers and marks the Values Act
    decisions needs review (Rulebook.coverage_start), as the single-case engine does; those of 2016 are rejected
    unless an action the request raises is covered then."""
    from sanctuary.engine.rulebook import COVERAGE_RULE

    bulk = _differential(tmp_path, 3000, 5, shift=_into_2017(), accepted=0.8)
    loaded = load(tmp_path / "requests.csv", tmp_path / "history.csv")
    old = loaded.requests.filter(pl.col("received_date").dt.year() == 2017)["request_id"]
    in_2017 = bulk.filter(pl.col("request_id").is_in(old.implode()))
    assert in_2017.filter(pl.col("rule") == COVERAGE_RULE).height > 100
    assert in_2017.filter(pl.col("rule") == COVERAGE_RULE)["citation"].null_count() == in_2017.filter(pl.col("rule") == COVERAGE_RULE).height
    truth = in_2017.filter(pl.col("action") == "give_person_copy_of_request")
    assert truth.height > 50 and set(truth["status"]) <= {"required", "needs_review"} and "required" in set(truth["status"])
    assert bulk.filter((pl.col("rule") == COVERAGE_RULE) & ~pl.col("request_id").is_in(old.implode())).height == 0
    rej = loaded.rejects.filter((pl.col("column") == "received_date") & pl.col("reason").str.contains("first date the corpus holds"))
    dates = pl.Series([json.loads(r)["received_date"][:4] for r in rej["record"]])
    assert rej.height > 0 and "2016" in set(dates) and set(dates) <= {"2016", "2017"}


@pytest.mark.slow
def test_differential_100k(tmp_path):
    _differential(tmp_path, 100_000, 7)


@pytest.mark.slow
def test_differential_100k_all_areas(tmp_path):
    _differential(tmp_path, 100_000, 8, accepted=0.9, all_areas=True)


REQ_HEADER = "request_id,received_date,actor_kind,request_kind,documents,person_id,information_is_public,agency_response,agency_action_date,duties_done"
BAD_REQUESTS = {
    # row: (line, column, reason fragment)
    "ok": ("ok1,2022-03-04,county_jail,hold,i247a,P1,false,declined,2022-03-05,give_person_copy_of_request", None, None),
    "missing id": (",2022-03-04,county_jail,hold,i247a,P1,false,declined,,", "request_id", "missing"),
    "dup1": ("dup,2022-03-04,county_jail,hold,,P1,false,declined,,", "request_id", "more than one row"),
    "dup2": ("dup,2022-03-05,county_jail,hold,,P1,false,declined,,", "request_id", "more than one row"),
    "bad date": ("d1,2022-13-04,county_jail,hold,,P1,false,declined,,", "received_date", "not a date"),
    "before coverage": ("d2,2016-06-01,county_jail,hold,,P1,false,declined,,", "received_date", "before 2018-01-01"),
    "bad actor": ("a1,2022-03-04,county_gaol,hold,,P1,false,declined,,", "actor_kind", "not an allowed value"),
    "bad kind": ("k1,2022-03-04,county_jail,detain,,P1,false,declined,,", "request_kind", "not an allowed value"),
    "bad doc": ("o1,2022-03-04,county_jail,hold,i247a;warrant,P1,false,declined,,", "documents", "unknown value"),
    "doc twice": ("o2,2022-03-04,county_jail,hold,i247a;i247a,P1,false,declined,,", "documents", "twice"),
    "no person": ("p1,2022-03-04,county_jail,hold,,,false,declined,,", "person_id", "missing"),
    "bad bool": ("b1,2022-03-04,county_jail,hold,,P1,maybe,declined,,", "information_is_public", "not a boolean"),
    "bad response": ("r1,2022-03-04,county_jail,hold,,P1,false,ignored,,", "agency_response", "not an allowed value"),
    "action before": ("r2,2022-03-04,county_jail,hold,,P1,false,declined,2022-03-01,", "agency_action_date", "before received_date"),
    "bad duty": ("u1,2022-03-04,county_jail,hold,,P1,false,declined,,say_sorry", "duties_done", "unknown value"),
    "no rule": ("n1,2022-03-04,private_employer,hold,,P1,false,declined,,", "received_date", "no rule in the corpus answers"),
    "bad history": ("h1,2022-03-04,county_jail,hold,,P2,false,declined,,", "person_id", "rejected row"),
}
HIST_HEADER = "person_id,record_type,citation,level,date,jurisdiction,aggravated_felony,magistrate_probable_cause,reduced_under_prop47"
BAD_HISTORY = {
    "ok": ("P1,conviction,PC 211,felony,2016-04-12,california,,,", None, None),
    "bad type": ("P2,arrest,PC 211,felony,2016-04-12,,,,", "record_type", "not an allowed value"),
    "no citation": ("P3,conviction,,felony,2016-04-12,,,,", "citation", "missing"),
    "bad level": ("P3,conviction,PC 211,serious,2016-04-12,,,,", "level", "not an allowed value"),
    "conv no date": ("P3,conviction,PC 211,felony,,,,,", "date", "needs its date"),
    "bad jur": ("P3,conviction,PC 211,felony,2016-04-12,mars,,,", "jurisdiction", "not an allowed value"),
    "agg not federal": ("P3,conviction,PC 211,felony,2016-04-12,california,true,,", "aggravated_felony", "federal convictions only"),
    "charge field on conviction": ("P3,conviction,PC 211,felony,2016-04-12,,,true,", "magistrate_probable_cause", "charges only"),
    "conviction field on charge": ("P3,charge,PC 211,felony,2021-01-01,,,,true", "reduced_under_prop47", "convictions only"),
    "charge elsewhere": ("P3,charge,PC 211,felony,2021-01-01,federal,,,", "jurisdiction", "California charge"),
    "no person": (",conviction,PC 211,felony,2016-04-12,,,,", "person_id", "missing"),
    "bad citation": ("P3,conviction,not a statute at all,felony,2016-04-12,california,,,", "citation", ""),
}


def test_rejects_every_kind(tmp_path):
    rp, hp = tmp_path / "r.csv", tmp_path / "h.csv"
    rp.write_text(REQ_HEADER + "\n" + "\n".join(v[0] for v in BAD_REQUESTS.values()) + "\n")
    hp.write_text(HIST_HEADER + "\n" + "\n".join(v[0] for v in BAD_HISTORY.values()) + "\n")
    loaded = load(rp, hp)
    rej = loaded.rejects
    for table, cases in (("requests", BAD_REQUESTS), ("history", BAD_HISTORY)):
        for i, (name, (_, column, reason)) in enumerate(cases.items(), start=1):
            got = rej.filter((pl.col("table") == table) & (pl.col("row") == i))
            if column is None:
                assert got.height == 0, (name, got)
                continue
            hit = got.filter((pl.col("column") == column) & pl.col("reason").str.contains(reason, literal=True))
            assert hit.height >= 1, (table, name, got.select("column", "reason").to_dicts())
            assert json.loads(hit["record"][0])  # the whole row is kept
    assert loaded.counts["requests_rows"] == len(BAD_REQUESTS)
    assert loaded.counts["requests_accepted"] == 1 and loaded.requests["request_id"].to_list() == ["ok1"]
    assert loaded.counts["history_accepted"] == 1
    assert loaded.counts["requests_rejected"] + loaded.counts["requests_accepted"] == loaded.counts["requests_rows"]
    a = answer(loaded.requests, loaded.history)  # the rest still runs
    assert a.filter(pl.col("action") == "detain_on_hold_request")["status"].to_list() == ["prohibited"]


def test_schema_errors_stop_before_work(tmp_path):
    rp, hp = tmp_path / "r.csv", tmp_path / "h.csv"
    rp.write_text("request_id,received,actor_kind\nx,2022-01-01,county_jail\n")
    hp.write_text(HIST_HEADER + "\n")
    with pytest.raises(SchemaError) as e:
        load(rp, hp)
    text = str(e.value)
    assert "unknown column 'received'" in text and "missing required column 'request_kind'" in text
    # wrong Parquet type
    pl.DataFrame({"request_id": ["a"], "received_date": [20220101], "actor_kind": ["county_jail"], "request_kind": ["hold"],
                  "person_id": ["P"], "agency_response": ["declined"]}).write_parquet(tmp_path / "r.parquet")
    with pytest.raises(SchemaError, match="received_date.*expected date"):
        load(tmp_path / "r.parquet", hp)


def test_person_history_after_request_date_is_left_out(tmp_path):
    rp, hp = tmp_path / "r.csv", tmp_path / "h.csv"
    rp.write_text("request_id,received_date,actor_kind,request_kind,person_id,agency_response\n"
                  "early,2019-01-01,county_jail,transfer,P,complied\nlate,2024-01-01,county_jail,transfer,P,complied\n")
    hp.write_text("person_id,record_type,citation,level,date\nP,conviction,PC 211,felony,2020-05-05\n")
    loaded = load(rp, hp)
    a = answer(loaded.requests, loaded.history).filter(pl.col("action") == "transfer_to_immigration_authorities")
    got = dict(a.select("request_id", "status").iter_rows())
    assert got["early"] == "prohibited" and got["late"] == "permitted"
    assert a.filter(pl.col("request_id") == "early")["flag"].to_list() == ["prohibited_done"]


def _figures(html):
    return json.loads(re.search(r'<script type="application/json" id="figures">(.*?)</script>', html, re.S).group(1))


def _table(html, tid):
    body = re.search(rf'<table id="{tid}">(.*?)</table>', html, re.S).group(1)
    head = re.findall(r"<th>(.*?)</th>", body)
    return [dict(zip(head, re.findall(r"<td>(.*?)</td>", row))) for row in re.findall(r"<tr>(<td>.*?)</tr>", body)]


def test_report_figures_match_independent_counts(tmp_path):
    rp, hp = write(600, 5, tmp_path / "in")
    counts = run(rp, hp, tmp_path / "out", fmt="both")
    html = (tmp_path / "out" / "report.html").read_text()
    assert html.count("data:image/png;base64,") == 3
    figs = _figures(html)
    # independent: read the raw CSV, decide each accepted row with the single-case engine, compute the flags here
    raw = pl.read_csv(rp, infer_schema=False)
    loaded = load(rp, hp)
    assert figs["counts"]["requests_rows"] == raw.height
    assert figs["counts"]["requests_accepted"] + figs["counts"]["requests_rejected"] == raw.height
    rb = default_rulebook()
    hist = defaultdict(list)
    for r in loaded.history.iter_rows(named=True):
        hist[r["person_id"]].append(r)
    flags = Counter()
    by_kind = Counter()
    for req in loaded.requests.iter_rows(named=True):
        d = rb.decide(case_of(req, hist[req["person_id"]]), req["received_date"])
        done = req["duties_done"] or []
        for a in d.answers:
            dec = rb.decision(a.action)
            resp = req["agency_response"]
            if a.kind == "action":
                by_kind[(req["request_kind"], a.status)] += 1
                if a.status == "prohibited" and resp == "complied":
                    flags["prohibited_done"] += 1
                elif a.status == "needs_review" and resp in ("complied", "unknown"):
                    flags["needs_review"] += 1
                elif a.status == "prohibited" and resp == "unknown":
                    flags["needs_review"] += 1
            else:
                only_if = bool(dec.rule(a.rule).duty and dec.rule(a.rule).duty.only_if)
                arises = resp == "complied" if only_if else True
                maybe = only_if and resp == "unknown"
                if a.status == "required" and arises and a.action not in done:
                    flags["required_not_done"] += 1
                elif a.status == "required" and maybe and a.action not in done:
                    flags["needs_review"] += 1
                elif a.status == "needs_review" and (arises or maybe):
                    flags["needs_review"] += 1
    assert figs["flags"] == dict(flags)
    table = {(r["request_kind"], r["status"]): int(r["answers"]) for r in _table(html, "outcomes_by_request_kind")}
    assert table == dict(by_kind)
    # TRUTH Act: ICE access by local agencies, counted from the raw rows
    local = {"county_jail", "county_sheriff", "city_police", "county_probation", "school_police"}
    ok = set(loaded.requests["request_id"])
    events = sum(1 for r in raw.iter_rows(named=True)
                 if r["request_id"] in ok and r["actor_kind"] in local and r["agency_response"] == "complied"
                 and (r["request_kind"] in ("hold", "notification", "transfer", "interview")
                      or (r["request_kind"] in ("release_date", "home_or_work_address") and r["information_is_public"] != "true")))
    assert figs["truth_act_access_events"] == events
    assert sum(int(r["access_events"]) for r in _table(html, "truth_act_by_group")) == events
    assert (tmp_path / "out" / "answers.parquet").exists() and (tmp_path / "out" / "rejects.csv").exists()
    assert counts["answers"] == pl.read_parquet(tmp_path / "out" / "answers.parquet").height


def test_empty_cells_mean_what_a_case_file_means(tmp_path):
    """in_custody and federal_felony_warrant_identified_by_ice cannot be unknown in a case file (default true and
    false): an empty cell in the bulk table means the same, so both engines agree."""
    rp, hp = tmp_path / "r.csv", tmp_path / "h.csv"
    rp.write_text("request_id,received_date,actor_kind,request_kind,person_id,agency_response,in_custody,"
                  "federal_felony_warrant_identified_by_ice\n"
                  "e1,2022-01-05,county_jail,transfer,P,complied,,\ne2,2022-01-05,county_jail,notification,P,complied,,\n"
                  "e3,2022-01-05,county_jail,hold,P,declined,,true\n")
    hp.write_text("person_id,record_type,citation,level,date\nP,conviction,PC 459,misdemeanor,2020-05-05\n")
    loaded = load(rp, hp)
    assert loaded.requests["in_custody"].to_list() == [True, True, True]
    assert loaded.requests["federal_felony_warrant_identified_by_ice"].to_list() == [False, False, True]
    bulk = answer(loaded.requests, loaded.history).select("request_id", "action", "status", "rule").sort("request_id", "action")
    single = pl.DataFrame(single_case_answers(loaded.requests, loaded.history)).select(
        "request_id", "action", "status", "rule").sort("request_id", "action")
    assert bulk.equals(single)


def test_partitioned_audit_equals_one_partition(tmp_path, monkeypatch):
    """Every kind of reject (a repeated request_id in two partitions, a person whose history row is rejected ...) and
    every answer come out the same when the files are split by person into many partitions, some of them empty."""
    rp, hp = tmp_path / "r.csv", tmp_path / "h.csv"
    rp.write_text(REQ_HEADER + "\n" + "\n".join(v[0] for v in BAD_REQUESTS.values()) + "\n"
                  + "\n".join(f"x{i},2022-03-04,county_jail,transfer,,Q{i},false,complied,,"
                              for i in range(12)) + "\n")
    hp.write_text(HIST_HEADER + "\n" + "\n".join(v[0] for v in BAD_HISTORY.values()) + "\n"
                  + "\n".join(f"Q{i},conviction,PC 211,felony,2016-04-12,california,,," for i in range(0, 12, 2)) + "\n")
    one = run(rp, hp, tmp_path / "one", fmt="both")
    monkeypatch.setenv("SANCTUARY_BULK_PARTITION_ROWS", "2")
    many = run(rp, hp, tmp_path / "many", fmt="both")
    assert json.loads((tmp_path / "many" / "summary.json").read_text())["partitions"] == 15
    assert one == many
    for name in ("rejects.csv", "flags_by_rule.csv", "truth_act_by_group.csv", "answers_by_action.csv"):
        assert pl.read_csv(tmp_path / "one" / name, infer_schema=False).equals(
            pl.read_csv(tmp_path / "many" / name, infer_schema=False)), name
    a = [pl.read_parquet(tmp_path / d / "answers.parquet").sort("request_id", "action") for d in ("one", "many")]
    assert a[0].equals(a[1]) and a[0].height > 12


def test_fewer_keys_change_no_answer(tmp_path, monkeypatch):
    """Masking the facts no applying decision reads (engine.fewer_keys) groups fewer keys and gives the same answers
    as evaluating every distinct key as it is."""
    import sanctuary.bulk.engine as engine

    rp, hp = write(3000, 5, tmp_path)
    loaded = load(rp, hp)
    seen = {}
    real = engine.fewer_keys

    def spy(keys, c):
        fewer, to_fewer = real(keys, c)
        seen.update(keys=keys.height, fewer=fewer.height)
        assert to_fewer.len() == keys.height and to_fewer.max() == fewer.height - 1
        return fewer, to_fewer

    monkeypatch.setattr(engine, "fewer_keys", spy)
    reduced = answer(loaded.requests, loaded.history)
    assert seen["fewer"] < seen["keys"]
    monkeypatch.setattr(engine, "fewer_keys", lambda keys, c: (keys, pl.Series(range(keys.height), dtype=pl.UInt32)))
    plain = answer(loaded.requests, loaded.history)
    assert reduced.height == plain.height > 0
    assert reduced.equals(plain)


def test_fewer_keys_keep_facts_read_under_is_true(tmp_path, monkeypatch):
    """IsTrue turns unknown into false, so under a Not a decision can apply when its fact is unknown and not when it
    is known (7310: `~IsTrue(detainees == "minors")`). Masking such a fact to unknown (fewer_keys) must not make a
    decision apply: without the sister decision that reads the same fact (7311, for minors), the answers with and
    without fewer_keys are still the same."""
    import sanctuary.bulk.engine as engine
    from sanctuary.engine.rulebook import Rulebook

    rb = default_rulebook()
    rb = Rulebook([d for d in rb.decisions if d.action != "detention_contract_gov_7311"], rb.overlays, rb.corpus)
    rp, hp = write(3000, 3, tmp_path, all_areas=True)
    loaded = load(rp, hp, rb)
    reduced = answer(loaded.requests, loaded.history, rb)
    monkeypatch.setattr(engine, "fewer_keys", lambda keys, c: (keys, pl.Series(range(keys.height), dtype=pl.UInt32)))
    plain = answer(loaded.requests, loaded.history, rb)
    assert plain.height > 0
    assert reduced.equals(plain)


def test_partitioned_audit_with_an_empty_history(tmp_path, monkeypatch):
    """A history file with no rows (only its header): a partitioned run still gives each partition the typed, empty
    history and the same counts and answers as one partition."""
    rp, hp = tmp_path / "r.csv", tmp_path / "h.csv"
    hp.write_text(HIST_HEADER + "\n")
    rp.write_text(REQ_HEADER + "\n" + "\n".join(f"x{i},2022-03-04,county_jail,transfer,,Q{i},false,complied,,"
                                                for i in range(5)) + "\n")
    one = run(rp, hp, tmp_path / "one")
    monkeypatch.setenv("SANCTUARY_BULK_PARTITION_ROWS", "1")
    many = run(rp, hp, tmp_path / "many")
    assert json.loads((tmp_path / "many" / "summary.json").read_text())["partitions"] == 5
    assert one == many and one["history_rows"] == 0 and one["answers"] > 5
    a = [pl.read_parquet(tmp_path / d / "answers.parquet").sort("request_id", "action") for d in ("one", "many")]
    assert a[0].equals(a[1])
