"""A case dated before the corpus holds a text of some (not all) of the provisions its actions rest on: the actions the
corpus covers on that date are answered from the texts then in force; each other action is answered needs review,
naming the section and the first date the corpus holds its text, with no quoted text; a case none of whose actions
is covered is refused (OutOfCoverage), as before. docs/coverage.md."""

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from sanctuary.cli import app
from sanctuary.engine.rulebook import COVERAGE_RULE, OutOfCoverage, default_rulebook
from sanctuary.vocabulary.load import case_from_data

from testkit import EXAMPLES

DAY = dt.date(2017, 6, 1)
HOLD_2017 = {"as_of": "2017-06-01", "actor": {"kind": "county_jail"},
             "request": {"asks": ["hold"], "documents": ["i247a"], "received_at": "2017-06-01T09:00:00-07:00"}}
UNCOVERED = {"detain_on_hold_request"}


def _decide(data=HOLD_2017, as_of=None):
    return default_rulebook().decide(case_from_data(data), as_of)


def _by_action(d):
    return {a.action: a for a in d.answers}


def test_the_truth_act_copy_duty_is_answered_in_2017_from_the_text_in_force():
    rb = default_rulebook()
    a = _by_action(_decide())["give_person_copy_of_request"]
    assert (a.status, a.rule) == ("required", "truth_act.copy_of_request")
    c = a.citations[0]
    assert c.address == "gov 7283.1(b)" and c.quote == rb.corpus.quote("gov 7283.1(b)", DAY)
    # the corpus's 7283.1 is a later wording whose start it does not know (its front matter): applied at every date,
    # as from 2018 on, and the answer says so; the decision's coverage starts with 7283 (in force 2017-01-01)
    assert c.in_force_from is None and c.caveat and "does not know when" in c.caveat
    assert rb.coverage_start(rb.decision("give_person_copy_of_request"))[0] == dt.date(2017, 1, 1)
    assert a.duty is not None and "copy of the request" in a.duty.what
    assert a.not_in_corpus == []


def test_the_hold_decision_is_needs_review_naming_the_section_and_its_first_date():
    a = _by_action(_decide())["detain_on_hold_request"]
    assert (a.status, a.rule, a.citations, a.trace) == ("needs_review", COVERAGE_RULE, [], [])
    assert "2018-01-01" in a.reason and "2017-06-01" in a.reason
    assert "Gov. Code § 7284" in a.reason
    assert "TRUST Act text in force from 2014-01-01 to 2017-12-31 is not in the corpus" in a.reason
    assert a.not_in_corpus and all(t.first_in_force == dt.date(2018, 1, 1) for t in a.not_in_corpus)
    assert all(t.address.startswith(("gov 7282", "gov 7284")) for t in a.not_in_corpus)
    # the section the coverage start names is among them (one definition of coverage: Rulebook.coverage_start)
    rb = default_rulebook()
    start, section = rb.coverage_start(rb.decision("detain_on_hold_request"))
    assert section in [t.address for t in a.not_in_corpus] and start == dt.date(2018, 1, 1)
    assert a.duty is None and a.penalty is None and a.order is None and a.records == []


def test_no_quoted_text_from_a_version_not_in_force_that_day():
    conv = {"person": {"history": {"convictions": [{"citation": "PC 211", "level": "felony", "date": "2016-04-12"}]}}}
    for data in (HOLD_2017, HOLD_2017 | {"request": HOLD_2017["request"] | {"asks": ["hold", "notification", "transfer"]}} | conv):
        d = _decide(data)
        cited = [c for a in d.answers for c in a.citations]
        cited += [c for i in (d.federal.items if d.federal else []) for c in i.provisions]
        assert cited and all(c.in_force_from is None or c.in_force_from <= DAY for c in cited), \
            [(c.address, c.in_force_from) for c in cited if c.in_force_from and c.in_force_from > DAY]
        for a in d.answers:
            assert (a.rule == COVERAGE_RULE) == (a.citations == []), a.action


def test_hold_notification_transfer_in_2017():
    data = HOLD_2017 | {"request": HOLD_2017["request"] | {"asks": ["hold", "notification", "transfer"]}}
    got = {a.action: (a.status, a.rule) for a in _decide(data).answers}
    assert got["give_person_copy_of_request"] == ("required", "truth_act.copy_of_request")
    assert got["notify_person_of_release_notice"] == ("required", "truth_act.release_notice_to_person")
    for action in ("detain_on_hold_request", "provide_release_date_or_notification", "transfer_to_immigration_authorities"):
        assert got[action] == ("needs_review", COVERAGE_RULE), action


def test_the_case_says_which_actions_are_not_answered_from_the_law():
    d = _decide()
    note = [c for c in d.caveats if "no text in force" in c]
    assert len(note) == 1 and "detain_on_hold_request" not in note[0]  # plain words: the action's title
    assert "Keep the person in custody" in note[0] and "2017-06-01" in note[0]


