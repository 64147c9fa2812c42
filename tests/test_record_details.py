"""An answer decided by the person's record names the records that decided it and why (Answer.records): the
conviction or charge, the test it met or left open, and the offense classifier's findings; in the engine's answer,
`--json` and the CLI's answer panel. API and web page: tests/service/test_record_details_web.py."""

import json
import re

from typer.testing import CliRunner

from sanctuary.cli import app
from sanctuary.engine.rulebook import default_rulebook
from sanctuary.vocabulary.load import case_from_data

NOTIFY = "provide_release_date_or_notification"
TRANSFER = "transfer_to_immigration_authorities"


def jail_case(*convictions, charges=(), asks=("notification",)):
    return {"as_of": "2026-11-02", "actor": {"kind": "county_jail", "name": "Example County Sheriff"},
            "request": {"asks": list(asks), "documents": ["i247a"], "received_at": "2026-11-02T09:15:00-08:00"},
            "person": {"reference": "BK-778899", "history": {"convictions": list(convictions), "pending_charges": list(charges)}}}


ROBBERY_2001 = {"citation": "PC 211", "level": "felony", "date": "2001-05-01"}


def decide(data):
    d = default_rulebook().decide(case_from_data(data))
    return d, {a.action: a for a in d.answers}


def test_robbery_felony_names_the_conviction_and_the_doj_description_finding():
    d, by = decide(jail_case({"citation": "PC 415", "level": "misdemeanor", "date": "2010-01-01"}, ROBBERY_2001))
    a = by[NOTIFY]
    assert (a.status, a.rule) == ("permitted", "trust_act.notification.a1")
    assert len(a.records) == 1
    r = a.records[0]
    assert (r.list_name, r.index, r.citation, r.level, str(r.date), r.jurisdiction) == (
        "convictions", 1, "PC 211", "felony", "2001-05-01", "california")
    assert (r.test, r.test_reference, r.outcome) == ("convicted_of_serious_or_violent_felony", "gov 7282.5(a)(1)", "met")
    serious = [f for f in r.findings if f.category == "serious_felony"]
    assert len(serious) == 1
    f = serious[0]
    assert (f.item, f.confidence) == ("pen 1192.7(c)(19)", "doj_description")
    assert "12004 ROBBERY" in f.doj_rows and "robbery or bank robbery" in f.reason
    # only what made it count: no needs_review finding, nothing about (a)(2) or (a)(3)
    assert {f.category for f in r.findings} == {"serious_felony", "violent_felony"}
    assert all(f.confidence != "needs_review" for f in r.findings)
    # the duties the TRUTH Act adds are not decided by a record
    assert by["give_person_copy_of_request"].records == []
    # no person identifiers in the record details
    assert "BK-778899" not in json.dumps([a.model_dump(mode="json") for a in d.answers][0]["records"])


def test_unknown_classification_says_why_the_answer_needs_review():
    _, by = decide(jail_case({"citation": "PC 459", "level": "felony", "date": "2001-05-01"}))
    a = by[NOTIFY]
    assert a.status == "needs_review"
    opened = {r.test_reference: r for r in a.records}
    assert set(opened) == {"gov 7282.5(a)(1)", "gov 7282.5(a)(2)"}
    assert all(r.outcome == "open" and r.citation == "PC 459" for r in a.records)
    a1 = opened["gov 7282.5(a)(1)"].findings
    assert [f.confidence for f in a1] == ["needs_review"] and "not named by section" in a1[0].reason
    a2 = opened["gov 7282.5(a)(2)"]
    assert [f.category for f in a2.findings] == ["state_prison_felony"]
    assert a2.facts == ["not given whether sentenced to state prison"]


def test_out_of_state_conviction_is_open_for_its_jurisdiction():
    _, by = decide(jail_case(ROBBERY_2001 | {"jurisdiction": "other_state"}))
    a = by[NOTIFY]
    assert a.status == "needs_review"
    r = next(r for r in a.records if r.test_reference == "gov 7282.5(a)(1)")
    assert (r.outcome, r.jurisdiction) == ("open", "other_state")
    assert [(f.category, f.reference) for f in r.findings] == [("jurisdiction", "gov 7282(f)")]


