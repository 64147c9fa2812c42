"""Classifying one conviction (citation, level, enhancements) against the lists of Gov. Code 7282.5.

The public contract (the engine calls it; keep it stable):

    classify(citation, level, *, enhancements=()) -> Classification
    classify_many([(citation, level), ...]) -> list[Classification]

Each answer is a `Tri`: True, False, or None = "cannot be decided from the citation and level alone: needs review".
Every Finding cites a corpus address that exists. Rules (each from the words of the lists in lists/*.yaml):

- serious_or_violent_felony (7282.5(a)(1)): True only for a felony conviction of a section named, as the offense,
  by an item of Pen. Code 1192.7(c) or 667.5(c) that has no condition the citation cannot settle (or with an
  enhancement those items name, e.g. 12022.53, or 12022.7 under 667.5(c)(8)). False for a misdemeanor or an
  infraction. Otherwise None: items such as "(7) any felony punishable by death or imprisonment in the state prison
  for life", "(8) any felony in which the defendant personally inflicts great bodily injury" or "(18) any burglary of
  the first degree" are described in words and may reach any felony; they are never mapped from memory.
- state_prison_felony (7282.5(a)(2)): False for a misdemeanor or infraction; otherwise None, because whether a felony
  is punishable in the state prison or in county jail under Pen. Code 1170(h) depends on the offense's own penalty
  text, which the corpus does not hold.
- a3_listed (7282.5(a)(3)(A)-(AE)): True if the section is named in one of the items (attempts "664/..." and
  conspiracies "182/..." of a named offense through (P)); None otherwise, since "as specified in, but not limited
  to" and the items in words only ((G), (L), (M), (R), (S)) may reach it; False for an infraction.
- wobbler: from the DOJ offense code table (a statute coded at both F and M level); None if it is absent.
- prop47_misdemeanor (7282.5(a)(6)): True for a misdemeanor under a section the corpus shows Prop. 47 added or
  amended (history note); None where only secondary sources say so, or the level is unknown; False otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel

from . import doj, words
from .citations import Citation, CitationError, parse_citation
from .lists import Entry, items, lookup, match

Tri = bool | None
LevelArg = Literal["felony", "misdemeanor", "infraction"] | None


class Finding(BaseModel):
    category: str
    reference: str
    # listed: the text names the section; doj_description: the item names the offense in words only, and the DOJ offense
    # code table describes the statute with exactly those words (lists/doj_words.yaml, which cites the rows)
    confidence: Literal["listed", "doj_description", "needs_review"]
    reason: str
    # the list item as lawyers cite it ('pen 1192.7(c)(19)'), where finer than `reference` (the corpus address)
    item: str | None = None
    # doj_description: the DOJ offense code table rows that describe the statute with the item's words ('12004 ROBBERY')
    doj_rows: list[str] = []


class Classification(BaseModel):
    citation: str | None
    serious_or_violent_felony: Tri
    state_prison_felony: Tri
    a3_listed: Tri
    wobbler: Tri
    prop47_misdemeanor: Tri
    findings: list[Finding]


_A3_WORDS = {"G": "felony", "M": "felony", "L": None, "R": None, "S": None}  # word-only items, and the level they need


def _quote(words: str, limit: int = 160) -> str:
    w = words.strip().rstrip(";")
    return w if len(w) <= limit else w[: limit - 3].rstrip() + "..."


def _cite_item(e: Entry) -> str:
    return {"serious_felony": "Pen. Code ", "violent_felony": "Pen. Code ", "a3": "Gov. Code "}.get(e.list, "") + e.cite.split(" ", 1)[1]


def _category(e: Entry) -> str:
    if e.list == "a3":
        return "7282.5(a)(3)(" + e.item + ")"
    return e.list


def _matches(name: str, cit: Citation, enh: list[Citation]) -> list[tuple[Entry, str, Citation]]:
    out = []
    for e, m in lookup(name, cit):
        if e.role in ("offense", "pre1977"):
            out.append((e, m, cit))
    for c in enh:
        for e, m in lookup(name, c):
            out.append((e, m, c))
    return out


def _word_matches(name: str, target: Citation) -> list[tuple[words.Mapping, str]]:
    out = []
    for wm in words.for_list(name):
        m = match(wm.provision, target)
        if m != "no":
            out.append((wm, m))
    return out


def _doj_basis(wm: words.Mapping) -> str:
    rows = "; ".join(r.cite() for r in wm.supporting)
    return (f"the DOJ offense code table (2021 snapshot) describes {wm.provision.display} with the item's words "
            f"\"{wm.phrase}\": {rows}")


def _word_finding(name: str, wm: words.Mapping, m: str, cit: Citation, target: Citation, findings: list[Finding]) -> str:
    """A finding for a statute matched to a words-only item by the DOJ table's description; 'listed' or 'review'."""
    item = _cite_words(wm)
    shown = target.without_level().display
    if cit.inchoate:
        if name != "serious_felony":
            return ""
        if cit.inchoate == "182":
            findings.append(Finding(category="serious_felony", reference="pen 1192.7(c)", confidence="doj_description",
                                    reason=f"a conspiracy to commit {shown}, which matches {item} (\"{_quote(wm.words)}\") by the DOJ "
                                           f"offense code table's description; item (43) lists \"any conspiracy to commit an "
                                           f"offense described in this subdivision\" ({_doj_basis(wm)})"))
            return "listed"
        findings.append(Finding(category="serious_felony", reference="pen 1192.7(c)", confidence="needs_review",
                                reason=f"an attempt to commit {shown} ({item}, \"{_quote(wm.words)}\", matched by the DOJ offense "
                                       f"code table's description): item (39) lists \"any attempt to commit a crime listed in this "
                                       f"subdivision other than an assault\"; attempts are for review"))
        return "review"
    if m == "maybe":
        findings.append(Finding(category=name, reference=wm.reference, confidence="needs_review",
                                reason=f"{shown} may fall in {item} (\"{_quote(wm.words)}\"): the DOJ offense code table describes "
                                       f"only {wm.provision.display} with the item's words \"{wm.phrase}\"; give the subdivision"))
        return "review"
    findings.append(Finding(category=name, reference=wm.reference, confidence="doj_description",
                            reason=f"{shown} matches {item} (\"{_quote(wm.words)}\", which names no section) by the DOJ offense "
                                   f"code table's description, not by the statute text: {_doj_basis(wm)}",
                            item=wm.cite, doj_rows=[f"{r.code} {r.description}" for r in wm.supporting]))
    return "listed"


