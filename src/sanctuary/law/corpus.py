"""The law corpus: verbatim statute texts with their provenance, addressable to the subdivision, versioned by date.

Each section is one Markdown file with YAML front matter (jurisdiction, code, section, in_force_from, source, ...)
copied unchanged from ../shared/law. A later version of a section lives beside it as `<section>@<YYYY-MM-DD>.md`.
The body is split into a tree of subdivisions by the labels California and federal codes use:
(a) lowercase letter, (1) number, (A) uppercase letter, (i) lowercase roman, (I) uppercase roman.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from sanctuary.yamldata import load_yaml

MISSING_MARK = "[TEXT NOT FOUND IN SOURCES]"

# Short code names accepted in an address, mapped to (jurisdiction, folder).
CODE_ALIASES: dict[str, tuple[str, str]] = {
    "gov": ("us-ca", "gov"), "government code": ("us-ca", "gov"), "gov. code": ("us-ca", "gov"), "gc": ("us-ca", "gov"),
    "pen": ("us-ca", "pen"), "penal code": ("us-ca", "pen"), "pen. code": ("us-ca", "pen"), "pc": ("us-ca", "pen"),
    "lab": ("us-ca", "lab"), "labor code": ("us-ca", "lab"), "lab. code": ("us-ca", "lab"),
    "hsc": ("us-ca", "hsc"), "health and safety code": ("us-ca", "hsc"), "h&s": ("us-ca", "hsc"),
    "civ": ("us-ca", "civ"), "civil code": ("us-ca", "civ"), "civ. code": ("us-ca", "civ"),
    "ccp": ("us-ca", "ccp"), "code of civil procedure": ("us-ca", "ccp"),
    "edc": ("us-ca", "edc"), "education code": ("us-ca", "edc"), "ed. code": ("us-ca", "edc"),
    "evid": ("us-ca", "evid"), "evidence code": ("us-ca", "evid"), "evid. code": ("us-ca", "evid"),
    "usc8": ("us", "usc8"), "8 usc": ("us", "usc8"), "8 u.s.c.": ("us", "usc8"), "8 u.s.c": ("us", "usc8"),
    "cfr8": ("us", "cfr8"), "8 cfr": ("us", "cfr8"), "8 c.f.r.": ("us", "cfr8"), "8 c.f.r": ("us", "cfr8"),
}

CODE_TITLES = {
    "gov": "Gov. Code", "pen": "Pen. Code", "lab": "Lab. Code", "hsc": "Health & Saf. Code", "civ": "Civ. Code",
    "ccp": "Code Civ. Proc.", "edc": "Ed. Code", "evid": "Evid. Code", "usc8": "8 U.S.C.", "cfr8": "8 C.F.R.",
}


class AddressError(ValueError):
    """An address that cannot be read, or that names no text in the corpus."""


@dataclass(frozen=True, order=True)
class Address:
    jurisdiction: str
    code: str
    section: str
    path: tuple[str, ...] = ()

    def __str__(self) -> str:  # the short form used in rules and answers: "gov 7284.6(a)(1)(C)"
        return f"{self.code} {self.section}" + "".join(f"({p})" for p in self.path)

    @property
    def canonical(self) -> str:
        return f"{self.jurisdiction}/{self.code}/{self.section}" + "".join(f"({p})" for p in self.path)

    @property
    def display(self) -> str:  # "Gov. Code § 7284.6(a)(1)(C)"
        return f"{CODE_TITLES.get(self.code, self.code)} § {self.section}" + "".join(f"({p})" for p in self.path)

    def parent(self) -> Address | None:
        return Address(self.jurisdiction, self.code, self.section, self.path[:-1]) if self.path else None


_ADDR_RE = re.compile(
    r"^\s*(?:(?P<jur>us(?:-[a-z]{2})?)/)?(?P<code>[a-z0-9&. ]+?)[ /]+§?\s*(?P<section>\d+[0-9a-z.]*?)\s*(?P<path>(?:\(\s*[0-9A-Za-z]+\s*\))*)\s*$",
    re.IGNORECASE,
)


def parse_address(text: str) -> Address:
    """Read "gov 7284.6(a)(4)", "us-ca/gov/7284.6(a)(4)", "Gov. Code 7284.6(a)(4)" or "8 USC 1373(a)"."""
    m = _ADDR_RE.match(text or "")
    if not m:
        raise AddressError(f"cannot read the address {text!r}: expected a code and a section, e.g. 'gov 7284.6(a)(4)'")
    code_key = m["code"].strip().lower()
    if code_key not in CODE_ALIASES:
        raise AddressError(f"unknown code {m['code']!r} in {text!r}; known codes: {', '.join(sorted(set(c for _, c in CODE_ALIASES.values())))}")
    jur, code = CODE_ALIASES[code_key]
    if m["jur"] and m["jur"].lower() != jur:
        raise AddressError(f"code {code!r} belongs to {jur}, not {m['jur']} (in {text!r})")
    path = tuple(p.strip() for p in re.findall(r"\(\s*([0-9A-Za-z]+)\s*\)", m["path"] or ""))
    return Address(jur, code, m["section"].rstrip("."), path)


# ---------------------------------------------------------------- subdivision tree

_LABEL_RE = re.compile(r"^\(([0-9]+|[a-z]{1,2}|[A-Z]{1,2}|[ivxlc]+|[IVXLC]+)\)\s*")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
          "xi": 11, "xii": 12, "xiii": 13, "xiv": 14, "xv": 15, "xvi": 16, "xvii": 17, "xviii": 18, "xix": 19, "xx": 20}
# label kinds, in the order California nests them
LOWER, NUMBER, UPPER, ROMAN_LOWER, ROMAN_UPPER = range(5)


def _letter_index(label: str) -> int:
    """a=1 ... z=26, aa=27, ab=28 (California doubles letters past z: (AA), (AB), ...)."""
    s = label.lower()
    if len(s) == 1:
        return ord(s) - 96
    return 26 * (ord(s[0]) - 96) + (ord(s[1]) - 96)


@dataclass
class Provision:
    """One subdivision (or the whole section, with an empty path) and its children."""

    address: Address
    kind: int | None
    text: str = ""  # the node's own words, children excluded
    children: list[Provision] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.address.path[-1] if self.address.path else ""

    def full_text(self) -> str:
        """The node's words followed by all its descendants', each on its own paragraph, with labels."""
        parts = []
        if self.text:
            parts.append((f"({self.label}) " if self.label else "") + self.text)
        elif self.label:
            parts.append(f"({self.label})")
        for c in self.children:
            parts.append(c.full_text())
        return "\n\n".join(p for p in parts if p)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    @property
    def incomplete(self) -> bool:
        return MISSING_MARK in self.full_text()


def _kind_candidates(label: str) -> list[int]:
    if label.isdigit():
        return [NUMBER]
    if label.islower():
        return [LOWER, ROMAN_LOWER] if label in _ROMAN else [LOWER]
    return [UPPER, ROMAN_UPPER] if label.lower() in _ROMAN else [UPPER]


def _ordinal(label: str, kind: int) -> int:
    if kind == NUMBER:
        return int(label)
    if kind in (ROMAN_LOWER, ROMAN_UPPER):
        return _ROMAN.get(label.lower(), 0)
    return _letter_index(label)


def parse_body(address: Address, body: str) -> Provision:
    """Split a section's text into a subdivision tree. Paragraphs without a label continue the current node."""
    root = Provision(address, None)
    stack: list[Provision] = [root]
    for para in re.split(r"\n\s*\n", body.strip()):
        para = para.strip()
        if not para:
            continue
        labels: list[str] = []
        rest = para
        while (m := _LABEL_RE.match(rest)) and len(labels) < 4:
            labels.append(m.group(1))
            rest = rest[m.end():]
        if not labels:
            node = stack[-1]
            node.text = (node.text + "\n\n" + para) if node.text else para
            continue
        for i, label in enumerate(labels):
            kind = _place(stack, label)
            parent = stack[-1]
            child = Provision(Address(address.jurisdiction, address.code, address.section, parent.address.path + (label,)), kind)
            parent.children.append(child)
            stack.append(child)
        stack[-1].text = rest.strip()
    return root


