"""Shared pieces of the hardening tests (imported by name: tests/ has no packages here).

Budgets: each fuzz test names its own number of examples for `make test`; SANCTUARY_FUZZ_EXAMPLES overrides them all
(`make soak`). Under make test the inputs are derandomized (the same every run, so a CI failure reproduces with the
same command); under soak they are random and Hypothesis's example database keeps any failure for the next run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from testkit import ROOT, example, example_names  # noqa: F401  (re-exported for the hardening tests)

SOAK_EXAMPLES = int(os.environ.get("SANCTUARY_FUZZ_EXAMPLES", "0") or 0)
SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy",
                    "cache-control")


def fuzz(examples: int, deadline_ms: int | None = 5000, **kw) -> settings:
    """Hypothesis settings for a fuzz test: `examples` in make test, SANCTUARY_FUZZ_EXAMPLES in soak.

    The deadline is per input (a slow input fails the test, naming it); `no_hang` bounds the whole test."""
    soak = SOAK_EXAMPLES > 0
    return settings(
        max_examples=SOAK_EXAMPLES or examples,
        deadline=None if deadline_ms is None else dt.timedelta(milliseconds=deadline_ms),
        derandomize=not soak,
        database=settings.default.database if soak else None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
                               HealthCheck.function_scoped_fixture, HealthCheck.large_base_example],
        print_blob=True,
        **kw,
    )


@contextlib.contextmanager
def no_hang(seconds: float):
    """Fail (TimeoutError) if the block runs longer than `seconds`: a hang is a failure, never a stuck CI run."""
    def _alarm(signum, frame):
        raise TimeoutError(f"no answer within {seconds} s: a hang")

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


# ---------------------------------------------------------------------------- strategies

# Text that has broken parsers before: control characters, NUL, surrogates' neighbours, right-to-left marks,
# combining characters, full-width digits, YAML and JSON punctuation, and very long runs.
NASTY = ["", " ", "\x00", "\n", "\r\n", "\t", "\u202e", "\u200b", "\ufeff", "\u0301", "１２３", "٣", "—", "§", "§§",
         "null", "~", "NaN", "Infinity", "-0", "1e999", "0x1F", "9" * 5000, "true", "yes", "no", "on", "&a", "*a",
         "!!python/object:os.system", "{", "[", "]", "}", "'", '"', "\\", "%", "../../etc/passwd", "<script>", "${x}",
         "{{7*7}}", "%s%n", "A" * 300, "(" * 200, "(a)" * 100, "2026-02-30", "2026-13-01", "0000-00-00", "9999-12-31",
         "2026-01-01T25:00:00", "-1", "1.5", "PC 245(a)(1)", "county_jail", "hold"]

nasty_text = st.one_of(st.sampled_from(NASTY), st.text(max_size=60),
                       st.text(st.characters(codec="utf-8"), max_size=30))

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(min_value=-(10 ** 30), max_value=10 ** 30),
                    st.floats(allow_nan=True, allow_infinity=True), nasty_text,
                    st.dates().map(dt.date.isoformat))

json_values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                           st.dictionaries(nasty_text, inner, max_size=4)),
                           max_leaves=12)


def _plausible():
    """Values of the kinds a case holds (enumerations, citations, dates around the corpus's coverage): a mutation
    with these often stays valid and reaches the engine, where a random value would stop at validation."""
    from sanctuary.vocabulary.case import ActorKind, DocumentKind, Jurisdiction, Level, RequestKind

    words = [k.value for e in (ActorKind, DocumentKind, Jurisdiction, Level, RequestKind) for k in e]
    citations = ["PC 211", "PC 245(a)(1)", "HS 11350", "VC 23152(a)", "8 USC 1326", "PC 664/187(a)", "PC 9999",
                 "W&I 707(b)", "PC 290", "PC 186.22(b)(1)"]
    dates = st.dates(min_value=dt.date(2010, 1, 1), max_value=dt.date(2030, 12, 31)).map(dt.date.isoformat)
    times = st.datetimes(min_value=dt.datetime(2017, 1, 1), max_value=dt.datetime(2030, 1, 1)).map(
        lambda t: t.isoformat(timespec="minutes") + "-08:00")
    return st.one_of(st.sampled_from(words), st.lists(st.sampled_from(words), max_size=3), st.sampled_from(citations),
                     st.booleans(), st.none(), dates, times)


plausible_values = st.deferred(_plausible)


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, (*prefix, i))


def _set(data, path, value):
    if not path:
        return value
    node = data
    for p in path[:-1]:
        node = node[p]
    if value is _DELETE:
        if isinstance(node, dict):
            node.pop(path[-1], None)
        else:
            del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


_DELETE = object()
KNOWN_KEYS = ["as_of", "actor", "request", "person", "kind", "asks", "documents", "received_at", "history",
              "convictions", "pending_charges", "reference", "in_custody", "local_policy_restricts",
              "information_is_public", "employer", "citation", "level", "date", "jurisdiction"]


@st.composite
def mutated_cases(draw, names: list[str] | None = None):
    """A real example case with one to three places replaced by hostile values, removed, or given unknown keys."""
    data = example(draw(st.sampled_from(names or example_names())))
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(data))
        path = draw(st.sampled_from(paths))
        how = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        target = data
        for p in path:
            target = target[p]
        value = draw(json_values) if draw(st.integers(0, 3)) == 0 else draw(plausible_values)
        if how == "add" and isinstance(target, dict):
            target[draw(st.one_of(nasty_text, st.sampled_from(KNOWN_KEYS)))] = value
        elif how == "delete" and path:
            data = _set(data, path, _DELETE)
        else:
            data = _set(data, path, value)
    return data


def problem_lines_ok(problems: list[str]) -> bool:
    """Every rejection line names something: non-empty, and not a bare exception name."""
    return bool(problems) and all(isinstance(p, str) and len(p.strip()) > 3 for p in problems)


# ---------------------------------------------------------------------------- the service, for the HTTP doors

_SCHEMA = {}


def make_app(data_dir: Path, **settings_kw):
    import warnings

    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from sanctuary.service import Settings, create_app
    from sanctuary.store import Store

    store = Store.open(data_dir)
    return create_app(Settings(data_dir=data_dir, **{"host": "127.0.0.1", **settings_kw}), store=store), store


def openapi_schema():
    """The service's own OpenAPI document, loaded by schemathesis (once per process)."""
    if "s" not in _SCHEMA:
        import tempfile

        import schemathesis

        app, _ = make_app(Path(tempfile.mkdtemp(prefix="sanctuary-openapi-")))
        _SCHEMA["s"] = schemathesis.openapi.from_dict(app.openapi())
    return _SCHEMA["s"]


def _schema_cases():
    return openapi_schema()["/api/v1/decide"]["POST"].as_strategy().map(lambda c: c.body)


# Cases generated from the Case JSON Schema of the OpenAPI document: mostly valid, so they reach the engine.
schema_cases = st.deferred(_schema_cases)
