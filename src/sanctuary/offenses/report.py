"""One conviction, explained: categories of Gov. Code 7282.5(a), lookback windows, citations.

The lead wires this as `sanctuary offense "PC 245(a)(1)" --level felony --convicted 2019-05-02 [--as-of ...] [--json]`:
`offense_report(...)` builds a JSON-ready dict; `render_offense_report(report, console)` prints it with rich.

Lookbacks (7282.5(a)(3)): a misdemeanor for a crime punishable either way counts if the conviction is "within the
past five years", a felony if "within the last 15 years". A conviction counts when it falls on or after the day
exactly five (fifteen) years before the as-of date, computed with dateutil's relativedelta (so Feb 29 minus five
years is Feb 28), and on or before the as-of date.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from .classify import Classification, Tri, classify

WINDOW_YEARS = {"felony": 15, "misdemeanor": 5}


def window_start(as_of: dt.date, years: int) -> dt.date:
    """The first day inside a lookback of `years` ending on as_of (Feb 29 minus whole years falls on Feb 28)."""
    try:
        return as_of - relativedelta(years=years)
    except ValueError:  # a window reaching before year 1: every date the calendar holds is inside it
        return dt.date.min


def within(convicted: dt.date, as_of: dt.date, years: int) -> bool:
    return window_start(as_of, years) <= convicted <= as_of


def _and(*vals: Tri) -> Tri:
    if any(v is False for v in vals):
        return False
    if all(v is True for v in vals):
        return True
    return None


def _or(*vals: Tri) -> Tri:
    if any(v is True for v in vals):
        return True
    if all(v is False for v in vals):
        return False
    return None


def _word(v: Tri) -> str:
    return {True: "yes", False: "no", None: "needs review"}[v]


def _date(v: dt.date | str | None, name: str) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v))
    except ValueError as e:
        raise ValueError(f"{name}: {v!r} is not a date (YYYY-MM-DD)") from e


def offense_report(citation: str, level: str | None, convicted: dt.date | str | None, as_of: dt.date | str | None = None,
                   *, enhancements: tuple[str, ...] | list[str] = ()) -> dict:
    """Everything 7282.5(a) asks about one conviction, as a JSON-ready dict (dates as ISO strings)."""
    convicted_d = _date(convicted, "convicted")
    as_of_d = _date(as_of, "as_of") or dt.date.today()
    if convicted_d and convicted_d > as_of_d:
        raise ValueError(f"the conviction date {convicted_d} is after the as-of date {as_of_d}")
    if level not in (None, "felony", "misdemeanor", "infraction"):
        raise ValueError(f"level {level!r}: expected felony, misdemeanor or infraction")
    c: Classification = classify(citation, level, enhancements=tuple(enhancements))  # type: ignore[arg-type]
    from .citations import try_parse

    parsed = try_parse(citation)
    lvl = level or (parsed.level_hint if parsed else None)

    windows = {}
    for lv, years in WINDOW_YEARS.items():
        start = window_start(as_of_d, years)
        inside: Tri = None if convicted_d is None else within(convicted_d, as_of_d, years)
        windows[f"{lv}_{years}_years"] = {
            "applies_to": "felony" if lv == "felony" else "misdemeanor for a crime punishable as either (wobbler)",
            "years": years, "from": start.isoformat(), "to": as_of_d.isoformat(), "within": inside,
            "reference": "gov 7282.5(a)(3)",
        }

    if lvl == "felony":
        a3 = _and(c.a3_listed, windows["felony_15_years"]["within"])
        a3_reason = "a felony for a listed offense counts for 15 years"
    elif lvl == "misdemeanor":
        a3 = _and(c.a3_listed, c.wobbler, windows["misdemeanor_5_years"]["within"])
        a3_reason = "a misdemeanor counts for 5 years, and only for a crime punishable as either a misdemeanor or a felony"
    elif lvl == "infraction":
        a3, a3_reason = False, "an infraction is neither a misdemeanor nor a felony"
    else:
        a3 = _and(c.a3_listed, None)
        a3_reason = "the level of the conviction is not known"

    paragraphs = [
        {"paragraph": "7282.5(a)(1)", "reference": "gov 7282.5(a)(1)", "question": "serious or violent felony (Pen. Code 1192.7(c), 667.5(c))",
         "answer": c.serious_or_violent_felony, "window": "none (no time limit in the text)"},
        {"paragraph": "7282.5(a)(2)", "reference": "gov 7282.5(a)(2)", "question": "felony punishable by imprisonment in the state prison",
         "answer": c.state_prison_felony, "window": "none (no time limit in the text)"},
        {"paragraph": "7282.5(a)(3)", "reference": "gov 7282.5(a)(3)", "question": "listed offense: wobbler misdemeanor within 5 years or felony within 15 years",
         "answer": a3, "window": a3_reason},
    ]
    qualifies = _or(*(p["answer"] for p in paragraphs))
    bar = c.prop47_misdemeanor
    notes = []
    if bar is True:
        qualifies = False
        notes.append("7282.5(a)(6): \"In no case shall cooperation occur pursuant to this section for individuals arrested, detained, "
                     "or convicted of misdemeanors that were previously felonies, or were previously crimes punishable as either "
                     "misdemeanors or felonies, prior to passage of the Safe Neighborhoods and Schools Act of 2014\". This conviction "
                     "is such a misdemeanor, so it cannot support cooperation; whether (a)(6) also bars cooperation on the person's "
                     "other convictions is for review.")
    elif bar is None and qualifies is not False:
        qualifies = None if qualifies is True else qualifies
        notes.append("7282.5(a)(6) (Proposition 47) may bar cooperation on this conviction: see the findings.")
    paragraphs.append({"paragraph": "7282.5(a)(6)", "reference": "gov 7282.5(a)(6)",
                       "question": "misdemeanor that was a felony or wobbler before Proposition 47 (bars cooperation)",
                       "answer": bar, "window": "none"})
    from sanctuary.law.corpus import default_corpus

    return {
        "citation": c.citation,
        "input": citation,
        "display": parsed.display if parsed else None,
        "level": lvl,
        "enhancements": list(enhancements),
        "convicted": convicted_d.isoformat() if convicted_d else None,
        "as_of": as_of_d.isoformat(),
        "qualifies": qualifies,
        "qualifies_words": _word(qualifies),
        "paragraphs": [{**p, "answer_words": _word(p["answer"])} for p in paragraphs],
        "windows": windows,
        "classification": c.model_dump(),
        "notes": notes,
        "corpus_version": default_corpus().version,
    }


def render_offense_report(report: dict, console) -> None:
    """Print an offense report with rich (console: rich.console.Console)."""
    from rich.panel import Panel
    from rich.table import Table

    style = {"yes": "bold green", "no": "bold red", "needs review": "bold yellow"}
    head = report["display"] or report["input"]
    sub = f"level: {report['level'] or 'unknown'} | convicted: {report['convicted'] or 'unknown'} | as of: {report['as_of']}"
    if report["enhancements"]:
        sub += " | enhancements: " + ", ".join(report["enhancements"])
    q = report["qualifies_words"]
    console.print(Panel(f"[bold]{head}[/bold]\n{sub}\nQualifies under Gov. Code 7282.5(a)(1)-(3): [{style[q]}]{q}[/]",
                        title="sanctuary offense", expand=False))
    t = Table(title="Gov. Code 7282.5(a)", show_lines=False)
    for col in ("paragraph", "question", "answer", "window"):
        t.add_column(col)
    for p in report["paragraphs"]:
        w = p["answer_words"]
        t.add_row(p["paragraph"], p["question"], f"[{style[w]}]{w}[/]", p["window"])
    console.print(t)
    w = Table(title="Lookback windows (7282.5(a)(3))")
    for col in ("window", "from", "to", "conviction inside"):
        w.add_column(col)
    for name, win in report["windows"].items():
        w.add_row(win["applies_to"], win["from"], win["to"], _word(win["within"]))
    console.print(w)
    f = Table(title="Findings (each cites the corpus)")
    for col in ("category", "reference", "confidence", "reason"):
        f.add_column(col, overflow="fold")
    for x in report["classification"]["findings"]:
        f.add_row(x["category"], x["reference"], x["confidence"], x["reason"])
    console.print(f)
    for n in report["notes"]:
        console.print(f"[yellow]{n}[/]")
    console.print(f"[dim]{report['corpus_version']}[/]")