def _place(stack: list[Provision], label: str) -> int:
    """Pop the stack to where `label` belongs and return its kind.

    A label continues a sibling at some depth when it is the next in that sibling's sequence ((h) then (i) is a
    letter, (v) after (iv) is roman); otherwise it opens a new level below the current node."""
    candidates = _kind_candidates(label)
    # the deepest open node whose kind and sequence this label continues
    for depth in range(len(stack) - 1, 0, -1):
        node = stack[depth]
        if node.kind in candidates and _ordinal(label, node.kind) == _ordinal(node.label, node.kind) + 1:
            del stack[depth:]
            return node.kind
    # a label past a gap in its sequence, where the source omits subdivisions ("[... subsections (b) and (c)
    # omitted ...]" in 8 U.S.C. 1357: (d) follows (a)(5)(B)): a later sibling of the nearest open node of its kind,
    # since a new level never starts past its first label
    if all(_ordinal(label, k) != 1 for k in candidates):
        for depth in range(len(stack) - 1, 0, -1):
            node = stack[depth]
            if node.kind in candidates and _ordinal(label, node.kind) > _ordinal(node.label, node.kind):
                del stack[depth:]
                return node.kind
    # otherwise a first child: (a)/(1)/(A)/(i)/(I) opening a level under the current node
    current_kind = stack[-1].kind
    order = [k for k in (LOWER, NUMBER, UPPER, ROMAN_LOWER, ROMAN_UPPER) if k in candidates]
    below = [k for k in order if current_kind is None or k > current_kind]
    kind = (below or order)[0]
    if _ordinal(label, kind) != 1 and len(order) > 1:
        kind = order[-1] if _ordinal(label, order[-1]) == 1 else kind
    return kind


