"""Bulk rows dated before the corpus holds a text of some of the decisions they raise: accepted, the covered decisions
answered, the others needs review with rule coverage.no_text_in_force and no citation, as the single-case engine
answers them; a row none of whose decisions is covered is rejected, naming the section and its first date."""

import polars as pl

from sanctuary.bulk.audit import run
from sanctuary.bulk.cases import single_case_answers
from sanctuary.bulk.engine import answer, load
from sanctuary.engine.rulebook import COVERAGE_RULE, default_rulebook

HEADER = "request_id,received_date,actor_kind,request_kind,documents,person_id,information_is_public,agency_response,agency_action_date,duties_done"
ROWS = [
    "h17,2017-06-01,county_jail,hold,i247a,P1,false,complied,2017-06-02,give_person_copy_of_request",
    "n17,2017-12-31,county_jail,notification,i247a,P1,false,complied,2018-01-02,",
    "d17,2017-06-01,county_jail,hold,i247a,P2,false,declined,2017-06-01,",
    "t17,2017-09-01,school_police,transfer,,P2,false,unknown,,",
    "i17,2017-06-01,county_jail,interview,,P1,false,declined,,",   # the consent form (7283.1(a)) is covered: accepted
    "h16,2016-06-01,county_jail,hold,i247a,P1,false,declined,,",    # no decision covered: rejected
    "h18,2018-01-05,county_jail,hold,i247a,P1,false,declined,,",
]
HIST = "person_id,record_type,citation,level,date\nP1,conviction,PC 211,felony,2016-04-12\nP2,conviction,VC 23152(a),misdemeanor,2015-01-01\n"


def _files(tmp_path):
    rp, hp = tmp_path / "r.csv", tmp_path / "h.csv"
    rp.write_text(HEADER + "\n" + "\n".join(ROWS) + "\n")
    hp.write_text(HIST)
    return rp, hp


def test_rows_of_2017_are_accepted_and_answered_as_the_single_case_engine(tmp_path):
    loaded = load(*_files(tmp_path))
    assert sorted(loaded.requests["request_id"]) == ["d17", "h17", "h18", "i17", "n17", "t17"]
    rej = loaded.rejects.filter(pl.col("column") == "received_date").sort("row")
    assert rej["row"].to_list() == [6]
    assert all("first date the corpus holds a text of" in r and "2018-01-01" in r for r in rej["reason"])
    assert "TRUST Act text in force from 2014-01-01 to 2017-12-31 is not in the corpus" in rej["reason"][0]
    got = answer(loaded.requests, loaded.history).with_columns(pl.col("action", "status", "rule", "citation", "flag").cast(pl.String))
    single = pl.DataFrame(single_case_answers(loaded.requests, loaded.history))
    cols = ["request_id", "action", "status", "rule", "citation"]
    assert got.select(cols).sort(cols[:2]).to_dicts() == single.select(cols).sort(cols[:2]).to_dicts()
    a = {(r["request_id"], r["action"]): r for r in got.to_dicts()}
    assert (a[("h17", "give_person_copy_of_request")]["status"], a[("h17", "give_person_copy_of_request")]["citation"]) == ("required", "gov 7283.1(b)")
    hold = a[("h17", "detain_on_hold_request")]
    assert (hold["status"], hold["rule"], hold["citation"], hold["flag"]) == ("needs_review", COVERAGE_RULE, None, "needs_review")
    assert a[("d17", "detain_on_hold_request")]["flag"] is None  # declined: nothing to review
    assert a[("n17", "notify_person_of_release_notice")]["status"] == "required"
    assert a[("t17", "give_person_copy_of_request")]["rule"] == "truth_act.copy_of_request.school_police"
    assert a[("h18", "detain_on_hold_request")]["rule"] != COVERAGE_RULE
    # the interview decision rests on 7284.6 (2018): not answered; the consent form's rule on 7283.1(a) (2017)
    assert a[("i17", "allow_interview")]["rule"] == COVERAGE_RULE
    assert a[("i17", "give_interview_consent_form")]["rule"] != COVERAGE_RULE


def test_audit_accepts_them(tmp_path):
    rp, hp = _files(tmp_path)
    counts = run(rp, hp, tmp_path / "out", rb=default_rulebook())
    assert counts["requests_accepted"] == 6 and counts["requests_rejected"] == 1
    ans = pl.read_parquet(tmp_path / "out" / "answers.parquet") if (tmp_path / "out" / "answers.parquet").exists() \
        else pl.read_csv(tmp_path / "out" / "answers.csv")
    assert ans.filter(pl.col("rule").cast(pl.String) == COVERAGE_RULE).height >= 4


EMPLOYER_ROWS = [
    "r1,2018-09-01,private_employer,reverification,,E1,,complied,2018-09-02,",   # the 2018 order: unenforceable
    "r2,2018-07-04,private_employer,reverification,,E2,,complied,2018-07-04,",   # signed, not filed: rejected
    "r3,2018-09-01,public_employer,reverification,,E3,,complied,2018-09-02,",    # not reached by the order: rejected
    "r4,2019-10-01,private_employer,reverification,,E4,,complied,2019-10-02,",   # the text in force: the rules decide
    "w1,2018-09-01,private_employer,worksite_entry,,E5,,declined,2018-09-01,",
]


def test_a_court_order_answers_an_action_without_its_text_as_the_single_case_engine(tmp_path):
    from sanctuary.engine.rulebook import ENJOINED_RULE

    rp, hp = tmp_path / "r.csv", tmp_path / "h.csv"
    rp.write_text(HEADER + "\n" + "\n".join(EMPLOYER_ROWS) + "\n")
    hp.write_text("person_id,record_type,citation,level,date\n")
    loaded = load(rp, hp)
    assert sorted(loaded.requests["request_id"]) == ["r1", "r4", "w1"]
    rej = loaded.rejects.filter(pl.col("column") == "received_date").sort("row")
    assert rej["row"].to_list() == [2, 3] and all("lab 1019.2" in r for r in rej["reason"])
    got = answer(loaded.requests, loaded.history).with_columns(pl.col("action", "status", "rule", "citation", "overlay").cast(pl.String))
    single = pl.DataFrame(single_case_answers(loaded.requests, loaded.history))
    cols = ["request_id", "action", "status", "rule", "citation"]
    assert got.select(cols).sort(cols[:2]).to_dicts() == single.select(cols).sort(cols[:2]).to_dicts()
    r1 = got.filter(pl.col("request_id") == "r1").to_dicts()
    assert [(a["status"], a["rule"], a["citation"], a["overlay"]) for a in r1] == [
        ("unenforceable", ENJOINED_RULE, None, "us-v-ca-pi-2018#0")]
    assert got.filter(pl.col("request_id") == "r4")["rule"].to_list() != [ENJOINED_RULE]
