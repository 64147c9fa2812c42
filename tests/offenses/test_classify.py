"""Every section the corpus lists in 1192.7(c), 667.5(c) and 7282.5(a)(3) is read from several spellings and
classified into its category. The parameters come from the YAML lists, which a test checks against the corpus."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from sanctuary.law.corpus import default_corpus
from sanctuary.offenses.classify import A3_BY_STATUTE_TEXT, PROP47_WOBBLER_KEPT, QUALIFIED_NAMINGS, classify, classify_many
from sanctuary.offenses.lists import entries, items

from .spelling import spellings


def _cases(name, role=("offense",)):
    out = []
    for e in entries(name):
        if e.role not in role:
            continue
        for s in spellings(e.citation):
            out.append(pytest.param(e, s, id=f"{e.cite}|{s}"))
    return out


def _has(cls, category, reference, confidence):
    return any(f.category == category and f.reference == reference and f.confidence == confidence for f in cls.findings)


@pytest.mark.parametrize("e, spelling", _cases("serious_felony"))
def test_serious_felony_sections(e, spelling):
    cls = classify(spelling, "felony")
    assert cls.citation == e.citation.address
    # a section named with words that qualify it (245 in (c)(31)), cited without the subdivision: open
    if e.conditional or (e.cite, e.citation.code, e.citation.section) in QUALIFIED_NAMINGS:
        assert _has(cls, "serious_felony", e.reference, "needs_review")
    else:
        assert _has(cls, "serious_felony", e.reference, "listed")
        assert cls.serious_or_violent_felony is True
    assert classify(spelling, "misdemeanor").serious_or_violent_felony is False


@pytest.mark.parametrize("e, spelling", _cases("violent_felony", role=("offense", "pre1977")))
def test_violent_felony_sections(e, spelling):
    cls = classify(spelling, "felony")
    assert cls.citation == e.citation.address
    if e.conditional or e.role == "pre1977":
        assert _has(cls, "violent_felony", e.reference, "needs_review")
    else:
        assert _has(cls, "violent_felony", e.reference, "listed")
        assert cls.serious_or_violent_felony is True


@pytest.mark.parametrize("e, spelling", _cases("violent_felony", role=("enhancement",)))
def test_violent_felony_enhancements(e, spelling):
    base = classify("PC 459", "felony")
    cls = classify("PC 459", "felony", enhancements=[spelling])
    assert _has(cls, "violent_felony", e.reference, "listed")
    assert cls.serious_or_violent_felony is True
    assert base.serious_or_violent_felony is None  # burglary alone: words-only items, needs review


@pytest.mark.parametrize("e, spelling", _cases("a3"))
def test_7282_5_a3_sections(e, spelling):
    for level in ("felony", "misdemeanor", None):
        cls = classify(spelling, level)
        assert cls.a3_listed is True
        assert _has(cls, f"7282.5(a)(3)({e.item})", e.reference, "listed")
    assert classify(spelling, "infraction").a3_listed is False


def test_attempt_and_conspiracy_of_a_listed_offense_fall_in_P():
    for text in ("664/245(a)(1) PC", "182/211 PC"):
        cls = classify(text, "felony")
        assert cls.a3_listed is True
        assert _has(cls, "7282.5(a)(3)(P)", "gov 7282.5(a)(3)(P)", "listed")


def test_conspiracy_is_item_43_attempt_item_39_but_not_of_an_assault():
    assert classify("182/422 PC", "felony").serious_or_violent_felony is True
    att = classify("664/422 PC", "felony")  # (38) criminal threats: (39) "other than an assault"
    assert att.serious_or_violent_felony is True
    assert _has(att, "serious_felony", "pen 1192.7(c)", "listed")
    asl = classify("664/245(a)(1) PC", "felony")  # (31) "assault with a deadly weapon ..."
    assert asl.serious_or_violent_felony is None
    assert _has(asl, "serious_felony", "pen 1192.7(c)", "needs_review")


def test_words_only_items_are_never_listed_from_memory():
    # burglary ((c)(18) "any burglary of the first degree") without its degree: needs review
    cls = classify("PC 459", "felony")
    assert cls.serious_or_violent_felony is None
    assert any(f.confidence == "needs_review" and f.category == "serious_felony" for f in cls.findings)
    # murder and robbery are matched by the DOJ table's description (lists/doj_words.yaml), never "listed" as if the
    # statute text named the section (tests/offenses/test_words.py)
    for text in ("PC 187(a)", "PC 211"):
        cls = classify(text, "felony")
        assert cls.serious_or_violent_felony is True
        confidences = {f.confidence for f in cls.findings if f.category in ("serious_felony", "violent_felony")}
        assert confidences == {"doj_description"}


def test_less_specific_citation_than_the_list_needs_review():
    cls = classify("PC 26100", "felony")  # 1192.7(c)(36) and 7282.5(a)(3)(K) name only (c) and (d)
    assert cls.serious_or_violent_felony is None
    assert cls.a3_listed is None
    assert classify("PC 26100(c)", "felony").serious_or_violent_felony is True


def test_unlisted_section_is_open_not_false():
    cls = classify("VC 23152(b)", "felony")  # a blood-alcohol DUI: 7282.5(a)(3)(G) is in words only (classify.DUI_FELONY_G)
    assert cls.a3_listed is None
    assert any("(G)" in f.reason for f in cls.findings if f.category == "7282.5(a)(3)")


def test_state_prison_is_never_guessed():
    assert classify("PC 245(a)(1)", "felony").state_prison_felony is None
    assert classify("PC 245(a)(1)", "misdemeanor").state_prison_felony is False


def test_level_unknown():
    cls = classify("PC 245(a)(1)", None)
    assert cls.serious_or_violent_felony is None
    assert classify("PC 245(a)(1) F", None).serious_or_violent_felony is True  # the level letter on the citation


def test_unreadable_citation_needs_review():
    cls = classify("see attached", "felony")
    assert cls.citation is None
    assert cls.findings[0].confidence == "needs_review" and "see attached" in cls.findings[0].reason


@pytest.mark.parametrize("e", [e for e in entries("prop47")], ids=lambda e: e.cite)
def test_prop47_sections(e):
    wobbler_kept = (e.citation.code, e.citation.section) in PROP47_WOBBLER_KEPT
    for s in spellings(e.citation)[:3]:
        m = classify(s, "misdemeanor")
        assert m.prop47_misdemeanor is (True if e.confirmed and not wobbler_kept else None)
        assert any(f.category == "prop47_misdemeanor" for f in m.findings)
        assert classify(s, "felony").prop47_misdemeanor is False
        assert classify(s, None).prop47_misdemeanor is None


# 7282.5(a)(6) "misdemeanors that were previously felonies, or were previously crimes punishable as either
# misdemeanors or felonies, prior to passage of [Prop. 47]": where the section still punishes the offense either way
# above $950, a misdemeanor under it may be a wobbler sentenced as a misdemeanor (Pen. Code 17(b)), not the
# misdemeanor Prop. 47 made: open, unless the citation names the $950-or-less subdivision.
@pytest.mark.parametrize("citation, want", [
    ("PC 496(a)", None), ("PC 496", None), ("PC 496(b)", None), ("PC 473(a)", None), ("PC 473", None),
    ("PC 473(b)", True), ("PC 476a(a)", None), ("PC 476a(b)", True), ("PC 666(a)", None),
    ("PC 459.5", True), ("PC 459.5(a)", True), ("PC 490.2(a)", True),
])
def test_prop47_misdemeanor_where_the_section_keeps_a_wobbler(citation, want):
    m = classify(citation, "misdemeanor")
    assert m.prop47_misdemeanor is want
    if want is None:
        f = next(f for f in m.findings if f.category == "prop47_misdemeanor")
        assert f.confidence == "needs_review" and "$950" in f.reason and "17(b)" in f.reason
    assert classify(citation, "felony").prop47_misdemeanor is False


def test_prop47_wobbler_kept_quotes_the_corpus():
    c = default_corpus()
    for (code, section), (subs, wobbler_words, misdemeanor_words) in PROP47_WOBBLER_KEPT.items():
        text = " ".join(c.quote(f"{code} {section}", dt.date(2026, 1, 1)).split())
        assert wobbler_words in text, (section, wobbler_words)
        assert misdemeanor_words in text, (section, misdemeanor_words)
        for sub in subs:
            assert c.exists(f"{code} {section}" + "".join(f"({p})" for p in sub))
        assert any(e.citation.section == section for e in entries("prop47") if e.confirmed)


# 7282.5(a)(3)(M) "An offense involving the felony possession, sale, distribution, manufacture, or trafficking of
# controlled substances" names no section; H&S 11350(a) and 11377(a), as the corpus holds them, are possession of
# "any controlled substance".
@pytest.mark.parametrize("citation, level, want", [
    ("HS 11350(a)", "felony", True), ("Health and Safety Code section 11350", "felony", True), ("HS 11377(a)", "felony", True),
    ("HS 11350(a)", "misdemeanor", None), ("HS 11350(c)", "felony", None), ("HS 11350(a)", None, None),
    ("HS 11351", "felony", True),  # possession for sale: not by its text (not in the corpus) but by the DOJ table (below)
])
def test_a3_m_by_the_statute_text(citation, level, want):
    m = classify(citation, level)
    assert m.a3_listed is want
    hits = [f for f in m.findings if f.category == "7282.5(a)(3)(M)" and f.confidence == "statute_text"]
    assert bool(hits) is (want is True and citation != "HS 11351")
    if hits:
        assert hits[0].reference == "gov 7282.5(a)(3)(M)"
        assert "possesses" in hits[0].reason and "controlled substance" in hits[0].reason


def test_a3_by_statute_text_quotes_the_corpus():
    c = default_corpus()
    a3_items = {it["item"] for it in items("a3")}
    for (code, section), (item, subs, level, words) in A3_BY_STATUTE_TEXT.items():
        assert item in a3_items and level == "felony"
        provision = f"{code} {section}" + "".join(f"({p})" for p in subs)
        assert c.exists(provision), provision
        assert words in " ".join(c.quote(provision, dt.date(2026, 1, 1)).split()), provision


def test_not_prop47():
    assert classify("PC 245(a)(1)", "misdemeanor").prop47_misdemeanor is False


def test_every_finding_cites_the_corpus():
    c = default_corpus()
    refs = set()
    for name in ("serious_felony", "violent_felony", "a3", "prop47"):
        for e in entries(name):
            for lvl in ("felony", "misdemeanor", "infraction", None):
                for f in classify(str(e.citation), lvl).findings:
                    refs.add(f.reference)
    refs |= {f.reference for f in classify("nonsense", None).findings}
    assert refs and all(c.exists(r) for r in refs), sorted(r for r in refs if not c.exists(r))


def test_classify_many_is_cached_and_fast():
    pairs = [(str(e.citation), "felony") for e in entries("a3")] * 200
    t = time.perf_counter()
    out = classify_many(pairs)
    assert len(out) == len(pairs)
    assert out[0] is out[len(entries("a3"))]  # the same cached object for the same pair
    assert time.perf_counter() - t < 5


def test_deterministic():
    a = classify("PC 245(a)(1)", "felony").model_dump()
    b = classify("245(A)(1) PC", "felony").model_dump()
    assert a == b


# ---- 7282.5(a)(3)(G): Vehicle Code DUI, read from the DOJ table's "DUI" descriptions (classify.DUI_ROWS) ----

@pytest.mark.parametrize("citation, level, want", [
    ("VC 23152(a)", "felony", True), ("VC 23152(f)", "felony", True), ("VC 23152(g)", "felony", True),
    ("VC 23153(a)", "felony", True), ("VC 23153(f)", "felony", True), ("Vehicle Code section 23153(g)", "felony", True),
    ("VC 23152(a)", "misdemeanor", False), ("VC 23152(b)", "misdemeanor", False), ("VC 23152(f)", "misdemeanor", False),
    ("VC 23152(e)", "misdemeanor", False),
    # open: blood-alcohol felonies, letters that moved, 23153 misdemeanors ((Q) may reach them), no subdivision, attempts
    ("VC 23152(b)", "felony", None), ("VC 23152(e)", "felony", None), ("VC 23153(b)", "felony", None),
    ("VC 23153(a)", "misdemeanor", None), ("VC 23152", "misdemeanor", None), ("VC 23152(c)", "misdemeanor", None),
    ("VC 664/23152(a)", "felony", None),
])
def test_a3_g_driving_under_the_influence(citation, level, want):
    m = classify(citation, level)
    assert m.a3_listed is want
    g = [f for f in m.findings if f.category == "7282.5(a)(3)(G)"]
    assert bool(g) is (want is not None)
    if g:
        assert g[0].confidence == "doj_description" and g[0].doj_rows and "DUI" in g[0].reason
        assert ("excludes it" in g[0].reason) is (want is False)


def test_a3_g_dui_rows_are_the_tables():
    from sanctuary.offenses import doj
    from sanctuary.offenses.citations import parse_citation
    from sanctuary.offenses.classify import DUI_FELONY_G, DUI_MISDEMEANOR_NOT_A3, DUI_ROWS

    assert DUI_FELONY_G <= set(DUI_ROWS) and DUI_MISDEMEANOR_NOT_A3 <= set(DUI_ROWS)
    g = next(it["words"] for it in items("a3") if it["item"] == "G")
    assert g == "Driving under the influence of alcohol or drugs, but only for a conviction that is a felony."
    t = doj.default_table()
    if t is None:
        pytest.skip("the DOJ offense code table (../shared) is not present")
    for (section, subs), rows in DUI_ROWS.items():
        cit = parse_citation(f"VC {section}" + "".join(f"({p})" for p in subs))
        how, have = t.rows_for(cit)
        assert how == "exact", cit
        have_by_code = {r.offense_code: r for r in have}
        for code, desc, level in rows:
            r = have_by_code[code]
            assert (r.literal, r.level) == (desc, level), (code, r.literal, r.level)
        # every row the table has for the subdivision is recorded and describes a DUI
        assert set(have_by_code) == {code for code, _, _ in rows}, (cit, sorted(have_by_code))
        assert all(r.literal.startswith("DUI") for r in have)


# ---- 7282.5(a)(3)(M) for the sale, transport and manufacture sections, by the DOJ table (classify.A3_M_DOJ_ROWS) ----

@pytest.mark.parametrize("citation, level, want", [
    ("HS 11351", "felony", True), ("HS 11352(a)", "felony", True), ("HS 11378", "felony", True),
    ("HS 11379(a)", "felony", True), ("HS 11379(b)", "felony", True), ("HS 11379.6(a)", "felony", True),
    ("HS 11378", "misdemeanor", None), ("HS 11352", "felony", None), ("HS 11379.6", "felony", None),
    ("HS 11351.5", "felony", None), ("HS 11378.5", "felony", None), ("HS 664/11351", "felony", None),
])
def test_a3_m_sale_transport_manufacture(citation, level, want):
    m = classify(citation, level)
    assert m.a3_listed is want
    hits = [f for f in m.findings if f.category == "7282.5(a)(3)(M)"]
    assert bool(hits) is (want is True)
    if hits:
        assert hits[0].confidence == "doj_description" and hits[0].doj_rows


@pytest.mark.parametrize("citation, level, want", [
    ("PC 29800(a)(1)", "felony", True), ("PC 29800", "felony", True), ("PC 29800(a)(3)", "felony", True),
    ("PC 664/29800(a)(1)", "felony", None), ("PC 29800(a)(1)", "infraction", False),
])
def test_a3_k_felon_in_possession(citation, level, want):
    m = classify(citation, level)
    assert m.a3_listed is want
    assert any(f.category == "7282.5(a)(3)(K)" and f.confidence == "doj_description" for f in m.findings) is (want is True)


def test_a3_doj_rows_are_the_tables():
    from sanctuary.offenses import doj
    from sanctuary.offenses.citations import Citation
    from sanctuary.offenses.classify import A3_K_DOJ_ROWS, A3_M_DOJ_ROWS

    t = doj.default_table()
    if t is None:
        pytest.skip("the DOJ offense code table (../shared) is not present")
    for table, says in ((A3_M_DOJ_ROWS, ("CNTL SUB", "C/SUB")), (A3_K_DOJ_ROWS, ("F/ARM",))):
        for (code, section, subs), rows in table.items():
            how, have = t.rows_for(Citation(code, section, subs))
            assert how in ("exact", "below"), (section, subs)
            assert sorted((r.offense_code, r.literal, r.level) for r in have) == sorted(rows), (section, subs)
            assert all(any(w in r.literal for w in says) for r in have)


# ---- 1192.7(c)(31) names Section 245 only for the forms its words describe (classify.QUALIFIED_NAMINGS) ----
@pytest.mark.parametrize("citation, want", [
    ("PC 245(a)(1)", True), ("PC 245(a)(2)", True), ("PC 245(c)", True), ("PC 245(d)(3)", True),
    ("PC 245(a)(4)", None), ("PC 245", None), ("PC 245(a)", None),
    ("PC 245.5(a)", None), ("PC 245.5(b)", True), ("PC 245.5(c)", None), ("PC 245.5", None), ("PC 245.3", None),
    # a conspiracy counts through (43) only where the offense conspired to is within the words
    ("PC 182/245(a)(1)", True), ("PC 182(a)(1)/245(a)(4)", None), ("PC 182/245.5(c)", None),
])
def test_245_under_1192_7_c_31(citation, want):
    m = classify(citation, "felony")
    assert m.serious_or_violent_felony is want
    open_ = [f for f in m.findings if f.category == "serious_felony" and f.confidence == "needs_review"
             and ("(c)(31)" in f.reason or "(c)(32)" in f.reason)]
    assert bool(open_) is (want is None)
    assert m.a3_listed is True  # (a)(3)(A) "Assault, as specified in, but not limited to, Sections ... 245" is unchanged
    # (the conspiracies through (a)(3)(P))


def test_qualified_namings_are_the_table():
    from sanctuary.offenses import doj
    from sanctuary.offenses.citations import Citation
    from sanctuary.offenses.classify import QUALIFIED_NAMINGS

    t = doj.default_table()
    if t is None:
        pytest.skip("the DOJ offense code table (../shared) is not present")
    for (_item, code, section), (within, _outside) in QUALIFIED_NAMINGS.items():
        for subs, literals in within.items():
            # every row at or below the subdivision: its current descriptions, or all of them where the table marks every
            # row repealed (220(a): the table's "repealed" dates of 2020 are its own upkeep, not a repeal of the section)
            have = [r for (c, s, p), rs in t.by_citation.items() if (c, s) == (code, section) and p[: len(subs)] == subs
                    for r in rs]
            current = sorted({r.literal for r in have if not r.repealed}) or sorted({r.literal for r in have})
            assert have and current == sorted(literals), (section, subs, current)
    # the form left out: the table's only description of 245(a)(4) is force likely to produce great bodily injury
    how, have = t.rows_for(Citation("pen", "245", ("a", "4")))
    assert how == "exact" and {r.literal for r in have} == {"ADW/FORCE:POSSIBLE GBI"}
    how, have = t.rows_for(Citation("pen", "245.5", ("c",)))
    assert how == "exact" and all("STUN GUN" in r.literal for r in have)
