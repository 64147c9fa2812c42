"""Case tests for the Immigrant Worker Protection Act rules, written from the statute text in the corpus
(Gov. Code 7285.1, 7285.2; Labor Code 90.2, 1019.2) and the July 2018 preliminary injunction (STATUS.md §4)."""

from __future__ import annotations

import datetime as dt

import pytest

from sanctuary.engine.rulebook import OutOfCoverage, default_rulebook
from sanctuary.law.corpus import default_corpus
from sanctuary.vocabulary.load import CaseError, case_from_data

PRIVATE, PUBLIC = "private_employer", "public_employer"
TODAY = "2026-11-02"


def decide(kind=PRIVATE, asks=("worksite_entry",), docs=(), as_of=TODAY, **employer):
    case = {"as_of": as_of, "actor": {"kind": kind}, "request": {"asks": list(asks), "documents": list(docs)},
            "employer": employer}
    d = default_rulebook().decide(case_from_data(case))
    return {a.action: a for a in d.answers}


def answer(action, **kw):
    got = decide(**kw)
    assert action in got, f"{action} not answered: {sorted(got)}"
    return got[action]


def test_every_citation_exists():
    rb = default_rulebook()
    assert not [m for m in rb.missing_citations() if "worker_protection" in m]
    for d in rb.decisions:
        if d.act == "us-ca/worker_protection":
            for r, _ in d.flat():
                assert not any(c.startswith("gov 7285.3") for c in r.cites)


# ---------------------------------------------------------------- Gov. Code 7285.1

ENTRY = "consent_to_worksite_entry"


@pytest.mark.parametrize("kind", [PRIVATE, PUBLIC])
def test_7285_1_a_no_consent_to_nonpublic_area_without_judicial_warrant(kind):
    a = answer(ENTRY, kind=kind, area="nonpublic", as_of="2018-03-01")
    assert (a.status, a.citations[0].address) == ("prohibited", "gov 7285.1(a)")
    assert "gov 7285.1(e)" in [c.address for c in a.citations]  # applies to public and private employers


@pytest.mark.parametrize("doc,status", [("judicial_warrant", "permitted"), ("i205", "prohibited"), ("i200", "prohibited"),
                                        ("subpoena", "prohibited")])
def test_7285_1_a_only_a_judicial_warrant_lifts_it(doc, status):
    a = answer(ENTRY, kind=PUBLIC, docs=[doc], area="nonpublic")
    assert a.status == status and a.citations[0].address == "gov 7285.1(a)"


def test_7285_1_a_public_area_and_unknown_area():
    assert answer(ENTRY, kind=PUBLIC, area="public").status == "permitted"
    a = answer(ENTRY, kind=PUBLIC)  # area not given
    assert a.status == "needs_review" and a.rule == "worker_protection.entry.public_area"


def test_7285_1_a_except_as_otherwise_required_by_federal_law():
    a = answer(ENTRY, kind=PUBLIC, area="nonpublic", federal_law_requires_otherwise=True)
    assert a.status == "needs_review" and a.rule == "worker_protection.entry.federal_law"


def test_7285_1_b_and_d_penalty_and_enforcer():
    a = answer(ENTRY, kind=PUBLIC, area="nonpublic")
    p = a.penalty
    assert p.first_violation == (2000, 5000) and p.subsequent_violation == (5000, 10000)
    assert "Labor Commissioner or the Attorney General" in p.enforced_by and "civil action" in p.how
    assert any("without the consent of the employer" in s and "shall not apply" in s for s in p.not_imposed_if)
    assert p.cites == ["gov 7285.1(b)", "gov 7285.1(d)"]
    quote = default_corpus().quote("gov 7285.1(b)")
    assert "two thousand dollars ($2,000) up to five thousand dollars ($5,000)" in quote


ESCORT = "take_agent_to_nonpublic_area_to_verify_warrant"


@pytest.mark.parametrize("present,status", [(False, "permitted"), (True, "prohibited"), (None, "needs_review")])
def test_7285_1_c_taking_agent_to_verify_warrant(present, status):
    a = answer(ESCORT, kind=PUBLIC, area="nonpublic", escort_to_verify_warrant=True, employees_present_in_area=present)
    assert a.status == status
    if status == "permitted":
        assert a.citations[0].address == "gov 7285.1(c)" and "no consent to search" in a.reason


