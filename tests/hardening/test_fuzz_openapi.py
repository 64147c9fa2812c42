"""schemathesis against the service's own OpenAPI document (/api/v1/openapi.json): every operation, data that fits
the schema (positive) and data that does not (negative), sent with no token, a decide token and an admin token.
Checks: no server error, the response matches its declared schema, the status code is one the operation declares.

Budget: SCHEMATHESIS_EXAMPLES per operation and mode in make test (derandomized: the same inputs every run);
SANCTUARY_FUZZ_EXAMPLES in make soak. The number of cases sent is in test-artifacts/hardening/fuzz-summary.json."""

import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import given
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from sanctuary.service.auth import create_token

from hardening_helpers import example, fuzz, make_app

SCHEMATHESIS_EXAMPLES = 40
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]

_app, _store = make_app(Path(tempfile.mkdtemp(prefix="sanctuary-schemathesis-")))
TOKENS = {r: create_token(_store, r, "schemathesis")[1] for r in ("decide", "read_records", "admin")}
SCHEMA = schemathesis.openapi.from_asgi("/api/v1/openapi.json", _app)
OPERATIONS = {op.label: op for op in (r.ok() for r in SCHEMA.get_all_operations())}


@pytest.fixture(scope="module", autouse=True)
def some_records():
    """A few stored decisions, so that /records/{seq} and /replay find something for small seq numbers."""
    from fastapi.testclient import TestClient

    c = TestClient(_app)
    for name in ("jail-interview-request", "jail-detainer-robbery-conviction"):
        assert c.post("/api/v1/decide?store=true", json=example(name),
                      headers={"Authorization": f"Bearer {TOKENS['decide']}"}).status_code == 200


def test_every_operation_is_exercised():
    assert set(OPERATIONS) == {
        "POST /api/v1/decide", "GET /api/v1/law/{address}", "GET /api/v1/actions", "GET /api/v1/schema/case",
        "GET /api/v1/health", "GET /api/v1/records", "GET /api/v1/records/verify", "GET /api/v1/records/{seq}",
        "GET /api/v1/records/{seq}/replay", "GET /api/v1/tokens", "POST /api/v1/tokens", "DELETE /api/v1/tokens/{token_id}"}


def _has_inputs(op) -> bool:
    """Negative data needs something to break: an operation with no parameters and no body has none."""
    return bool(list(op.iter_parameters())) or bool(op.body)


CASES = [(label, mode) for label, op in OPERATIONS.items() for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
         if mode == GenerationMode.POSITIVE or _has_inputs(op)]


@pytest.mark.parametrize("label, mode", CASES, ids=[f"{m.value}:{lbl}" for lbl, m in CASES])
def test_operation(label, mode):
    op = OPERATIONS[label]

    @fuzz(SCHEMATHESIS_EXAMPLES, deadline_ms=10000)
    @given(case=op.as_strategy(generation_mode=mode), who=st.sampled_from([None, "decide", "read_records", "admin"]))
    def run(case, who):
        headers = {"Authorization": f"Bearer {TOKENS[who]}"} if who else {}
        if label.startswith("DELETE /api/v1/tokens") and who == "admin":
            headers = {"Authorization": f"Bearer {TOKENS['decide']}"}  # keep the tokens the other cases use
        case.call_and_validate(headers=headers, checks=CHECKS)

    # the statistics hook in conftest.py counts the inputs of the inner Hypothesis run
    run()
