"""List items that name an offense only in words, matched to statutes by the DOJ offense code table's descriptions.

Pen. Code 1192.7(c)(1) "Murder or voluntary manslaughter", (19) "robbery or bank robbery", 667.5(c)(9) "Any robbery"
and the like name no section, and the sections they mean (Pen. Code 187, 211, ...) are not in the law corpus. The
reviewed mapping in `lists/doj_words.yaml` records, for each such item, the statutes the California DOJ offense code
table (2021 snapshot, `../shared/data/ca-doj-offense-code-table`) describes with exactly the item's words, and the
table rows that say so. It is data, never memory: a statute is mapped only where a row's description, after the
normalisation below, is the item's words, and every other row the table has for that provision was read and
describes the same offense. Anything broader or narrower (attempts, "any felony in which ...", "assault with intent
to commit rape or robbery", qualified forms such as "AGGRAVATED MAYHEM" or "TRAIN ROBBERY") stays "needs review".

Normalisation (`normalise`, `phrase_key`, `description_match`):
- upper case; every run of characters other than letters and digits becomes one space ("MURDER:FIRST DEGREE" reads
  "MURDER FIRST DEGREE");
- a leading "ANY", "A" or "AN" of the item's words is dropped (667.5(c)(9) "Any robbery." names robbery);
- "X OF THE FIRST DEGREE" is the same as "X FIRST DEGREE" (the table's order, "BURGLARY:FIRST DEGREE");
- a description matches a phrase "exactly" if equal to it, and "with its degree" if it is the phrase followed by
  "FIRST DEGREE" or "SECOND DEGREE" ("MURDER:SECOND DEGREE" is murder). Nothing else: abbreviations ("MRDR",
  "ROB", "DUI", "L&L") and qualifiers after a colon are not read, because a head word alone misleads (the table's
  "ARSON:POS/ETC MAT/DEVICE", Pen. Code 453(a), is possession of arson material, not arson).
- one reviewed exception, statute by statute: rows marked `read`, where the description begins with the item's offense
  (or the table's clipping of its first word: "KIDNAP", "ROB") and the rest names only its form ("RAPE:VICT UNCONSC OF
  ACT" for 1192.7(c)(3) "rape"; "GRAND THEFT:FIREARM" for
  (26) "grand theft involving a firearm"), each with the reviewer's `reading`. Such a statute is mapped only if every
  row the table has at or below it is `read` (or exact), so the form is one the item's words name whatever the
  subdivision; sections the table labels so but whose rows include other offenses stay unmapped (452 "ARSON:CAUSE
  GBI" is unlawfully causing a fire, 453(a) possession of arson material).

The package ships only the derived facts (statute numbers, list references, offense codes and their 25-character
descriptions), not the GPL-3.0 table; the classifier reads the YAML, so the mapping works without ../shared. When the
table is present, `check(table)` (run by the tests) fails if a recorded row no longer says what the mapping claims,
if a provision gained a row, or if a row matching an item's words is neither mapped nor recorded as left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sanctuary.yamldata import load_yaml
from .citations import Citation, parse_citation

PATH = Path(__file__).parent / "lists" / "doj_words.yaml"
DEGREES = ("FIRST DEGREE", "SECOND DEGREE")
SUPPORTING = ("exact", "degree", "read")


def normalise(text: str) -> str:
    return " ".join(re.sub(r"[^A-Z0-9]+", " ", text.upper()).split())


def phrase_key(phrase: str) -> str:
    s = normalise(phrase)
    s = re.sub(r"^(ANY|A|AN) ", "", s)
    return re.sub(r" OF THE (FIRST|SECOND) DEGREE$", r" \1 DEGREE", s)


def description_match(phrase: str, description: str) -> str | None:
    """'exact', 'degree' (the phrase followed by its degree), or None."""
    p, d = phrase_key(phrase), normalise(description)
    if not p:
        return None
    if d == p:
        return "exact"
    if any(d == f"{p} {deg}" for deg in DEGREES):
        return "degree"
    return None


@dataclass(frozen=True)
class DojRow:
    code: str  # DOJ offense code
    statute: str  # as the table writes it: '187(A)'
    code_cd: str  # 'PC'
    description: str  # 'Statute Literal 25'
    level: str  # F, M, I, X
    match: str  # exact | degree | read (reviewed: the offense followed by its form) | other
    reading: str = ""  # for 'other' rows: what the description says, as read by the reviewer

    def cite(self) -> str:
        return f"DOJ offense code {self.code} ({self.code_cd} {self.statute}, \"{self.description}\", {self.level})"


@dataclass(frozen=True)
class Mapping:
    """One statute matched to one words-only item."""

    list: str  # serious_felony | violent_felony | a3
    item: str
    reference: str  # the item's corpus address
    cite: str  # 'pen 1192.7(c)(19)'
    words: str  # the item's words, as in the list
    phrase: str  # the offense the item names, as in its words ('robbery')
    provision: Citation  # the statute mapped ('pen 211')
    rows: tuple[DojRow, ...]
    reasoning: str

    @property
    def supporting(self) -> tuple[DojRow, ...]:
        return tuple(r for r in self.rows if r.match in SUPPORTING)

    @property
    def read(self) -> bool:
        """The mapping rests on reviewed readings ("read" rows), not only on the item's exact words."""
        return any(r.match == "read" for r in self.rows)


