"""The day before which no text of a section was in force at all, for a section whose corpus text has no known first
day (timeline/section-floors.yaml; the rulebook reads the same file, Rulebook._first_in_force). `law show` and
GET /law use it so that they never print such a text as the law in force before its enacting act took effect."""

from __future__ import annotations

import datetime as dt


def before_floor(address: str, in_force_from: dt.date | None, as_of: dt.date | None) -> str | None:
    """A message if `as_of` is before the section's floor (only for a text whose own first day is unknown)."""
    if as_of is None or in_force_from is not None:
        return None
    from sanctuary.engine.rulebook import load_section_floors

    section = address.split("(")[0]
    floor = load_section_floors().get(section)
    if floor is None or as_of >= floor:
        return None
    return (f"{address}: the corpus holds no text in force on {as_of}; the act that added {section} took effect on "
            f"{floor} (law/timeline/section-floors.yaml)")


__all__ = ["before_floor"]
