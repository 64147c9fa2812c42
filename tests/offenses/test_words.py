"""Words-only list items matched to statutes by the DOJ offense code table's descriptions (lists/doj_words.yaml).

The mapping is reviewed data; these tests hold it to the table (when ../shared is present), to the lists the corpus
gives, and to the classifier's answers: robbery and murder felonies qualify under 7282.5(a)(1) with a finding that
names the DOJ rows; misdemeanors, attempts and the items left for review do not."""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import subprocess
import sys

import pytest

from sanctuary.law.corpus import default_corpus
from sanctuary.offenses import doj, words
from sanctuary.offenses.classify import classify
from sanctuary.offenses.lists import load_list
from sanctuary.offenses.report import offense_report

TABLE = doj.default_table()
needs_table = pytest.mark.skipif(TABLE is None, reason="the DOJ offense code table (../shared) is not present")
LIST_OF = {"serious_felony": "serious_felony", "violent_felony": "violent_felony", "a3": "a3"}


def _table_copy():
    t = copy.copy(TABLE)
    t.rows = [dataclasses.replace(r) for r in TABLE.rows]
    by_id = {id(a): b for a, b in zip(TABLE.rows, t.rows)}
    t.by_citation = {k: [by_id[id(r)] for r in rs] for k, rs in TABLE.by_citation.items()}
    return t


# ---- the mapping against the DOJ table ----

@needs_table
def test_every_mapped_row_says_what_the_mapping_claims():
    assert words.check(TABLE) == []


@needs_table
def test_the_check_fails_when_a_row_changes_or_appears():
    t = _table_copy()
    row = next(r for r in t.rows if r.offense_code == "12004")  # PC 211 "ROBBERY"
    row.literal = "ROBBERY OF A TRAIN"
    problems = words.check(t)
    assert any("row 12004 now reads" in p and "ROBBERY OF A TRAIN" in p for p in problems), problems

    t = _table_copy()
    extra = dataclasses.replace(next(r for r in t.rows if r.offense_code == "9005"), offense_code="99001", literal="HOMICIDE:OTHER")
    t.rows.append(extra)
    t.by_citation[("pen", "187", ("a",))].append(extra)  # a new row for 187(a): the mapping must be reviewed again
    assert any("99001" in p and "does not record" in p for p in words.check(t))

    t = _table_copy()
    new = dataclasses.replace(next(r for r in t.rows if r.offense_code == "13005"), offense_code="99002", statute="999")
    t.rows.append(new)  # another statute described "MAYHEM": neither mapped nor left out
    assert any("99002" in p and "neither mapped nor left out" in p for p in words.check(t))


@needs_table
def test_recorded_rows_are_the_table_rows():
    for m in words.mappings():
        for r in m.rows:
            t = next(x for x in TABLE.rows if x.offense_code == r.code)
            assert (t.statute, t.code_cd, t.literal, t.level) == (r.statute, r.code_cd, r.description, r.level)


# ---- the mapping against the lists (the corpus) ----

def test_items_are_the_words_only_items_of_the_lists():
    data = words.load()
    seen = set()
    for it in data["items"]:
        src = {str(x["item"]): x for x in load_list(LIST_OF[it["list"]])["items"]}[str(it["item"])]
        assert (it["words"], it["reference"], it["cite"]) == (src["words"], src["reference"], src["cite"])
        assert src["sections"] == [], f"{it['cite']} names sections: it is not a words-only item"
        assert default_corpus().exists(it["reference"])
        assert it.get("statutes") or it.get("review"), f"{it['cite']}: neither mapped nor a reason for review"
        seen.add((it["list"], str(it["item"])))
    for name in ("serious_felony", "violent_felony", "a3"):
        for x in load_list(name)["items"]:
            if not x["sections"]:
                assert (name, str(x["item"])) in seen, f"{x['cite']} is a words-only item the mapping does not review"


def test_phrases_are_the_items_words():
    for it in words.load()["items"]:
        for ph in it.get("phrases") or []:
            assert words.normalise(ph) in words.normalise(it["words"]), (it["cite"], ph)


