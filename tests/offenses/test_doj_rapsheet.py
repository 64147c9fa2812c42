from __future__ import annotations

from pathlib import Path

import pytest

from sanctuary.offenses import doj
from sanctuary.offenses.citations import parse_citation
from sanctuary.offenses.classify import _classify
from sanctuary.offenses.rapsheet import read_convictions, split_offense

table = doj.default_table()
needs_table = pytest.mark.skipif(table is None, reason="../shared/data/ca-doj-offense-code-table not found")


@needs_table
def test_reader_coverage_of_the_doj_table():
    cov = table.coverage()
    assert cov["rows"] == 5062
    assert cov["read"] / cov["rows"] >= 0.99, cov
    # every California code and federal row of the big codes reads
    for code in ("HS", "BP", "US", "WI"):
        assert cov["per_code"][code]["read"] == cov["per_code"][code]["rows"]


@needs_table
def test_wobblers_from_the_table():
    assert doj.wobbler_levels(parse_citation("PC 459.5"))[0] is True  # coded 23211 (M) and 23212 (F)
    assert doj.wobbler_levels(parse_citation("PC 187(a)"))[0] is False
    assert doj.wobbler_levels(parse_citation("PC 245"))[0] is None  # only some subdivisions are wobblers
    assert doj.wobbler_levels(parse_citation("PC 99999"))[0] is None


def test_a_default_misdemeanor_with_only_other_felony_forms_is_open():
    # PC 242: the table's default code 13048 "BATTERY ON PERSON" is M only; its felony codes are other forms
    # (serious bodily injury, a peace officer victim). A misdemeanor "PC 242" may be simple battery: open.
    val, why = doj.wobbler_levels(parse_citation("PC 242"))
    assert val is None
    assert "13048" in why and "BATTERY ON PERSON" in why and "BAT AGAINST PEACE OFFICER" in why
    # true wobblers keep their answer: same description at both levels, or the same offense abbreviated otherwise
    assert doj.wobbler_levels(parse_citation("PC 245(a)(1)"))[0] is True  # "ADW NOT FIREARM" F and M
    assert doj.wobbler_levels(parse_citation("PC 273.5(a)"))[0] is True
    assert doj.wobbler_levels(parse_citation("PC 422"))[0] is True  # "THREAT CRIME:INT:TERORIZE" / "THRTN CRIME:INT:TERRORIZE"
    # a DUI: default "DUI ALCOHOL/0.08 PERCENT" (M), felony only with priors under Veh. Code 23550
    assert doj.wobbler_levels(parse_citation("VC 23152(b)"))[0] is None


def test_same_offense_reads_abbreviations_and_word_order():
    assert doj.same_offense("ELDER/DEP ADLT:HARM/DEATH", "HARM/DEATH:ELDER/DEP ADLT")
    assert doj.same_offense("THREAT CRIME:INT:TERORIZE", "THRTN CRIME:INT:TERRORIZE")
    assert not doj.same_offense("BATTERY ON PERSON", "BAT AGAINST PEACE OFFICER")
    assert not doj.same_offense("VANDALISM", "VANDALISM $400 OR MORE")


def test_without_the_table_wobbler_needs_review(monkeypatch, tmp_path):
    monkeypatch.setenv("SANCTUARY_SHARED", str(tmp_path))
    monkeypatch.delenv("SANCTUARY_DOJ_TABLE", raising=False)
    assert doj.find_table() is None
    doj.default_table.cache_clear()
    _classify.cache_clear()
    try:
        from sanctuary.offenses.classify import classify
        cls = classify("PC 459.5", "misdemeanor")
        assert cls.wobbler is None
        assert any(f.category == "wobbler" and f.confidence == "needs_review" for f in cls.findings)
    finally:
        monkeypatch.undo()
        doj.default_table.cache_clear()
        _classify.cache_clear()


_T = doj.find_table()
RAP = (_T.parents[1] / "cfa-cadoj-fictional-rap-sheet" / "cadoj.csv") if _T else Path("/nonexistent")


@pytest.mark.skipif(not RAP.exists(), reason="fictional rap sheet not found")
def test_fictional_rap_sheet():
    conv = read_convictions(RAP)
    assert [(c.citation, c.level, c.date.isoformat(), c.disposition) for c in conv] == [
        ("veh 503", "felony", "1979-06-01", "CONVICTED-JAIL"),
        ("pen 459", "felony", "1981-04-11", "CONVICTED-PROBATION"),
    ]
    assert conv[0].sentence == "JAIL 90 DAYS"


def test_split_offense_and_unreadable_rows_are_kept():
    assert str(split_offense("459 PC-BURGLARY")[0]) == "pen 459"
    assert str(split_offense("245(A)(1) PC-ADW NOT FIREARM")[0]) == "pen 245(a)(1)"
    csv_text = "DISP_DESCR,OFFENSE_DESCR,OFFENSE_TOC,DISP_DATE\nCONVICTED-JAIL,???-UNKNOWN,M,20200101\nDISMISSED,459 PC-BURGLARY,F,20200101\n"
    conv = read_convictions(csv_text)
    assert len(conv) == 1 and conv[0].citation is None and conv[0].error
