"""The command line: a thin shell over the engine. No law lives here.

Exit codes: 0 answered; 2 bad input (the message names the field, file or row; nothing is written).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from sanctuary.vocabulary.answer import DISCLAIMER

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Immigration-enforcement cooperation law, as code. " + DISCLAIMER)
law_app = typer.Typer(no_args_is_help=True, help="The law corpus: texts with their sources and dates.")
app.add_typer(law_app, name="law")

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)

STATUS_STYLE = {"prohibited": "bold red", "permitted": "bold green", "required": "bold yellow",
                "needs_review": "bold magenta", "unenforceable": "bold cyan"}
STATUS_WORDS = {"prohibited": "PROHIBITED", "permitted": "PERMITTED", "required": "REQUIRED",
                "needs_review": "NEEDS REVIEW", "unenforceable": "UNENFORCEABLE"}


def fail(lines: list[str] | str, code: int = 2) -> None:
    """Print a bad-input message to stderr and exit with code 2."""
    for line in [lines] if isinstance(lines, str) else lines:
        err.print(Text(f"error: {line}"))
    raise typer.Exit(code)


def parse_date(value: Optional[str], name: str = "--as-of") -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{name}: {value!r} is not a date; expected YYYY-MM-DD")


def render_decision(d, console: Console) -> None:
    console.print(Text(f"As of {d.as_of} · actor: {d.actor} · corpus {d.corpus_version} · engine {d.engine_version}", style="dim"))
    for a in d.answers:
        head = Text()
        head.append(f"{STATUS_WORDS.get(a.status, a.status)}", style=STATUS_STYLE.get(a.status, "bold"))
        head.append(f"  {a.title}")
        body = Text()
        body.append(a.reason + "\n")
        if a.duty:
            body.append("Duty: ", style="bold")
            body.append(f"{a.duty.what}. When: {a.duty.deadline}")
            if a.duty.due_by:
                from sanctuary.notices import format_time

                body.append(f" (due by {format_time(a.duty.due_by)}; {a.duty.due_by.isoformat()})")
            if a.duty.to_whom:
                body.append(f". To: {a.duty.to_whom}")
            if a.duty.only_if:
                body.append(f". Only {a.duty.only_if}")
            body.append("\n")
        if a.order:
            body.append("Court order / date overlay: ", style="bold")
            body.append(f"{a.order.reason} ({'; '.join(a.order.cites)})\n")
        for r in a.review:
            if not a.order or r != a.order.reason:
                body.append(f"· {r}\n", style="dim")
        for rec in a.records:
            body.append("Record: ", style="bold")
            body.append(rec.summary() + "\n")
        for c in a.citations:
            body.append(f"{c.display}", style="bold")
            body.append(f" (in force from {c.in_force_from or 'unknown'})\n", style="dim")
            body.append(f"“{c.quote}”\n", style="italic")  # whole: a subdivision's own words come after its lead-in
            if c.caveat:
                body.append(f"Note: {c.caveat}\n", style="dim")
        console.print(Panel(body, title=head, title_align="left", expand=True))
    if getattr(d, "federal", None):
        fed = Text()
        for i in d.federal.items:
            fed.append(f"{i.source}", style="bold")
            fed.append(f" — federal law {'in the corpus ' if i.provisions else ''}calls it: {i.nature}. ")
            fed.append(f"{i.what}\n")
            for c in i.provisions:
                fed.append(f"  {c.display}\n", style="dim")
            for st in i.state_answers:
                fed.append(f"  State answer: {st}\n")
            for g in i.gaps:
                fed.append(f"  Gap: {g}\n", style="dim")
        fed.append(d.federal.note, style="dim")
        console.print(Panel(fed, title="Federal view", title_align="left", expand=True))
    for cav in d.caveats:
        console.print(Text(f"Corpus note: {cav}", style="dim"))
    console.print(Text(d.disclaimer, style="dim"))


@app.command()
def decide(
    case_file: Path = typer.Argument(..., help="A case file (YAML or JSON); see `sanctuary schema`"),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Decide as of this date (YYYY-MM-DD); default: the case's as_of, else today"),
    as_json: bool = typer.Option(False, "--json", help="Print the answer as JSON"),
) -> None:
    """Decide a case: per action, prohibited / permitted / required / needs review, with the law that decides it."""
    from sanctuary.engine.rulebook import OutOfCoverage, default_rulebook
    from sanctuary.vocabulary.load import CaseError, load_case

    date = parse_date(as_of)
    try:
        case = load_case(case_file)
        d = default_rulebook().decide(case, date)
    except CaseError as e:
        fail([f"{e.source}: {p}" for p in e.problems])
    except (OutOfCoverage, ValueError) as e:
        fail(str(e))
    if as_json:
        sys.stdout.write(d.model_dump_json(indent=2) + "\n")
    else:
        render_decision(d, out)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a case file."""
    from sanctuary.vocabulary.case import Case

    sys.stdout.write(json.dumps(Case.model_json_schema(), indent=2) + "\n")