@pytest.mark.parametrize("phrase, description, expected", [
    ("murder", "MURDER", "exact"),
    ("murder", "MURDER:FIRST DEGREE", "degree"),
    ("Any robbery.", "ROBBERY", "exact"),
    ("burglary of the first degree", "BURGLARY:FIRST DEGREE", "exact"),
    ("burglary of the first degree", "BURGLARY:SECOND DEGREE", None),
    ("robbery", "TRAIN ROBBERY", None),
    ("mayhem", "AGGRAVATED MAYHEM", None),
    ("arson", "ARSON:POS/ETC MAT/DEVICE", None),  # possession of arson material: why a head word is not read
    ("murder", "MRDR:1ST DEG:SHOOT F/VEH", None),
    ("kidnapping", "KIDNAPPING FOR RANSOM", None),
])
def test_normalisation(phrase, description, expected):
    assert words.description_match(phrase, description) == expected


def test_what_is_mapped():
    got = {(m.cite, m.provision.address) for m in words.mappings()}
    assert got == {
        ("pen 1192.7(c)(1)", "pen 187"), ("pen 1192.7(c)(1)", "pen 192(a)"), ("pen 667.5(c)(1)", "pen 187"),
        ("pen 667.5(c)(1)", "pen 192(a)"), ("pen 1192.7(c)(2)", "pen 203"), ("pen 667.5(c)(2)", "pen 203"),
        ("pen 1192.7(c)(18)", "pen 460(a)"), ("pen 1192.7(c)(19)", "pen 211"), ("pen 1192.7(c)(19)", "pen 212.5(c)"),
        ("pen 1192.7(c)(19)", "pen 213(a)(2)"), ("pen 667.5(c)(9)", "pen 211"), ("pen 667.5(c)(9)", "pen 212.5(c)"),
        ("pen 667.5(c)(9)", "pen 213(a)(2)"), ("pen 1192.7(c)(20)", "pen 207"), ("pen 667.5(c)(14)", "pen 207"),
        ("pen 1192.7(c)(27)", "pen 215"),
        # reviewed readings ("read" rows: the offense followed by its form; tests/offenses/test_words_read.py)
        *((f"pen {c}", f"pen {p}") for c in ("1192.7(c)(20)", "667.5(c)(14)") for p in ("208(b)", "209", "209.5")),
        *((f"pen {c}", f"pen {p}") for c in ("1192.7(c)(19)", "667.5(c)(9)") for p in ("212.5(a)", "212.5(b)", "213(a)(1)(A)")),
        ("pen 1192.7(c)(3)", "pen 261"), ("pen 1192.7(c)(3)", "pen 262"), ("pen 1192.7(c)(3)", "pen 264"), ("pen 1192.7(c)(26)", "pen 487(d)(2)"),
        *(("pen 1192.7(c)(14)", f"pen 451({x})") for x in "abcde"),
    }
    for m in words.mappings():
        assert m.supporting and m.reasoning


# ---- the classifier ----

def _doj(cls, category, reference):
    return [f for f in cls.findings if f.category == category and f.reference == reference and f.confidence == "doj_description"]


@pytest.mark.parametrize("text", ["PC 211", "211 PC", "Pen. Code, § 211", "PC 211 F"])
def test_robbery_felony_is_serious_and_violent_by_the_doj_description(text):
    cls = classify(text, "felony")
    assert cls.serious_or_violent_felony is True
    sf = _doj(cls, "serious_felony", "pen 1192.7(c)")
    vf = _doj(cls, "violent_felony", "pen 667.5(c)(9)")
    assert sf and vf
    assert "1192.7(c)(19)" in sf[0].reason and "12004" in sf[0].reason and '"ROBBERY"' in sf[0].reason
    assert "not by the statute text" in sf[0].reason
    # never "listed": that confidence is for a section the statute text names
    assert not [f for f in cls.findings if f.category in ("serious_felony", "violent_felony") and f.confidence == "listed"]


@pytest.mark.parametrize("text", ["PC 187", "187(A) PC", "PC 187(a)"])
def test_murder_felony_is_serious_and_violent(text):
    cls = classify(text, "felony")
    assert cls.serious_or_violent_felony is True
    assert _doj(cls, "violent_felony", "pen 667.5(c)(1)")
    assert "9005" in _doj(cls, "serious_felony", "pen 1192.7(c)")[0].reason