def _cite_words(wm: words.Mapping) -> str:
    return {"serious_felony": "Pen. Code ", "violent_felony": "Pen. Code "}.get(wm.list, "Gov. Code ") + wm.cite.split(" ", 1)[1]


def _serious_violent(cit: Citation, lvl: str | None, enh: list[Citation], findings: list[Finding]) -> Tri:
    listed = False
    review = False
    target = cit.target()
    for name in ("serious_felony", "violent_felony"):
        for e, m, via in _matches(name, target, enh):
            shown = via.without_level().display
            as_enh = via is not target
            what = f"the enhancement {shown}" if as_enh else shown
            if cit.inchoate and not as_enh:
                if name == "serious_felony":
                    kind = "attempt" if cit.inchoate == "664" else "conspiracy"
                    if kind == "conspiracy" and m == "yes" and not e.conditional:
                        findings.append(Finding(category="serious_felony", reference="pen 1192.7(c)", confidence="listed",
                                                reason=f"a conspiracy to commit {shown}, which {_cite_item(e)} names; item (43) lists "
                                                       f"\"any conspiracy to commit an offense described in this subdivision\""))
                        listed = True
                    else:
                        findings.append(Finding(category="serious_felony", reference="pen 1192.7(c)", confidence="needs_review",
                                                reason=f"an attempt to commit {shown} ({_cite_item(e)}): item (39) lists \"any attempt to "
                                                       f"commit a crime listed in this subdivision other than an assault\"; whether the "
                                                       f"crime is an assault is for review" if kind == "attempt" else
                                                       f"a conspiracy to commit {shown}: {_cite_item(e)} has a condition; review"))
                        review = True
                continue
            if e.role == "enhancement" and not as_enh:
                findings.append(Finding(category=name, reference=e.reference, confidence="needs_review",
                                        reason=f"{shown} is named in {_cite_item(e)} as an enhancement charged and proved with a felony; "
                                               f"give it as an enhancement of the felony conviction"))
                review = True
                continue
            if e.role == "pre1977" or m == "maybe" or e.conditional:
                why = ("named only for convictions before July 1, 1977" if e.role == "pre1977" else
                       f"the item names only some of its subdivisions ({e.citation.address})" if m == "maybe" else
                       "the item has a condition the citation cannot settle")
                findings.append(Finding(category=name, reference=e.reference, confidence="needs_review",
                                        reason=f"{what} may fall in {_cite_item(e)} (\"{_quote(e.words)}\"): {why}"))
                review = True
                continue
            findings.append(Finding(category=name, reference=e.reference, confidence="listed",
                                    reason=f"{what} is named in {_cite_item(e)}: \"{_quote(e.words)}\"", item=e.cite))
            listed = True
        for wm, m in _word_matches(name, target):
            state = _word_finding(name, wm, m, cit, target, findings)
            listed = listed or state == "listed"
            review = review or state == "review"
    if lvl in ("misdemeanor", "infraction"):
        findings.append(Finding(category="serious_felony", reference="gov 7282.5(a)(1)", confidence="listed",
                                reason=f"the conviction is a {lvl}, not a felony, so it is not a conviction of a serious or violent felony"))
        return False
    if listed and lvl == "felony":
        return True
    if listed:
        findings.append(Finding(category="serious_felony", reference="gov 7282.5(a)(1)", confidence="needs_review",
                                reason="the offense is listed, but the level of the conviction is not known: a serious or violent "
                                       "felony only if the conviction was a felony"))
        return None
    if not review:
        findings.append(Finding(category="serious_felony", reference="pen 1192.7(c)", confidence="needs_review",
                                reason="not named by section in Pen. Code 1192.7(c) or 667.5(c), but items described only in words "
                                       "(e.g. 1192.7(c)(7) \"any felony punishable by death or imprisonment in the state prison for "
                                       "life\", (8) personal infliction of great bodily injury or use of a firearm, (23) personal use "
                                       "of a dangerous or deadly weapon; 667.5(c)(7)) may reach a felony; review the facts"))
    return None


