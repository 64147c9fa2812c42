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
  the first degree" are described in words and may reach any felony; they are never mapped from memory. Attempts
  ("664/211") count through 1192.7(c)(39) "any attempt to commit a crime listed in this subdivision other than an
  assault", conspiracies ("182/211") through (43); 667.5(c) names only "(12) Attempted murder." (see "attempts and
  conspiracies" below).
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
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel

from . import doj, words
from .citations import Citation, CitationError, from_doj, parse_citation
from .lists import Entry, items, lookup, match

Tri = bool | None
LevelArg = Literal["felony", "misdemeanor", "infraction"] | None


class Finding(BaseModel):
    category: str
    reference: str
    # listed: the text names the section; doj_description: the item names the offense in words only, and the DOJ offense
    # code table describes the statute with exactly those words (lists/doj_words.yaml, which cites the rows)
    # statute_text: an item in words only, matched by the corpus text of the statute itself (A3_BY_STATUTE_TEXT)
    confidence: Literal["listed", "doj_description", "statute_text", "needs_review"]
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


def _supporting(wm: words.Mapping, target: Citation | None = None) -> tuple[words.DojRow, ...]:
    """The mapping's supporting rows, those the table writes at the cited provision first (then the provisions above
    it), so the first row named is the conviction's own (a mapping of a whole section, e.g. 261, has a row per
    subdivision)."""
    if target is None:
        return wm.supporting

    def rank(r: words.DojRow) -> int:
        try:
            p = from_doj(r.statute, r.code_cd).subdivisions
        except CitationError:
            return 3
        return 0 if p == target.subdivisions else 1 if target.subdivisions[: len(p)] == p else 2
    return tuple(sorted(wm.supporting, key=rank))


def _doj_basis(wm: words.Mapping, target: Citation | None = None) -> str:
    rows = "; ".join(r.cite() for r in _supporting(wm, target))
    if wm.read:  # reviewed reading: every row names the offense, followed by its form (words.py)
        return (f"the DOJ offense code table (2021 snapshot) describes {wm.provision.display}, in every row it has for it, "
                f"with the offense the item names, \"{wm.phrase}\", and its form (a reviewed reading of the table's "
                f"abbreviations: {wm.rows[0].reading}): {rows}")
    return (f"the DOJ offense code table (2021 snapshot) describes {wm.provision.display} with the item's words "
            f"\"{wm.phrase}\": {rows}")


def _word_finding(name: str, wm: words.Mapping, m: str, cit: Citation, target: Citation, findings: list[Finding]) -> str:
    """A finding for a statute matched to a words-only item by the DOJ table's description; 'listed' or 'review'."""
    item = _cite_words(wm)
    shown = target.without_level().display
    if m == "maybe":
        findings.append(Finding(category=name, reference=wm.reference, confidence="needs_review",
                                reason=f"{shown} may fall in {item} (\"{_quote(wm.words)}\"): the DOJ offense code table describes "
                                       f"only {wm.provision.display} with the item's words \"{wm.phrase}\"; give the subdivision"))
        return "review"
    findings.append(Finding(category=name, reference=wm.reference, confidence="doj_description",
                            reason=f"{shown} matches {item} (\"{_quote(wm.words)}\", which names no section) by the DOJ offense "
                                   f"code table's description, not by the statute text: {_doj_basis(wm, target)}",
                            item=wm.cite, doj_rows=[f"{r.code} {r.description}" for r in _supporting(wm, target)]))
    return "listed"


# ---------------------------------------------------------------- attempts ("664/211") and conspiracies ("182/211")
#
# Pen. Code 1192.7(c), as the corpus words it (lists/serious_felony.yaml; tests/offenses/test_attempts.py checks these
# against the list and the corpus text):
#   "(39) any attempt to commit a crime listed in this subdivision other than an assault;"
#   "(43) any conspiracy to commit an offense described in this subdivision."
# So an attempt counts through (39) when the crime attempted is one that another item of 1192.7(c) lists (by section,
# or by the DOJ table's description for an item in words only) and is not an assault: the item that lists it says
# "assault" (its words begin with it: (10)-(13), (29), (31), (32)). Where the item does not call the crime an assault
# but Gov. Code 7282.5(a)(3)(A) lists its section under "Assault" (Section 244, which 1192.7(c)(30) words "throwing
# acid or flammable substances"), whether it is "an assault" is for review. (43) has no assault exception. Additions
# of Pen. Code 1192.8(a) carry their own condition ("when any of these offenses involve ..."), so they stay for review.
#
# Pen. Code 667.5(c) has neither item: an item that names an offense does not name its attempt ("(9) Any robbery." is
# not attempted robbery). Its only attempt is "(12) Attempted murder.", read as an attempt (664) of what the DOJ table
# describes with the item's other word, "murder" (the mapping of 667.5(c)(1)); the same reading gives 1192.7(c)(9)
# "attempted murder". 667.5(c) names no conspiracy.
#
# Gov. Code 7282.5(a)(3)(P): "An attempt, as defined in Section 664 of, or a conspiracy, as defined in Section 182 of,
# the Penal Code, to commit an offense specified in this section." (see _a3).
#
# Pen. Code 182 is not in the corpus. A conspiracy written "182/211" is read as a conspiracy to commit 211. Written with
# a subdivision of 182, only 182(a)(1) is read so: the DOJ offense code table describes it, and no other paragraph of
# 182, as "CONSPIRACY:COMMIT CRIME"; 182(a)(2) is "CONSP:FALSE/ETC INDICTMNT", a conspiracy of another kind, so
# "182(a)(2)/211" is left for review in every list.
ITEM_39 = "pen 1192.7(c)(39)"
ITEM_39_WORDS = "any attempt to commit a crime listed in this subdivision other than an assault"
ITEM_43 = "pen 1192.7(c)(43)"
ITEM_43_WORDS = "any conspiracy to commit an offense described in this subdivision"
ITEM_P = "gov 7282.5(a)(3)(P)"
CONSPIRACY_182_A_1_ROWS = (("46028", "CONSPIRACY:COMMIT CRIME"), ("46038", "CONSPIRACY:COMMIT CRIME"))


@dataclass(frozen=True)
class _Listed:
    """The offense attempted or conspired to, as one item of a list names it."""

    list: str
    item: str  # 'pen 1192.7(c)(19)'
    reference: str  # the item's corpus address
    words: str
    how: str  # 'listed' (named by section) | 'doj_description' (an item in words only, matched by the DOJ table)
    open_why: str | None  # why the offense only may fall in the item (then: review), or None
    doj_rows: tuple[str, ...] = ()
    doj_basis: str = ""