def test_7285_1_c_not_in_question_without_escort():
    assert ESCORT not in decide(kind=PUBLIC, area="nonpublic")


# The preliminary injunction: signed 2018-07-04, filed 2018-07-05 (STATUS.md §4). Private employers only.
@pytest.mark.parametrize("day,private,public", [
    ("2018-07-03", "prohibited", "prohibited"),
    ("2018-07-04", "needs_review", "prohibited"),   # signed, not yet filed: review
    ("2018-07-05", "unenforceable", "prohibited"),  # filed
    ("2018-07-06", "unenforceable", "prohibited"),
    ("2018-07-10", "unenforceable", "prohibited"),  # after the order on the motion to dismiss
    ("2019-04-19", "unenforceable", "prohibited"),  # after the Ninth Circuit opinion (not appealed as to AB 450's parts)
    (TODAY, "unenforceable", "prohibited"),
])
@pytest.mark.parametrize("action,kw", [
    (ENTRY, {"asks": ["worksite_entry"], "area": "nonpublic"}),
    (ESCORT, {"asks": ["worksite_entry"], "area": "nonpublic", "escort_to_verify_warrant": True, "employees_present_in_area": True}),
    ("consent_to_employee_records_access", {"asks": ["employee_records"]}),
])
def test_injunction_days_around(day, private, public, action, kw):
    a = answer(action, kind=PRIVATE, as_of=day, **kw)
    assert a.status == private
    if private != "prohibited":
        assert a.order is not None and a.order.id.startswith("us-v-ca-pi-2018")
        assert a.penalty is None  # no penalty is shown where the State may not enforce it
    b = answer(action, kind=PUBLIC, as_of=day, **kw)
    assert b.status == public and b.order is None and b.penalty is not None


def test_permitted_answers_are_not_changed_by_the_injunction():
    assert answer(ENTRY, kind=PRIVATE, docs=["judicial_warrant"], area="nonpublic").status == "permitted"


def test_before_ab450_is_refused():
    with pytest.raises(OutOfCoverage):
        decide(kind=PRIVATE, area="nonpublic", as_of="2017-12-31")


# ---------------------------------------------------------------- Gov. Code 7285.2

RECORDS = "consent_to_employee_records_access"


@pytest.mark.parametrize("kind", [PRIVATE, PUBLIC])
def test_7285_2_a_1_no_records_without_subpoena_or_warrant(kind):
    a = answer(RECORDS, kind=kind, asks=["employee_records"], as_of="2018-06-01")
    assert (a.status, a.citations[0].address) == ("prohibited", "gov 7285.2(a)(1)")
    assert a.penalty.first_violation == (2000, 5000) and a.penalty.subsequent_violation == (5000, 10000)


@pytest.mark.parametrize("doc", ["subpoena", "judicial_warrant"])
def test_7285_2_a_1_subpoena_or_judicial_warrant(doc):
    a = answer(RECORDS, kind=PUBLIC, asks=["employee_records"], docs=[doc])
    assert a.status == "permitted" and "federal district court" in a.reason


def test_7285_2_a_1_administrative_warrant_is_not_enough():
    assert answer(RECORDS, kind=PUBLIC, asks=["employee_records"], docs=["i200"]).status == "prohibited"


def test_7285_2_a_1_federal_law():
    a = answer(RECORDS, kind=PUBLIC, asks=["employee_records"], federal_law_requires_otherwise=True)
    assert a.status == "needs_review"


def test_7285_2_a_2_i9_forms_with_notice_of_inspection():
    a = answer(RECORDS, kind=PRIVATE, asks=["i9_inspection"], docs=["notice_of_inspection"], as_of="2018-06-01")
    assert (a.status, a.citations[0].address) == ("permitted", "gov 7285.2(a)(2)")


def test_7285_2_a_2_other_records_only_if_the_notice_covers_them():
    kw = dict(kind=PUBLIC, asks=["employee_records"], docs=["notice_of_inspection"])
    assert answer(RECORDS, records_covered_by_notice_of_inspection=True, **kw).status == "permitted"
    assert answer(RECORDS, records_covered_by_notice_of_inspection=False, **kw).status == "prohibited"
    a = answer(RECORDS, **kw)  # not said which documents the Notice covers
    assert a.status == "needs_review" and a.rule == "worker_protection.records.notice_of_inspection"