def _state_prison(lvl: str | None, findings: list[Finding]) -> Tri:
    if lvl in ("misdemeanor", "infraction"):
        return False
    findings.append(Finding(category="state_prison_felony", reference="gov 7282.5(a)(2)", confidence="needs_review",
                            reason="whether the felony is punishable by imprisonment in the state prison, or in county jail under "
                                   "Pen. Code 1170(h) (see Pen. Code 17(a)), depends on the offense's penalty text, which the corpus "
                                   "does not hold" + ("" if lvl == "felony" else "; the level of the conviction is not known either")))
    return None


def _a3(cit: Citation, lvl: str | None, enh: list[Citation], findings: list[Finding]) -> Tri:
    if lvl == "infraction":
        findings.append(Finding(category="7282.5(a)(3)", reference="gov 7282.5(a)(3)", confidence="listed",
                                reason="7282.5(a)(3) reaches misdemeanor and felony convictions only; this is an infraction"))
        return False
    target = cit.target()
    listed = False
    for e, m, via in _matches("a3", target, enh):
        shown = via.without_level().display
        as_enh = via is not target
        what = f"the enhancement {shown}" if as_enh else shown
        if m == "maybe":
            findings.append(Finding(category=_category(e), reference=e.reference, confidence="needs_review",
                                    reason=f"{what} may fall in {_cite_item(e)}, which names only {e.citation.display}"))
            continue
        if cit.inchoate and not as_enh:
            kind = "attempt" if cit.inchoate == "664" else "conspiracy"
            findings.append(Finding(category="7282.5(a)(3)(P)", reference="gov 7282.5(a)(3)(P)", confidence="listed",
                                    reason=f"{'an' if kind == 'attempt' else 'a'} {kind} (Pen. Code {cit.inchoate}) to commit {shown}, an offense named in {_cite_item(e)}"))
        else:
            findings.append(Finding(category=_category(e), reference=e.reference, confidence="listed",
                                    reason=f"{what} is named in {_cite_item(e)}: \"{_quote(e.words)}\"", item=e.cite))
        listed = True
    if listed:
        return True
    words = [it for it in items("a3") if it["item"] in _A3_WORDS and (_A3_WORDS[it["item"]] is None or lvl in (None, _A3_WORDS[it["item"]]))]
    wl = "; ".join(f"({it['item']}) \"{_quote(it['words'], 90)}\"" for it in words)
    felony_only = [f"({k})" for k, need in _A3_WORDS.items() if need == "felony"]
    not_here = (f"; {' and '.join(felony_only)} (driving under the influence; felony controlled-substance offenses) reach only "
                f"a felony conviction, so not this {lvl}") if lvl in ("misdemeanor",) else ""
    findings.append(Finding(category="7282.5(a)(3)", reference="gov 7282.5(a)(3)", confidence="needs_review",
                            reason=f"{target.without_level().display} is not named in 7282.5(a)(3)(A)-(AE), but most items read \"as "
                                   f"specified in, but not limited to\", and items in words only may reach it: {wl}{not_here}"))
    return None


def _wobbler(cit: Citation, findings: list[Finding]) -> Tri:
    val, why = doj.wobbler_levels(cit)
    findings.append(Finding(category="wobbler", reference="pen 17(b)", confidence="listed" if val is not None else "needs_review",
                            reason=why + ("" if val is None else " (DOJ coding, 2021 snapshot; Pen. Code 17(b) describes crimes punishable either way)")))
    return val