@cache
def load() -> dict:
    return load_yaml(PATH.read_text(encoding="utf-8"))


@cache
def mappings() -> tuple[Mapping, ...]:
    out = []
    for it in load()["items"]:
        for st in it.get("statutes") or []:
            rows = tuple(DojRow(str(r["code"]), r["statute"], r["code_cd"], r["description"], r["level"], r["match"],
                                r.get("reading", "")) for r in st["rows"])
            out.append(Mapping(it["list"], str(it["item"]), it["reference"], it["cite"], it["words"], st["phrase"],
                               parse_citation(st["provision"]), rows, st["reasoning"]))
    return tuple(out)


def for_list(name: str) -> tuple[Mapping, ...]:
    return tuple(m for m in mappings() if m.list == name)


def rows_at_or_below(table, provision: Citation) -> list:
    """Every row of the table whose statute is the provision or inside it."""
    n = len(provision.subdivisions)
    return [r for (c, s, p), rs in table.by_citation.items()
            if c == provision.code and s == provision.section and p[:n] == provision.subdivisions for r in rs]


def _begins_with_offense(description: str, phrase: str) -> bool:
    """A 'read' row begins with the offense's first word, or the table's clipping of it ("KIDNAP" for "KIDNAPPING",
    "ROB" for "ROBBERY")."""
    d, p = normalise(description).split()[0], phrase_key(phrase).split()[0]
    return d == p or (len(d) >= 3 and p.startswith(d))


def check(table) -> list[str]:
    """Problems between the reviewed mapping and the DOJ table (empty when they agree)."""
    problems: list[str] = []
    data = load()
    for it in data["items"]:
        where = f"{it['cite']}"
        phrases = it.get("phrases") or []
        for st in it.get("statutes") or []:
            prov = parse_citation(st["provision"])
            if st["phrase"] not in phrases:
                problems.append(f"{where}: phrase {st['phrase']!r} is not one of the item's phrases {phrases}")
            have = {r.offense_code: r for r in rows_at_or_below(table, prov)}
            recorded = {str(r["code"]): r for r in st["rows"]}
            for code in sorted(set(have) - set(recorded)):
                problems.append(f"{where} {prov.address}: the table has row {code} (\"{have[code].literal}\") that the mapping "
                                f"does not record: review it")
            for code, r in recorded.items():
                t = have.get(code)
                if t is None:
                    problems.append(f"{where} {prov.address}: row {code} is no longer in the table for {prov.address}")
                    continue
                if (t.statute, t.code_cd, t.literal, t.level) != (r["statute"], r["code_cd"], r["description"], r["level"]):
                    problems.append(f"{where} {prov.address}: row {code} now reads {t.code_cd} {t.statute} \"{t.literal}\" "
                                    f"({t.level}), not {r['code_cd']} {r['statute']} \"{r['description']}\" ({r['level']})")
                m = description_match(st["phrase"], r["description"])
                want = r["match"]
                if want in ("exact", "degree") and m != want:
                    problems.append(f"{where} row {code}: \"{r['description']}\" does not match {st['phrase']!r} {want}")
                if want == "other" and (m is not None or not r.get("reading")):
                    problems.append(f"{where} row {code}: an 'other' row needs a reading and must not be a match")
                if want == "read" and (m is not None or not r.get("reading")
                                       or not _begins_with_offense(r["description"], st["phrase"])):
                    problems.append(f"{where} row {code}: a 'read' row needs a reading, must begin with the offense "
                                    f"{st['phrase']!r} and must not be an exact match")
            if any(r["match"] == "read" for r in st["rows"]) and any(r["match"] == "other" for r in st["rows"]):
                problems.append(f"{where} {prov.address}: a mapping on 'read' rows must have no 'other' row")
            if not any(r["match"] in SUPPORTING for r in st["rows"]):
                problems.append(f"{where} {prov.address}: no row supports the mapping")
        # every row of the table whose description matches one of the item's phrases is mapped or left out with a reason
        mapped = {str(r["code"]) for st in it.get("statutes") or [] for r in st["rows"]}
        left = {str(x["code"]) for x in it.get("not_mapped") or []}
        for x in it.get("not_mapped") or []:
            if not x.get("reason"):
                problems.append(f"{where}: row {x['code']} is left out without a reason")
        for row in table.rows:
            for ph in phrases:
                if description_match(ph, row.literal) and row.offense_code not in mapped | left:
                    problems.append(f"{where}: row {row.offense_code} ({row.code_cd} {row.statute} \"{row.literal}\") matches "
                                    f"{ph!r} but is neither mapped nor left out with a reason")
    return problems
