"""Reading California (and federal) statute citations the way clerks and rap sheets write them.

    >>> parse_citation("245(A)(1) PC")
    Citation(code='pen', section='245', subdivisions=('a', '1'), level_hint=None, inchoate=None)
    >>> str(parse_citation("H&S 11350(a) M"))
    'hsc 11350(a) M'

The normal form is `Citation(code, section, subdivisions, level_hint, inchoate)`:
- `code`: the short code name ('pen', 'veh', 'hsc', 'wic', 'bpc', ...; federal titles as 'usc18', California
  regulations as 'ccr14'); the short names the law corpus uses where the corpus has the code.
- `section`: lower case, as the code numbers it ('245', '273ab', '11418.5').
- `subdivisions`: the path of labels, with the case California gives each level: subdivision (a), paragraph (1),
  subparagraph (A), clause (i), subclause (I). Rap sheets write every letter in upper case ("245(A)(1)"); the case
  is restored from the position (a letter right under the section is a subdivision, a letter under a number is a
  subparagraph, and so on), so "245(A)(1)" and "245(a)(1)" read the same.
- `level_hint`: a trailing F / M / I (or the words) read as felony / misdemeanor / infraction; None if absent.
- `inchoate`: '664' (attempt) or '182' (conspiracy) when the citation is written "664/187(a) PC" or "182/211 PC"; with
  the prefix's own subdivisions when written ("182(a)(1)/211 PC": '182(a)(1)'). Gov. Code 7282.5(a)(3)(P) names them:
  "An attempt, as defined in Section 664 of, or a conspiracy, as defined in Section 182 of, the Penal Code". Both are
  Penal Code sections, and the offense attempted or conspired to must be a Penal Code section too, so "664/187"
  written without a code is read as the Penal Code (any other code is refused: "VC 664/187").

`str()` prints the canonical form "pen 245(a)(1) F" (a corpus-style address plus the level letter), which reads back
to the same value. Anything the reader cannot read raises `CitationError` naming the input; nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Level = Literal["felony", "misdemeanor", "infraction"]


class CitationError(ValueError):
    """A citation the reader cannot read. The message names the input."""


# canonical code -> (display title, aliases). Aliases are compared "squashed": upper case, without spaces, periods,
# commas, apostrophes or the word CODE at the end; '&' and 'AND' are the same.
CODES: dict[str, tuple[str, tuple[str, ...]]] = {
    "pen": ("Pen. Code", ("PC", "PEN", "PENAL", "CPC", "CALPC")),
    "veh": ("Veh. Code", ("VC", "VEH", "VEHICLE", "CVC", "CALVC")),
    "hsc": ("Health & Saf. Code", ("HS", "H&S", "HSC", "H&SC", "HLTH&S", "HEALTH&SAF", "HEALTH&SAFETY", "H&SAF")),
    "wic": ("Welf. & Inst. Code", ("WI", "W&I", "WIC", "W&IC", "WELF&INST", "WELFARE&INSTITUTIONS", "WELF&I")),
    "bpc": ("Bus. & Prof. Code", ("BP", "B&P", "BPC", "B&PC", "BUS&PROF", "BUSINESS&PROFESSIONS")),
    "gov": ("Gov. Code", ("GC", "GOV", "GOVT", "GOVERNMENT")),
    "lab": ("Lab. Code", ("LC", "LAB", "LABOR")),
    "edc": ("Ed. Code", ("EC", "ED", "EDC", "EDUC", "EDUCATION")),
    "fgc": ("Fish & G. Code", ("FG", "F&G", "FGC", "FISH&G", "FISH&GAME")),
    "hnc": ("Harb. & Nav. Code", ("HN", "H&N", "HNC", "HARB&NAV", "HARBORS&NAVIGATION")),
    "rtc": ("Rev. & Tax. Code", ("RT", "R&T", "RTC", "REV&TAX", "REVENUE&TAXATION")),
    "elec": ("Elec. Code", ("EL", "ELEC", "ELECTIONS")),
    "ins": ("Ins. Code", ("IC", "INS", "INSURANCE")),
    "uic": ("Unemp. Ins. Code", ("UI", "UIC", "UNEMPINS", "UNEMPLOYMENTINSURANCE")),
    "prc": ("Pub. Resources Code", ("PR", "PRC", "PUBRESOURCES", "PUBLICRESOURCES")),
    "fac": ("Food & Agr. Code", ("FA", "F&A", "FAC", "FOOD&AGR", "FOOD&AGRICULTURAL")),
    "civ": ("Civ. Code", ("CI", "CIV", "CIVIL")),
    "puc": ("Pub. Util. Code", ("PU", "PUC", "PUBUTIL", "PUBLICUTILITIES")),
    # DOJ writes FC for the Financial Code and CC for the Corporations Code (see docs/offenses.md)
    "fin": ("Fin. Code", ("FC", "FIN", "FINANCIAL")),
    "corp": ("Corp. Code", ("CC", "CORP", "CORPORATIONS")),
    "ccp": ("Code Civ. Proc.", ("CP", "CCP", "CODECIVPROC", "CIVPROC", "CODEOFCIVILPROCEDURE")),
    "wat": ("Wat. Code", ("WC", "WAT", "WATER")),
    "shc": ("Sts. & Hy. Code", ("SH", "S&H", "SHC", "STS&HY", "STREETS&HIGHWAYS")),
    "mvc": ("Mil. & Vet. Code", ("MV", "M&V", "MVC", "MIL&VET", "MILITARY&VETERANS")),
    "fam": ("Fam. Code", ("FAM", "FAMILY")),
    "evid": ("Evid. Code", ("EVID", "EVIDENCE")),
}


def _squash(s: str) -> str:
    s = s.upper().replace(" AND ", "&")
    s = re.sub(r"[\s.,'’]+", "", s)
    s = s.replace("AND", "&") if s in {"HEALTHANDSAFETY", "WELFAREANDINSTITUTIONS"} else s
    for tail in ("CODE",):
        if s.endswith(tail) and len(s) > len(tail):
            s = s[: -len(tail)]
    return s


_ALIASES: dict[str, str] = {}
for _code, (_title, _aliases) in CODES.items():
    for _a in (*_aliases, _code.upper(), _squash(_title)):
        _ALIASES[_squash(_a)] = _code
_ALIASES[_squash("Health and Safety Code")] = "hsc"
_ALIASES[_squash("Welfare and Institutions Code")] = "wic"
_ALIASES[_squash("Business and Professions Code")] = "bpc"
_ALIASES[_squash("Harbors and Navigation Code")] = "hnc"
_ALIASES[_squash("Revenue and Taxation Code")] = "rtc"
_ALIASES[_squash("Food and Agricultural Code")] = "fac"
_ALIASES[_squash("Fish and Game Code")] = "fgc"
_ALIASES[_squash("Streets and Highways Code")] = "shc"
_ALIASES[_squash("Military and Veterans Code")] = "mvc"

_LEVELS = {"F": "felony", "FEL": "felony", "FELONY": "felony",
           "M": "misdemeanor", "MISD": "misdemeanor", "MISDEMEANOR": "misdemeanor",
           "I": "infraction", "INF": "infraction", "INFR": "infraction", "INFRACTION": "infraction"}
_LEVEL_LETTER = {"felony": "F", "misdemeanor": "M", "infraction": "I"}
INCHOATE = {"664": "attempt", "182": "conspiracy"}

_SECTION = r"\d{1,6}[A-Za-z]{0,2}(?:\.\d{1,4}[A-Za-z]{0,2}){0,3}"
_SUBS = r"(?:\(\s*[A-Za-z0-9]{1,5}\s*\)\s*)*"
_CODE = r"[A-Za-z][A-Za-z.&,'’\s]{0,60}?"
_RE_CODE_FIRST = re.compile(rf"^(?P<code>{_CODE})\s*[-:]?\s*(?P<sec>{_SECTION})\s*(?P<subs>{_SUBS})$")
_RE_SECTION_FIRST = re.compile(rf"^(?P<sec>{_SECTION})\s*(?P<subs>{_SUBS})\s*-?\s*(?P<code>{_CODE})$")
_RE_FEDERAL = re.compile(
    rf"^(?P<title>\d{{1,2}})\s*(?P<kind>U\.?\s?S\.?\s?C\.?\s?A?\.?|C\.?\s?F\.?\s?R\.?|C\.?\s?C\.?\s?R\.?|CAL\.?\s*CODE\s*REGS\.?)"
    rf"\s*(?P<sec>\d{{1,6}}[A-Za-z]{{0,2}}(?:\.\d{{1,4}}[A-Za-z]{{0,2}}){{0,3}})\s*(?P<subs>{_SUBS})$",
    re.IGNORECASE,
)
_RE_CANON_FEDERAL = re.compile(r"^(?P<kind>usc|cfr|ccr)(?P<title>\d{1,2})$", re.IGNORECASE)
_RE_CANON_FEDERAL_CITE = re.compile(rf"^(?P<kind>usc|cfr|ccr)(?P<title>\d{{1,2}})\s+(?P<sec>{_SECTION})\s*(?P<subs>{_SUBS})$",
                                    re.IGNORECASE)
_RE_LEVEL_TAIL = re.compile(r"^(?P<body>.*?)[\s,;/\-]+(?P<lvl>F|M|I|FEL|FELONY|MISD|MISDEMEANOR|INF|INFR|INFRACTION)\.?\s*$",
                            re.IGNORECASE | re.DOTALL)
_NOISE = re.compile(
    r"§+|\b(?:sections?|secs?\.|sec|subds?\.|subdivisions?|subd|pars?\.|paragraphs?|subpars?\.|subparagraphs?|cls?\.|clauses?)(?=[\s(\d]|$)",
    re.IGNORECASE,
)
MAX_LEN = 200


@dataclass(frozen=True, order=True)
class Citation:
    code: str
    section: str
    subdivisions: tuple[str, ...] = ()
    level_hint: Level | None = None
    inchoate: str | None = None  # '664' attempt or '182' conspiracy, when written "664/187"; '182(a)(1)' with its subdivisions

    @property
    def inchoate_section(self) -> str | None:
        """'664' or '182' (the prefix without its subdivisions), or None."""
        return self.inchoate.split("(", 1)[0] if self.inchoate else None

    @property
    def inchoate_subdivisions(self) -> tuple[str, ...]:
        return tuple(re.findall(r"\(([^)]+)\)", self.inchoate)) if self.inchoate else ()

    @property
    def inchoate_kind(self) -> str | None:
        """'attempt' (664) or 'conspiracy' (182), or None."""
        return INCHOATE.get(self.inchoate_section) if self.inchoate else None

    def __str__(self) -> str:
        head = f"{self.inchoate}/" if self.inchoate else ""
        s = f"{self.code} {head}{self.section}" + "".join(f"({p})" for p in self.subdivisions)
        return s + (f" {_LEVEL_LETTER[self.level_hint]}" if self.level_hint else "")

    @property
    def address(self) -> str:
        """The corpus-style address of the offense section and subdivisions ("pen 245(a)(1)"), without level."""
        return f"{self.code} {self.section}" + "".join(f"({p})" for p in self.subdivisions)

    @property
    def section_address(self) -> str:
        return f"{self.code} {self.section}"

    @property
    def display(self) -> str:
        """"Pen. Code § 245(a)(1)" (attempts: "Pen. Code §§ 664/187(a)")."""
        m = _RE_CANON_FEDERAL.match(self.code)
        if m:
            title = f"{m['title']} " + {"usc": "U.S.C.", "cfr": "C.F.R.", "ccr": "Cal. Code Regs."}[m["kind"].lower()]
        else:
            title = CODES.get(self.code, (self.code,))[0]
        sign = "§§" if self.inchoate else "§"
        head = f"{self.inchoate}/" if self.inchoate else ""
        return f"{title} {sign} {head}{self.section}" + "".join(f"({p})" for p in self.subdivisions)

    def without_level(self) -> Citation:
        return Citation(self.code, self.section, self.subdivisions, None, self.inchoate)

    def target(self) -> Citation:
        """The offense attempted or conspired to (the citation without the 664/182 prefix)."""
        return Citation(self.code, self.section, self.subdivisions, self.level_hint, None)


def _normal_subdivisions(raw: list[str], text: str) -> tuple[str, ...]:
    """Give each label the case of its level: (a) subdivision, (1) paragraph, (A) subparagraph, (i) clause, (I) subclause."""
    out: list[str] = []
    prev = None  # None, 'sub', 'num', 'upper', 'clause', 'subclause'
    for lab in raw:
        if lab.isdigit():
            out.append(str(int(lab)))
            prev = "num"
            continue
        if not lab.isalpha() or not lab.isascii():
            raise CitationError(f"cannot read the citation {text!r}: the subdivision label ({lab}) mixes letters and digits")
        if len(lab) > 4:
            raise CitationError(f"cannot read the citation {text!r}: the subdivision label ({lab}) is too long")
        if prev is None:
            kind = "sub"
        elif prev == "num":
            kind = "upper"
        elif prev == "upper":
            kind = "clause"
        else:  # after a subdivision letter or a clause, the next letter is written in capitals
            kind = "subclause"
        out.append(lab.lower() if kind in ("sub", "clause") else lab.upper())
        prev = kind
    return tuple(out)


def _read_code(raw: str, text: str) -> str:
    s = _squash(raw)
    for prefix in ("OFTHE", "OF"):
        if s.startswith(prefix) and s[len(prefix):] in _ALIASES:
            s = s[len(prefix):]
    if s not in _ALIASES and s.startswith("CAL") and s[3:] in _ALIASES:
        s = s[3:]
    if s in _ALIASES:
        return _ALIASES[s]
    m = _RE_CANON_FEDERAL.match(s)
    if m:
        return f"{m['kind'].lower()}{int(m['title'])}"
    raise CitationError(f"cannot read the citation {text!r}: unknown code {raw.strip()!r}")


def parse_citation(text: str) -> Citation:
    """Read one citation ("PC 245(a)(1)", "245(A)(1) PC", "Pen. Code, § 245, subd. (a)(1)", "VC23152(A)",
    "HS 11378", "H&S 11350(a) M", "664/187(A) PC", "18 U.S.C. § 111(a)") into its normal form, or raise CitationError."""
    if not isinstance(text, str):
        raise CitationError(f"cannot read the citation {text!r}: not a string")
    if len(text) > MAX_LEN:
        raise CitationError(f"cannot read the citation {text[:40]!r}...: longer than {MAX_LEN} characters")
    s = " ".join(text.split())
    if not s:
        raise CitationError(f"cannot read the citation {text!r}: it is empty")
    level: str | None = None
    m = _RE_LEVEL_TAIL.match(s)
    if m and re.search(r"\d", m["body"]):
        # "PC 245 F": a level letter at the end; but "459 PC" ends in a code, not a level, and "VC 23152 F"...
        body = m["body"].strip()
        try:
            base = _parse_body(body, text)
        except CitationError:
            base = None
        if base is not None:
            level = _LEVELS[m["lvl"].upper()]
            return Citation(base.code, base.section, base.subdivisions, level, base.inchoate)  # type: ignore[arg-type]
    return _parse_body(s, text)


def _parse_body(s: str, text: str) -> Citation:
    s = _NOISE.sub(" ", s)
    s = re.sub(r"\bof the\b", " ", s, flags=re.IGNORECASE)
    s = " ".join(s.replace(",", " ").split())
    # attempts and conspiracies: "664/187(a)", "182/211", "182(a)(1)/211"
    inchoate = None
    m = re.search(rf"(?<![\d.])(664|182)\s*(?P<isubs>{_SUBS})/\s*(?=\d)", s)
    if m:
        isubs = re.findall(r"\(\s*([A-Za-z0-9]+)\s*\)", m["isubs"] or "")
        inchoate = m.group(1) + "".join(f"({p})" for p in _normal_subdivisions(isubs, text))
        s = (s[: m.start()] + s[m.end():]).strip()
        if re.fullmatch(rf"{_SECTION}\s*{_SUBS}", s):
            s = f"PC {s}"  # "664/187": the prefix is a Penal Code section and so must be the offense (see the module doc)
    if "/" in s:
        raise CitationError(f"cannot read the citation {text!r}: it names more than one section (read each on its own)")
    fm = _RE_FEDERAL.match(s)
    cf = None if fm else _RE_CANON_FEDERAL_CITE.match(s)
    if cf:
        code, sec, subs = f"{cf['kind'].lower()}{int(cf['title'])}", cf["sec"], cf["subs"]
    elif fm:
        kind = re.sub(r"[^A-Z]", "", fm["kind"].upper())
        kind = {"USCA": "USC", "CALCODEREGS": "CCR"}.get(kind, kind)
        code = f"{kind.lower()}{int(fm['title'])}"
        sec, subs = fm["sec"], fm["subs"]
    else:
        cm = _RE_CODE_FIRST.match(s)
        sm = None if cm else _RE_SECTION_FIRST.match(s)
        mm = cm or sm
        if not mm:
            raise CitationError(
                f"cannot read the citation {text!r}: expected a code and a section, e.g. 'PC 245(a)(1)' or '245(A)(1) PC'")
        code = _read_code(mm["code"], text)
        sec, subs = mm["sec"], mm["subs"]
    labels = re.findall(r"\(\s*([A-Za-z0-9]+)\s*\)", subs or "")
    sec_norm = sec.lower()
    if int(re.match(r"\d+", sec_norm).group()) == 0:
        raise CitationError(f"cannot read the citation {text!r}: section 0 does not exist")
    sec_norm = re.sub(r"^0+", "", sec_norm)
    if inchoate and code != "pen":
        raise CitationError(f"cannot read the citation {text!r}: {inchoate}/ is a Penal Code prefix but the code is {code!r}")
    return Citation(code, sec_norm, _normal_subdivisions(labels, text), None, inchoate)


def try_parse(text: str) -> Citation | None:
    try:
        return parse_citation(text)
    except CitationError:
        return None


def from_doj(statute: str, code_cd: str) -> Citation:
    """A citation from the DOJ offense table's two columns: 'Offense Statute' ('245(A)(1)', '18 111(A)') and
    'Offense Type of Statute CD' ('PC', 'US', 'CA' = California Code of Regulations)."""
    code_cd = (code_cd or "").strip().upper()
    statute = (statute or "").strip()
    if code_cd == "US":
        return parse_citation(re.sub(r"^(\d{1,2})\s+", r"\1 USC ", statute))
    if code_cd == "CA":
        return parse_citation(re.sub(r"^(\d{1,2})\s+", r"\1 CCR ", statute))
    return parse_citation(f"{statute} {code_cd}")