@app.command()
def actions(as_json: bool = typer.Option(False, "--json")) -> None:
    """List the actions the engine answers, with the act and the request kinds that raise them."""
    from sanctuary.engine.rulebook import default_rulebook
    from sanctuary.vocabulary.case import ActorKind, DocumentKind, RequestKind

    rb = default_rulebook()
    rows = [{"action": d.action, "title": d.title, "act": d.act, "kind": d.kind} for d in rb.decisions]
    if as_json:
        sys.stdout.write(json.dumps({"actions": rows, "request_kinds": [k.value for k in RequestKind],
                                     "document_kinds": [k.value for k in DocumentKind],
                                     "actor_kinds": [k.value for k in ActorKind]}, indent=2) + "\n")
        return
    t = Table("action", "kind", "act", "title")
    for r in rows:
        t.add_row(r["action"], r["kind"], r["act"], r["title"])
    out.print(t)
    out.print("request kinds: " + ", ".join(k.value for k in RequestKind))


@app.command()
def offense(
    citation: str = typer.Argument(..., help='As written, e.g. "PC 245(a)(1)", "H&S 11350(a) M"'),
    level: str = typer.Option(..., "--level", help="felony, misdemeanor or infraction"),
    convicted: str = typer.Option(..., "--convicted", help="Date of conviction (YYYY-MM-DD)"),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Date for the lookback windows; default today"),
    enhancement: list[str] = typer.Option([], "--enhancement", help="An enhancement found true, e.g. 'PC 186.22(b)'"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Classify one conviction under Gov. Code 7282.5: categories, lookback windows, citations."""
    from sanctuary.offenses.citations import CitationError, parse_citation
    from sanctuary.offenses.report import offense_report, render_offense_report

    from sanctuary.law.corpus import AddressError, default_corpus

    date = parse_date(as_of) or dt.date.today()
    before = None
    try:  # the lists are 7282.5's: on a date the corpus holds no text of it for, say so (`decide` refuses the date)
        default_corpus().provision("gov 7282.5", date)
    except AddressError as e:
        before = (f"warning: --as-of: {e}; this classification applies the lists of the text the corpus holds, not "
                  "the law of that date (`sanctuary decide` refuses the date)")
    try:
        parse_citation(citation)
        report = offense_report(citation, level, convicted, date.isoformat(), enhancements=tuple(enhancement))
    except (CitationError, ValueError) as e:
        fail(str(e))
    if before:
        err.print(Text(before))
    if as_json:
        sys.stdout.write(json.dumps(report, indent=2, default=str) + "\n")
    else:
        render_offense_report(report, out)
        if before:
            out.print(Text(before.removeprefix("warning: --as-of: "), style="yellow"))
        out.print(Text(DISCLAIMER, style="dim"))


@law_app.command("show")
def law_show(
    address: str = typer.Argument(..., help='e.g. "gov 7284.6(a)(4)"'),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="The version in force on this date"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Print a provision's text with its source and dates."""
    from sanctuary.law.corpus import AddressError, default_corpus, parse_address

    c = default_corpus()
    date = parse_date(as_of)
    try:
        a = parse_address(address)
        v, node = c.provision(a, date)
    except AddressError as e:
        fail(str(e))
    from sanctuary.law.floors import before_floor
    if (floor := before_floor(str(a), v.in_force_from, date)):
        fail(floor)
    text = c.quote(a, date) if a.path else v.text
    info = {
        "address": str(a), "display": a.display, "text": text, "source": v.source,
        "in_force_from": v.in_force_from.isoformat() if v.in_force_from else None,
        "in_force_until": v.in_force_until.isoformat() if v.in_force_until else None,
        "history": v.meta.get("history"), "file": v.file, "incomplete": node.incomplete,
        "caveat": v.currency_caveat, "versions": [x.in_force_from.isoformat() if x.in_force_from else None for x in c.versions(a)],
        "corpus_version": c.version,
        "operative_from": v.operative_from.isoformat() if v.operative_from else None,
        "operative_on_date": None if v.operative_from is None else (date or dt.date.today()) >= v.operative_from,
    }
    # the court orders and dated events in force that day, and the holdings filed by then (law/timeline)
    from sanctuary.law.orders import dated_events
    events = dated_events(str(a), date or dt.date.today())
    info["orders_as_of"], info["orders_in_force"], info["holdings"] = events["as_of"], events["in_force"], events["holdings"]
    from sanctuary.engine.rulebook import default_rulebook
    info["after_corpus_date"] = default_rulebook().after_corpus_date(date or dt.date.today())
    if as_json:
        sys.stdout.write(json.dumps(info, indent=2) + "\n")
        return
    out.print(Text(a.display, style="bold"))
    out.print(Text(text))
    out.print()
    out.print(Text(f"In force from: {info['in_force_from'] or 'unknown'}" + (f" until {info['in_force_until']}" if info["in_force_until"] else ""), style="dim"))
    if info["operative_on_date"] is False:
        out.print(Text(f"In force from {info['in_force_from']} but not operative until {info['operative_from']}: on "
                       f"{date or dt.date.today()} it did not yet operate (see the history note).", style="yellow"))
    elif info["operative_from"]:
        out.print(Text(f"Operative from: {info['operative_from']}", style="dim"))
    out.print(Text(f"Source: {v.source}", style="dim"))
    if info["history"]:
        out.print(Text(f"History: {info['history']}", style="dim"))
    if node.incomplete:
        out.print(Text("Incomplete: part of this text was not found in the sources ([TEXT NOT FOUND IN SOURCES]).", style="yellow"))
    if v.currency_caveat:
        out.print(Text(f"Note: {v.currency_caveat}", style="yellow"))
    for e in events["in_force"]:
        who = ", ".join(e["actors"]) if e["actors"] else "all actors"
        out.print(Text(f"In force on {events['as_of']} ({e['id']}, {e['since']} to {e['until'] or 'no end recorded'}): "
                       f"answers resting on this text are {e['status']} for {who}. {e['reason']}", style="yellow"))
    if not events["in_force"]:
        out.print(Text(f"No court order or dated event in the records changes answers resting on this text on "
                       f"{events['as_of']}.", style="dim"))
    if info["after_corpus_date"]:
        out.print(Text(info["after_corpus_date"], style="yellow"))
    for h in events["holdings"]:
        out.print(Text(f"Court record: {h['filed']} {h['effect']} ({h['court']}, {h['case']}"
                       + (f", {h['cite']}" if h["cite"] else "") + ")"
                       + (f" for {', '.join(h['actors'])}" if h["actors"] else ""), style="dim"))
    out.print(Text(f"Corpus file: {v.file} · {c.version}", style="dim"))


@law_app.command("check")
def law_check() -> None:
    """Check that every rule cites a provision that exists in the corpus."""
    from sanctuary.engine.rulebook import default_rulebook

    missing = default_rulebook().missing_citations()
    for m in missing:
        err.print(m)
    if missing:
        raise typer.Exit(1)
    out.print("every citation names a provision in the corpus")


@app.command()
def conflicts(
    as_of: Optional[str] = typer.Option(None, "--as-of", help="The map as of this date (YYYY-MM-DD); default: today"),
    fmt: str = typer.Option("table", "--format", help="table | json | html"),
) -> None:
    """The conflict map: state provisions, the federal law they are said to obstruct, and every court holding."""
    from sanctuary.conflicts import build_map, render

    if fmt not in ("table", "json", "html"):
        fail(f"--format: {fmt!r} is not one of table, json, html")
    sys.stdout.write(render(build_map(parse_date(as_of) or dt.date.today()), fmt) + "\n")


@app.command()
def notice(
    case_file: Optional[Path] = typer.Argument(None, help="A case file (YAML or JSON); see `sanctuary schema`"),
    fmt: str = typer.Option("pdf", "--format", help="pdf | html"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="The file to write"),
    kind: Optional[str] = typer.Option(None, "--kind", help="Which notice (see --list: e.g. employee-posting, interview-consent, request-notice); default: the one the case calls for"),
    list_: bool = typer.Option(False, "--list", help="List the notices (with a case file: the ones it calls for) and exit"),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Decide as of this date (YYYY-MM-DD), as `decide --as-of`; default: the case's as_of, else today"),
) -> None:
    """Write a printable notice filled from the case (the Labor Code 90.2 notices, the TRUTH Act notices of Gov. Code 7283.1)."""
    from sanctuary.engine.rulebook import OutOfCoverage
    from sanctuary.notices import NOTICES, NoticeError, choose, offer, render_html, render_pdf, specs
    from sanctuary.vocabulary.load import CaseError, case_from_data, load_case

    date = parse_date(as_of)

    def load(path: Path):
        case = load_case(path)
        if date is None:
            return case
        # the case again with the date asked, validated again (a conviction after that date is an error, as in decide)
        return case_from_data(json.loads(case.model_dump_json(exclude_unset=True)) | {"as_of": date.isoformat()}, str(path))

    if list_:
        try:
            offered = dict(offer(load(case_file))) if case_file else None
        except CaseError as e:
            fail([f"{e.source}: {p}" for p in e.problems])
        except (OutOfCoverage, ValueError) as e:  # a date the corpus holds no law for: named, not a traceback
            fail(str(e))
        for n, s in specs().items():
            if offered is None or n in offered:
                when = "" if offered is None else ("  [called for]" if offered[n] else "  [when it applies]")
                sys.stdout.write(f"{n:20} {s.title}  ({', '.join(s.cites)}){when}\n")
        return
    if case_file is None or output is None:
        fail("give a case file and -o FILE (or --list)")
    if fmt not in ("pdf", "html"):
        fail(f"--format: {fmt!r} is not one of pdf, html")
    try:
        case = load(case_file)
        names = [kind] if kind else choose(case)
        if not names:
            fail(f"{case_file}: the case calls for no notice sanctuary prints (known: {', '.join(NOTICES)}); "
                 "give --kind, or the receipt times the notice is built from")
        data = render_pdf(names[0], case) if fmt == "pdf" else render_html(names[0], case).encode("utf-8")
    except CaseError as e:
        fail([f"{e.source}: {p}" for p in e.problems])
    except NoticeError as e:
        fail([f"{case_file}: {p}" for p in e.problems])
    except (OutOfCoverage, ValueError) as e:
        fail(str(e))
    output.write_bytes(data)
    err.print(Text(f"wrote {names[0]} notice ({fmt}) to {output}" + (f"; the case also calls for: {', '.join(names[1:])} (use --kind)" if len(names) > 1 else "")))


from sanctuary.service.commands import register as _register_service_commands  # noqa: E402  serve, record, token, user

_register_service_commands(app)


@app.command()
def audit(
    requests: Path = typer.Argument(..., help="Requests table (CSV or Parquet); see docs/bulk.md or `sanctuary audit --schema`"),
    history: Path = typer.Argument(..., help="History table (CSV or Parquet)"),
    out_dir: Path = typer.Option(Path("out/audit"), "-o", "--out", help="Output folder"),
    fmt: str = typer.Option("parquet", "--format", help="answers table: parquet, csv or both"),
) -> None:
    """Audit a table of requests: every row decided by the same rules, flags, TRUTH Act figures, HTML report."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from sanctuary.bulk.audit import STEPS, run
    from sanctuary.bulk.validate import SchemaError

    try:
        with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=err) as bar:
            task = bar.add_task("audit", total=len(STEPS))
            done = []

            def step(name: str) -> None:
                if done:
                    bar.advance(task)
                done.append(name)
                bar.update(task, description=name)

            counts = run(requests, history, out_dir, fmt, step)
            bar.advance(task)
    except SchemaError as e:
        fail([f"{e.source}: {p}" for p in e.problems])
    t = Table("measure", "value")
    for k, v in counts.items():
        t.add_row(k, str(v))
    out.print(t)
    out.print(f"report: {out_dir / 'report.html'} · rejects: {out_dir / 'rejects.csv'}")


@app.command()
def synth(
    requests: int = typer.Option(1000, "--requests", help="Number of requests"),
    seed: int = typer.Option(0, "--seed"),
    out_dir: Path = typer.Option(Path("out/synth"), "-o", "--out"),
    fmt: str = typer.Option("csv", "--format", help="csv or parquet"),
    all_areas: bool = typer.Option(False, "--all-areas", help="Also the other areas' requests and columns (employers, "
                                   "courthouses, schools, health facilities, detention, officers)"),
) -> None:
    """Write synthetic requests and history tables (no real personal data; distributions in docs/bulk.md)."""
    from sanctuary.bulk.synth import write

    r, h = write(requests, seed, out_dir, fmt, all_areas=all_areas)
    out.print(f"wrote {r} and {h}")


@app.command("bulk-schema")
def bulk_schema() -> None:
    """Print the JSON schema of the bulk tables (requests, history)."""
    from sanctuary.bulk.schema import schema_text

    sys.stdout.write(schema_text() + "\n")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