def _an(kind: str | None) -> str:
    return "an attempt" if kind == "attempt" else "a conspiracy"


def _short(item: str) -> str:
    """'pen 1192.7(c)(19)' -> '(c)(19)'; 'pen 1192.8(a)' -> 'Pen. Code 1192.8(a)'; 'pen 667.5(c)(9)' -> '667.5(c)(9)'."""
    if item.startswith("pen 1192.7("):
        return item[len("pen 1192.7"):]
    return item.split(" ", 1)[1] if item.startswith("pen 667.5") else _cite_item_str(item)


def _cite_item_str(item: str) -> str:
    code, rest = item.split(" ", 1)
    return {"pen": "Pen. Code ", "gov": "Gov. Code "}.get(code, code + " ") + rest


# 1192.7(c)(31) names Section 245 only with words that qualify it: "assault with a deadly weapon, firearm, machinegun,
# assault weapon, or semiautomatic firearm or assault on a peace officer or firefighter, in violation of Section 245".
# The corpus does not hold 245's text, so whether a subdivision is one of those forms is read from the DOJ offense code
# table's current rows for it (held to the table by tests/offenses/test_classify.py): (a)(1) "ADW NOT FIREARM", (a)(2)
# "ASLT W/FIREARM ON PERSON", (a)(3) "ASLT W/MACHINEGUN ON PRSN", (b) "ASLT PRSN:SEMIAUTO F/ARM", (c) "ADW NOT
# F/ARM:PO/FIRE:GBI", (d)(1)-(3) assault on a peace officer with a firearm, semiautomatic firearm or machinegun. The
# table describes 245(a)(4) as "ADW/FORCE:POSSIBLE GBI": an assault by force likely to produce great bodily injury,
# which the item's words do not name; such a conviction is serious only on facts the citation does not give (e.g.
# (8) personal infliction of great bodily injury, (23) personal use of a deadly weapon). So (a)(4), a 245 citation
# without its subdivision, and any other subdivision are left for review, not read as named.
# (Open: the table's 245(a)(1) rows before 2012-01-01 read "FORCE/ADW NOT FIREARM:GBI", the force-likely form then
# included; the classifier is not given the conviction date, so an old 245(a)(1) conviction is still read as named.)
# The same for 1192.7(c)(32), "assault with a deadly weapon against a public transit employee, custodial officer, or
# school employee, in violation of Section 245.2, 245.3, or 245.5": the table describes 245.5(c) as "ASLT SCH EMP W/STUN
# GUN" (an assault with a stun gun, which the words do not call a deadly weapon) and 245.5(a) as "ADW/GBI SCHL EMP:NO
# F/ARM", a deadly weapon or great bodily injury: the table's own mark of the force-likely form (245(a)(1) read
# "FORCE/ADW NOT FIREARM:GBI" until 2011 and "ADW NOT FIREARM" once (a)(4) "ADW/FORCE:POSSIBLE GBI" took that form),
# so the citation does not say which; only (b) "ASLT SCHOOL EMP W/FIREARM" is within the words. 245.3 has no
# subdivision, and the table's one row for it, "ADW ON CUSTODIAL OFF:GBI", carries the ":GBI" of the combined form
# (as 245(c) "ADW NOT F/ARM:PO/FIRE:GBI" and the old 245(a)(1) do; the table's "ADW" alone does not exclude the force
# form: (a)(4) is "ADW/FORCE:POSSIBLE GBI"), so no 245.3 citation is within the words for sure. 245.2 ("ADW TRANSP
# PRSNL/ETC") shows no other form and stays named (its text is not in the corpus).
# And for 1192.7(c)(29), "assault with the intent to commit mayhem, rape, sodomy, or oral copulation, in violation of
# Section 220": the table's rows for section 220 cited without a subdivision include "ASLT:PENETRATE W/OBJECT" and
# "ASLT:COMIT LEWD/LASC:CHLD", intended crimes the words do not name; its rows for 220(a), (a)(1), (a)(2) and (b) all
# describe an assault with intent to commit rape. So a bare 220 citation is open under (29) (the offense stays a violent
# felony by 667.5(c)(15) "Assault with the intent to commit a specified felony, in violation of Section 220.", which
# names no conspiracy: a conspiracy to it under (43) is open).
# And for 1192.7(c)(30), "throwing acid or flammable substances, in violation of Section 244": the table's only row for
# 244 is "ASLT W/CAUSTIC CHEM/ETC", an assault with a caustic chemical, a substance the words do not name (and the
# section has no subdivision to tell the forms apart), so no 244 citation is within them for sure.
# item, code, section -> ({subdivision within the words: the table's current (not repealed) descriptions of it},
#                         the form the table shows outside the words)
QUALIFIED_NAMINGS: dict[tuple[str, str, str], tuple[dict[tuple[str, ...], tuple[str, ...]], str]] = {
    ("pen 1192.7(c)(31)", "pen", "245"): ({
        ("a", "1"): ("ADW NOT FIREARM",), ("a", "2"): ("ASLT W/FIREARM ON PERSON",),
        ("a", "3"): ("ASLT W/MACHINEGUN ON PRSN",), ("b",): ("ASLT PRSN:SEMIAUTO F/ARM",),
        ("c",): ("ADW NOT F/ARM:PO/FIRE:GBI",), ("d",): ("ASLT PO W/MACHINEGUN/ETC",),
    }, "245(a)(4): \"ADW/FORCE:POSSIBLE GBI\", force likely to produce great bodily injury"),
    ("pen 1192.7(c)(29)", "pen", "220"): ({
        ("a",): ("ASLT:W/INTENT TO RAPE", "ASSAULT:W/INTENT TO RAPE", "ASSAULT:-18 W/INT TO RAPE"),
        ("b",): ("ASLT:INTENT RAPE IN 459",),
    }, "220 without its subdivision: \"ASLT:PENETRATE W/OBJECT\", \"ASLT:COMIT LEWD/LASC:CHLD\", an assault with intent "
       "to commit a crime the words do not name"),
    ("pen 1192.7(c)(30)", "pen", "244"): ({}, "244: \"ASLT W/CAUSTIC CHEM/ETC\", its only row, an assault with a caustic "
                                            "chemical, which the words \"acid or flammable substances\" do not name"),
    ("pen 1192.7(c)(32)", "pen", "245.5"): ({
        ("b",): ("ASLT SCHOOL EMP W/FIREARM",),
    }, "245.5(a): \"ADW/GBI SCHL EMP:NO F/ARM\", a deadly weapon or great bodily injury, the mark the table gives the form "
       "by force likely to produce it; 245.5(c): \"ASLT SCH EMP W/STUN GUN\", an assault with a stun gun"),
    ("pen 1192.7(c)(32)", "pen", "245.3"): ({}, "245.3: \"ADW ON CUSTODIAL OFF:GBI\", its only row, with the \":GBI\" of the "
                                              "table's rows for the deadly-weapon or force-likely form (245(a)(1) \"FORCE/ADW NOT "
                                              "FIREARM:GBI\" until 2011)"),
}


