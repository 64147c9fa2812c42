"""The web questionnaire: plain server-rendered forms (work without JavaScript), a login when the service is not on
localhost. Three steps: who you are and what was asked; only the questions that matter for that; the answer with
the quoted law. No law lives here: the questions come from `interview.plan`, the answers from the rulebook.
"""

from __future__ import annotations

import datetime as dt
import hmac
import logging
from importlib import resources

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from sanctuary.vocabulary.answer import DISCLAIMER
from sanctuary.vocabulary.case import ActorKind, RequestKind

from . import auth, interview

log = logging.getLogger("sanctuary.service")
router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(resources.files("sanctuary.service") / "templates"))
COOKIE = "sanctuary_session"

STATUS_WORDS = {"prohibited": "PROHIBITED", "permitted": "PERMITTED", "required": "REQUIRED",
                "needs_review": "NEEDS REVIEW", "unenforceable": "UNENFORCEABLE"}
STATUS_MARKS = {"prohibited": "✕", "permitted": "✓", "required": "!", "needs_review": "?", "unenforceable": "⊘"}


def _ctx(request: Request, **kw) -> dict:
    sess = getattr(request.state, "web_session", None)
    return {"request": request, "disclaimer": DISCLAIMER, "csrf": sess[1] if sess else "",
            "user": sess[0].name.split(":", 1)[1] if sess else None, "status_words": STATUS_WORDS,
            "status_marks": STATUS_MARKS, "label": interview.label, "when": _when, **kw}


def _when(t) -> str:
    """A deadline as a clerk reads it, in California time: 'Friday, April 13, 2026, 9:00 AM PDT'."""
    from sanctuary.notices import format_time

    return format_time(t)


def render(request: Request, name: str, status: int = 200, **kw) -> HTMLResponse:
    return templates.TemplateResponse(request, name, _ctx(request, **kw), status_code=status)


def error_page(request: Request, status: int, detail: str, problems: list[str]) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, detail=detail, problems=problems)


def _safe_next(nxt: str | None) -> str:
    if not nxt or not nxt.startswith("/") or nxt.startswith("//") or "\\" in nxt:
        return "/"
    return nxt


def _gate(request: Request, form=None) -> Response | None:
    """None when the user may go on; else the response to send (a redirect to the login, or 403 on a bad form token)."""
    settings = request.app.state.settings
    sess = request.app.state.sessions.get(request.cookies.get(COOKIE))
    request.state.web_session = sess
    if not settings.login_required:
        return None
    if sess is None:
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    if not sess[0].may("decide"):  # every page here decides a case: the same permission as POST /api/v1/decide
        return error_page(request, 403, f"this account's role ({sess[0].role}) may not decide cases; "
                                        "ask an administrator for the decide role", [])
    if form is not None and not hmac.compare_digest(str(form.get("csrf") or ""), sess[1]):
        return error_page(request, 403, "the form expired or did not come from this site; go back and try again", [])
    return None


# ---------------------------------------------------------------------------- login

@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/"):
    request.state.web_session = None
    return render(request, "login.html", next=_safe_next(next), error=None)


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request):
    form = await request.form()
    request.state.web_session = None
    username = str(form.get("username") or "")[:100]
    password = str(form.get("password") or "")[:1000]
    nxt = _safe_next(str(form.get("next") or "/"))
    client = request.client.host if request.client else "?"
    throttle: auth.LoginThrottle = request.app.state.throttle
    keys = (f"user:{username.lower()}", f"ip:{client}")
    wait = throttle.blocked(*keys)
    if wait:
        log.warning("login refused: too many failed attempts")
        return render(request, "login.html", status=429, next=nxt,
                      error=f"Too many failed attempts. Try again in {int(wait // 60) + 1} minutes.")
    p = auth.check_password(request.app.state.store, username, password)
    if p is None:
        throttle.failed(*keys)
        log.warning("login failed")
        return render(request, "login.html", status=401, next=nxt, error="The user name or password is wrong.")
    throttle.succeeded(keys[0])
    sid, _ = request.app.state.sessions.new(p)
    resp = RedirectResponse(nxt, status_code=303)
    resp.set_cookie(COOKIE, sid, httponly=True, samesite="strict", secure=request.app.state.settings.cookie_secure,
                    path="/")
    return resp


