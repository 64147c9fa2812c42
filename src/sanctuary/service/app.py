"""The HTTP service: the API under /api/v1 and the web questionnaire at /, in one FastAPI app. Thin: every answer
comes from `default_rulebook().decide(case, as_of)`; no law lives here.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from importlib import resources
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.concurrency import run_in_threadpool

from sanctuary import __version__
from sanctuary.store import Store, StoreError
from sanctuary.vocabulary.answer import DISCLAIMER, CaseDecision
from sanctuary.vocabulary.case import Case

from . import auth
from .config import Settings
from .middleware import BodyLimit, SecurityAndAccessLog

log = logging.getLogger("sanctuary.service")
API = "/api/v1"


# ---------------------------------------------------------------------------- response models

class Problem(BaseModel):
    detail: str = Field(description="What went wrong, in one sentence")
    problems: list[str] = Field(default_factory=list, description="One line per bad field: its dotted path, what was wrong, what was given")


class RecordRef(BaseModel):
    seq: int
    record_hash: str
    identifiers_kept: bool


class DecideResponse(CaseDecision):
    record: RecordRef | None = Field(None, description="Present when the decision was stored (store=true)")


class LawText(BaseModel):
    address: str
    display: str
    text: str
    source: str
    in_force_from: dt.date | None
    in_force_until: dt.date | None
    incomplete: bool
    caveat: str | None
    versions: list[dt.date | None]
    corpus_version: str
    operative_from: dt.date | None = None  # where later than in_force_from (front matter operative_from)
    # the court orders and dated events in force on the date asked (today if none) and the holdings filed by then
    orders_as_of: dt.date | None = None
    orders_in_force: list[dict[str, Any]] = []
    holdings: list[dict[str, Any]] = []
    after_corpus_date: str | None = None  # the caveat for a date after MANIFEST covers_until (as a decision's)
    disclaimer: str = DISCLAIMER


class ActionInfo(BaseModel):
    action: str
    title: str
    act: str
    kind: str


class Catalogue(BaseModel):
    actions: list[ActionInfo]
    request_kinds: list[str]
    document_kinds: list[str]
    actor_kinds: list[str]
    corpus_version: str
    engine_version: str


class RecordSummary(BaseModel):
    seq: int
    created_at: str
    as_of: str
    corpus_version: str
    engine_version: str
    identifiers_kept: bool
    record_hash: str
    actions: dict[str, str]


class RecordFull(RecordSummary):
    case: dict[str, Any]
    answer: dict[str, Any]
    prev_hash: str


class VerifyOut(BaseModel):
    ok: bool
    records: int
    head_hash: str
    problems: list[str]


class ReplayOut(BaseModel):
    seq: int
    as_of: str
    agrees: bool = Field(description="Every action has the same status, rule and citations as stored")
    identical: bool = Field(description="The answers are identical, word for word")
    stored_corpus_version: str
    corpus_version: str
    stored_engine_version: str
    engine_version: str
    same_versions: bool
    differences: list[str]


class TokenIn(BaseModel):
    role: str = Field(description="decide | read_records | admin")
    label: str = Field("", max_length=200)


class TokenOut(BaseModel):
    token_id: str
    role: str
    token: str = Field(description="Shown once; only its hash is stored")


class TokenInfo(BaseModel):
    token_id: str
    role: str
    label: str
    created_at: str
    revoked: bool


class Health(BaseModel):
    status: str
    corpus_version: str
    engine_version: str
    covers_until: dt.date | None


ERRORS = {401: {"model": Problem, "description": "No valid API token"},
          403: {"model": Problem, "description": "The token's role does not allow this"}}
E422 = {422: {"model": Problem, "description": "Invalid input: each bad field is named"}}
E413 = {413: {"model": Problem, "description": "The body is larger than the limit"}}
E404 = {404: {"model": Problem, "description": "Not found"}}
E503 = {503: {"model": Problem, "description": "The decision record cannot be written or read"}}


def problem(status: int, detail: str, problems: list[str] | None = None, headers: dict | None = None) -> HTTPException:
    return HTTPException(status, {"detail": detail, "problems": problems or []}, headers=headers)


def _without_listed_identifiers(case_data: dict) -> dict:
    """Identifiers inside record lists, which the store's IDENTIFIER_FIELDS (one path each) does not reach: each
    affected employee's name or number (employer.affected_employees[].reference) becomes 'Affected employee N', so
    the stored case keeps the count the rules read and still validates for replay."""
    emps = (case_data.get("employer") or {}).get("affected_employees")
    if not emps:
        return case_data
    out = json.loads(json.dumps(case_data))
    for i, e in enumerate(out["employer"]["affected_employees"]):
        if isinstance(e, dict) and "reference" in e:
            e["reference"] = f"Affected employee {i + 1}"
    return out


# ---------------------------------------------------------------------------- the app

def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    settings = settings or Settings()
    store = store or Store.open(settings.data_dir, settings.database_url)
    app = FastAPI(
        title="sanctuary", version=__version__,
        description="California immigration-enforcement cooperation law, as code. " + DISCLAIMER,
        openapi_url=f"{API}/openapi.json", docs_url=None, redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.throttle = auth.LoginThrottle(settings.login_attempts, settings.login_window_seconds)
    app.state.sessions = auth.Sessions()

    from sanctuary.engine.rulebook import OutOfCoverage, default_rulebook

    rb = default_rulebook()

    # ------------------------------------------------------------------ access

    def principal(request: Request) -> auth.Principal | None:
        h = request.headers.get("authorization", "")
        if h[:7].lower() == "bearer ":
            p = auth.check_token(store, h[7:].strip())
            if p is None:
                raise problem(401, "the API token is not valid (or was revoked)", headers={"WWW-Authenticate": "Bearer"})
            return p
        return None

    def need(permission: str):
        def dep(request: Request) -> auth.Principal:
            p = principal(request)
            if p is None:
                raise problem(401, "this needs an API token: send 'Authorization: Bearer sct_...' "
                                   "(create one with `sanctuary token create --role ...`)", headers={"WWW-Authenticate": "Bearer"})
            if not p.may(permission):
                raise problem(403, f"a token with role {p.role!r} may not do this; it needs the {permission!r} permission")
            return p
        return dep

    # ------------------------------------------------------------------ errors: never a bare 500, never a traceback

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        lines = []
        for e in exc.errors():
            loc = ".".join(str(x) for x in e.get("loc", ()) if x not in ("body",)) or "(request)"
            given = e.get("input")
            shown = "" if isinstance(given, (dict, list)) or given is None else f" (got {str(given)[:80]!r})"
            lines.append(f"{loc}: {e.get('msg')}{shown}")
        return _error(request, 422, "the request is not valid", lines)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        d = exc.detail if isinstance(exc.detail, dict) else {"detail": str(exc.detail), "problems": []}
        if exc.status_code == 400 and d["detail"] == "There was an error parsing the body":  # FastAPI's, e.g. not UTF-8
            return _error(request, 422, "the body is not a JSON document", ["(body): it could not be read (is it UTF-8 JSON?)"])
        return _error(request, exc.status_code, d["detail"], d.get("problems", []), getattr(exc, "headers", None))

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError):
        log.error("decision record error: %s", exc)
        return _error(request, 503, str(exc), [])

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.error("unexpected error %s on %s", type(exc).__name__, getattr(request.scope.get("route"), "path", "?"))
        return _error(request, 500, "internal error: the request was not answered; this is a bug, please report it", [])

    def _error(request: Request, status: int, detail: str, problems: list[str], headers: dict | None = None):
        if not request.url.path.startswith("/api/") and status in (404, 500, 503, 413):
            from .web import error_page
            return error_page(request, status, detail, problems)
        return JSONResponse({"detail": detail, "problems": problems}, status_code=status, headers=headers)

    # ------------------------------------------------------------------ API

    def open_or_token(request: Request) -> auth.Principal | None:
        p = principal(request)
        if p is None and not settings.open_decide:
            raise problem(401, "this service needs an API token to decide: send 'Authorization: Bearer sct_...'",
                          headers={"WWW-Authenticate": "Bearer"})
        if p is not None and not p.may("decide"):
            raise problem(403, f"a token with role {p.role!r} may not decide")
        return p

    @app.post(f"{API}/decide", response_model=DecideResponse, tags=["decide"],
              responses={**E422, **E413, **ERRORS, **E503},
              openapi_extra={"requestBody": {"required": True, "description": "A case: see /api/v1/schema/case",
                                             "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Case"}}}}})
    async def decide(
        request: Request,
        as_of: Annotated[dt.date | None, Query(description="Decide as of this date; default: the case's as_of, else today")] = None,
        store_record: Annotated[bool, Query(alias="store", description="Store the decision in the append-only record (needs a token with the decide role)")] = False,
        store_identifiers: Annotated[bool, Query(description="Keep person.reference and employer.affected_employees[].reference in the stored record; dropped otherwise (an affected employee becomes 'Affected employee N')")] = False,
        who: auth.Principal | None = Depends(open_or_token),
    ) -> DecideResponse:
        from sanctuary.vocabulary.load import CaseError, case_from_data

        if store_record and who is None:
            raise problem(401, "storing a decision needs an API token with the decide role", headers={"WWW-Authenticate": "Bearer"})
        raw = await request.body()
        try:
            data = json.loads(raw.decode("utf-8"))
        except RecursionError:
            raise problem(422, "the body is not a JSON document", ["(body): nested too deeply"])
        except ValueError as e:  # not UTF-8, not JSON, or a number too long to read
            raise problem(422, "the body is not a JSON document", [f"(body): {str(e)[:200]}"])
        try:
            case = case_from_data(data, "case")
            result = rb.decide(case, as_of)
        except CaseError as e:
            raise problem(422, "the case is not valid", e.problems)
        except OutOfCoverage as e:
            raise problem(422, str(e), [f"as_of: {e}"])
        except ValueError as e:  # e.g. no rule answers this request for this actor
            raise problem(422, str(e), [str(e)])
        out = DecideResponse(**result.model_dump())
        if store_record:
            answer = json.loads(result.model_dump_json())
            # in a worker thread: the durable commit waits for the disk (fsync), and the event loop keeps serving
            # the case as the caller sent it (validated above): a time without an offset stays California time
            # with its daylight-saving rule, so replay computes the same deadlines (a dump would pin the offset)
            case_data = data
            if not store_identifiers:
                case_data = _without_listed_identifiers(case_data)
            rec = await run_in_threadpool(store.append, case_data, answer, keep_identifiers=store_identifiers)
            out.record = RecordRef(seq=rec.seq, record_hash=rec.record_hash, identifiers_kept=rec.identifiers_kept)
        return out

    @app.get(API + "/law/{address:path}", response_model=LawText, tags=["law"], responses={**E404, **E422})
    def law(address: Annotated[str, Path(description="A corpus address, e.g. 'gov 7284.6(a)(4)'", max_length=200)],
            as_of: Annotated[dt.date | None, Query(description="The version in force on this date")] = None) -> LawText:
        from sanctuary.law.corpus import AddressError, parse_address

        c = rb.corpus
        try:
            a = parse_address(address)
            c.provision(a, None)  # the address itself: not in the corpus is 404
        except AddressError as e:
            raise problem(404, str(e), [f"address: {e}"])
        try:
            v, node = c.provision(a, as_of)
            text = c.quote(a, as_of) if a.path else v.text
        except AddressError as e:  # in the corpus, but no text in force on that date: the date is the bad input
            raise problem(422, str(e), [f"as_of: {e}"])
        from sanctuary.law.floors import before_floor
        if (floor := before_floor(str(a), v.in_force_from, as_of)):
            raise problem(422, floor, [f"as_of: {floor}"])
        from sanctuary.law.orders import dated_events
        events = dated_events(str(a), as_of or dt.date.today(), overlays=rb.overlays)
        return LawText(address=str(a), display=a.display, text=text, source=v.source, in_force_from=v.in_force_from,
                       in_force_until=v.in_force_until, incomplete=node.incomplete, caveat=v.currency_caveat,
                       versions=[x.in_force_from for x in c.versions(a)], corpus_version=c.version,
                       operative_from=v.operative_from, orders_as_of=dt.date.fromisoformat(events["as_of"]), orders_in_force=events["in_force"],
                       holdings=events["holdings"], after_corpus_date=rb.after_corpus_date(as_of or dt.date.today()))

    @app.get(f"{API}/actions", response_model=Catalogue, tags=["catalogue"])
    def actions() -> Catalogue:
        from sanctuary.vocabulary.case import ActorKind, DocumentKind, RequestKind

        return Catalogue(actions=[ActionInfo(action=d.action, title=d.title, act=d.act, kind=d.kind) for d in rb.decisions],
                         request_kinds=[k.value for k in RequestKind], document_kinds=[k.value for k in DocumentKind],
                         actor_kinds=[k.value for k in ActorKind], corpus_version=rb.corpus.version, engine_version=__version__)

    @app.get(f"{API}/schema/case", tags=["catalogue"], response_model=dict[str, Any])
    def case_schema() -> dict[str, Any]:
        return Case.model_json_schema()

    @app.get(f"{API}/health", response_model=Health, tags=["catalogue"])
    def health() -> Health:
        return Health(status="ok", corpus_version=rb.corpus.version, engine_version=__version__, covers_until=rb.covers_until)

    @app.get(f"{API}/records", response_model=list[RecordSummary], tags=["records"], responses={**ERRORS, **E422, **E503})
    def records(limit: Annotated[int, Query(ge=1, le=500)] = 50, offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
                _: auth.Principal = Depends(need("read_records"))) -> list[RecordSummary]:
        return [RecordSummary(**r.summary()) for r in store.list(limit, offset)]

    @app.get(f"{API}/records/verify", response_model=VerifyOut, tags=["records"], responses={**ERRORS, **E503})
    def verify(_: auth.Principal = Depends(need("read_records"))) -> VerifyOut:
        rep = store.verify()
        return VerifyOut(ok=rep.ok, records=rep.records, head_hash=rep.head_hash, problems=[str(p) for p in rep.problems])

    @app.get(API + "/records/{seq}", response_model=RecordFull, tags=["records"], responses={**ERRORS, **E404, **E422, **E503})
    def record(seq: Annotated[int, Path(ge=1, le=2**62)], _: auth.Principal = Depends(need("read_records"))) -> RecordFull:
        r = store.get(seq)
        if r is None:
            raise problem(404, f"no record {seq}")
        return RecordFull(**r.full())

    @app.get(API + "/records/{seq}/replay", response_model=ReplayOut, tags=["records"], responses={**ERRORS, **E404, **E422, **E503})
    def replay(seq: Annotated[int, Path(ge=1, le=2**62)], _: auth.Principal = Depends(need("read_records"))) -> ReplayOut:
        from sanctuary.vocabulary.load import CaseError

        try:
            return ReplayOut(**store.replay(seq, rb))
        except KeyError:
            raise problem(404, f"no record {seq}")
        except (CaseError, OutOfCoverage, ValueError) as e:
            raise problem(422, f"record {seq} cannot be decided again: {e}")

    @app.post(f"{API}/tokens", response_model=TokenOut, status_code=201, tags=["access"], responses={**ERRORS, **E422})
    def token_create(body: TokenIn, who: auth.Principal = Depends(need("admin"))) -> TokenOut:
        try:
            tid, tok = auth.create_token(store, body.role, body.label)
        except ValueError as e:
            raise problem(422, str(e), [f"role: {e}"])
        log.info("token %s (role %s) created by %s", tid, body.role, who.name)
        return TokenOut(token_id=tid, role=body.role, token=tok)

    @app.get(f"{API}/tokens", response_model=list[TokenInfo], tags=["access"], responses=ERRORS)
    def token_list(_: auth.Principal = Depends(need("admin"))) -> list[TokenInfo]:
        return [TokenInfo(**t) for t in auth.list_tokens(store)]

    @app.delete(API + "/tokens/{token_id}", status_code=204, tags=["access"], responses={**ERRORS, **E404, **E422})
    def token_revoke(token_id: Annotated[str, Path(max_length=32, pattern=r"^[0-9a-f]+$")],
                     who: auth.Principal = Depends(need("admin"))) -> None:
        if not auth.revoke_token(store, token_id):
            raise problem(404, f"no token {token_id}")
        log.info("token %s revoked by %s", token_id, who.name)

    # ------------------------------------------------------------------ OpenAPI: the Case schema as a component

    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        case = Case.model_json_schema(ref_template="#/components/schemas/{model}")
        comps = schema.setdefault("components", {}).setdefault("schemas", {})
        for name, d in case.pop("$defs", {}).items():
            comps.setdefault(name, d)
        comps["Case"] = case
        schema["components"].setdefault("securitySchemes", {})["bearer"] = {"type": "http", "scheme": "bearer"}
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]

    # ------------------------------------------------------------------ web questionnaire

    from .web import router as web_router

    app.include_router(web_router)
    app.mount("/static", StaticFiles(directory=str(resources.files("sanctuary.service") / "static")), name="static")

    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(SecurityAndAccessLog, hsts=not settings.open_decide)  # added last: outermost
    return app


__all__ = ["create_app", "Settings", "HTMLResponse", "RedirectResponse"]