def _outside_qualified_words(cite: str, target: Citation) -> str | None:
    """Why a section the item `cite` names with qualifying words may be cited for a form outside them
    (QUALIFIED_NAMINGS); None if the citation is one of the forms within them, or the item names the section plainly."""
    q = QUALIFIED_NAMINGS.get((cite, target.code, target.section))
    if q is None:
        return None
    within, outside = q
    if any(target.subdivisions[: len(p)] == p for p in within):
        return None
    return (f"the item names Section {target.section} only for the forms its words describe, and the DOJ offense code "
            f"table describes another ({outside}), or the citation does not say which subdivision")


def _listings(name: str, target: Citation) -> list[_Listed]:
    out: list[_Listed] = []
    for e, m in lookup(name, target):
        why = ("the item names it as an enhancement charged and proved with a felony" if e.role == "enhancement" else
               "named only for convictions before July 1, 1977" if e.role == "pre1977" else
               f"the item names only {e.citation.display}" if m == "maybe" else
               "the item has a condition the citation cannot settle" if e.conditional else None)
        out.append(_Listed(name, e.cite, e.reference, e.words, "listed", why))
    for wm, m in _word_matches(name, target):
        why = (f"the DOJ offense code table describes only {wm.provision.display} with the item's words \"{wm.phrase}\""
               if m == "maybe" else None)
        out.append(_Listed(name, wm.cite, wm.reference, wm.words, "doj_description", why,
                           tuple(f"{r.code} {r.description}" for r in _supporting(wm, target)), _doj_basis(wm, target)))
    return out


def _names_an_assault(words_: str) -> bool:
    """The item's words call the crime an assault ("assault with a deadly weapon ..."; not (39) itself)."""
    return words_.strip().lower().startswith("assault")


def _a3_assault_item(target: Citation) -> Entry | None:
    """The 7282.5(a)(3) item in whose words the section is an "Assault" ((A) "Assault, as specified in ...")."""
    for e, m in lookup("a3", target):
        if m == "yes" and e.role == "offense" and _names_an_assault(e.words):
            return e
    return None


def _conspiracy_prefix_open(cit: Citation) -> str | None:
    """Why a conspiracy prefix is not read as "a conspiracy to commit" the offense named, or None."""
    if cit.inchoate_kind != "conspiracy" or cit.inchoate_subdivisions in ((), ("a", "1")):
        return None
    codes = ", ".join(c for c, _ in CONSPIRACY_182_A_1_ROWS)
    return (f"the conspiracy is cited under Pen. Code {cit.inchoate}, not 182(a)(1), the paragraph the DOJ offense code table "
            f"describes as \"{CONSPIRACY_182_A_1_ROWS[0][1]}\" (codes {codes}); Pen. Code 182 is not in the corpus, so "
            f"whether it is a conspiracy to commit {cit.target().without_level().display} is for review")


def _prefix_basis(cit: Citation) -> tuple[str, tuple[str, ...]]:
    if cit.inchoate_kind == "conspiracy" and cit.inchoate_subdivisions == ("a", "1"):
        rows = tuple(f"{c} {d}" for c, d in CONSPIRACY_182_A_1_ROWS)
        return (f"; Pen. Code 182(a)(1) is read as a conspiracy to commit a crime by the DOJ offense code table's description "
                f"(codes {', '.join(c for c, _ in CONSPIRACY_182_A_1_ROWS)}, \"{CONSPIRACY_182_A_1_ROWS[0][1]}\")"), rows
    return "", ()


def _attempted_items(name: str) -> list[tuple[dict, str]]:
    """Items in words only of the form "attempted X" (1192.7(c)(9), 667.5(c)(12) "Attempted murder."), with X."""
    out = []
    for it in items(name):
        w = words.normalise(it["words"])
        if w.startswith("ATTEMPTED ") and not it.get("sections"):
            out.append((it, w[len("ATTEMPTED "):]))
    return out


