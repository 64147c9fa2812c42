"""Attempts ("664/211") and conspiracies ("182/211", "182(a)(1)/211") against the lists of Gov. Code 7282.5, as
the corpus texts word them:

- Pen. Code 1192.7(c)(39) "any attempt to commit a crime listed in this subdivision other than an assault";
- 1192.7(c)(43) "any conspiracy to commit an offense described in this subdivision";
- 667.5(c) has no such item: it names one attempt, (12) "Attempted murder.", and no conspiracy;
- Gov. Code 7282.5(a)(3)(P) "An attempt, as defined in Section 664 of, or a conspiracy, as defined in Section 182 of,
  the Penal Code, to commit an offense specified in this section."

An item that names an offense does not name its attempt ("(9) Any robbery." is not attempted robbery)."""

from __future__ import annotations

import datetime as dt

import pytest

from sanctuary.engine.rulebook import default_rulebook
from sanctuary.law.corpus import default_corpus
from sanctuary.offenses import classify as classify_module
from sanctuary.offenses import doj
from sanctuary.offenses.citations import Citation, CitationError, parse_citation
from sanctuary.offenses.classify import classify
from sanctuary.offenses.lists import items
from sanctuary.vocabulary.load import case_from_data

ITEM_39 = "pen 1192.7(c)(39)"
ITEM_43 = "pen 1192.7(c)(43)"
P = "gov 7282.5(a)(3)(P)"


def _with_item(cls, item, confidence=None):
    return [f for f in cls.findings if f.item == item and (confidence is None or f.confidence == confidence)]


def _counting(cls, category="serious_felony"):
    """Findings that make the conviction count (listed / doj_description) in a category."""
    return [f for f in cls.findings if f.category.startswith(category) and f.confidence != "needs_review"]


# ---- reading the citations -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("PC 664/211", Citation("pen", "211", (), None, "664")),
    ("664/187", Citation("pen", "187", (), None, "664")),
    ("664/187(A) F", Citation("pen", "187", ("a",), "felony", "664")),
    ("182/211", Citation("pen", "211", (), None, "182")),
    ("PC 182(a)(1)/211", Citation("pen", "211", (), None, "182(a)(1)")),
    ("182(A)(1)/211 PC F", Citation("pen", "211", (), "felony", "182(a)(1)")),
    ("Pen. Code, §§ 182, subd. (a)(1)/211", Citation("pen", "211", (), None, "182(a)(1)")),
    ("PC 664(a)/187(a)", Citation("pen", "187", ("a",), None, "664(a)")),
])
def test_reads_attempts_and_conspiracies(text, expected):
    c = parse_citation(text)
    assert c == expected
    assert parse_citation(str(c)) == c  # the canonical form reads back
    assert c.inchoate_kind == {"664": "attempt", "182": "conspiracy"}[c.inchoate_section]


def test_conspiracy_subdivision_in_the_canonical_form_and_display():
    c = parse_citation("PC 182(a)(1)/211")
    assert str(c) == "pen 182(a)(1)/211"
    assert c.display == "Pen. Code §§ 182(a)(1)/211"
    assert c.target() == Citation("pen", "211")


@pytest.mark.parametrize("text", ["VC 664/187", "664/187 HS", "664/", "182(a)(1)/", "PC 182(a)(1)"])
def test_inchoate_prefix_needs_a_penal_code_target(text):
    if text == "PC 182(a)(1)":  # 182(a)(1) alone is an ordinary citation of section 182
        assert parse_citation(text) == Citation("pen", "182", ("a", "1"))
        return
    with pytest.raises(CitationError) as e:
        parse_citation(text)
    assert repr(text) in str(e.value)


# ---- the corpus words this module implements -------------------------------------------------------------------