def test_answer_order_is_the_rulebook_order():
    rb = default_rulebook()
    order = [d.action for d in rb.decisions]
    got = [a.action for a in _decide().answers]
    assert got == sorted(got, key=order.index)


def test_a_case_no_action_of_which_is_covered_is_still_refused():
    # 2016: before the TRUTH Act too
    with pytest.raises(OutOfCoverage, match="is before 2018-01-01.*TRUST Act text in force from 2014-01-01"):
        _decide(HOLD_2017 | {"as_of": "2016-06-01"})
    # AB 450 before 2018: another act, no TRUST Act hint
    with pytest.raises(OutOfCoverage) as e:
        _decide({"as_of": "2017-12-31", "actor": {"kind": "private_employer"}, "request": {"asks": ["worksite_entry"]},
                 "employer": {"area": "nonpublic"}})
    assert "gov 7285.1" in str(e.value) and "TRUST" not in str(e.value)


def test_on_the_first_day_of_the_text_nothing_is_left_uncovered():
    d = _decide(HOLD_2017 | {"as_of": "2018-01-01"})
    assert all(a.rule != COVERAGE_RULE and a.citations for a in d.answers)
    assert not [c for c in d.caveats if "no text in force" in c]


def test_the_day_before_the_truth_act_text_everything_is_refused_and_the_day_of_it_is_answered():
    with pytest.raises(OutOfCoverage):
        _decide(HOLD_2017 | {"as_of": "2016-12-31"})
    a = _by_action(_decide(HOLD_2017 | {"as_of": "2017-01-01"}))
    assert a["give_person_copy_of_request"].status == "required"
    assert a["detain_on_hold_request"].rule == COVERAGE_RULE


def test_rulebook_coverage_of_decisions():
    rb = default_rulebook()
    hold, copy = rb.decision("detain_on_hold_request"), rb.decision("give_person_copy_of_request")
    assert rb.covered(DAY, hold) is False and rb.covered(DAY, copy) is True
    assert rb.covered(dt.date(2018, 1, 1), hold) is True


# ---------------------------------------------------------------- CLI

runner = CliRunner()


def test_cli_decide_2017_text_and_json(tmp_path):
    f = tmp_path / "case.json"
    f.write_text(json.dumps(HOLD_2017))
    r = runner.invoke(app, ["decide", str(f)])
    assert r.exit_code == 0, r.output
    assert "NEEDS REVIEW" in r.stdout and "REQUIRED" in r.stdout and "2018-01-01" in r.stdout
    r = runner.invoke(app, ["decide", str(f), "--json"])
    assert r.exit_code == 0, r.output
    got = {a["action"]: a for a in json.loads(r.stdout)["answers"]}
    assert got["give_person_copy_of_request"]["citations"][0]["address"] == "gov 7283.1(b)"
    hold = got["detain_on_hold_request"]
    assert hold["status"] == "needs_review" and hold["rule"] == COVERAGE_RULE and hold["citations"] == []
    assert {t["first_in_force"] for t in hold["not_in_corpus"]} == {"2018-01-01"}


def test_cli_decide_as_of_on_an_example():
    r = runner.invoke(app, ["decide", str(EXAMPLES / "jail-detainer-robbery-conviction.yaml"), "--as-of", "2017-06-01", "--json"])
    assert r.exit_code == 0, r.output
    got = {a["action"]: a["status"] for a in json.loads(r.stdout)["answers"]}
    assert got["give_person_copy_of_request"] == "required" and got["detain_on_hold_request"] == "needs_review"
    r = runner.invoke(app, ["decide", str(EXAMPLES / "jail-detainer-robbery-conviction.yaml"), "--as-of", "2016-06-01"])
    assert r.exit_code == 2 and "2018-01-01" in r.output


def test_section_floors_name_sections_whose_first_day_the_corpus_does_not_know():
    """section-floors.yaml only dates texts the corpus leaves undated: a floor beside a known in_force_from would be
    a second, competing date for the same text."""
    from sanctuary.engine.rulebook import load_section_floors

    rb = default_rulebook()
    floors = load_section_floors()
    assert floors, "section-floors.yaml is empty"
    for section, day in floors.items():
        versions = rb.corpus.versions(section)
        assert versions, f"{section} is not in the corpus"
        assert versions[0].in_force_from is None, f"{section}: the corpus dates its first text; no floor needed"
        assert isinstance(day, dt.date)
    # 7283.1 (the TRUTH Act duties): nothing answered from it before 2017-01-01
    d = rb.decision("give_person_copy_of_request")
    rule = next(r for r, _ in d.flat() if r.id == "truth_act.copy_of_request")
    assert rb.rule_start(d, rule) == dt.date(2017, 1, 1)