def _inchoate_serious_violent(cit: Citation, findings: list[Finding]) -> tuple[bool, bool]:
    """Findings for an attempt or conspiracy under 1192.7(c) and 667.5(c); (listed, review)."""
    target = cit.target()
    shown = target.without_level().display
    cited = cit.without_level().display
    kind = cit.inchoate_kind
    listed = review = False
    prefix_open = _conspiracy_prefix_open(cit)
    extra, prefix_rows = _prefix_basis(cit)

    def add(**kw):
        findings.append(Finding(**kw))

    # "attempted X" items (1192.7(c)(9), 667.5(c)(12)): an attempt of what the DOJ table describes as X
    attempted_violent = False
    if kind == "attempt":
        for name in ("serious_felony", "violent_felony"):
            for it, phrase in _attempted_items(name):
                for wm in words.mappings():
                    m = match(wm.provision, target)
                    if m == "no" or words.phrase_key(wm.phrase) != phrase:
                        continue
                    if m == "maybe":
                        add(category=name, reference=it["reference"], confidence="needs_review", item=it["cite"],
                            reason=f"{cited} may be an attempt of {wm.phrase}, {_short(it['cite'])} \"{_quote(it['words'])}\": "
                                   f"the DOJ offense code table describes only {wm.provision.display} with the words \"{wm.phrase}\"; "
                                   f"give the subdivision")
                        review = True
                    else:
                        add(category=name, reference=it["reference"], confidence="doj_description", item=it["cite"],
                            reason=f"{_short(it['cite'])} \"{_quote(it['words'])}\": {cited} is an attempt (Pen. Code 664) to commit "
                                   f"{shown}, which the DOJ offense code table describes as {wm.phrase} (not the statute text): "
                                   f"{_doj_basis(wm, target)}",
                            doj_rows=[f"{r.code} {r.description}" for r in _supporting(wm, target)])
                        listed = True
                        attempted_violent = attempted_violent or name == "violent_felony"
                    break

    # 1192.7(c)(39) and (43)
    item_no, item_words = ("(39)", ITEM_39_WORDS) if kind == "attempt" else ("(43)", ITEM_43_WORDS)
    item_cite = ITEM_39 if kind == "attempt" else ITEM_43

    def open_item(reason: str, reference: str = "pen 1192.7(c)") -> None:
        """The (39)/(43) item is left open for review, for this reason."""
        nonlocal review
        add(category="serious_felony", reference=reference, confidence="needs_review", item=item_cite, reason=reason)
        review = True

    for li in _listings("serious_felony", target):
        where = f"{_short(li.item)} \"{_quote(li.words)}\""
        in_1192_7_c = li.reference == "pen 1192.7(c)"
        if prefix_open:
            open_item(f"1192.7(c)(43) \"{item_words}\": {shown} is listed in {where}, but {prefix_open}")
            continue
        if li.open_why or not in_1192_7_c:
            why = li.open_why or "not an item of 1192.7(c) itself"
            open_item(f"1192.7(c){item_no} \"{item_words}\": {shown} may fall in {where}: {why}; review", li.reference)
            continue
        if kind == "attempt" and _names_an_assault(li.words):
            open_item(f"1192.7(c)(39) \"{item_words}\": {shown} is listed in {where}, an assault, so (39) does not reach an "
                      f"attempt to commit it, and no other item names the attempt; items described only in words (e.g. (8) "
                      f"personal infliction of great bodily injury or use of a firearm, (23) personal use of a dangerous or "
                      f"deadly weapon) may still reach the felony: review the facts")
            continue
        outside = _outside_qualified_words(li.item, target) if li.how == "listed" else None
        if outside:
            open_item(f"1192.7(c){item_no} \"{item_words}\": {shown} may fall in {where}: {outside}; review")
            continue
        a3e = _a3_assault_item(target) if kind == "attempt" else None
        if a3e is not None:
            open_item(f"1192.7(c)(39) \"{item_words}\": {shown} is listed in {where}, which does not call it an assault, but "
                      f"{_cite_item(a3e)} lists Section {a3e.citation.section} under \"{_quote(a3e.words, 40)}\"; whether it is "
                      f"an assault, which (39) excepts, is for review")
            continue
        how = "doj_description" if li.how == "doj_description" or prefix_rows else "listed"
        basis = (f" ({li.doj_basis})" if li.how == "doj_description" else "") + extra
        what = (f"an attempt (Pen. Code 664) to commit {shown}, {where}, a crime listed in this subdivision and not an "
                f"assault" if kind == "attempt" else
                f"a conspiracy (Pen. Code {cit.inchoate}) to commit {shown}, {where}, an offense described in this subdivision")
        add(category="serious_felony", reference="pen 1192.7(c)", confidence=how, item=item_cite,
            reason=f"1192.7(c){item_no} \"{item_words}\": {what}{basis}",
            doj_rows=list(li.doj_rows) + list(prefix_rows))
        listed = True

    # 667.5(c): no attempts but (12), no conspiracies
    if not attempted_violent:
        vf = {it["item"]: it["words"] for it in items("violent_felony")}
        attempts = "; ".join(f"({k}) \"{_quote(w)}\"" for k, w in vf.items() if words.normalise(w).startswith("ATTEMPTED"))
        for li in _listings("violent_felony", target):
            add(category="violent_felony", reference=li.reference, confidence="needs_review", item=li.item,
                reason=f"{_short(li.item)} \"{_quote(li.words)}\" names the offense, not {_an(kind)} to commit it: 667.5(c) "
                       + (f"names no attempt but {attempts}" if kind == "attempt" else "names no conspiracy")
                       + f", so it does not reach {cited}")
    if not listed and not review:
        open_item(f"1192.7(c){item_no} \"{item_words}\": {shown} is not a crime 1192.7(c) lists by section, nor one the "
                  f"DOJ offense code table matches to an item in words only, so the classifier cannot place the {kind}; items "
                  f"described only in words (e.g. (3) rape, (14) arson, (18) any burglary of the first degree, (7), (8), "
                  f"(23)) may reach it: review the facts")
    return listed, review


def _cite_words(wm: words.Mapping) -> str:
    return {"serious_felony": "Pen. Code ", "violent_felony": "Pen. Code "}.get(wm.list, "Gov. Code ") + wm.cite.split(" ", 1)[1]


def _serious_violent(cit: Citation, lvl: str | None, enh: list[Citation], findings: list[Finding]) -> Tri:
    listed = False
    review = False
    target = cit.target()
    if cit.inchoate:
        listed, review = _inchoate_serious_violent(cit, findings)
    for name in ("serious_felony", "violent_felony"):
        for e, m, via in _matches(name, target, enh):
            shown = via.without_level().display
            as_enh = via is not target
            what = f"the enhancement {shown}" if as_enh else shown
            if cit.inchoate and not as_enh:
                continue  # the attempt or conspiracy itself: _inchoate_serious_violent
            if e.role == "enhancement" and not as_enh:
                findings.append(Finding(category=name, reference=e.reference, confidence="needs_review",
                                        reason=f"{shown} is named in {_cite_item(e)} as an enhancement charged and proved with a felony; "
                                               f"give it as an enhancement of the felony conviction"))
                review = True
                continue
            outside = _outside_qualified_words(e.cite, target)
            if e.role == "pre1977" or m == "maybe" or e.conditional or outside:
                why = ("named only for convictions before July 1, 1977" if e.role == "pre1977" else
                       f"the item names only some of its subdivisions ({e.citation.address})" if m == "maybe" else
                       "the item has a condition the citation cannot settle" if e.conditional else outside)
                findings.append(Finding(category=name, reference=e.reference, confidence="needs_review",
                                        reason=f"{what} may fall in {_cite_item(e)} (\"{_quote(e.words)}\"): {why}"))
                review = True
                continue
            findings.append(Finding(category=name, reference=e.reference, confidence="listed",
                                    reason=f"{what} is named in {_cite_item(e)}: \"{_quote(e.words)}\"", item=e.cite))
            listed = True
        for wm, m in [] if cit.inchoate else _word_matches(name, target):
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


# Words-only items of 7282.5(a)(3) matched by the corpus text of the offense's own section. "(M) An offense involving
# the felony possession, sale, distribution, manufacture, or trafficking of controlled substances": Health & Saf.
# Code 11350(a) and 11377(a), as the corpus holds them, make it an offense for "every person who possesses" "any
# controlled substance" there specified, so a felony conviction under either is an offense involving the felony
# possession of controlled substances. Only these two: the corpus holds no text of the sale, transport or
# manufacture sections (11351-11379.6), which stay for review. Each entry: (code, section) -> (the item, the
# subdivisions that define the offense (a citation of the section alone is read as them), the level the item
# needs, and the corpus words; tests/offenses/test_classify.py checks that the corpus text holds them).
A3_BY_STATUTE_TEXT: dict[tuple[str, str], tuple[str, tuple[str, ...], str, str]] = {
    ("hsc", "11350"): ("M", ("a",), "felony", "every person who possesses (1) any controlled substance"),
    ("hsc", "11377"): ("M", ("a",), "felony", "every person who possesses any controlled substance"),
}