def test_7285_2_a_2_i9_without_notice_is_a_record():
    assert answer(RECORDS, kind=PUBLIC, asks=["i9_inspection"]).status == "prohibited"


def test_7285_2_b_c_penalty_enforcer_and_incomplete_text():
    a = answer(RECORDS, kind=PUBLIC, asks=["employee_records"])
    assert "Labor Commissioner or the Attorney General" in a.penalty.enforced_by
    assert any("without the consent" in s for s in a.penalty.not_imposed_if)
    c = {x.address: x for x in a.citations}
    assert c["gov 7285.2(c)"].incomplete  # the corpus lacks the end of (c); the answer says so
    assert "13 words missing" in a.reason


# ---------------------------------------------------------------- Labor Code 90.2

POSTING, REP, COPY, RESULTS = ("post_notice_of_inspection", "notify_representative_of_inspection",
                               "give_employee_copy_of_notice_of_inspection", "notify_affected_employees_of_results")
NOI = dict(asks=["i9_inspection"], docs=["notice_of_inspection"])


@pytest.mark.parametrize("kind", [PRIVATE, PUBLIC])
@pytest.mark.parametrize("day", ["2018-01-01", "2018-07-03", "2018-07-04", "2018-07-05", "2018-07-09", "2018-07-10", TODAY])
def test_90_2_a_1_posting_required_for_both_kinds_on_every_day(kind, day):
    """The PI was denied as to 90.2 and the claim against it dismissed (2018-07-09): the duty stays."""
    a = answer(POSTING, kind=kind, as_of=day, notice_of_inspection_received_at=f"{day}T10:00:00", **NOI)
    assert a.status == "required" and a.order is None
    cited = [c.address for c in a.citations]
    assert cited[0] == "lab 90.2(a)(1)"
    assert {"lab 90.2(a)(1)(A)", "lab 90.2(a)(1)(B)", "lab 90.2(a)(1)(C)", "lab 90.2(a)(1)(D)", "lab 90.2(e)"} <= set(cited)
    assert a.duty.deadline_hours == 72 and a.duty.due_by is not None
    assert a.penalty.first_violation == (2000, 5000) and a.penalty.enforced_by.startswith("the Labor Commissioner")


def test_90_2_a_1_federal_law_and_federal_direction():
    assert answer(POSTING, kind=PUBLIC, federal_law_requires_otherwise=True, **NOI).status == "needs_review"
    a = answer(POSTING, kind=PUBLIC, federal_direction_not_to_notify=True, **NOI)
    assert a.status == "needs_review" and a.citations[0].address == "lab 90.2(c)"


def test_90_2_a_1_records_request_without_notice():
    # a mere visit (no Notice of Inspection, subpoena, warrant or order): not required yet (STATUS.md §4, the FAQ:
    # "triggered by receipt of a Notice of Inspection, not by a mere visit"); a subpoena without a Notice: open
    a = answer(POSTING, kind=PUBLIC, asks=["employee_records"])
    assert (a.status, a.rule) == ("permitted", "worker_protection.posting.no_notice_received")
    assert "lab 90.2(a)(1)(D)" in [c.address for c in a.citations]
    for doc in ("subpoena", "judicial_subpoena", "judicial_warrant", "court_order"):
        assert answer(POSTING, kind=PUBLIC, asks=["employee_records"], docs=[doc]).status == "needs_review"


@pytest.mark.parametrize("rep,status", [(True, "required"), (False, "permitted"), (None, "needs_review")])
def test_90_2_a_1_and_d_authorized_representative(rep, status):
    a = answer(REP, kind=PRIVATE, employees_have_authorized_representative=rep,
               notice_of_inspection_received_at="2026-01-09T17:00:00", **NOI)
    assert a.status == status
    if status == "required":
        assert "lab 90.2(d)" in [c.address for c in a.citations]
        assert a.duty.due_by.isoformat() == "2026-01-12T17:00:00-08:00"


def test_90_2_a_3_copy_of_notice_on_request():
    a = answer(COPY, kind=PUBLIC, employee_requested_notice_copy=True, **NOI)
    assert a.status == "required" and a.citations[0].address == "lab 90.2(a)(3)"
    assert COPY not in decide(kind=PUBLIC, **NOI)


