"""Build the offense lists (src/sanctuary/offenses/lists/*.yaml) from the law corpus texts.

The lists are parameters taken from the statute words, never typed in by hand:

    .venv/bin/python -m sanctuary.offenses.extract          # check: exit 1 if the YAML differs from the corpus
    .venv/bin/python -m sanctuary.offenses.extract --write  # regenerate the YAML

Each list item keeps the statute's own words, the corpus address it was read from (`reference`, which must exist in
the corpus), the date the text it was taken from came into force, whether the item is open-textured ("as specified
in, but not limited to"), whether it carries a condition the citation alone cannot settle ("where", "which would",
"except", "when", "wherein"), and the sections it names, each with its role:

- offense: the item names the section as the offense ("in violation of Section 245", "as specified in ... Sections
  217.1, 220", "as defined in subdivision (a) of Section 215", "A violation of subdivision (c) of Section 20001");
- enhancement: named as charged and proved ("charged and proved as provided for in Section 12022.7");
- pre1977: named only for convictions before July 1, 1977 (Pen. Code 667.5(c)(8));
Sections named for another purpose are not mapped: "as described in" (a drug schedule), "pursuant to" (sex offender
registration in 7282.5(a)(3)(S)), "attempt, as defined in Section 664" / "conspiracy, as defined in Section 182"
(7282.5(a)(3)(P), handled as attempts and conspiracies), "(commencing with Section 16000)" (a Part of the code).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import yaml

from sanctuary.law.corpus import Corpus, default_corpus

LISTS_DIR = Path(__file__).parent / "lists"

_NUM = r"\d+[a-z]{0,2}(?:\.\d+)?"
_LABS = r"\(\w+\)(?:\s*,\s*\(\w+\))*(?:\s*,?\s*(?:and|or)\s+\(\w+\))?"
_UNIT = re.compile(
    rf"(?:(?P<kind>subdivisions?|paragraphs?)\s+(?P<labs>{_LABS})\s+of\s+(?:subdivision\s+(?P<outer>\(\w+\))\s+of\s+)?)?"
    rf"(?P<former>former\s+)?Sections?\s+(?P<nums>{_NUM}(?:\s*,\s*{_NUM})*(?:\s*,?\s*(?:and|or)\s+{_NUM})?)"
)
_OR_OF = re.compile(rf"^\s*,?\s*or\s+of\s+(?P<former>former\s+)?Section\s+(?P<num>{_NUM})")
_CODE_NAME = re.compile(r"\b(?:the\s+(?P<name>Penal|Vehicle|Health and Safety|Welfare and Institutions)\s+Code|(?P<this>this\s+code))",
                        re.IGNORECASE)
_CODE_OF = {"penal": "pen", "vehicle": "veh", "health and safety": "hsc", "welfare and institutions": "wic"}
# phrases that say why a section is named; the nearest one before the section decides its role
_ROLE_MARKERS = [
    (re.compile(r"charged and proved as provided(?: for)? in", re.I), "enhancement"),
    (re.compile(r"prior to July 1, 1977, in", re.I), "pre1977"),
    (re.compile(r"violation of|as specified in|as defined in", re.I), "offense"),
    (re.compile(r"with respect to a violation of", re.I), None),  # an exception, not an offense listed
    (re.compile(r"as described in", re.I), None),
    (re.compile(r"pursuant to", re.I), None),
    (re.compile(r"(?:attempt|conspiracy), as defined in", re.I), None),
    (re.compile(r"commencing with", re.I), None),
    (re.compile(r"within the meaning of|for purposes of", re.I), None),
]


def _role(before: str) -> str | None:
    best_end, best_start, role = -1, 0, "offense"
    for rx, r in _ROLE_MARKERS:
        for m in rx.finditer(before):
            # the nearest marker wins; at the same end, the longer (more specific) phrase wins
            if m.end() > best_end or (m.end() == best_end and m.start() < best_start):
                best_end, best_start, role = m.end(), m.start(), r
    return role


_CONDITION = re.compile(r"\b(where|wherein|which would|except|when)\b", re.I)
_OPEN = re.compile(r"but not limited to", re.I)


def _labels(s: str | None) -> list[str]:
    return re.findall(r"\((\w+)\)", s or "")


def _nums(s: str) -> list[str]:
    return re.findall(_NUM, s)


def sections_named(text: str, default_code: str = "pen") -> list[dict]:
    """The sections an item's words name, in order, each {citation, role, former?}; sections named for another
    purpose (see the module docstring) are left out."""
    out: list[dict] = []
    pos = 0
    while (m := _UNIT.search(text, pos)) :
        pos = m.end()
        before = text[: m.start()]
        role = _role(before)
        # a unit inside "(commencing with Section 16000)" or similar is skipped via role None
        if role is None:
            continue
        cm = _CODE_NAME.search(text, m.end())
        code = default_code
        if cm:
            code = "pen" if cm["this"] else _CODE_OF[cm["name"].lower()]
        inner = _labels(m["labs"]) or [None]
        outer = _labels(m["outer"])
        nums = _nums(m["nums"])
        extra = []
        orm = _OR_OF.match(text[m.end():])
        if orm and m["labs"]:
            extra.append((orm["num"], bool(orm["former"])))
            pos = m.end() + orm.end()
        for num, former in [(n, bool(m["former"])) for n in nums] + extra:
            for lab in inner:
                path = "".join(f"({x})" for x in ([*outer, lab] if lab else outer))
                entry = {"citation": f"{code} {num}{path}", "role": role}
                if former:
                    entry["former"] = True
                out.append(entry)
    return out


def _item(reference: str, cite: str, label: str, words: str, in_force: dt.date | None, default_code: str = "pen") -> dict:
    words = " ".join(words.split())
    return {
        "item": label,
        "reference": reference,
        "cite": cite,
        "in_force_from": in_force.isoformat() if in_force else None,
        "words": words,
        "open": bool(_OPEN.search(words)),
        "conditional": bool(_CONDITION.search(words)),
        "sections": sections_named(words, default_code),
    }


def split_run_on(text: str) -> list[tuple[str, str]]:
    """Split '(1) Murder ...; (2) mayhem; ... and (43) any conspiracy ...' at each item number, in sequence; an
    item number only counts at the start or after a semicolon, so 'paragraph (2) of subdivision (d)' stays inside."""
    items: list[tuple[str, str]] = []
    n = 1
    m = re.match(r"\s*\(1\)\s+", text)
    if not m:
        raise ValueError("the list does not start with (1)")
    start = m.end()
    while True:
        nxt = re.compile(rf";\s*(?:and\s+)?\({n + 1}\)\s+").search(text, start)
        if not nxt:
            items.append((str(n), text[start:].strip().rstrip(".")))
            return items
        items.append((str(n), text[start:nxt.start()].strip()))
        start = nxt.end()
        n += 1


def build_serious(c: Corpus) -> dict:
    v, node = c.provision("pen 1192.7(c)")
    body = "\n\n".join(ch.full_text() for ch in node.children)
    items = [_item("pen 1192.7(c)", f"pen 1192.7(c)({n})", n, words, v.in_force_from) for n, words in split_run_on(body)]
    v8, node8 = c.provision("pen 1192.8(a)")
    extra = _item("pen 1192.8(a)", "pen 1192.8(a)", "1192.8(a)", node8.text, v8.in_force_from)
    return {
        "list": "serious_felony",
        "title": "Serious felonies: Penal Code 1192.7(c), items (1)-(43), and the additions of Penal Code 1192.8(a)",
        "source": ["pen 1192.7(c)", "pen 1192.8(a)"],
        "files": [v.file, v8.file],
        "note": ("The corpus parser does not split 1192.7(c) into items (they run on in one paragraph in the source), "
                 "so each item's reference is 'pen 1192.7(c)' and 'cite' gives the item as lawyers cite it."),
        "items": items + [extra],
    }


def build_violent(c: Corpus) -> dict:
    v, node = c.provision("pen 667.5(c)")
    items = [_item(str(ch.address), str(ch.address), ch.label, ch.text, v.in_force_from) for ch in node.children]
    return {"list": "violent_felony", "title": "Violent felonies: Penal Code 667.5(c), items (1)-(24)",
            "source": ["pen 667.5(c)"], "files": [v.file], "items": items}


def build_a3(c: Corpus) -> dict:
    v, node = c.provision("gov 7282.5(a)(3)")
    items = [_item(str(ch.address), str(ch.address), ch.label, ch.text, v.in_force_from) for ch in node.children]
    caveat = v.currency_caveat
    return {"list": "7282.5(a)(3)", "title": "Offenses listed in Government Code 7282.5(a)(3)(A)-(AE)",
            "source": ["gov 7282.5(a)(3)"], "files": [v.file], "currency_caveat": caveat, "items": items}


def build_prop47(c: Corpus) -> dict:
    """Proposition 47 sections, from the corpus index us-ca/prop47.md (its table of affected sections)."""
    text = c.context_file("us-ca/prop47.md")
    items = []
    for line in text.splitlines():
        m = re.match(r"^\|\s*(PEN|HSC)\s*\|\s*([0-9.a-z]+)\s*\|\s*([^|]+?)\s*\|", line)
        if not m:
            continue
        code, sec, action = m[1].lower(), m[2], m[3]
        ref = f"{code} {sec}"
        sv = c.section(ref)
        history = str(sv.meta.get("history") or "")
        confirmed = "Proposition 47" in history or "Prop. 47" in history
        items.append({
            "item": ref,
            "reference": ref,
            "cite": ref,
            "in_force_from": sv.in_force_from.isoformat() if sv.in_force_from else None,
            "words": action,
            "basis": "history note of the section in the corpus" if confirmed else "secondary sources only (corpus index)",
            "confirmed": confirmed,
            "sections": [{"citation": ref, "role": "offense"}],
        })
    return {"list": "prop47", "title": "Sections Proposition 47 (2014) amended or added (Gov. Code 7282.5(a)(6))",
            "source": ["gov 7282.5(a)(6)"], "files": ["us-ca/prop47.md"], "items": items}


BUILDERS = {"serious_felony": build_serious, "violent_felony": build_violent, "a3": build_a3, "prop47": build_prop47}
FILES = {"serious_felony": "serious_felony.yaml", "violent_felony": "violent_felony.yaml", "a3": "gov_7282_5_a3.yaml",
         "prop47": "prop47.yaml"}
HEADER = "# GENERATED from the law corpus by `python -m sanctuary.offenses.extract --write`; do not edit by hand.\n"


def build_all(c: Corpus | None = None) -> dict[str, dict]:
    c = c or default_corpus()
    out = {}
    for key, fn in BUILDERS.items():
        data = fn(c)
        data["corpus_version"] = c.version
        out[key] = data
    return out


def dump(data: dict) -> str:
    return HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    write = "--write" in argv
    LISTS_DIR.mkdir(exist_ok=True)
    differ = []
    for key, data in build_all().items():
        path = LISTS_DIR / FILES[key]
        text = dump(data)
        if write:
            path.write_text(text, encoding="utf-8")
        elif not path.exists() or path.read_text(encoding="utf-8") != text:
            differ.append(path.name)
    if differ:
        print("out of date with the corpus: " + ", ".join(differ) + " (run with --write)")
        return 1
    print("offense lists written" if write else "offense lists match the corpus")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