# (M) for the sale, transport and manufacture sections, whose texts are not in the corpus: the DOJ offense code table
# describes each of these provisions, in every row it has for it, as possessing for sale, transporting or selling, or
# manufacturing a controlled substance ("CNTL SUB", "C/SUB": its abbreviations; reviewed reading, like classify.DUI_ROWS).
# A felony conviction under one is an offense involving the felony possession, sale, distribution, manufacture or
# trafficking of controlled substances. Left out: provisions whose rows do not say "controlled substance" (11351.5
# "COKE BASE", 11352(b) "NARC BTWN CNTY", 11378.5 "PHENCYCLIDINE"), an offer (11379.6(b)), a section cited without the
# subdivision where another subdivision is left out (11352, 11379.6). Each entry: (code, section, subdivisions) ->
# every row the table has for it (offense code, description, level); a test holds them to the table.
A3_M_DOJ_ROWS: dict[tuple[str, str, tuple[str, ...]], tuple[tuple[str, str, str], ...]] = {
    ("hsc", "11351", ()): (("35276", "POS/PUR F/SALE NARC/C/SUB", "F"),),
    ("hsc", "11352", ("a",)): (("35154", "TRANSP/SELL NARC/CNTL SUB", "F"),),
    ("hsc", "11378", ()): (("35138", "POSS CNTL SUB FOR SALE", "F"),),
    ("hsc", "11379", ()): (("35139", "TRANSP/ETC CNTL SUB", "F"),),
    ("hsc", "11379", ("a",)): (("35175", "TRANSP/ETC CNTL SUB", "F"),),
    ("hsc", "11379", ("b",)): (("35295", "TRANSP/ETC F/SALE C/SUB", "F"),),
    ("hsc", "11379.6", ("a",)): (("35244", "MFG/ETC CNTL SUB", "F"),),
}


# (K) "Unlawful possession or use of a weapon, firearm, explosive device, or weapon of mass destruction, as specified in,
# but not limited to, Sections 171b, ..." does not name Pen. Code 29800; the DOJ offense code table describes every row
# it has for 29800 as possession of a firearm by a person the section forbids to have one ("FELON/ETC POSS/ETC F/ARM",
# "POSS/ETC F/ARM ..."; "F/ARM" its abbreviation of firearm): unlawful possession of a firearm. Same form as above.
A3_K_DOJ_ROWS: dict[tuple[str, str, tuple[str, ...]], tuple[tuple[str, str, str], ...]] = {
    ("pen", "29800", ()): (("52422", "FELON/ETC POSS/ETC F/ARM", "F"), ("52741", "POSS/ETC F/ARM 2+CONV 417", "F"),
                           ("52839", "POSS/ETC F/ARM W/WARRANT", "F"), ("52423", "CONV PERSN POSS/ETC F/ARM", "F")),
}
# (B) "Battery, as specified in, but not limited to, Sections 242, 243.1, ..." names 242 but not 243; the DOJ offense code
# table describes every row it has for Pen. Code 243, at every subdivision, as a battery ("BATTERY ON PERSON", "BATT W/
# SERIOUS BODILY INJ", "BATTERY AGAINST PO", "BAT:SPOUSE/EX SP/DATE/ETC"; "BATT", "BAT" its abbreviations). Whether a
# misdemeanor counts is for 7282.5(a)(3)'s wobbler condition (243(e)(1) is coded at misdemeanor level only). Same form.
A3_B_DOJ_ROWS: dict[tuple[str, str, tuple[str, ...]], tuple[tuple[str, str, str], ...]] = {
    ("pen", "243", ()): (("13064", "BATTERY", "F"),),
    ("pen", "243", ("a",)): (("13082", "BATTERY ON PERSON", "M"),),
    ("pen", "243", ("b",)): (("13081", "BATT PO/EMERG PRSNL/ETC", "M"),),
    ("pen", "243", ("c",)): (("13226", "BATTERY PO/ETC W/INJURY", "F"),),
    ("pen", "243", ("c", "1")): (("13181", "BAT EMERGENCY PERSON/ETC", "F"), ("13195", "BATT EMERGENCY PERSON/ETC", "M")),
    ("pen", "243", ("c", "2")): (("13182", "BATTERY AGAINST PO", "F"), ("13200", "BATTERY AGAINST PO", "M")),
    ("pen", "243", ("d",)): (("13084", "BATT W/SERIOUS BODILY INJ", "F"), ("13180", "BATERY:SERIOUS BODILY INJ", "M")),
    ("pen", "243", ("e",)): (("13187", "BATTERY:SPOUSE/ETC", "M"),),
    ("pen", "243", ("e", "1")): (("13174", "BAT:SPOUSE/EX SP/DATE/ETC", "M"),),
    ("pen", "243.15", ()): (("13223", "BATTERY NONINMATE BY INMT", "F"), ("13224", "BATTERY NOINMATE BY INMT", "M")),
    ("pen", "4131.5", ()): (("13056", "BATTERY NONINMATE BY INMT", "F"),),
}
# (F) "Burglary, robbery, theft, fraud, forgery, or embezzlement, as specified in, but not limited to, Sections 211, 215,
# 459, ..." names 459 but not 460, which the DOJ offense code table describes only as "BURGLARY:FIRST DEGREE" (460(a))
# and "BURGLARY:SECOND DEGREE" (460(b), at both levels). Same form.
A3_F_DOJ_ROWS: dict[tuple[str, str, tuple[str, ...]], tuple[tuple[str, str, str], ...]] = {
    ("pen", "460", ("a",)): (("22124", "BURGLARY:FIRST DEGREE", "F"),),
    ("pen", "460", ("b",)): (("22125", "BURGLARY:SECOND DEGREE", "F"), ("22131", "BURGLARY:SECOND DEGREE", "M")),
    # burglary, forgery and embezzlement in every row ("FORGE", "EMBEZ" the table's clippings)
    ("pen", "464", ()): (("22011", "BURGLARY W/EXPLOSIVES", "F"),),
    ("pen", "472", ()): (("25008", "FORGE OFFICIAL SEAL", "F"), ("25096", "FORGE/ETC OFFICIAL SEAL", "M")),
    ("pen", "481", ()): (("25018", "FORGE RR/STEAMSHIP TICKET", "F"), ("25127", "FORGE RR/STEAMSHIP TICKET", "M")),
    ("pen", "484f", ("a",)): (("30062", "FORGE ACCESS CARD:DEFRAUD", "F"), ("30075", "FORGE ACCESS CARD:DEFRAUD", "M")),
    ("pen", "484f", ("b",)): (("30063", "FORGE NAME:ACC CARD/ETC", "F"), ("30074", "FORGE NAME:ACC CARD/ETC", "M")),
    ("pen", "504a", ()): (("27016", "EMBEZZLE PROP UNDER LEASE", "F"), ("27025", "EMBEZZLE PROP UNDER LEASE", "M")),
    ("pen", "506", ()): (("27019", "EMBEZZLE PRIVATE PROPERTY", "F"), ("27028", "EMBEZZLE PRIVATE PROPERTY", "M")),
    ("pen", "507", ()): (("27020", "EMBEZ BY BAILE/ETC $400+", "F"), ("27029", "EMBEZZLMENT BY BAILEE/ETC", "M")),
    ("pen", "508", ()): (("27021", "EMBEZ BY EMPLOYEE $400+", "F"), ("27030", "EMBEZZLEMENT BY EMPLOYEE", "M")),
    ("pen", "514", ()): (("27022", "EMBEZZLEMENT", "F"), ("27031", "EMBEZZLEMENT", "M")),
}
# The other categories of 7282.5(a)(3) named in words, "as specified in, but not limited to": sections not named whose
# every DOJ row names the category's offense. (J) "Escape", (A) "Assault", (I) "Bribery", (AD) "Kidnapping". Same form.
A3_J_DOJ_ROWS = {("pen", "1026.4", ("a",)): (("49078", "ESCAPE:MENTAL FACILTY/ETC", "F"), ("49099", "ESCAPE MENTAL HEALTH FAC", "M"))}
A3_A_DOJ_ROWS = {("pen", "149", ()): (("13004", "ASSAULT BY PUBLIC OFFICER", "F"), ("13221", "ASSAULT BY PUBLIC OFFICER", "M"))}
A3_I_DOJ_ROWS = {("pen", "337b", ()): (("51023", "BRIBE SPORT CONTESTANT", "F"),),
                 ("pen", "639", ()): (("51027", "BRIBE EMPLOYE TO OBT LOAN", "F"),),
                 ("pen", "641", ()): (("51029", "BRIBE TELEPHONE EMPLOYEE", "F"),)}