def test_90_2_a_2_is_the_labor_commissioners_duty_not_the_employers():
    rb = default_rulebook()
    assert not any(c.startswith("lab 90.2(a)(2)") for d, r, c in rb.citations())


RES = dict(asks=["i9_inspection"], docs=["notice_of_inspection", "inspection_results_notice"])
ONE_AFFECTED = [{"reference": "E1", "deficiencies": ["Section 1 not signed"]}]


@pytest.mark.parametrize("kind", [PRIVATE, PUBLIC])
def test_90_2_b_1_results_notice(kind):
    a = answer(RESULTS, kind=kind, results_received_at="2026-04-10T09:00:00", affected_employees=ONE_AFFECTED, **RES)
    assert a.status == "required"
    cited = [c.address for c in a.citations]
    assert {"lab 90.2(b)(1)(A)", "lab 90.2(b)(1)(B)", "lab 90.2(b)(1)(C)", "lab 90.2(b)(1)(D)", "lab 90.2(b)(2)"} <= set(cited)
    assert a.duty.due_by.isoformat() == "2026-04-13T09:00:00-07:00"
    assert "by hand" in a.duty.what


def test_90_2_b_2_no_affected_employee():
    a = answer(RESULTS, kind=PUBLIC, affected_employees=[], **RES)
    assert a.status == "permitted" and a.citations[0].address == "lab 90.2(b)(2)"
    assert answer(RESULTS, kind=PUBLIC, **RES).status == "needs_review"  # affected employees not given


def test_90_2_c_penalty_and_federal_direction():
    a = answer(RESULTS, kind=PUBLIC, affected_employees=ONE_AFFECTED, **RES)
    assert a.penalty.cites == ["lab 90.2(c)"] and a.penalty.subsequent_violation == (5000, 10000)
    assert any("express and specific direction" in s for s in a.penalty.not_imposed_if)
    b = answer(RESULTS, kind=PUBLIC, affected_employees=ONE_AFFECTED, federal_direction_not_to_notify=True, **RES)
    assert b.status == "needs_review" and b.rule == "worker_protection.results.federal_direction"


# ---------------------------------------------------------------- deadlines: 72 elapsed hours

@pytest.mark.parametrize("received,due", [
    ("2026-01-09T17:00:00", "2026-01-12T17:00:00-08:00"),          # Friday -> Monday across a weekend
    ("2026-03-06T15:30:00", "2026-03-09T16:30:00-07:00"),          # spring forward (8 March 2026): 72 h, wall clock +1
    ("2026-10-30T12:00:00", "2026-11-02T11:00:00-08:00"),          # fall back (1 November 2026): wall clock -1
    ("2026-03-07T10:00:00+00:00", "2026-03-10T10:00:00+00:00"),    # a time given with an offset keeps it
])
def test_deadline_72_elapsed_hours(received, due):
    a = answer(POSTING, kind=PRIVATE, notice_of_inspection_received_at=received, **NOI)
    assert a.duty.due_by.isoformat() == due
    start = dt.datetime.fromisoformat(received)
    start = start if start.tzinfo else start.replace(tzinfo=__import__("zoneinfo").ZoneInfo("America/Los_Angeles"))
    # (subtracting two times of the same zone in Python is wall-clock arithmetic, so compare in UTC)
    assert (a.duty.due_by.astimezone(dt.timezone.utc) - start.astimezone(dt.timezone.utc)) == dt.timedelta(hours=72)


def test_results_deadline_runs_from_results_not_from_notice():
    got = decide(kind=PUBLIC, notice_of_inspection_received_at="2026-03-02T09:00:00",
                 results_received_at="2026-03-20T14:00:00", affected_employees=ONE_AFFECTED, **RES)
    assert got[POSTING].duty.due_by.isoformat() == "2026-03-05T09:00:00-08:00"
    assert got[RESULTS].duty.due_by.isoformat() == "2026-03-23T14:00:00-07:00"


def test_results_before_notice_is_refused():
    with pytest.raises(CaseError):
        decide(kind=PUBLIC, notice_of_inspection_received_at="2026-03-02T09:00:00",
               results_received_at="2026-03-01T09:00:00", **RES)


# ---------------------------------------------------------------- Labor Code 1019.2

REVERIFY = "reverify_current_employee"
ALL_FALSE = dict(required_by_federal_law=False, consistent_with_8_cfr_274a_2_b_1_vii=False, employer_knows_unauthorized=False,
                 reminder_90_days_before=False, correcting_i9_errors=False, e_verify_mou_compliance=False)


