"""Printable notices, rendered from Jinja2 templates to HTML and PDF (WeasyPrint). A shell: no law lives here.

Each notice is a `NoticeSpec` in the registry `NOTICES`: a template under `templates/`, the provisions whose content
it carries, and a `build(case)` function that turns a validated case into the template's context (and the engine's
answer, for deadlines), raising `NoticeError` naming each missing field. What a notice must say comes from the
statute; the answer's duty supplies the deadline. To add a notice, write a template extending `base.html.j2`, a build
function, and `register(NoticeSpec(...))` with the `inputs` a form must ask to fill it. Registered: the Labor Code
90.2 notices (`employer.py`) and the TRUTH Act notices of Gov. Code 7283.1 (`truth.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, Callable

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


class NoticeError(ValueError):
    """The case lacks what the notice must carry; `problems` has one line per missing field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class NoticeInput:
    """One case field a notice reads, for a form that asks it (the web's extra form). `field` is the dotted path in
    the case; `kind` says how to ask it: text | textarea | datetime | date_time (a date, and a time if known) |
    comply (for each hold, notification or transfer asked: does the agency intend to comply) | employees (rows)."""

    field: str
    label: str
    kind: str = "text"
    required: bool = True
    help: str = ""


@dataclass(frozen=True)
class NoticeSpec:
    name: str  # "employee-posting"
    title: str
    template: str  # file under templates/
    cites: tuple[str, ...]  # the provisions whose required content the notice carries
    build: Callable[[Any], dict[str, Any]]  # case -> template context; raises NoticeError
    applies: Callable[[Any], bool] = field(default=lambda case: True)  # whether the case calls for this notice
    inputs: tuple[NoticeInput, ...] = ()  # the case fields the notice is filled from
    may_apply: Callable[[Any], bool] | None = None  # the case may call for it once later facts arrive (e.g. results)
    summary: str = ""  # one line: what the notice is, to whom, when


NOTICES: dict[str, NoticeSpec] = {}


def register(spec: NoticeSpec) -> NoticeSpec:
    NOTICES[spec.name] = spec
    return spec


@cache
def _env() -> Environment:
    env = Environment(loader=PackageLoader("sanctuary.notices", "templates"), autoescape=select_autoescape(["html", "j2"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["when"] = format_time
    env.filters["day"] = format_day
    return env


def format_time(t) -> str:
    """'Monday, March 9, 2026, 4:30 PM PDT': shown in California time (the workplace's), whatever offset it was given in."""
    if t is None:
        return ""
    if t.tzinfo is not None:
        from sanctuary.vocabulary.employer import CALIFORNIA_TIME

        t = t.astimezone(CALIFORNIA_TIME)
    return t.strftime("%A, %B ") + str(t.day) + t.strftime(", %Y, ") + t.strftime("%I:%M %p").lstrip("0") + (
        " " + t.strftime("%Z") if t.tzinfo else "")


def format_day(t) -> str:
    if t is None:
        return ""
    return t.strftime("%B ") + str(t.day) + t.strftime(", %Y")


def choose(case) -> list[str]:
    """The notices the case calls for, in registry order."""
    _load()
    return [n for n, s in NOTICES.items() if s.applies(case)]


def offer(case) -> list[tuple[str, bool]]:
    """The notices to offer for the case, in registry order, each with whether the case calls for it now (True) or
    may call for it once later facts arrive (False: e.g. the affected-employee notice before the results come)."""
    _load()
    out = []
    for n, s in NOTICES.items():
        if s.applies(case):
            out.append((n, True))
        elif s.may_apply is not None and s.may_apply(case):
            out.append((n, False))
    return out


def render_html(name: str, case) -> str:
    _load()
    if name not in NOTICES:
        raise NoticeError([f"unknown notice {name!r}; known: {', '.join(NOTICES)}"])
    spec = NOTICES[name]
    ctx = spec.build(case)
    from sanctuary.vocabulary.answer import DISCLAIMER

    return _env().get_template(spec.template).render(title=spec.title, cites=spec.cites, disclaimer=DISCLAIMER, **ctx)


def render_pdf(name: str, case) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(name, case)).write_pdf()


def _load() -> None:
    from . import employer  # noqa: F401  (registers the employer notices)
    from . import truth  # noqa: F401  (registers the TRUTH Act notices)


def specs() -> dict[str, NoticeSpec]:
    """The registry, loaded."""
    _load()
    return NOTICES


__all__ = ["NOTICES", "NoticeSpec", "NoticeInput", "NoticeError", "register", "choose", "offer", "specs",
           "render_html", "render_pdf"]