A3_AD_DOJ_ROWS = {("pen", "208", ("b",)): (("10021", "KIDNAP CHILD UNDER 14 YRS", "F"),)}
# (T) "False imprisonment, slavery, and human trafficking"; (V) "Torture and mayhem"; (C) "Use of threats". 237(b)
# ("IMPRISON:ELD/ETC:VIO/ETC") does not begin with the words and is left for review.
A3_T_DOJ_ROWS = {("pen", "237", ("a",)): (("56027", "FALSE IMPRISON:VIOL/ETC", "F"), ("56028", "FALSE IMPRISONMENT", "M"))}
A3_V_DOJ_ROWS = {("pen", "206", ()): (("13142", "TORTURE", "F"),)}
A3_C_DOJ_ROWS = {("pen", "11412", ()): (("56024", "THREAT RIGHT OF RELIGION", "F"),),
                 ("pen", "523", ()): (("21014", "THRTNG LTR W/INT TO EXTOR", "F"),),
                 ("pen", "523", ("b", "1")): (("21023", "THRTN RANSOMWARE EXTORT $", "F"),)}
# item -> (its rows, what the rows describe, the level the reading needs)
_A3_DOJ_READINGS = {
    "M": (A3_M_DOJ_ROWS, "possessing for sale, transporting or selling, or manufacturing a controlled substance", "felony"),
    "K": (A3_K_DOJ_ROWS, "possession of a firearm by a person forbidden to have one", None),
    "B": (A3_B_DOJ_ROWS, "a battery", None),
    "F": (A3_F_DOJ_ROWS, "a burglary, forgery or embezzlement", None),
    "J": (A3_J_DOJ_ROWS, "an escape", None),
    "A": (A3_A_DOJ_ROWS, "an assault", None),
    "I": (A3_I_DOJ_ROWS, "bribery", None),
    "AD": (A3_AD_DOJ_ROWS, "a kidnapping", None),
    "T": (A3_T_DOJ_ROWS, "false imprisonment", None),
    "V": (A3_V_DOJ_ROWS, "torture", None),
    "C": (A3_C_DOJ_ROWS, "a threat", None),
}


def _a3_doj(cit: Citation, lvl: str | None, findings: list[Finding]) -> bool:
    """A reviewed reading of the DOJ table's descriptions for an item of 7282.5(a)(3) (A3_M_DOJ_ROWS, A3_K_DOJ_ROWS)."""
    t = cit.target()
    if cit.inchoate or lvl not in ("felony", "misdemeanor"):
        return False
    for item, (table, what, need) in _A3_DOJ_READINGS.items():
        if need and lvl != need:
            continue
        hit = None
        for k in range(len(t.subdivisions), -1, -1):  # the provision, or the nearest recorded one above it
            hit = table.get((t.code, t.section, t.subdivisions[:k]))
            if hit is not None:
                break
        if hit is None:
            continue
        words = next(it["words"] for it in items("a3") if it["item"] == item)
        basis = "; ".join(f"DOJ offense code {code} (\"{desc}\", {lv})" for code, desc, lv in hit)
        findings.append(Finding(category=f"7282.5(a)(3)({item})", reference=f"gov 7282.5(a)(3)({item})", confidence="doj_description",
                                item=f"gov 7282.5(a)(3)({item})", doj_rows=[f"{code} {desc}" for code, desc, _ in hit],
                                reason=f"a {lvl} under {t.without_level().display} matches 7282.5(a)(3)({item}) (\"{_quote(words)}\"): "
                                       f"the DOJ offense code table describes it as {what}: {basis}"))
        return True
    return False


def _a3_by_statute_text(cit: Citation, lvl: str | None, findings: list[Finding]) -> bool:
    t = cit.target()
    hit = A3_BY_STATUTE_TEXT.get((t.code, t.section))
    if hit is None or cit.inchoate or lvl != hit[2]:
        return False
    item, subs, _, statute_words = hit
    if t.subdivisions and t.subdivisions[: len(subs)] != subs:
        return False
    words = next(it["words"] for it in items("a3") if it["item"] == item)
    provision = f"{t.code} {t.section}" + "".join(f"({p})" for p in subs)
    findings.append(Finding(category=f"7282.5(a)(3)({item})", reference=f"gov 7282.5(a)(3)({item})", confidence="statute_text",
                            item=f"gov 7282.5(a)(3)({item})",
                            reason=f"a {lvl} conviction under {t.without_level().display} matches 7282.5(a)({3})({item}) "
                                   f"(\"{_quote(words)}\", which names no section) by the corpus text of {provision}: "
                                   f"\"{statute_words}\""))
    return True


