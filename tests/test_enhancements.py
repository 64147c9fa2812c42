"""Enhancements of a conviction reach the offense classifier in the engine's facts (single case), and the answer's
record details say which enhancement made the record count. Case tests: tests/cases/us_ca/enhancements.yaml; bulk:
tests/bulk/test_bulk_enhancements.py; web: tests/service/test_web_enhancements.py."""

import datetime as dt
import re

import pytest

from sanctuary.engine.rulebook import default_rulebook
from sanctuary.law.corpus import default_corpus
from sanctuary.offenses.classify import classify
from sanctuary.vocabulary.facts import case_facts
from sanctuary.vocabulary.load import case_from_data

TRANSFER = "transfer_to_immigration_authorities"


def case(*convictions, asks=("transfer",)):
    return case_from_data({"as_of": "2026-11-02", "actor": {"kind": "county_jail"},
                           "request": {"asks": list(asks), "documents": ["i247a"]},
                           "person": {"history": {"convictions": list(convictions)}}})


def transfer(*convictions):
    d = default_rulebook().decide(case(*convictions))
    return next(a for a in d.answers if a.action == TRANSFER)


def quoted(reason: str) -> str:
    """The list item's words a finding quotes (without a trailing '...')."""
    m = re.search(r'"(.+?)"', reason)
    assert m, reason
    return m.group(1).removesuffix("...")


def corpus_text(address: str) -> str:
    _, p = default_corpus().provision(address)
    return " ".join(p.full_text().split())


def test_great_bodily_injury_enhancement_makes_grand_theft_count_and_says_so():
    a = transfer({"citation": "PC 487(a)", "level": "felony", "date": "2005-03-01", "enhancements": ["PC 12022.7(a)"]})
    assert (a.status, a.rule, a.citations[0].address) == ("permitted", "trust_act.transfer.a1", "gov 7282.5(a)(1)")
    [r] = a.records
    assert (r.outcome, r.citation, r.test_reference) == ("met", "PC 487(a)", "gov 7282.5(a)(1)")
    assert r.enhancements == ["PC 12022.7(a)"] and r.counted_by_enhancements == ["PC 12022.7(a)"]
    [f] = r.findings
    assert (f.category, f.item, f.confidence) == ("violent_felony", "pen 667.5(c)(8)", "listed")
    assert "the enhancement Pen. Code § 12022.7(a)" in f.reason
    # the words quoted are the corpus's words of 667.5(c)(8)
    assert quoted(f.reason) in corpus_text("pen 667.5(c)(8)")
    assert "with enhancement PC 12022.7(a) (which makes it count)" in r.summary()


def test_firearm_enhancement_is_1192_7_c_40_and_667_5_c_22_as_the_corpus_words_them():
    a = transfer({"citation": "PC 459", "level": "felony", "date": "2001-03-01", "enhancements": ["PC 12022.53(b)"]})
    assert a.status == "permitted"
    [r] = a.records
    by_item = {f.item: f for f in r.findings}
    assert set(by_item) == {"pen 1192.7(c)(40)", "pen 667.5(c)(22)"}
    assert quoted(by_item["pen 1192.7(c)(40)"].reason) == "any violation of Section 12022.53"
    assert "(40) any violation of Section 12022.53;" in corpus_text("pen 1192.7(c)")
    assert "(22) " + quoted(by_item["pen 667.5(c)(22)"].reason) == corpus_text("pen 667.5(c)(22)")
    assert r.counted_by_enhancements == ["PC 12022.53(b)"]


def test_a_record_that_counts_by_its_citation_names_no_enhancement_as_the_cause():
    a = transfer({"citation": "PC 211", "level": "felony", "date": "2001-05-01",
                  "enhancements": ["PC 12022.6(a)(1)", "PC 12022.7(a)"]})
    assert a.status == "permitted"
    [r] = a.records
    assert r.enhancements == ["PC 12022.6(a)(1)", "PC 12022.7(a)"] and r.counted_by_enhancements == []


def test_only_the_enhancement_that_counts_is_named():
    a = transfer({"citation": "PC 487(a)", "level": "felony", "date": "2005-03-01",
                  "enhancements": ["PC 12022.6(a)(1)", "PC 12022.7(a)"]})
    [r] = a.records
    assert r.counted_by_enhancements == ["PC 12022.7(a)"]


@pytest.mark.parametrize("citation,level,enh", [
    ("PC 487(a)", "felony", ["PC 12022.7(a)"]), ("PC 487(a)", "misdemeanor", ["PC 12022.7(a)"]),
    ("PC 487(a)", "felony", ["PC 12022.6(a)(1)"]), ("PC 459", "felony", ["PC 12022.53(b)", "PC 186.22(b)(1)"]),
    ("PC 602", "misdemeanor", ["PC 12022.1(b)"]), ("PC 487(a)", "felony", []),
])
def test_engine_facts_are_the_classifiers_answers_with_the_enhancements(citation, level, enh):
    """What `sanctuary offense --enhancement` classifies is what the engine reads."""
    _, recs = case_facts(case({"citation": citation, "level": level, "date": "2005-03-01", "enhancements": enh}),
                         dt.date(2026, 11, 2))
    c = classify(citation, level, enhancements=enh)
    r = recs["convictions"][0]
    assert (r["cls_serious_or_violent"], r["cls_state_prison"], r["cls_a3_listed"], r["cls_wobbler"], r["cls_prop47"]) == (
        c.serious_or_violent_felony, c.state_prison_felony, c.a3_listed, c.wobbler, c.prop47_misdemeanor)
    assert r["conv_enhancements"] == tuple(enh)


def test_enhancements_of_a_conviction_outside_california_are_not_read_by_the_california_lists():
    a = transfer({"citation": "TX PC 22.02", "level": "felony", "date": "2005-03-01", "jurisdiction": "other_state",
                  "enhancements": ["PC 12022.7(a)"]})
    assert a.status == "needs_review"
