"""The California DOJ offense code table (2021 snapshot), read at run time from ../shared/data.

The table is GPL-3.0 (its source repository's licence), so it is NOT shipped inside the package: it is read from
`$SANCTUARY_SHARED/data/ca-doj-offense-code-table/Offense_Table.csv` if that variable is set, else from the first
`shared/data/...` found beside the repository (walking up from this file), else `SANCTUARY_DOJ_TABLE` naming the CSV
itself. When it is absent, `wobbler_levels()` returns None and the classifier answers "needs review" for wobblers.

What it is used for: a statute coded at both felony (F) and misdemeanor (M) level is punishable either way (a
"wobbler", Pen. Code 17(b)); one coded at one level only is not. One exception, read from the table itself: where
the statute's default code (the row the table marks "*" in "Offense Default Type of Charge") is a misdemeanor whose
description no felony code of the statute shares, the felony codes are other forms of the offense (PC 242: default
"BATTERY ON PERSON" (M); felony codes "BATT W/SERIOUS BODILY INJ", "BAT AGAINST PEACE OFFICER"...), so a
misdemeanor conviction cited by the statute alone may be for a crime punishable only as a misdemeanor: unknown
(needs review), never a confident "punishable either way". Descriptions are compared loosely (abbreviations vary:
"THREAT CRIME:INT:TERORIZE" / "THRTN CRIME:INT:TERRORIZE" are one offense), so a few true wobblers whose two codes
are abbreviated very differently also come out unknown; that errs toward review, not toward cooperation.
"""

from __future__ import annotations

import csv
import difflib
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .citations import Citation, CitationError, from_doj

TABLE_REL = Path("data") / "ca-doj-offense-code-table" / "Offense_Table.csv"


def find_table() -> Path | None:
    direct = os.environ.get("SANCTUARY_DOJ_TABLE")
    if direct:
        p = Path(direct)
        return p if p.is_file() else None
    env = os.environ.get("SANCTUARY_SHARED")
    if env is not None:
        p = Path(env) / TABLE_REL
        return p if p.is_file() else None
    here = Path(__file__).resolve()
    for parent in here.parents:
        for cand in (parent / "shared" / TABLE_REL, parent.parent / "shared" / TABLE_REL if parent.parent != parent else None):
            if cand is not None and cand.is_file():
                return cand
    return None


@dataclass
class Row:
    offense_code: str
    statute: str
    code_cd: str
    literal: str
    level: str  # F, M, I, X
    enacted: str
    repealed: str
    default: bool = False  # the table's default code for the statute ("Offense Default Type of Charge" = "*")


@dataclass
class DojTable:
    path: Path
    rows: list[Row]
    by_citation: dict[tuple[str, str, tuple[str, ...]], list[Row]] = field(default_factory=dict)
    unreadable: list[tuple[Row, str]] = field(default_factory=list)

    def coverage(self) -> dict:
        """How many rows the citation reader reads, overall and per code column value."""
        per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        bad = {id(r) for r, _ in self.unreadable}
        for r in self.rows:
            per[r.code_cd][1] += 1
            if id(r) not in bad:
                per[r.code_cd][0] += 1
        read = sum(v[0] for v in per.values())
        return {"rows": len(self.rows), "read": read, "unreadable": len(self.rows) - read,
                "per_code": {k: {"read": v[0], "rows": v[1]} for k, v in sorted(per.items(), key=lambda kv: -kv[1][1])}}

    def rows_for(self, cit: Citation) -> tuple[str, list[Row]]:
        """Rows for the citation: ('exact', rows) for the same path; ('below', rows) for more specific paths when the
        citation names none exactly; ('above', rows) for the nearest less specific path; ('none', [])."""
        key = (cit.code, cit.section, cit.subdivisions)
        if key in self.by_citation:
            return "exact", self.by_citation[key]
        n = len(cit.subdivisions)
        below = [r for (c, s, p), rs in self.by_citation.items() if c == cit.code and s == cit.section
                 and len(p) > n and p[:n] == cit.subdivisions for r in rs]
        if below:
            return "below", below
        for k in range(n - 1, -1, -1):
            rs = self.by_citation.get((cit.code, cit.section, cit.subdivisions[:k]))
            if rs:
                return "above", rs
        return "none", []

    def groups_below(self, cit: Citation) -> dict[tuple[str, ...], set[str]]:
        n = len(cit.subdivisions)
        out: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for (c, s, p), rs in self.by_citation.items():
            if c == cit.code and s == cit.section and len(p) > n and p[:n] == cit.subdivisions:
                out[p] |= {r.level for r in rs}
        return out


