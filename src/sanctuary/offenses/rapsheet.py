"""Reading a California DOJ bulk criminal-history extract (one row per count per cycle step) into convictions.

Columns used (see ../shared/data/cfa-cadoj-fictional-rap-sheet/README.md): CII_NUMBER, CYC_ORDER, STP_TYPE_DESCR,
STP_EVENT_DATE, CNT_ORDER, DISP_DATE, OFFENSE_DESCR ("459 PC-BURGLARY"), OFFENSE_TOC (F/M/I), DISP_OFFENSE_DESCR /
CONV_OFFENSE_DESCR and their TOC when present (the offense as convicted), DISP_DESCR ("CONVICTED-PROBATION"),
SENT_LENGTH / SENT_TIME_DESCR / SENT_LOC_DESCR. A count is a conviction when its disposition starts with "CONVICTED".
A citation the reader cannot read is kept with its error, never dropped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from .citations import Citation, CitationError, parse_citation

TOC = {"F": "felony", "M": "misdemeanor", "I": "infraction"}


@dataclass(frozen=True)
class Conviction:
    raw: str  # the offense as written, e.g. "459 PC-BURGLARY"
    citation: str | None  # normal form, e.g. "pen 459", or None if unreadable
    level: str | None  # felony / misdemeanor / infraction / None
    date: dt.date | None  # disposition date (else the step's event date)
    disposition: str
    sentence: str
    cii: str
    cycle: str
    count: str
    error: str | None = None


def split_offense(descr: str) -> tuple[Citation, str]:
    """'459 PC-BURGLARY' -> (pen 459, 'BURGLARY'): the longest prefix before a '-' that reads as a citation."""
    s = (descr or "").strip()
    cuts = [i for i, ch in enumerate(s) if ch == "-"] + [len(s)]
    last: CitationError | None = None
    for i in sorted(cuts, reverse=True):
        try:
            return parse_citation(s[:i]), s[i + 1:].strip()
        except CitationError as e:
            last = e
    raise last or CitationError(f"cannot read the citation {descr!r}")


def _d(v: str | None) -> dt.date | None:
    v = (v or "").strip()
    if len(v) == 8 and v.isdigit():
        try:
            return dt.date(int(v[:4]), int(v[4:6]), int(v[6:]))
        except ValueError:
            return None
    return None


def read_convictions(source: str | Path | io.TextIOBase) -> list[Conviction]:
    if isinstance(source, (str, Path)) and Path(source).exists():
        f = open(source, encoding="utf-8-sig", newline="")
    elif isinstance(source, str):
        f = io.StringIO(source)
    else:
        f = source
    out: list[Conviction] = []
    with f:
        for row in csv.DictReader(f):
            disp = (row.get("DISP_DESCR") or "").strip()
            if not disp.upper().startswith("CONVICTED"):
                continue
            raw, toc = "", ""
            for col, tcol in (("CONV_OFFENSE_DESCR", "CONV_OFFENSE_TOC"), ("DISP_OFFENSE_DESCR", "DISP_OFFENSE_TOC"),
                              ("OFFENSE_DESCR", "OFFENSE_TOC")):
                if (row.get(col) or "").strip():
                    raw, toc = row[col].strip(), (row.get(tcol) or "").strip().upper()
                    break
            try:
                cit, _ = split_offense(raw)
                norm, err = str(cit.without_level()), None
            except CitationError as e:
                norm, err = None, str(e)
            sent = " ".join(x for x in ((row.get("SENT_LOC_DESCR") or "").strip(), (row.get("SENT_LENGTH") or "").strip(),
                                        (row.get("SENT_TIME_DESCR") or "").strip()) if x)
            out.append(Conviction(raw=raw, citation=norm, level=TOC.get(toc), date=_d(row.get("DISP_DATE")) or _d(row.get("STP_EVENT_DATE")),
                                  disposition=disp, sentence=sent, cii=(row.get("CII_NUMBER") or "").strip(),
                                  cycle=(row.get("CYC_ORDER") or "").strip(), count=(row.get("CNT_ORDER") or "").strip(), error=err))
    return out