def test_the_items_quoted_are_the_corpus_words():
    sf = {it["item"]: it["words"] for it in items("serious_felony")}
    assert sf["39"] == classify_module.ITEM_39_WORDS == "any attempt to commit a crime listed in this subdivision other than an assault"
    assert sf["43"] == classify_module.ITEM_43_WORDS == "any conspiracy to commit an offense described in this subdivision"
    text = default_corpus().quote("pen 1192.7(c)", dt.date(2026, 1, 1))
    assert "(39) any attempt to commit a crime listed in this subdivision other than an assault;" in text
    assert "(43) any conspiracy to commit an offense described in this subdivision." in text
    vf = {it["item"]: it["words"] for it in items("violent_felony")}
    assert [k for k, w in vf.items() if "attempt" in w.lower()] == ["12"]  # 667.5(c): only (12) "Attempted murder."
    assert not [k for k, w in vf.items() if "conspir" in w.lower()]


# ---- 1192.7(c)(39): attempts -------------------------------------------------------------------------------------

def test_attempted_robbery_is_a_serious_felony_through_item_39():
    cls = classify("PC 664/211", "felony")
    assert cls.serious_or_violent_felony is True
    [f] = _with_item(cls, ITEM_39, "doj_description")
    assert f.category == "serious_felony" and f.reference == "pen 1192.7(c)"
    assert "(c)(19)" in f.reason and "robbery" in f.reason and "other than an assault" in f.reason
    assert "12004 ROBBERY" in f.doj_rows
    assert default_corpus().exists(f.reference)
    # a misdemeanor is not a felony; level unknown stays open
    assert classify("PC 664/211", "misdemeanor").serious_or_violent_felony is False
    assert classify("PC 664/211", None).serious_or_violent_felony is None


@pytest.mark.parametrize("text, named", [
    ("PC 664/422", "(c)(38)"),  # criminal threats, named by section
    ("PC 664/136.1", "(c)(37)"),
    ("PC 664/246", "(c)(33)"),
    ("PC 664/26100(c)", "(c)(36)"),
    ("PC 664/11418(b)", "(c)(41)"),
])
def test_attempt_of_a_crime_the_subdivision_names_by_section(text, named):
    cls = classify(text, "felony")
    assert cls.serious_or_violent_felony is True
    [f] = _with_item(cls, ITEM_39, "listed")
    assert named in f.reason


@pytest.mark.parametrize("text", ["PC 664/203", "PC 664/207(a)", "PC 664/215", "PC 664/460(a)", "PC 664/192(a)"])
def test_attempt_of_a_crime_matched_by_the_doj_description(text):
    cls = classify(text, "felony")
    assert cls.serious_or_violent_felony is True
    assert _with_item(cls, ITEM_39, "doj_description")


@pytest.mark.parametrize("text, item", [
    ("PC 664/245", "(c)(31)"), ("PC 664/245(a)(1)", "(c)(31)"), ("PC 664/245(c)", "(c)(31)"),
    ("PC 664/220", "(c)(29)"), ("PC 664/245.2", "(c)(32)"), ("PC 664/245.5(a)", "(c)(32)"),
])
def test_attempted_assault_is_not_serious_through_item_39(text, item):
    """(39) "other than an assault": (31), (29), (32) name assaults, so their attempts are not reached by (39)."""
    cls = classify(text, "felony")
    assert cls.serious_or_violent_felony is None  # (8), (23) and the other word items may still reach the felony
    assert not _counting(cls)
    [f] = _with_item(cls, ITEM_39)
    assert f.confidence == "needs_review"
    assert item in f.reason and "assault" in f.reason and "does not reach" in f.reason


def test_attempt_of_a_section_another_corpus_text_calls_an_assault_needs_review():
    """(30) "throwing acid or flammable substances, in violation of Section 244" does not say assault, but Gov. Code
    7282.5(a)(3)(A) lists Section 244 under "Assault": whether it is "an assault" is for review."""
    cls = classify("PC 664/244", "felony")
    assert cls.serious_or_violent_felony is None
    assert not _counting(cls)
    [f] = _with_item(cls, ITEM_39)
    # (the attempt is open first because 244's only DOJ row, "ASLT W/CAUSTIC CHEM/ETC", is outside (30)'s words:
    # tests/offenses/test_qualified_namings.py)
    assert f.confidence == "needs_review" and "(c)(30)" in f.reason
    assert "7282.5(a)(3)(A)" in f.reason or "CAUSTIC CHEM" in f.reason