def test_record_fact_named_when_it_decides():
    _, by = decide(jail_case({"citation": "PC 602(k)", "level": "felony", "date": "1995-01-10",
                              "sentenced_to_state_prison": True}))
    a = by[NOTIFY]
    assert a.rule == "trust_act.notification.a2"
    [r] = a.records
    assert (r.outcome, r.facts, r.findings) == ("met", ["sentenced to state prison"], [])


def test_charge_with_magistrate_probable_cause():
    charge = {"citation": "PC 211", "level": "felony", "magistrate_probable_cause": True}
    _, by = decide(jail_case(charges=[charge]))
    a = by[NOTIFY]
    assert a.rule == "trust_act.notification.b"
    [r] = a.records
    assert (r.list_name, r.index, r.citation, r.outcome) == ("charges", 0, "PC 211", "met")
    assert "a magistrate found probable cause (Pen. Code 872)" in r.facts
    assert any(f.item == "pen 1192.7(c)(19)" for f in r.findings)


def test_answers_decided_without_records_carry_none():
    d, by = decide(jail_case(asks=("notification", "transfer")))
    assert by[NOTIFY].status == "prohibited" and by[TRANSFER].status == "prohibited"
    assert all(a.records == [] for a in d.answers)
    # a record that meets no test is not listed either
    d, _ = decide(jail_case({"citation": "PC 211", "level": "misdemeanor", "date": "2001-05-01"}))
    assert all(a.records == [] for a in d.answers)


def test_cli_json_and_panel_show_the_deciding_record(tmp_path):
    case = tmp_path / "robbery.json"
    case.write_text(json.dumps(jail_case(ROBBERY_2001)))
    runner = CliRunner()
    r = runner.invoke(app, ["decide", str(case), "--json"])
    assert r.exit_code == 0, r.output
    a = next(a for a in json.loads(r.stdout)["answers"] if a["action"] == NOTIFY)
    assert a["records"][0]["findings"][0]["item"] == "pen 1192.7(c)(19)"
    r = runner.invoke(app, ["decide", str(case)])
    assert r.exit_code == 0, r.output
    text = " ".join(re.sub(r"[│╭╮╰╯─]", " ", r.stdout).split())
    assert ("Record: conviction PC 211 felony 2001-05-01 — serious felony, Pen. Code § 1192.7(c)(19) "
            "(DOJ table description ROBBERY, row 12004)") in text


def test_review_rule_that_holds_lists_both_records_it_weighs():
    # 7282.5(a)(6) bars cooperation for a Proposition 47 misdemeanor, (a)(1) allows it for the robbery: for review
    _, by = decide(jail_case({"citation": "PC 459.5", "level": "misdemeanor", "date": "2025-01-01"}, ROBBERY_2001))
    a = by[NOTIFY]
    assert (a.status, a.rule) == ("needs_review", "trust_act.notification.prop47_with_other_ground")
    assert [(r.index, r.test_reference, r.outcome) for r in a.records] == [
        (0, "gov 7282.5(a)(6)", "met"), (1, "gov 7282.5(a)(1)", "met")]
    assert [f.category for f in a.records[0].findings] == ["prop47_misdemeanor"]


def test_a3_read_from_the_statute_text_says_so():
    # H&S 11350(a) felony within 15 years: (a)(3)(M) matched by the corpus text of 11350 itself (confidence statute_text)
    d, by = decide(jail_case({"citation": "HS 11350(a)", "level": "felony", "date": "2020-03-01"}))
    a = by[NOTIFY]
    assert (a.status, a.rule) == ("permitted", "trust_act.notification.a3")
    (r,) = a.records
    assert "statute_text" in [f.confidence for f in r.findings]
    assert "read from the statute's own text in the corpus" in r.summary()