def load_table(path: Path) -> DojTable:
    rows: list[Row] = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        for rec in csv.DictReader(f):
            rows.append(Row(rec["Offense Code"].strip(), rec["Offense Statute"].strip(), rec["Offense Type of Statute CD"].strip(),
                            rec["Statute Literal 25"].strip(), rec["Offense Type of Charge"].strip(),
                            rec["Offense Enacted"].strip(), rec["Offense Repealed"].strip(),
                            rec.get("Offense Default Type of Charge", "").strip() == "*"))
    t = DojTable(path, rows)
    for r in rows:
        try:
            c = from_doj(r.statute, r.code_cd)
        except CitationError as e:
            t.unreadable.append((r, str(e)))
            continue
        t.by_citation.setdefault((c.code, c.section, c.subdivisions), []).append(r)
    return t


@cache
def default_table() -> DojTable | None:
    p = find_table()
    return load_table(p) if p else None


def wobbler_levels(cit: Citation, table: DojTable | None = None) -> tuple[bool | None, str]:
    """(wobbler?, reason) from the DOJ table: True if coded at both F and M, False if at one level only, None if the
    table is absent, does not have the statute, or its subdivisions differ."""
    t = table if table is not None else default_table()
    if t is None:
        return None, "the DOJ offense code table is not available here (set SANCTUARY_SHARED), so wobbler status is not known"
    how, rows = t.rows_for(cit.target().without_level())
    shown = cit.target().without_level().display
    if how == "none":
        return None, f"{shown} is not in the DOJ offense code table (2021 snapshot)"
    if how == "below":
        groups = t.groups_below(cit.target().without_level())
        both = {p for p, lv in groups.items() if {"F", "M"} <= lv}
        if both and len(both) == len(groups):
            return True, f"every subdivision of {shown} in the DOJ offense code table is coded at both felony and misdemeanor level"
        if not both:
            return False, f"no subdivision of {shown} in the DOJ offense code table is coded at both felony and misdemeanor level"
        subs = ", ".join(sorted("".join(f"({x})" for x in p) for p in both))
        return None, f"in the DOJ offense code table only some subdivisions of {shown} are coded at both levels ({subs}); the subdivision decides"
    levels = {r.level for r in rows}
    codes = ", ".join(sorted({f"{r.offense_code} ({r.level})" for r in rows}))
    where = "" if how == "exact" else " (the table codes only the enclosing provision)"
    if {"F", "M"} <= levels:
        default_m = [r for r in rows if r.default and r.level == "M"]
        felonies = [r for r in rows if r.level == "F"]
        if default_m and not any(same_offense(default_m[0].literal, f.literal) and not _adds_violence(default_m[0], f)
                                 for f in felonies):
            names = ", ".join(sorted({f'"{f.literal}"' for f in felonies}))
            return None, (f"the DOJ offense code table codes {shown} at both levels, but its default code "
                          f"{default_m[0].offense_code} (\"{default_m[0].literal}\") is a misdemeanor only, and its felony codes "
                          f"are other forms of the offense ({names}){where}: whether the conviction was for a crime "
                          f"punishable either way decides")
        return True, f"the DOJ offense code table codes {shown} at both felony and misdemeanor level{where}: offense codes {codes}"
    lv = "/".join(sorted(levels))
    # "PC 273.5" is coded F only, but 273.5(a) at both levels: a citation without the subdivision cannot tell
    mixed = {p for p, lvs in t.groups_below(cit.target().without_level()).items() if {"F", "M"} <= lvs}
    if mixed:
        subs = ", ".join(sorted("".join(f"({x})" for x in p) for p in mixed))
        return None, (f"the DOJ offense code table codes {shown} at level {lv} only, but its subdivisions {subs} at both "
                      f"levels; the subdivision decides")
    return False, f"the DOJ offense code table codes {shown} at level {lv} only{where}: offense codes {codes}"


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^A-Z0-9]+", " ", text.upper()).split())


def _adds_violence(misdemeanor: Row, felony: Row) -> bool:
    """Whether the felony row names violence the misdemeanor default does not ("FALSE IMPRISON:VIOL/ETC" beside
    "FALSE IMPRISONMENT", PC 237(a)): the felony is then the aggravated form of the offense, not its twin, and a
    misdemeanor conviction may be for the form punishable only as a misdemeanor."""
    qualifier = felony.literal.split(":", 1)[1] if ":" in felony.literal else ""
    return "VIOL" in qualifier and "VIOL" not in misdemeanor.literal


def same_offense(a: str, b: str) -> bool:
    """Whether two of the table's 25-character descriptions name one offense: close as written, or as a set of words
    (the table abbreviates freely and reorders: "ELDER/DEP ADLT:HARM/DEATH" / "HARM/DEATH:ELDER/DEP ADLT")."""
    a, b = _words(a), _words(b)
    ratio = difflib.SequenceMatcher(None, a, b).ratio()
    sorted_ratio = difflib.SequenceMatcher(None, " ".join(sorted(a.split())), " ".join(sorted(b.split()))).ratio()
    return max(ratio, sorted_ratio) >= SAME_OFFENSE


SAME_OFFENSE = 0.75  # measured on the table: 71 of its 666 two-level statutes have a default misdemeanor with no twin