@pytest.mark.parametrize("text, why", [
    ("PC 664/459", "burglary"),  # (18) "any burglary of the first degree": the degree is not in the citation
    ("PC 664/205", None),  # "AGGRAVATED MAYHEM" is not the words "mayhem"
    ("PC 664/192", "192(a)"),  # less specific than the mapped 192(a)
    ("PC 664/289(a)(1)", "(c)(25)"),  # (25) "where the act is accomplished against the victim's will..."
    ("PC 664/236.1(c)", "(c)(42)"),  # (42) "except ..."
    ("PC 664/191.5", "1192.8(a)"),  # 1192.8(a): "when any of these offenses involve ..."
])
def test_attempt_of_an_offense_the_classifier_cannot_place_stays_needs_review(text, why):
    cls = classify(text, "felony")
    assert cls.serious_or_violent_felony is None
    assert not _counting(cls), _counting(cls)
    if why:
        assert any(why in f.reason for f in cls.findings if f.category == "serious_felony" and f.confidence == "needs_review")


@pytest.mark.parametrize("text", ["PC 664/484", "PC 664/487(c)", "PC 664/594"])
def test_attempt_of_an_unlisted_offense_is_not_serious(text):
    cls = classify(text, "felony")
    assert cls.serious_or_violent_felony is None  # as for any unlisted felony: word items may reach it
    assert not _counting(cls)
    assert all(f.confidence == "needs_review" and "cannot place" in f.reason for f in _with_item(cls, ITEM_39))
    assert classify(text, "misdemeanor").serious_or_violent_felony is False


def test_attempted_murder_is_item_9_and_39_and_violent_through_667_5_c_12():
    for text in ("664/187(a) PC", "PC 664/187", "664/187"):
        cls = classify(text, "felony")
        assert cls.serious_or_violent_felony is True
        assert _with_item(cls, ITEM_39, "doj_description")
        assert _with_item(cls, "pen 1192.7(c)(9)", "doj_description")
        [v] = _with_item(cls, "pen 667.5(c)(12)", "doj_description")
        assert v.category == "violent_felony" and v.reference == "pen 667.5(c)(12)"
        assert "Attempted murder" in v.reason


def test_667_5_c_names_no_attempt_of_robbery():
    """667.5(c)(9) "Any robbery." names robbery, not its attempt: the 667.5(c) finding is not a match."""
    cls = classify("PC 664/211", "felony")
    assert not _counting(cls, "violent_felony")
    notes = [f for f in cls.findings if f.category == "violent_felony"]
    assert notes and all(f.confidence == "needs_review" for f in notes)
    assert any("(12)" in f.reason and "(9)" in f.reason for f in notes)


def test_attempt_with_an_enhancement_the_list_names_still_counts_by_the_enhancement():
    cls = classify("PC 664/245", "felony", enhancements=["PC 12022.53(d)"])
    assert cls.serious_or_violent_felony is True


# ---- 1192.7(c)(43): conspiracies ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["PC 182/211", "PC 182(a)(1)/211", "182(A)(1)/211 PC"])
def test_conspiracy_to_rob_is_a_serious_felony_through_item_43(text):
    cls = classify(text, "felony")
    assert cls.serious_or_violent_felony is True
    [f] = _with_item(cls, ITEM_43)
    assert f.confidence == "doj_description" and "(c)(19)" in f.reason and "12004 ROBBERY" in f.doj_rows
    assert not _counting(cls, "violent_felony")  # 667.5(c) names no conspiracy


def test_conspiracy_to_assault_is_item_43_no_assault_exception():
    cls = classify("PC 182/245(a)(1)", "felony")
    assert cls.serious_or_violent_felony is True
    [f] = _with_item(cls, ITEM_43, "listed")
    assert "(c)(31)" in f.reason


@pytest.mark.parametrize("text", ["PC 182(a)(2)/211", "PC 182(a)(5)/245", "PC 182(b)/211"])
def test_conspiracy_under_another_paragraph_of_182_needs_review(text):
    """The DOJ table describes only 182(a)(1) as "CONSPIRACY:COMMIT CRIME"; 182(a)(2) is "CONSP:FALSE/ETC INDICTMNT":
    not told to be a conspiracy to commit the offense named."""
    cls = classify(text, "felony")
    assert cls.serious_or_violent_felony is None
    assert cls.a3_listed is None
    assert not _counting(cls) and not _counting(cls, "7282.5(a)(3)")
    assert any("182(a)(1)" in f.reason and f.confidence == "needs_review" for f in cls.findings)


