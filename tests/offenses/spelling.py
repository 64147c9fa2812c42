"""Shared helpers for the offense tests: spellings of a citation generated from its normal form."""

from __future__ import annotations

from sanctuary.offenses.citations import CODES, Citation

# the spellings clerks, rap sheets and lawyers use, per code (generated, not typed per section)
_SHORT = {"pen": "PC", "veh": "VC", "hsc": "HS", "wic": "WI", "bpc": "BP"}
_LONG = {"pen": "Penal Code", "veh": "Vehicle Code", "hsc": "Health and Safety Code"}


def spellings(c: Citation) -> list[str]:
    """At least three common spellings of a citation: 'PC 245(a)(1)', '245(A)(1) PC', 'Pen. Code, § 245, subd. (a)(1)',
    'Penal Code section 245(a)(1)', 'PC245(A)(1)'."""
    subs = "".join(f"({p})" for p in c.subdivisions)
    upper = "".join(f"({p.upper()})" for p in c.subdivisions)
    short = _SHORT.get(c.code, c.code.upper())
    title = CODES[c.code][0]
    out = [f"{short} {c.section}{subs}", f"{c.section.upper()}{upper} {short}", f"{short}{c.section.upper()}{upper}"]
    if c.subdivisions:
        out.append(f"{title}, § {c.section}, subd. {subs}")
    else:
        out.append(f"{title}, § {c.section}")
    if c.code in _LONG:
        out.append(f"{_LONG[c.code]} section {c.section}{subs}")
    return out