# ---------------------------------------------------------------- sections and versions


def _date(v) -> dt.date | None:
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str):
        m = re.match(r"^(\d{4}-\d{2}-\d{2})", v.strip())
        if m:
            return dt.date.fromisoformat(m.group(1))
    return None


@dataclass
class SectionVersion:
    address: Address  # section-level
    meta: dict
    comments: list[str]
    text: str  # the statute text (front matter and editorial notes after '---' excluded)
    notes: str  # editorial notes that follow the text in the file, if any
    file: str  # path inside the corpus, e.g. us-ca/gov/7284.6.md
    root: Provision
    in_force_from: dt.date | None
    in_force_until: dt.date | None = None

    @property
    def source(self) -> str:
        return str(self.meta.get("source", ""))

    @property
    def operative_from(self) -> dt.date | None:
        """The day this text became operative, where the front matter gives one later than its effective date
        (e.g. Pen. Code 13654: "Effective September 20, 2025. Operative January 1, 2026"); None otherwise."""
        return _date(self.meta.get("operative_from"))

    @property
    def currency_caveat(self) -> str | None:
        """What the corpus says about whether this text is the current one, where it says it is not verified."""
        blob = " ".join(self.comments) + " " + str(self.meta.get("history", ""))
        if "CURRENCY NOT VERIFIED" in blob or "CURRENT TEXT NOT VERIFIED" in blob.upper():
            return ("The corpus holds the text of this section as enacted in 2017; the current text was not verified "
                    "(see the file's front matter).")
        if self.in_force_from is None:
            return "The corpus does not know when this text of the section came into force."
        return None

    @property
    def incomplete(self) -> bool:
        return MISSING_MARK in self.text

    def find(self, path: tuple[str, ...]) -> Provision | None:
        node = self.root
        for label in path:
            node = next((c for c in node.children if c.label == label), None)
            if node is None:
                return None
        return node


def _split_file(raw: str) -> tuple[dict, list[str], str, str]:
    if not raw.startswith("---"):
        raise ValueError("no front matter")
    end = raw.index("\n---", 3)
    fm = raw[3:end]
    rest = raw[end + 4:]
    meta = load_yaml(fm) or {}
    comments = [ln.strip()[1:].strip() for ln in fm.splitlines() if ln.strip().startswith("#")]
    # statute text, then optionally a '---' line and editorial notes (e.g. a convenience rendering)
    parts = re.split(r"\n---\s*\n", rest, maxsplit=1)
    text = parts[0]
    notes = parts[1] if len(parts) > 1 else ""
    # drop the history paragraph the bulk mirror appends: it is provenance, not law
    text = re.sub(r"\n\(History:[^\n]*\)\s*$", "\n", text.strip() + "\n")
    return meta, comments, text.strip(), notes.strip()