@router.post("/logout")
async def logout(request: Request):
    request.app.state.sessions.end(request.cookies.get(COOKIE))
    resp = RedirectResponse("/login" if request.app.state.settings.login_required else "/", status_code=303)
    resp.delete_cookie(COOKIE, path="/")
    return resp


# ---------------------------------------------------------------------------- the questionnaire

@router.get("/", response_class=HTMLResponse)
def home(request: Request):
    if (r := _gate(request)) is not None:
        return r
    return render(request, "home.html", paths=interview.PATHS)


def _path_or_404(path: str):
    if path not in interview.PATHS:
        from fastapi import HTTPException
        raise HTTPException(404, {"detail": f"no questionnaire {path!r}", "problems": []})
    return interview.PATHS[path]


def _today_max(request: Request) -> tuple[str, str]:
    """The date field's default (today) and upper bound (none: a date after the corpus's last check is answered,
    with a caveat saying so, Rulebook.after_corpus_date)."""
    return dt.date.today().isoformat(), ""


def _step1(request: Request, path: str, form=None, errors=None, status=200):
    info = _path_or_404(path)
    today, maxd = _today_max(request)
    return render(request, "step1.html", status=status, path=path, info=info, actors=info["actors"],
                  actor_labels=interview.ACTOR_LABELS, asks=interview.asks_for_path(path),
                  ask_labels=interview.ASK_LABELS, form=_values(form), today=today, max_date=maxd,
                  errors=errors or [])


@router.get("/ask/{path}", response_class=HTMLResponse)
def ask(request: Request, path: str):
    if (r := _gate(request)) is not None:
        return r
    return _step1(request, path)


def _values(form) -> dict:
    if form is None:
        return {"documents": [], "asks": [], "_lists": {}}
    out = {k: form.get(k) for k in form.keys()}
    out["_lists"] = {k: form.getlist(k) for k in form.keys()}  # multiple-choice questions (checkbox groups)
    out["documents"] = form.getlist("documents")
    out["asks"] = form.getlist("asks")
    return out


def _read_step1(path: str, form) -> tuple[interview.Plan | None, list[str]]:
    from sanctuary.engine.rulebook import default_rulebook

    info = _path_or_404(path)
    errors = []
    try:
        actor = ActorKind(str(form.get("actor") or ""))
        if actor not in info["actors"]:
            raise ValueError
    except ValueError:
        actor = None
        errors.append("Who is asked to act: choose one.")
    asks = []
    for a in form.getlist("asks"):
        try:
            asks.append(RequestKind(a))
        except ValueError:
            errors.append(f"What was asked: {a!r} is not a request this form knows.")
    if not asks:
        errors.append("What was asked: tick at least one.")
    as_of = None
    if form.get("as_of"):
        try:
            as_of = dt.date.fromisoformat(str(form.get("as_of")))
        except ValueError:
            errors.append("Date: give a date as YYYY-MM-DD.")
    if not errors:  # each request must be one some rule answers for this actor (step 1 lists them for the path)
        for a in asks:
            if not interview.answers_ask(actor, a):
                errors.append(f"What was asked: sanctuary has no rule for \"{interview.label(interview.ASK_LABELS, a)}\" "
                              f"asked of \"{interview.label(interview.ACTOR_LABELS, actor)}\"; untick it or choose who "
                              "is asked again.")
    if not errors and as_of is not None:  # a date the corpus holds no law for: say so now, not after step 2
        from sanctuary.engine.rulebook import OutOfCoverage
        from sanctuary.vocabulary.case import Actor, Case, Request

        try:
            default_rulebook().decide(Case(as_of=as_of, actor=Actor(kind=actor), request=Request(asks=asks)), None)
        except OutOfCoverage as e:
            errors.append(f"Date: {e}")
        except ValueError:
            pass  # anything else is answered, or refused, once step 2's facts are in
    if errors:
        return None, errors
    return interview.plan(default_rulebook(), actor, sorted(set(asks), key=list(RequestKind).index), as_of), []