def test_conspiracy_to_an_item_with_a_condition_or_less_specific_needs_review():
    assert classify("PC 182/289(a)(1)", "felony").serious_or_violent_felony is None
    c = classify("PC 182/26100", "felony")
    assert c.serious_or_violent_felony is None
    assert any("26100(c)" in f.reason for f in c.findings if f.category == "serious_felony")


@pytest.mark.skipif(doj.default_table() is None, reason="the DOJ offense code table (../shared) is not present")
def test_the_doj_rows_for_182_a_1_read_as_recorded():
    t = doj.default_table()
    rows = t.by_citation[("pen", "182", ("a", "1"))]
    assert {(r.offense_code, r.literal) for r in rows} == {(c, d) for c, d in classify_module.CONSPIRACY_182_A_1_ROWS}
    # and no other paragraph of 182 is described as a conspiracy to commit a crime
    others = [r for (c, s, p), rs in t.by_citation.items() if (c, s) == ("pen", "182") and p != ("a", "1") for r in rs]
    assert others and not [r for r in others if r.literal == "CONSPIRACY:COMMIT CRIME"]


# ---- 7282.5(a)(3)(P) ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, item", [("PC 664/211", "(F)"), ("PC 182/211", "(F)"), ("PC 182(a)(1)/211", "(F)"),
                                        ("PC 664/245(a)(1)", "(A)"), ("PC 664/187", "(Q)")])
def test_attempt_or_conspiracy_of_an_a3_offense_is_P(text, item):
    """(P) has no assault exception: an attempted assault is an attempt "to commit an offense specified in this section"."""
    cls = classify(text, "felony")
    assert cls.a3_listed is True
    [f] = _with_item(cls, P, "listed")
    assert f.category == "7282.5(a)(3)(P)" and item in f.reason


def test_attempt_of_an_offense_not_named_in_a3_stays_open():
    assert classify("PC 664/460(a)", "felony").a3_listed is None
    assert classify("PC 664/211", "infraction").a3_listed is False


# ---- 7282.5(a)(6): Proposition 47 --------------------------------------------------------------------------------

def test_attempt_of_a_prop47_section_as_a_misdemeanor_is_for_review():
    cls = classify("PC 664/496", "misdemeanor")
    assert cls.prop47_misdemeanor is None
    [f] = [f for f in cls.findings if f.category == "prop47_misdemeanor"]
    assert f.confidence == "needs_review" and "496" in f.reason and "not one of the sections" not in f.reason
    assert classify("PC 664/496", "felony").prop47_misdemeanor is False


# ---- what the engine answers, and what a clerk sees --------------------------------------------------------------

def _decide(citation, date="2001-04-12", asks=("notification", "transfer")):
    case = case_from_data({"as_of": "2026-11-02", "actor": {"kind": "county_jail"},
                           "request": {"asks": list(asks), "documents": ["i247a"]},
                           "person": {"history": {"convictions": [{"citation": citation, "level": "felony", "date": date}]}}})
    return {a.action: a for a in default_rulebook().decide(case).answers}


def test_engine_attempted_robbery_2001_permitted_under_a1_with_the_item_in_the_record():
    got = _decide("PC 664/211")
    for action in ("provide_release_date_or_notification", "transfer_to_immigration_authorities"):
        a = got[action]
        assert a.status == "permitted" and a.citations[0].address == "gov 7282.5(a)(1)", (a.status, a.reason)
        [rec] = a.records
        assert rec.outcome == "met" and rec.citation == "PC 664/211"
        [f] = [f for f in rec.findings if f.item == ITEM_39]
        assert f.confidence == "doj_description" and "(c)(19)" in f.reason
        assert "1192.7(c)(39)" in rec.summary()


def test_engine_attempted_assault_2001_stays_needs_review():
    a = _decide("PC 664/245(a)(1)")["provide_release_date_or_notification"]
    assert a.status == "needs_review"
    assert any(f.item == ITEM_39 for r in a.records for f in r.findings)
