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
    with pytest.raises(OutOfCoverage, match="is before 2018-01-01"):
        default_rulebook().decide(_case(), as_of=dt.date(2017, 12, 31))


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