def _step2(request: Request, path: str, p: interview.Plan, form, errors=None, status=200, add_row: str | None = None):
    values = _values(form)
    convs = interview.rows(form, "conv", interview.CONV_FIELDS) if form is not None else []
    charges = interview.rows(form, "charge", interview.CHARGE_FIELDS) if form is not None else []
    blank_c = {f: "" for f in interview.CONV_FIELDS}
    blank_ch = {f: "" for f in interview.CHARGE_FIELDS}
    if not convs or add_row == "conv":
        convs.append(blank_c)
    if not charges or add_row == "charge":
        charges.append(blank_ch)
    return render(request, "step2.html", status=status, path=path, plan=p, form=values, convs=convs, charges=charges,
                  actor_label=interview.label(interview.ACTOR_LABELS, p.actor), ask_labels=interview.ASK_LABELS,
                  doc_labels=interview.DOC_LABELS, errors=errors or [], focus_row=add_row)


async def _posted_plan(request: Request, path: str):
    """The posted form and its step-1 plan, or the response to send instead (login gate, or step 1 again with errors)."""
    form = await request.form()
    if (r := _gate(request, form)) is not None:
        return form, None, r
    p, errors = _read_step1(path, form)
    if p is None:
        return form, None, _step1(request, path, form, errors, status=422)
    return form, p, None


@router.post("/ask/{path}/details", response_class=HTMLResponse)
async def details(request: Request, path: str):
    form, p, r = await _posted_plan(request, path)
    if r is not None:
        return r
    if p.empty:
        return _answer(request, path, p, form)
    return _step2(request, path, p, form, add_row=str(form.get("add_row") or "") or None)


@router.post("/ask/{path}/answer", response_class=HTMLResponse)
async def answer(request: Request, path: str):
    form, p, r = await _posted_plan(request, path)
    if r is not None:
        return r
    if form.get("add_row"):
        return _step2(request, path, p, form, add_row=str(form.get("add_row")))
    return _answer(request, path, p, form)


def _answer(request: Request, path: str, p: interview.Plan, form):
    from sanctuary.engine.rulebook import OutOfCoverage, default_rulebook
    from sanctuary.vocabulary.load import CaseError, case_from_data

    if p.unasked:  # never answer on facts the form could not ask: the vocabulary's defaults would stand in silently
        return _step2(request, path, p, form, status=422, errors=[
            "This form cannot yet ask everything the law turns on for this request ("
            + ", ".join(p.unasked) + "). sanctuary will not guess: describe the case in a case file "
            "(`sanctuary decide`) or through the API."])
    data = interview.case_data_from_form(form, p)
    try:
        case = case_from_data(data, "your answers")
        d = default_rulebook().decide(case, None)
    except CaseError as e:
        return _step2(request, path, p, form, errors=[form_problem(x, p) for x in e.problems], status=422)
    except (OutOfCoverage, ValueError) as e:
        return _step2(request, path, p, form, errors=[str(e)], status=422)
    return render(request, "answer.html", path=path, plan=p, d=d, form=_values(form), hidden=_hidden(form),
                  actor_label=interview.label(interview.ACTOR_LABELS, p.actor), ask_labels=interview.ASK_LABELS,
                  notices=notice_offers(case))


_ROW_FIELDS = {"citation": "statute", "level": "level", "date": "date", "jurisdiction": "court",
               "reduced_under_prop47": "Proposition 47", "sentenced_to_state_prison": "state prison sentence",
               "aggravated_felony": "aggravated felony", "magistrate_probable_cause": "magistrate's finding",
               "enhancements": "enhancements"}
_ROW = __import__("re").compile(r"^(?:\(top level\): )?(?:Value error, )?person\.history\.(convictions|pending_charges)"
                                r"(?:\.(\d+)|\[(\d+)\])(?:\.([a-z_0-9]+))?:? ?(?:Value error, )?")