def rev(kind=PUBLIC, as_of=TODAY, **facts):
    return answer(REVERIFY, kind=kind, asks=["reverification"], as_of=as_of, reverification={**ALL_FALSE, **facts})


def test_1019_2_a_and_b_prohibited_with_penalty():
    a = rev()
    assert (a.status, a.citations[0].address) == ("prohibited", "lab 1019.2(a)")
    assert a.penalty.first_violation == (0, 10000) and "Labor Commissioner" in a.penalty.enforced_by
    assert a.penalty.cites == ["lab 1019.2(b)(1)", "lab 1019.2(b)(2)"]
    assert any("1019.1" in s for s in a.penalty.not_imposed_if)


@pytest.mark.parametrize("fact,cite", [
    ("consistent_with_8_cfr_274a_2_b_1_vii", "lab 1019.2(c)(1)"),
    ("employer_knows_unauthorized", "lab 1019.2(c)(2)"),
    ("reminder_90_days_before", "lab 1019.2(c)(3)"),
    ("correcting_i9_errors", "lab 1019.2(c)(4)"),
    ("e_verify_mou_compliance", "lab 1019.2(d)"),
    ("required_by_federal_law", "lab 1019.2(a)"),
])
@pytest.mark.parametrize("kind", [PRIVATE, PUBLIC])
def test_1019_2_c_d_allowances(fact, cite, kind):
    a = rev(kind=kind, **{fact: True})
    assert (a.status, a.citations[0].address) == ("permitted", cite)


def test_1019_2_e_knowing_is_cited():
    assert "lab 1019.2(e)" in [c.address for c in rev(employer_knows_unauthorized=True).citations]


def test_1019_2_unknown_facts_need_review():
    a = answer(REVERIFY, kind=PUBLIC, asks=["reverification"])
    assert a.status == "needs_review"


@pytest.mark.parametrize("day,private", [("2019-09-27", "unenforceable"), ("2020-06-16", "unenforceable"), (TODAY, "unenforceable")])
def test_1019_2_injunction_private_only(day, private):
    a = rev(kind=PRIVATE, as_of=day)
    assert a.status == private and a.order.id == "us-v-ca-pi-2018#0"
    assert rev(kind=PUBLIC, as_of=day).status == "prohibited"


@pytest.mark.parametrize("day", ["2018-07-03", "2018-07-04"])
def test_1019_2_before_the_text_in_the_corpus_is_refused(day):
    """The corpus holds only the SB 112 text in force from 2019-09-27; the 2018 text the order enjoined is not in it."""
    with pytest.raises(OutOfCoverage, match="2019-09-27"):
        rev(kind=PRIVATE, as_of=day)


@pytest.mark.parametrize("day", ["2018-07-05", "2019-09-26"])
def test_1019_2_before_the_text_is_answered_by_the_order_for_a_private_employer(day):
    """From the filed order on, 1019.2 cannot be enforced against a private employer whatever its 2018 text said
    (tests/test_enjoined_without_text.py); a public employer is still refused."""
    a = rev(kind=PRIVATE, as_of=day)
    assert (a.status, a.rule, a.citations, a.order.id) == ("unenforceable", "coverage.enjoined_without_text", [],
                                                           "us-v-ca-pi-2018#0")
    with pytest.raises(OutOfCoverage, match="2019-09-27"):
        rev(kind=PUBLIC, as_of=day)


def test_not_an_employer():
    with pytest.raises(ValueError, match="no rule"):
        decide(kind="city_police")


def test_1019_1_a_4_named_beside_the_enjoined_1019_2():
    """1019.1(a)(4) ("Attempt to reinvestigate or reverify an incumbent employee's authorization to work using an
    unfair immigration-related practice") is not among the provisions the July 2018 order names (1019.2(a), (b)):
    a private employer told that 1019.2 is unenforceable is also shown the section that still applies."""
    a = rev(kind=PRIVATE)
    assert a.status == "unenforceable" and a.citations[0].address == "lab 1019.2(a)"
    cited = [c.address for c in a.citations]
    assert "lab 1019.1(a)(4)" in cited and "lab 1019(b)(1)" in cited
    assert "unfair immigration-related practice" in a.reason
