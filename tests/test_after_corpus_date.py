"""A date after the corpus's last check against its sources (MANIFEST covers_until) is answered with the statutes
and court orders known then, and every such answer says so; a date before the first text in force stays refused."""

import datetime as dt

import pytest

from sanctuary.engine.rulebook import OutOfCoverage, default_rulebook
from sanctuary.vocabulary.load import load_case
from testkit import EXAMPLES


def _case(name="jail-detainer-robbery-conviction.yaml"):
    return load_case(EXAMPLES / name)


def test_day_after_the_last_check_is_answered_with_a_caveat():
    rb = default_rulebook()
    assert rb.covers_until is not None
    after = rb.covers_until + dt.timedelta(days=1)
    on, later = rb.decide(_case(), as_of=rb.covers_until), rb.decide(_case(), as_of=after)
    assert not any("last checked" in c for c in on.caveats)
    assert later.caveats[0].startswith(f"The law corpus was last checked against its sources on {rb.covers_until}")
    assert str(after) in later.caveats[0]
    # the same law: the same answers
    assert [(a.action, a.status, a.rule) for a in later.answers] == [(a.action, a.status, a.rule) for a in on.answers]


def test_before_the_first_text_is_still_refused():
    # 2016: no action of this case is covered (the TRUTH Act duties are from 2017-01-01, the first text of 7283 in the corpus)
    with pytest.raises(OutOfCoverage, match="is before 2018-01-01"):
        default_rulebook().decide(_case(), as_of=dt.date(2016, 12, 31))


def test_before_some_texts_the_others_are_answered():
    # 2017-12-31: 7283.1 is in force, 7282.5 and 7284.6 are not yet: those actions are needs review (tests/test_partial_coverage.py)
    d = default_rulebook().decide(_case(), as_of=dt.date(2017, 12, 31))
    got = {a.action: (a.status, a.rule) for a in d.answers}
    assert got["give_person_copy_of_request"] == ("required", "truth_act.copy_of_request")
    assert got["detain_on_hold_request"] == ("needs_review", "coverage.no_text_in_force")


def test_bulk_counts_requests_after_the_last_check(tmp_path):
    from sanctuary.bulk.audit import run

    rb = default_rulebook()
    after = rb.covers_until + dt.timedelta(days=30)
    rp, hp = tmp_path / "r.csv", tmp_path / "h.csv"
    rp.write_text("request_id,received_date,actor_kind,request_kind,person_id,agency_response\n"
                  f"a,{rb.covers_until},county_jail,transfer,P1,declined\n"
                  f"b,{after},county_jail,transfer,P1,declined\n")
    hp.write_text("person_id,record_type,citation,level,date\n")
    counts = run(rp, hp, tmp_path / "out", rb=rb)
    assert counts["requests_accepted"] == 2 and counts["requests_rejected"] == 0
    assert counts["requests_after_corpus_date"] == 1
    html = (tmp_path / "out" / "report.html").read_text()
    assert f"received after {rb.covers_until}" in html