def form_problem(line: str, p: interview.Plan) -> str:
    """A case-validation line in the form's words: the row and field as the form labels them ('Conviction 1, date:
    ...'), the question's text for a question's field, 'Date' for as_of; pydantic's 'Value error, ' dropped."""
    m = _ROW.match(line)
    if m:
        what = "Conviction" if m[1] == "convictions" else "Charge"
        n = int(m[2] or m[3]) + 1
        field = f", {_ROW_FIELDS.get(m[4], m[4].replace('_', ' '))}" if m[4] else ""
        return f"{what} {n}{field}: {line[m.end():]}"
    line = line.removeprefix("(top level): ").replace("Value error, ", "")
    for q in p.questions:
        dotted = ".".join(q.path)
        if line.startswith(dotted + ":") or line.startswith(dotted + "."):
            return f"{q.text} ({dotted}){line[len(dotted):]}"
    if line.startswith("as_of:"):
        return "Date" + line[len("as_of"):]
    return line


def _hidden(form) -> list[tuple[str, str]]:
    return [(k, str(v)) for k, v in form.multi_items() if k not in ("csrf", "add_row")]


# ---------------------------------------------------------------------------- printable notices

def notice_offers(case) -> list[dict]:
    """The notices the case calls for (`notices.offer`), each with whether it can be printed from the answers given
    so far, or which fields its small form must still ask."""
    from sanctuary import notices

    out = []
    for name, now in notices.offer(case):
        spec = notices.specs()[name]
        try:
            spec.build(case)
            missing: list[str] = []
        except notices.NoticeError as e:
            missing = e.problems
        out.append({"name": name, "title": spec.title, "summary": spec.summary, "cites": spec.cites, "now": now,
                    "ready": not missing, "missing": missing})
    return out


NF = "nf."  # prefix of the notice form's fields


def _set_path(data: dict, dotted: str, value) -> None:
    interview._set(data, tuple(dotted.split(".")), value)


def _get_path(data: dict, dotted: str):
    node = data
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


EMP_FIELDS = ("reference", "deficiencies", "correction_period", "meeting_at")


def _apply_notice_fields(data: dict, spec, form, p: interview.Plan) -> None:
    """Put what the notice form gave into the case data (a field left blank keeps what the questionnaire gave)."""
    from sanctuary.notices.truth import TRUTH_ASKS

    for inp in spec.inputs:
        key = NF + inp.field
        if inp.kind == "comply":
            asked = [a.value for a in p.asks if a.value in TRUTH_ASKS]
            said = {a: str(form.get(f"{key}.{a}") or "") for a in asked}
            if asked and all(v in ("yes", "no") for v in said.values()):
                _set_path(data, inp.field, [a for a in asked if said[a] == "yes"])
        elif inp.kind == "employees":
            emps = []
            for r in interview.rows(form, "nfemp", EMP_FIELDS):
                e = {"reference": r["reference"], "deficiencies": [x.strip() for x in r["deficiencies"].splitlines() if x.strip()],
                     "correction_period": r["correction_period"] or None}
                if r["meeting_at"]:
                    e["meeting_at"] = r["meeting_at"]
                emps.append(e)
            if emps:
                _set_path(data, inp.field, emps)
        elif inp.kind == "date_time":
            d, t = str(form.get(key) or "").strip(), str(form.get(key + ".time") or "").strip()
            if d:
                _set_path(data, inp.field, f"{d}T{t}" if t else d)
        else:
            v = str(form.get(key) or "").strip()
            if v:
                _set_path(data, inp.field, v)


def _notice_values(spec, form, data: dict) -> dict:
    """The notice form's current values: what was posted, else what the questionnaire gave."""
    from sanctuary.notices.truth import TRUTH_ASKS

    vals: dict = {}
    for inp in spec.inputs:
        key = NF + inp.field
        cur = _get_path(data, inp.field)
        if inp.kind == "comply":
            for a in TRUTH_ASKS:
                v = form.get(f"{key}.{a}")
                if v is None and isinstance(cur, list):
                    v = "yes" if a in cur else "no"
                vals[f"{key}.{a}"] = v or ""
        elif inp.kind == "date_time":
            d, t = form.get(key), form.get(key + ".time")
            if d is None and cur:
                d, _, t = str(cur).partition("T")
            vals[key], vals[key + ".time"] = d or "", (t or "")[:5]
        elif inp.kind != "employees":
            v = form.get(key)
            vals[key] = v if v is not None else ("" if cur is None else str(cur))
    return vals