# 7282.5(a)(3)(G) "Driving under the influence of alcohol or drugs, but only for a conviction that is a felony."
# The Vehicle Code is not in the corpus; the DOJ offense code table (2021 snapshot) describes the subdivisions of Veh.
# Code 23152 and 23153 below as "DUI ..." offenses, "DUI" being its abbreviation of driving under the influence
# (reviewed reading, not a description match of sanctuary.offenses.words). Two answers rest on it:
# - a felony under the subdivisions the table describes as driving under the influence of alcohol, of a drug, or of
#   both ("DUI ALCOHOL", "DUI ANY DRUG", "DUI ALCOHOL AND DRUG", and the same "CAUSE BOD INJ") is (G). The
#   blood-alcohol subdivisions ("DUI ALCOHOL/0.08 PERCENT", ".04") and 23152(e)/23153(e), whose letters the table
#   shows moving in 2017, stay for review as felonies.
# - a misdemeanor under any "DUI" subdivision of 23152 is not (G) ("but only for a conviction that is a felony"), and
#   no other item of (a)(3) names or describes driving under the influence: the item that does excludes it. A
#   misdemeanor under 23153 (bodily injury) stays open: (Q) "involving the personal infliction of great bodily injury"
#   may reach it.
# Each entry: (section, subdivision) -> every row the table has for it, repealed ones too (offense code, description,
# level); tests/offenses/test_classify.py holds them to the table when it is present.
DUI_ROWS: dict[tuple[str, tuple[str, ...]], tuple[tuple[str, str, str], ...]] = {
    ("23152", ("a",)): (("42073", "DUI ALCOHOL/DRUGS", "M"), ("42085", "DUI ALCOHOL/DRUG W/PRIORS", "F"),
                        ("42100", "DUI W/PRIORS:PER 23550 VC", "F"), ("42104", "DUI ALCOHOL", "M")),
    ("23152", ("b",)): (("42088", "DUI ALCOHOL/0.08 PERCENT", "M"), ("42099", "DUI 0.08 W/PR:PER 23550VC", "F")),
    ("23152", ("d",)): (("42090", "DUI:ALC/.04 COMERCIAL VEH", "M"),),
    ("23152", ("e",)): (("42105", "DUI DRUG", "M"), ("42126", "DUI:ALC/.04 PASS FOR HIRE", "M")),
    ("23152", ("f",)): (("42106", "DUI ALCOHOL/DRUG", "M"), ("42116", "DUI ANY DRUG", "M")),
    ("23152", ("g",)): (("42117", "DUI ALCOHOL AND DRUG", "M"),),
    ("23153", ("a",)): (("42069", "DUI:ALC/DRUG:RSLT:BOD INJ", "F"), ("42092", "DUI ALC/DRUGS:BODILY INJ", "M"),
                        ("42107", "DUI ALCOHOL:CAUSE BOD INJ", "F"), ("42112", "DUI ALCOHOL:CAUSE BOD INJ", "M")),
    ("23153", ("f",)): (("42109", "DUI ALC/DRUG:CAUS BOD INJ", "F"), ("42110", "DUI ALC/DRUG:CAUS BOD INJ", "M"),
                        ("42118", "DUI DRUG:CAUSE BODILY INJ", "M"), ("42119", "DUI DRUG:CAUSE BODILY INJ", "F")),
    ("23153", ("g",)): (("42120", "DUI ALC/DRUG:CAUS BOD INJ", "M"), ("42121", "DUI ALC/DRUG:CAUS BOD INJ", "F")),
}
DUI_FELONY_G = {("23152", ("a",)), ("23152", ("f",)), ("23152", ("g",)),
                ("23153", ("a",)), ("23153", ("f",)), ("23153", ("g",))}
DUI_MISDEMEANOR_NOT_A3 = {k for k in DUI_ROWS if k[0] == "23152"}


def _a3_dui(cit: Citation, lvl: str | None, findings: list[Finding]) -> Tri | str:
    """(G) for a Vehicle Code DUI: True (a felony (G) reaches), False (a 23152 misdemeanor), or 'open' (not decided here)."""
    t = cit.target()
    if t.code != "veh" or cit.inchoate or lvl not in ("felony", "misdemeanor"):
        return "open"
    key = (t.section, t.subdivisions[:1])
    rows = DUI_ROWS.get(key)
    if rows is None or len(t.subdivisions) > 1:
        return "open"
    g = next(it["words"] for it in items("a3") if it["item"] == "G")
    shown = t.without_level().display
    doj_rows = [f"{code} {desc}" for code, desc, _ in rows]
    basis = "; ".join(f"DOJ offense code {code} (\"{desc}\", {lv})" for code, desc, lv in rows)
    if lvl == "felony" and key in DUI_FELONY_G:
        findings.append(Finding(category="7282.5(a)(3)(G)", reference="gov 7282.5(a)(3)(G)", confidence="doj_description",
                                item="gov 7282.5(a)(3)(G)", doj_rows=doj_rows,
                                reason=f"a felony under {shown} is (G) \"{g}\": the DOJ offense code table describes "
                                       f"{shown} as driving under the influence (\"DUI\", its abbreviation): {basis}"))
        return True
    if lvl == "misdemeanor" and key in DUI_MISDEMEANOR_NOT_A3:
        findings.append(Finding(category="7282.5(a)(3)(G)", reference="gov 7282.5(a)(3)(G)", confidence="doj_description",
                                item="gov 7282.5(a)(3)(G)", doj_rows=doj_rows,
                                reason=f"a misdemeanor under {shown}, which the DOJ offense code table describes as driving under "
                                       f"the influence (\"DUI\": {basis}): (G) \"{g}\" excludes it, and no other item of "
                                       f"7282.5(a)(3) names or describes driving under the influence"))
        return False
    return "open"


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
            # (P) "An attempt, as defined in Section 664 of, or a conspiracy, as defined in Section 182 of, the Penal Code,
            # to commit an offense specified in this section." (no assault exception)
            kind = cit.inchoate_kind
            p_words = next(it["words"] for it in items("a3") if it["item"] == "P")
            prefix_open = _conspiracy_prefix_open(cit)
            if prefix_open:
                findings.append(Finding(category="7282.5(a)(3)(P)", reference=ITEM_P, confidence="needs_review", item=ITEM_P,
                                        reason=f"(P) \"{_quote(p_words)}\": {shown} is named in {_cite_item(e)}, but {prefix_open}"))
                continue
            findings.append(Finding(category="7282.5(a)(3)(P)", reference=ITEM_P, confidence="listed", item=ITEM_P,
                                    reason=f"(P) \"{_quote(p_words)}\": {_an(kind)} (Pen. Code "
                                           f"{cit.inchoate}) to commit {shown}, an offense named in {_cite_item(e)}"))
        else:
            findings.append(Finding(category=_category(e), reference=e.reference, confidence="listed",
                                    reason=f"{what} is named in {_cite_item(e)}: \"{_quote(e.words)}\"", item=e.cite))
        listed = True
    if listed:
        return True
    if _a3_by_statute_text(cit, lvl, findings) or _a3_doj(cit, lvl, findings):
        return True
    dui = _a3_dui(cit, lvl, findings)
    if dui != "open":
        return dui
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