class Corpus:
    """All section versions under a corpus folder, looked up by address and date."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.sections: dict[tuple[str, str, str], list[SectionVersion]] = {}
        digest = hashlib.sha256()
        for path in sorted(self.root.rglob("*.md")):
            rel = path.relative_to(self.root).as_posix()
            raw = path.read_text(encoding="utf-8")
            digest.update(rel.encode() + b"\0" + raw.encode())
            parts = rel.split("/")
            if len(parts) != 3:  # INDEX.md, STATUS.md, LATER.md, prop47.md: context, not sections
                continue
            jur, code, fname = parts
            meta, comments, text, notes = _split_file(raw)
            section = str(meta.get("section", fname[:-3].split("@")[0]))
            addr = Address(jur, code, section)
            start = _date(meta.get("in_force_from"))
            if "@" in fname:
                start = _date(fname[:-3].split("@")[1]) or start
            v = SectionVersion(addr, meta, comments, text, notes, rel, parse_body(addr, text), start)
            self.sections.setdefault((jur, code, section), []).append(v)
        for versions in self.sections.values():
            versions.sort(key=lambda v: v.in_force_from or dt.date.min)
            for a, b in zip(versions, versions[1:]):
                a.in_force_until = b.in_force_from - dt.timedelta(days=1) if b.in_force_from else None
        self.digest = digest.hexdigest()

    @property
    def version(self) -> str:
        """A short fingerprint of every file in the corpus: part of every answer, so that it can be reproduced."""
        return f"corpus-{self.digest[:12]}"

    def versions(self, address: Address | str) -> list[SectionVersion]:
        a = parse_address(address) if isinstance(address, str) else address
        return self.sections.get((a.jurisdiction, a.code, a.section), [])

    def section(self, address: Address | str, as_of: dt.date | None = None) -> SectionVersion:
        a = parse_address(address) if isinstance(address, str) else address
        versions = self.versions(a)
        if not versions:
            raise AddressError(f"{a} is not in the law corpus")
        if as_of is None:
            return versions[-1]
        in_force = [v for v in versions if v.in_force_from is None or v.in_force_from <= as_of]
        if not in_force:
            first = versions[0].in_force_from
            raise AddressError(f"{a}: the corpus holds no text in force on {as_of}; its first version is in force from {first}")
        return in_force[-1]

    def provision(self, address: Address | str, as_of: dt.date | None = None) -> tuple[SectionVersion, Provision]:
        a = parse_address(address) if isinstance(address, str) else address
        v = self.section(a, as_of)
        node = v.find(a.path)
        if node is None:
            raise AddressError(f"{a}: the section is in the corpus but has no subdivision {''.join(f'({p})' for p in a.path)}")
        return v, node

    def exists(self, address: Address | str, as_of: dt.date | None = None) -> bool:
        try:
            self.provision(address, as_of)
            return True
        except AddressError:
            return False

    def quote(self, address: Address | str, as_of: dt.date | None = None) -> str:
        """The words of a subdivision, with its lead-ins ("(a) ... shall not: (1) ... (C) ...") so it reads whole."""
        a = parse_address(address) if isinstance(address, str) else address
        v, node = self.provision(a, as_of)
        lead = []
        for i in range(len(a.path) - 1):
            anc = v.find(a.path[: i + 1])
            if anc is not None and anc.text and anc.text.rstrip().endswith((":", "—", "-", "⟨—?⟩")):
                lead.append(f"({anc.label}) {anc.text}")
        body = node.full_text() if node.address.path else v.text
        return " ... ".join(lead + [body]) if lead else body

    def context_file(self, name: str) -> str:
        """A context file of the corpus (e.g. 'us-ca/STATUS.md')."""
        return (self.root / name).read_text(encoding="utf-8")


@cache
def default_corpus() -> Corpus:
    """The corpus shipped inside the package (src/sanctuary/law/corpus, copied from ../shared/law)."""
    return Corpus(Path(str(resources.files("sanctuary.law") / "corpus")))