def _employee_rows(form, add: bool, data: dict | None = None) -> list[dict]:
    rows = interview.rows(form, "nfemp", EMP_FIELDS)
    if not rows and data:  # one row per affected employee the questionnaire counted (their details still to give)
        for e in _get_path(data, "employer.affected_employees") or []:
            ref = str(e.get("reference") or "")
            rows.append({"reference": "" if ref.startswith("Affected employee ") else ref,
                         "deficiencies": "\n".join(e.get("deficiencies") or []),
                         "correction_period": e.get("correction_period") or "", "meeting_at": e.get("meeting_at") or ""})
    if not rows or add:
        rows.append({f: "" for f in EMP_FIELDS})
    return rows


_STYLE = __import__("re").compile(r"<style>(.*?)</style>", __import__("re").S)


def _notice_csp(html: str) -> str:
    """The notice page's own policy: its inline stylesheet by hash, nothing else (no script, no form)."""
    import base64
    import hashlib

    hashes = " ".join("'sha256-" + base64.b64encode(hashlib.sha256(m.encode()).digest()).decode() + "'"
                      for m in _STYLE.findall(html))
    return (f"default-src 'none'; style-src {hashes or chr(39) + 'none' + chr(39)}; img-src 'self'; form-action 'none'; "
            "frame-ancestors 'none'; base-uri 'none'")


@router.post("/ask/{path}/notice/{name}", response_class=HTMLResponse)
async def notice(request: Request, path: str, name: str):
    """The notice form (only the fields the notice needs), then the printable HTML or the PDF. Nothing is stored."""
    from sanctuary import notices
    from sanctuary.engine.rulebook import OutOfCoverage
    from sanctuary.notices.truth import TRUTH_ASKS
    from sanctuary.vocabulary.load import CaseError, case_from_data

    form, p, r = await _posted_plan(request, path)
    if r is not None:
        return r
    specs = notices.specs()
    if name not in specs:
        return error_page(request, 404, f"no notice {name!r}", [f"known notices: {', '.join(specs)}"])
    spec = specs[name]
    data = interview.case_data_from_form(form, p)
    _apply_notice_fields(data, spec, form, p)
    fmt = str(form.get("format") or "")
    errors: list[str] = []  # why the notice was not printed (422)
    missing: list[str] = []  # what the form must still ask (shown on the form)
    try:
        case = case_from_data(data, "your answers")
        if name not in dict(notices.offer(case)):
            errors.append(f"This case does not call for the notice {spec.title!r}.")
        else:
            try:
                spec.build(case)
            except notices.NoticeError as e:
                missing = e.problems
            if fmt in ("html", "pdf") and not form.get("add_emp"):
                if missing:
                    errors = missing
                elif fmt == "pdf":
                    return Response(notices.render_pdf(name, case), media_type="application/pdf",
                                    headers={"Content-Disposition": f'attachment; filename="{name}.pdf"'})
                else:
                    html = notices.render_html(name, case)
                    return HTMLResponse(html, headers={"Content-Security-Policy": _notice_csp(html)})
    except CaseError as e:
        errors = e.problems
    except notices.NoticeError as e:
        errors = e.problems
    except (OutOfCoverage, ValueError) as e:
        errors = [str(e)]
    hidden = [(k, v) for k, v in _hidden(form) if not k.startswith((NF, "nfemp-")) and k not in ("format", "add_emp")]
    return render(request, "notice_form.html", status=422 if errors else 200, path=path, spec=spec, notice_name=name,
                  hidden=hidden, errors=errors, missing=missing, values=_notice_values(spec, form, data),
                  asked=[a.value for a in p.asks if a.value in TRUTH_ASKS],
                  employees=_employee_rows(form, bool(form.get("add_emp")), data), focus_emp=bool(form.get("add_emp")),
                  ask_labels=interview.ASK_LABELS)