@pytest.mark.parametrize("text", ["PC 203", "PC 192(a)", "PC 207(a)", "PC 215", "PC 460(a)", "PC 212.5(c)", "PC 213(a)(2)"])
def test_other_mapped_statutes(text):
    assert classify(text, "felony").serious_or_violent_felony is True


@pytest.mark.parametrize("text", ["PC 211", "PC 187(a)", "PC 460(a)"])
def test_a_misdemeanor_under_a_mapped_statute_is_not_a_serious_felony(text):
    cls = classify(text, "misdemeanor")
    assert cls.serious_or_violent_felony is False
    assert any(f.reference == "gov 7282.5(a)(1)" and "not a felony" in f.reason for f in cls.findings)
    assert classify(text, None).serious_or_violent_felony is None  # level unknown


@pytest.mark.parametrize("text", [
    "664/459 PC", "664/205 PC", "664/192 PC",  # attempts of what is not mapped (tests/offenses/test_attempts.py)
    "PC 192", "PC 212.5",  # less specific than the mapped subdivision
    "PC 205", "PC 214",  # qualified forms: AGGRAVATED MAYHEM, TRAIN ROBBERY
    "PC 459", "PC 451", "PC 452(a)", "PC 487(d)", "PC 4503",  # items left for review
])
def test_what_stays_needs_review(text):
    cls = classify(text, "felony")
    assert cls.serious_or_violent_felony is None
    assert not [f for f in cls.findings if f.confidence == "doj_description"]


def test_conspiracy_to_a_mapped_offense_is_item_43():
    cls = classify("182/211 PC", "felony")
    assert cls.serious_or_violent_felony is True
    assert any("(43)" in f.reason for f in _doj(cls, "serious_felony", "pen 1192.7(c)"))


def test_every_doj_finding_cites_the_corpus():
    c = default_corpus()
    for m in words.mappings():
        for f in classify(m.provision.address, "felony").findings:
            assert c.exists(f.reference), f.reference


def test_offense_report_robbery_twenty_years_ago_qualifies_under_a1_only():
    r = offense_report("PC 211", "felony", "2006-04-12", "2026-11-02")
    by = {p["paragraph"]: p["answer"] for p in r["paragraphs"]}
    assert by["7282.5(a)(1)"] is True
    assert by["7282.5(a)(3)"] is False  # outside the 15 years
    assert r["qualifies"] is True


def test_misdemeanor_dui_reason_says_G_needs_a_felony():
    # a misdemeanor under a subdivision of 23152 the DOJ table describes as "DUI": (G) excludes it (classify.DUI_ROWS)
    cls = classify("VC 23152(a)", "misdemeanor")
    g = [f for f in cls.findings if f.category == "7282.5(a)(3)(G)"]
    assert cls.a3_listed is False
    assert g and "excludes it" in g[0].reason and "only for a conviction that is a felony" in g[0].reason
    # where the citation does not settle which subdivision, the open finding still never offers (G) for a misdemeanor
    cls = classify("VC 23152", "misdemeanor")
    a3 = [f for f in cls.findings if f.category == "7282.5(a)(3)"]
    assert cls.a3_listed is None
    assert a3 and "(G)" in a3[0].reason and "reach only a felony conviction, so not this misdemeanor" in a3[0].reason
    assert '(G) "Driving' not in a3[0].reason  # (G) is not offered as an item that may reach a misdemeanor


def test_the_mapping_works_without_the_table(tmp_path):
    """The classifier reads the shipped YAML; the DOJ table is needed only for the wobbler answer and the checks."""
    code = ("import json; from sanctuary.offenses.classify import classify; c = classify('PC 211', 'felony'); "
            "print(json.dumps([c.serious_or_violent_felony, c.wobbler, "
            "[f.confidence for f in c.findings if f.category == 'serious_felony']]))")
    env = dict(os.environ, SANCTUARY_DOJ_TABLE=str(tmp_path / "absent.csv"))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    sv, wob, conf = json.loads(out.stdout)
    assert sv is True and wob is None and "doj_description" in conf
