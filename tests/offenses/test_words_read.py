"""Words-only items of Pen. Code 1192.7(c) whose every DOJ row for a statute names the item's offense followed by its
form ("read" rows of lists/doj_words.yaml, a reviewed reading): (3) "rape" for Pen. Code 261 and former 262, every
row "RAPE..."; (14) "arson" for 451(a)-(e), every row "ARSON..."; (26) "grand theft involving a firearm" for
487(d)(2), "GRAND THEFT:FIREARM". A felony is a serious felony (7282.5(a)(1)); an attempt counts through (39), a
conspiracy through (43)."""

from __future__ import annotations

import pytest

from sanctuary.offenses import doj, words
from sanctuary.offenses.classify import classify


def _doj_finding(m, item):
    return [f for f in m.findings if f.confidence == "doj_description" and f.item == item]


@pytest.mark.parametrize("citation, item", [
    ("PC 261(a)(4)", "pen 1192.7(c)(3)"), ("PC 261(a)(1)", "pen 1192.7(c)(3)"), ("PC 261", "pen 1192.7(c)(3)"),
    ("261(A)(3) PC", "pen 1192.7(c)(3)"), ("PC 262(a)(3)", "pen 1192.7(c)(3)"), ("PC 264(c)(1)", "pen 1192.7(c)(3)"),
    ("PC 451(d)", "pen 1192.7(c)(14)"), ("PC 451(c)", "pen 1192.7(c)(14)"),
    ("PC 487(d)(2)", "pen 1192.7(c)(26)"),
])
def test_felony_is_serious(citation, item):
    m = classify(citation, "felony")
    assert m.serious_or_violent_felony is True
    f = _doj_finding(m, item)
    assert f and f[0].doj_rows
    assert classify(citation, "misdemeanor").serious_or_violent_felony is False
    assert classify(citation, None).serious_or_violent_felony is None


@pytest.mark.parametrize("citation, item", [
    ("PC 664/261(a)(4)", "pen 1192.7(c)(39)"), ("PC 664/451(d)", "pen 1192.7(c)(39)"),
    ("PC 664/261(a)(2)", "pen 1192.7(c)(39)"), ("PC 664/451(a)", "pen 1192.7(c)(39)"),  # 667.5(c) names them, not their attempts
    ("PC 182/261(a)(4)", "pen 1192.7(c)(43)"), ("PC 664/487(d)(2)", "pen 1192.7(c)(39)"),
])
def test_attempt_and_conspiracy(citation, item):
    m = classify(citation, "felony")
    assert m.serious_or_violent_felony is True
    assert _doj_finding(m, item)


@pytest.mark.parametrize("citation", ["PC 451", "PC 487(d)", "PC 487", "PC 452(a)", "PC 453(a)", "PC 454(a)(1)"])
def test_still_open(citation):
    # 451 without its subdivision ("MAL SET/ETC FIRE PROP/ETC"), grand theft without the firearm paragraph, and other
    # sections the table labels "ARSON:..." or "RAPE:..." (452 unlawfully causing a fire, 453 arson material) are not read
    assert classify(citation, "felony").serious_or_violent_felony is None


def test_read_rows_are_the_table():
    t = doj.default_table()
    if t is None:
        pytest.skip("the DOJ offense code table (../shared) is not present")
    assert words.check(t) == []
    read = [(m.provision.address, r.description) for m in words.mappings() for r in m.rows if r.match == "read"]
    assert ("pen 261", "RAPE:VICT UNCONSC OF ACT") in read and ("pen 487(d)(2)", "GRAND THEFT:FIREARM") in read


@pytest.mark.parametrize("citation, first", [
    ("PC 261(a)(4)", "11057 RAPE:VICT UNCONSC OF ACT"), ("PC 261(a)(4)(B)", "11086 RAPE:VICTIM NOT AWARE"),
    ("PC 262(a)(3)", "11070 RAPE:SPOUSE UNCON OF ACT"), ("PC 211", "12004 ROBBERY"),
    ("PC 664/261(a)(4)", "11057 RAPE:VICT UNCONSC OF ACT"),
])
def test_the_first_row_named_is_the_cited_provisions(citation, first):
    # the one-line summary shows the first DOJ row of the finding (vocabulary/answer.py): it must be the cited one
    m = classify(citation, "felony")
    f = [f for f in m.findings if f.confidence == "doj_description"][0]
    assert f.doj_rows[0] == first


@pytest.mark.parametrize("citation", ["PC 207", "PC 207(b)", "PC 207(c)", "PC 207(d)", "PC 207(a)", "PC 664/207(b)"])
def test_kidnapping_207_whole(citation):
    # 1192.7(c)(20) "kidnapping", 667.5(c)(14) "Kidnapping.": every DOJ row of 207 is "KIDNAPPING" or "KIDNAP ..."
    m = classify(citation, "felony")
    assert m.serious_or_violent_felony is True
    if "664" not in citation:
        assert _doj_finding(m, "pen 1192.7(c)(20)") and _doj_finding(m, "pen 667.5(c)(14)")


@pytest.mark.parametrize("citation", ["PC 208(b)", "PC 209(a)", "PC 209(b)(1)", "PC 209", "PC 209.5(a)", "PC 182/209(a)"])
def test_kidnapping_208_209_209_5(citation):
    # every DOJ row of 208(b), 209, 209.5 names kidnapping with its victim or purpose ("KIDNAPPING FOR RANSOM", "KIDNAP
    # TO COMMIT ROBBERY", "KIDNAP DURING CARJACKING", "KIDNAP CHILD UNDER 14 YRS")
    m = classify(citation, "felony")
    assert m.serious_or_violent_felony is True
    assert _doj_finding(m, "pen 1192.7(c)(20)") or _doj_finding(m, "pen 1192.7(c)(43)")


@pytest.mark.parametrize("citation", ["PC 212.5(a)", "PC 212.5(b)", "PC 213(a)(1)(A)", "PC 664/212.5(a)"])
def test_first_degree_robbery_rob_rows(citation):
    # 1192.7(c)(19) "robbery or bank robbery", 667.5(c)(9) "Any robbery.": "ROB:1ST DEG:CAB/ETC/DWELL",
    # "ROB:FIRST DEGREE:ATM/ETC", "ROB 1:INHAB DWELL:CONCERT" are robbery of the first degree
    m = classify(citation, "felony")
    assert m.serious_or_violent_felony is True
    if "664" not in citation:
        assert _doj_finding(m, "pen 1192.7(c)(19)") and _doj_finding(m, "pen 667.5(c)(9)")
