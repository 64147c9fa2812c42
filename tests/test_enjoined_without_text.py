"""An action the corpus holds no text for on the date asked, which a court order in force that day decides whatever
the text said (Rulebook.orders_deciding, enjoined_overlay): Lab. Code 1019.2, whose text before SB 112 (in force
2019-09-27) is not in the corpus, as applied to private employers from the 2018-07-05 preliminary injunction
("PRELIMINARILY ENJOIN[ED] ... from enforcing ... California Labor Code Section 1019.2(a)&(b) as applied to private
employers", court-orders.yaml). Bulk: tests/bulk/test_partial_coverage_bulk.py."""

import datetime as dt

import pytest

from sanctuary.engine.rulebook import COVERAGE_RULE, ENJOINED_RULE, OutOfCoverage, default_rulebook
from sanctuary.vocabulary.load import case_from_data

REVERIFY = "reverify_current_employee"


def decide(kind, as_of, asks=("reverification",)):
    return default_rulebook().decide(case_from_data({"as_of": as_of, "actor": {"kind": kind}, "request": {"asks": list(asks)}}))


def test_private_employer_after_the_injunction_is_unenforceable_without_a_text():
    d = decide("private_employer", "2018-09-01")
    (a,) = d.answers
    assert (a.action, a.status, a.rule) == (REVERIFY, "unenforceable", ENJOINED_RULE)
    assert a.citations == []  # no words of a text not in force that day
    assert a.order is not None and a.order.id == "us-v-ca-pi-2018#0" and a.order.start == dt.date(2018, 7, 5)
    assert [(t.address, t.first_in_force) for t in a.not_in_corpus] == [("lab 1019.2", dt.date(2019, 9, 27))]
    assert "2018-09-01" in a.reason and "unenforceable" in a.reason
    assert not any("answered needs review" in c for c in d.caveats)


@pytest.mark.parametrize("kind,as_of", [
    ("private_employer", "2018-07-04"),  # signed, not yet filed: that day's overlay is needs review, not unenforceable
    ("private_employer", "2018-06-01"),  # before the order
    ("public_employer", "2018-09-01"),   # the order reaches private employers only
])
def test_without_the_order_the_date_is_still_refused(kind, as_of):
    with pytest.raises(OutOfCoverage, match="lab 1019.2"):
        decide(kind, as_of)


def test_beside_another_ask_the_others_are_answered_from_their_texts():
    d = decide("public_employer", "2018-09-01", asks=("reverification", "worksite_entry"))
    by = {a.action: a for a in d.answers}
    assert by[REVERIFY].rule == COVERAGE_RULE and by[REVERIFY].status == "needs_review"
    d = decide("private_employer", "2018-09-01", asks=("reverification", "worksite_entry"))
    by = {a.action: a for a in d.answers}
    assert by[REVERIFY].rule == ENJOINED_RULE
    assert by["consent_to_worksite_entry"].citations  # 7285.1 has its 2018 text


def test_after_the_text_the_rules_decide_as_before():
    (a,) = decide("private_employer", "2019-10-01").answers
    assert a.rule != ENJOINED_RULE and a.status == "unenforceable" and a.citations
