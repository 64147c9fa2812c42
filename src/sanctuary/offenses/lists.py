"""The offense lists (YAML under lists/, generated from the corpus by extract.py), loaded and indexed by section."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sanctuary.yamldata import load_yaml
from .citations import Citation, parse_citation

LISTS_DIR = Path(__file__).parent / "lists"
LIST_FILES = {"serious_felony": "serious_felony.yaml", "violent_felony": "violent_felony.yaml",
              "a3": "gov_7282_5_a3.yaml", "prop47": "prop47.yaml"}


@dataclass(frozen=True)
class Entry:
    """One section named by one list item."""

    list: str  # serious_felony | violent_felony | a3 | prop47
    item: str  # '31', 'A', 'AE', '1192.8(a)', 'pen 496'
    reference: str  # corpus address (exists in the corpus)
    cite: str  # the item as lawyers cite it, e.g. 'pen 1192.7(c)(31)'
    citation: Citation  # the section named
    role: str  # offense | enhancement | pre1977
    open: bool
    conditional: bool
    words: str
    in_force_from: str | None
    former: bool = False
    confirmed: bool = True  # prop47: the corpus's history note confirms Prop. 47 amended/added the section


@cache
def load_list(name: str) -> dict:
    return load_yaml((LISTS_DIR / LIST_FILES[name]).read_text(encoding="utf-8"))


@cache
def entries(name: str) -> tuple[Entry, ...]:
    out = []
    for it in load_list(name)["items"]:
        for s in it.get("sections", []):
            out.append(Entry(name, str(it["item"]), it["reference"], it["cite"], parse_citation(s["citation"]), s["role"],
                             bool(it.get("open")), bool(it.get("conditional")), it.get("words", ""),
                             it.get("in_force_from"), bool(s.get("former")), bool(it.get("confirmed", True))))
    return tuple(out)


@cache
def items(name: str) -> tuple[dict, ...]:
    return tuple(load_list(name)["items"])


@cache
def _index(name: str) -> dict[tuple[str, str], tuple[Entry, ...]]:
    idx: dict[tuple[str, str], list[Entry]] = {}
    for e in entries(name):
        idx.setdefault((e.citation.code, e.citation.section), []).append(e)
    return {k: tuple(v) for k, v in idx.items()}


def match(entry: Citation, cited: Citation) -> str:
    """'yes' if the cited provision is the listed one or inside it; 'maybe' if the citation is less specific than the
    listed subdivision (e.g. 'PC 26100' against '26100(c)'); 'no' otherwise."""
    if (entry.code, entry.section) != (cited.code, cited.section):
        return "no"
    p, q = entry.subdivisions, cited.subdivisions
    if q[: len(p)] == p:
        return "yes"
    if p[: len(q)] == q:
        return "maybe"
    return "no"


def lookup(name: str, cited: Citation) -> list[tuple[Entry, str]]:
    """Entries of a list that the citation falls in ('yes') or may fall in ('maybe')."""
    out = []
    for e in _index(name).get((cited.code, cited.section), ()):
        m = match(e.citation, cited)
        if m != "no":
            out.append((e, m))
    return out