# Sections Proposition 47 amended that still punish the offense either way, beside the misdemeanor Prop. 47 made of
# it for a value of $950 or less. 7282.5(a)(6) names "misdemeanors that were previously felonies, or were previously
# crimes punishable as either misdemeanors or felonies, prior to passage of the Safe Neighborhoods and Schools Act of
# 2014 as it amended the Penal Code": the offenses Prop. 47 turned into misdemeanors (not every wobbler sentenced as
# a misdemeanor, or the five-year misdemeanor branch of (a)(3) would never apply). A misdemeanor conviction under
# these sections is such a misdemeanor only if the value was $950 or less (or it was reduced under Pen. Code
# 1170.18, the case's `reduced_under_prop47`); above it, it is a wobbler sentenced as a misdemeanor (Pen. Code
# 17(b)). The record does not say which: needs review. Each entry: the subdivisions that are the $950-or-less
# misdemeanor (a citation inside one is the Prop. 47 misdemeanor), and the corpus words of the wobbler branch and of
# the misdemeanor branch (tests/offenses/test_classify.py checks that the corpus text holds them).
PROP47_WOBBLER_KEPT: dict[tuple[str, str], tuple[tuple[tuple[str, ...], ...], str, str]] = {
    ("pen", "496"): ((), "shall be punished by imprisonment in a county jail for not more than one year, or imprisonment "
                         "pursuant to subdivision (h) of Section 1170",
                     "if the value of the property does not exceed nine hundred fifty dollars ($950), the offense shall be "
                     "a misdemeanor"),
    ("pen", "473"): ((("b",),), "(a) Forgery is punishable by imprisonment in a county jail for not more than one year, or "
                                "by imprisonment pursuant to subdivision (h) of Section 1170.",
                     "(b) Notwithstanding subdivision (a), any person who is guilty of forgery relating to a check"),
    ("pen", "476a"): ((("b",),), "is punishable by imprisonment in a county jail for not more than one year, or pursuant to "
                                 "subdivision (h) of Section 1170.",
                      "(b) However, if the total amount of all checks, drafts, or orders that the defendant is charged with "
                      "and convicted of making, drawing, or uttering does not exceed nine hundred fifty dollars ($950)"),
    # 666 is a wobbler throughout, now only for the persons of its subdivision (b); no branch of it is the misdemeanor
    ("pen", "666"): ((), "is punishable by imprisonment in the county jail not exceeding one year, or in the state prison.",
                     "(b) Subdivision (a) shall apply to any person who is required to register"),
}


def _prop47_wobbler_kept(cit: Citation, e: Entry, findings: list[Finding]) -> bool:
    """A misdemeanor under a section of PROP47_WOBBLER_KEPT outside its $950-or-less subdivision: a finding saying why
    (a)(6) is open, and True; otherwise False."""
    t = cit.target()
    kept = PROP47_WOBBLER_KEPT.get((t.code, t.section))
    if kept is None:
        return False
    misdemeanor_subs, wobbler_words, misdemeanor_words = kept
    if any(t.subdivisions[: len(sub)] == sub for sub in misdemeanor_subs):
        return False
    subs = " or ".join("(" + ")(".join(sub) + ")" for sub in misdemeanor_subs)
    which = (f"only its subdivision {subs}, for a value of $950 or less, is the Prop. 47 misdemeanor (\"{_quote(misdemeanor_words, 120)}\")"
             if misdemeanor_subs else f"its misdemeanor is the one for a value of $950 or less (\"{_quote(misdemeanor_words, 120)}\")")
    findings.append(Finding(category="prop47_misdemeanor", reference="gov 7282.5(a)(6)", confidence="needs_review",
                            reason=f"{t.without_level().display}: Proposition 47 amended {e.citation.display} ({e.words}), but the "
                                   f"section still punishes the offense either way (\"{_quote(wobbler_words, 200)}\"); {which}. "
                                   f"A misdemeanor conviction under it is one of the \"misdemeanors that were previously felonies, or "
                                   f"were previously crimes punishable as either\" that 7282.5(a)(6) protects only if it is that "
                                   f"misdemeanor (or was reduced under Pen. Code 1170.18); otherwise it is a wobbler sentenced as a "
                                   f"misdemeanor (Pen. Code 17(b)). The record does not say which: review"))
    return True


def _prop47(cit: Citation, lvl: str | None, findings: list[Finding]) -> Tri:
    hits = [e for e, m in lookup("prop47", cit.target()) if m in ("yes", "maybe")]
    if hits and cit.inchoate:
        # 7282.5(a)(6) "misdemeanors that were previously felonies, or were previously crimes punishable as either
        # misdemeanors or felonies, prior to passage of [Proposition 47]": the history notes speak of the section, not of
        # an attempt or conspiracy to commit it
        e = hits[0]
        if lvl in ("felony", "infraction"):
            findings.append(Finding(category="prop47_misdemeanor", reference="gov 7282.5(a)(6)", confidence="listed",
                                    reason=f"{_an(cit.inchoate_kind)} to commit {e.citation.display}, a Proposition 47 section, but the "
                                           f"conviction is a{'n' if lvl == 'infraction' else ''} {lvl}, not a misdemeanor"))
            return False
        findings.append(Finding(category="prop47_misdemeanor", reference="gov 7282.5(a)(6)", confidence="needs_review",
                                reason=f"{cit.without_level().display} is {_an(cit.inchoate_kind)} to commit {e.citation.display}, which "
                                       f"Proposition 47 added or amended ({e.words}); whether a misdemeanor {cit.inchoate_kind} to "
                                       f"commit it is one of the \"misdemeanors that were previously felonies, or were previously "
                                       f"crimes punishable as either misdemeanors or felonies\" that 7282.5(a)(6) protects is for review"))
        return None
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
    if _prop47_wobbler_kept(cit, e, findings):
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