def _prop47(cit: Citation, lvl: str | None, findings: list[Finding]) -> Tri:
    hits = [] if cit.inchoate else [e for e, m in lookup("prop47", cit.target()) if m in ("yes", "maybe")]
    if not hits:
        if lvl == "misdemeanor":
            findings.append(Finding(category="prop47_misdemeanor", reference="gov 7282.5(a)(6)", confidence="listed",
                                    reason=f"{cit.target().without_level().display} is not one of the sections Proposition 47 added or "
                                           "amended (Pen. Code 459.5, 473, 476a, 490.2, 496, 666; Health & Saf. Code 11350, 11357, "
                                           "11377); a felony reduced under Pen. Code 1170.18 may be recorded under its old section: check the record"))
        return False
    e = hits[0]
    if lvl == "felony":
        findings.append(Finding(category="prop47_misdemeanor", reference="gov 7282.5(a)(6)", confidence="listed",
                                reason=f"{e.citation.display} is a Proposition 47 section, but the conviction is a felony, not a misdemeanor"))
        return False
    if lvl == "infraction":
        return False
    if not e.confirmed:
        findings.append(Finding(category="prop47_misdemeanor", reference="gov 7282.5(a)(6)", confidence="needs_review",
                                reason=f"{e.citation.display} is listed as amended by Proposition 47 in the corpus index only on secondary "
                                       "sources (no history note in the corpus); a misdemeanor under it is probably one that 7282.5(a)(6) "
                                       "protects: review"))
        return None
    if lvl is None:
        findings.append(Finding(category="prop47_misdemeanor", reference="gov 7282.5(a)(6)", confidence="needs_review",
                                reason=f"{e.citation.display} is a Proposition 47 section ({e.words}); if the conviction was a misdemeanor, "
                                       "7282.5(a)(6) forbids cooperation on it; the level is not known"))
        return None
    findings.append(Finding(category="prop47_misdemeanor", reference="gov 7282.5(a)(6)", confidence="listed",
                            reason=f"a misdemeanor under {e.citation.display}, which Proposition 47 added or amended ({e.words}; "
                                   f"history note in {e.reference}): 7282.5(a)(6) forbids cooperation for it"))
    return True


@lru_cache(maxsize=65536)
def _classify(citation: str, level: LevelArg, enhancements: tuple[str, ...]) -> Classification:
    findings: list[Finding] = []
    try:
        cit = parse_citation(citation)
    except CitationError as e:
        return Classification(citation=None, serious_or_violent_felony=None, state_prison_felony=None, a3_listed=None,
                              wobbler=None, prop47_misdemeanor=None,
                              findings=[Finding(category="unreadable", reference="gov 7282.5(a)", confidence="needs_review",
                                                reason=f"{e}; the conviction must be read by a person")])
    lvl = level or cit.level_hint
    if level and cit.level_hint and level != cit.level_hint:
        findings.append(Finding(category="level", reference="pen 17(a)", confidence="needs_review",
                                reason=f"the citation is marked {cit.level_hint} but the level given is {level}; {level} was used"))
    enh: list[Citation] = []
    for raw in enhancements:
        try:
            enh.append(parse_citation(raw).without_level())
        except CitationError as e:
            findings.append(Finding(category="unreadable", reference="gov 7282.5(a)", confidence="needs_review",
                                    reason=f"enhancement: {e}"))
    sv = _serious_violent(cit, lvl, enh, findings)
    sp = _state_prison(lvl, findings)
    a3 = _a3(cit, lvl, enh, findings)
    wob = _wobbler(cit, findings)
    p47 = _prop47(cit, lvl, findings)
    return Classification(citation=str(cit.without_level()), serious_or_violent_felony=sv, state_prison_felony=sp,
                          a3_listed=a3, wobbler=wob, prop47_misdemeanor=p47, findings=findings)


def classify(citation: str, level: LevelArg, *, enhancements: Sequence[str] = ()) -> Classification:
    """Classify one conviction; deterministic, cached by (citation, level, enhancements)."""
    return _classify(citation, level, tuple(enhancements)).model_copy(deep=True)


def classify_many(pairs: Iterable[tuple[str, LevelArg] | tuple[str, LevelArg, Sequence[str]]]) -> list[Classification]:
    """Classify many (citation, level) pairs, or (citation, level, enhancements) triples; each distinct one is
    classified once. The returned objects for equal pairs are the same cached object: treat them as read-only."""
    return [_classify(p[0], p[1], tuple(p[2]) if len(p) > 2 else ()) for p in pairs]
