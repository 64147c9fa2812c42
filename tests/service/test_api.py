"""Every endpoint of /api/v1, every error status, access by role, security headers, privacy of logs."""

import json
import logging

import pytest

from sanctuary.engine.rulebook import default_rulebook
from sanctuary.vocabulary.answer import DISCLAIMER
from sanctuary.vocabulary.load import case_from_data

from svc_helpers import auth, example

ROBBERY = "jail-detainer-robbery-conviction"


def test_decide_matches_the_engine(client):
    case = example(ROBBERY)
    r = client.post("/api/v1/decide", json=case)
    assert r.status_code == 200
    body = r.json()
    want = default_rulebook().decide(case_from_data(case))
    assert [(a["action"], a["status"], a["rule"]) for a in body["answers"]] == \
           [(a.action, a.status, a.rule) for a in want.answers]
    assert body["disclaimer"] == DISCLAIMER
    assert body["corpus_version"] == default_rulebook().corpus.version
    assert body["record"] is None
    assert body["answers"][0]["citations"][0]["quote"]


def test_decide_as_of_query_overrides(client):
    case = example(ROBBERY)
    r = client.post("/api/v1/decide?as_of=2025-01-15", json=case)
    assert r.status_code == 200 and r.json()["as_of"] == "2025-01-15"


@pytest.mark.parametrize("body, field", [
    ({"actor": {"kind": "jail"}, "request": {"asks": ["hold"]}}, "actor.kind"),
    ({"actor": {"kind": "county_jail"}, "request": {"asks": []}}, "request.asks"),
    ({"actor": {"kind": "county_jail"}, "request": {"asks": ["hold"], "colour": 1}}, "request.colour"),
    ({"actor": {"kind": "county_jail"}, "request": {"asks": ["hold"]},
      "person": {"history": {"convictions": [{"citation": "PC 211", "level": "felony", "date": "someday"}]}}},
     "person.history.convictions.0.date"),
])
def test_invalid_case_422_names_each_field(client, body, field):
    r = client.post("/api/v1/decide", json=body)
    assert r.status_code == 422
    assert any(p.startswith(field + ":") for p in r.json()["problems"]), r.json()


def test_two_bad_fields_both_named(client):
    r = client.post("/api/v1/decide", json={"actor": {"kind": "x"}, "request": {"asks": ["y"]}})
    probs = r.json()["problems"]
    assert r.status_code == 422 and len(probs) == 2


@pytest.mark.parametrize("raw", [b"", b"not json", b"[]", b"null", b"\xff\xfe", b"{" * 5000, b'"a"'])
def test_unreadable_bodies_are_422_not_500(client, raw):
    r = client.post("/api/v1/decide", content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    assert r.json()["detail"]


def test_out_of_coverage_date_422_with_message(client):
    # after the corpus's last check: answered, and the decision says the law is as known then
    r = client.post("/api/v1/decide?as_of=2099-01-01", json=example(ROBBERY))
    assert r.status_code == 200
    assert any("last checked against its sources" in c for c in r.json()["caveats"]), r.json().keys()
    r = client.post("/api/v1/decide?as_of=2010-01-01", json=example(ROBBERY))
    assert r.status_code == 422 and "first date the corpus holds" in r.json()["detail"]


def test_bad_query_422(client):
    r = client.post("/api/v1/decide?as_of=yesterday", json=example(ROBBERY))
    assert r.status_code == 422 and r.json()["problems"][0].startswith("query.as_of")


def test_body_limit_413(client):
    big = json.dumps({"actor": {"kind": "county_jail"}, "request": {"asks": ["hold"]}, "pad": "x" * 1_100_000})
    r = client.post("/api/v1/decide", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "larger than" in r.json()["detail"]
    assert r.headers["x-content-type-options"] == "nosniff"

    def chunks():  # streamed without Content-Length
        for _ in range(40):
            yield b"x" * 50_000
    r = client.post("/api/v1/decide", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_store_needs_a_decide_token(client, tokens):
    case = example(ROBBERY)
    assert client.post("/api/v1/decide?store=true", json=case).status_code == 401
    assert client.post("/api/v1/decide?store=true", json=case, headers=auth(tokens["read_records"])).status_code == 403
    assert client.post("/api/v1/decide", json=case, headers=auth("sct_nope_nope")).status_code == 401
    r = client.post("/api/v1/decide?store=true", json=case, headers=auth(tokens["decide"]))
    assert r.status_code == 200 and r.json()["record"]["seq"] == 1


def test_identifiers_dropped_unless_asked(client, tokens):
    case = example(ROBBERY)
    case["person"]["reference"] = "BK-2026-000123"
    h = auth(tokens["admin"])
    s1 = client.post("/api/v1/decide?store=true", json=case, headers=h).json()["record"]["seq"]
    s2 = client.post("/api/v1/decide?store=true&store_identifiers=true", json=case, headers=h).json()["record"]["seq"]
    r1 = client.get(f"/api/v1/records/{s1}", headers=h).json()
    r2 = client.get(f"/api/v1/records/{s2}", headers=h).json()
    assert "reference" not in r1["case"]["person"] and not r1["identifiers_kept"]
    assert r2["case"]["person"]["reference"] == "BK-2026-000123" and r2["identifiers_kept"]


def test_records_endpoints_by_role(client, tokens):
    case = example(ROBBERY)
    client.post("/api/v1/decide?store=true", json=case, headers=auth(tokens["decide"]))
    for path in ("/api/v1/records", "/api/v1/records/1", "/api/v1/records/verify", "/api/v1/records/1/replay"):
        assert client.get(path).status_code == 401, path
        assert client.get(path, headers=auth(tokens["decide"])).status_code == 403, path
        assert client.get(path, headers=auth(tokens["read_records"])).status_code == 200, path
        assert client.get(path, headers=auth(tokens["admin"])).status_code == 200, path
    h = auth(tokens["read_records"])
    lst = client.get("/api/v1/records", headers=h).json()
    assert lst[0]["seq"] == 1 and lst[0]["actions"]["detain_on_hold_request"] == "prohibited"
    assert client.get("/api/v1/records/verify", headers=h).json() == {
        "ok": True, "records": 1, "head_hash": lst[0]["record_hash"], "problems": []}
    rep = client.get("/api/v1/records/1/replay", headers=h).json()
    assert rep["agrees"] and rep["identical"] and rep["same_versions"]
    assert client.get("/api/v1/records/99", headers=h).status_code == 404
    assert client.get("/api/v1/records/99/replay", headers=h).status_code == 404
    assert client.get("/api/v1/records/0", headers=h).status_code == 422
    assert client.get("/api/v1/records?limit=100000", headers=h).status_code == 422


def test_tokens_admin_only(client, tokens):
    for role in ("decide", "read_records"):
        assert client.post("/api/v1/tokens", json={"role": "decide"}, headers=auth(tokens[role])).status_code == 403
        assert client.get("/api/v1/tokens", headers=auth(tokens[role])).status_code == 403
    h = auth(tokens["admin"])
    r = client.post("/api/v1/tokens", json={"role": "decide", "label": "records system"}, headers=h)
    assert r.status_code == 201
    new = r.json()
    assert client.post("/api/v1/tokens", json={"role": "root"}, headers=h).status_code == 422
    listed = client.get("/api/v1/tokens", headers=h).json()
    assert new["token_id"] in {t["token_id"] for t in listed}
    assert all("token" not in t and "secret" not in json.dumps(t) for t in listed)
    assert client.post("/api/v1/decide?store=true", json=example(ROBBERY), headers=auth(new["token"])).status_code == 200
    assert client.delete(f"/api/v1/tokens/{new['token_id']}", headers=h).status_code == 204
    assert client.post("/api/v1/decide", json=example(ROBBERY), headers=auth(new["token"])).status_code == 401
    assert client.delete("/api/v1/tokens/abcdef", headers=h).status_code == 404
    assert client.delete("/api/v1/tokens/NOT-HEX", headers=h).status_code == 422


def test_tokens_stored_hashed(store, tokens):
    import sqlite3
    db = sqlite3.connect(store.engine.url.database)
    dump = "\n".join(db.iterdump())
    for t in tokens.values():
        assert t.split("_", 2)[2] not in dump


def test_law_text(client):
    r = client.get("/api/v1/law/gov 7284.6(a)(4)")
    assert r.status_code == 200
    body = r.json()
    assert body["display"] == "Gov. Code § 7284.6(a)(4)" and body["text"] and body["source"].startswith("http")
    assert client.get("/api/v1/law/gov%207284.6(a)(4)?as_of=2020-01-01").status_code == 200
    assert client.get("/api/v1/law/gov 9999.9").status_code == 404
    assert client.get("/api/v1/law/nonsense").status_code == 404
    assert client.get("/api/v1/law/gov 7284.6?as_of=bad").status_code == 422


def test_catalogue_schema_health(client):
    a = client.get("/api/v1/actions").json()
    assert {"hold", "notification"} <= set(a["request_kinds"])
    assert any(x["action"] == "detain_on_hold_request" for x in a["actions"])
    s = client.get("/api/v1/schema/case").json()
    assert s["title"] == "Case" and "actor" in s["properties"]
    h = client.get("/api/v1/health").json()
    assert h["status"] == "ok" and h["corpus_version"].startswith("corpus-")


def test_openapi_is_accurate(client):
    spec = client.get("/api/v1/openapi.json").json()
    paths = spec["paths"]
    assert set(paths) == {"/api/v1/decide", "/api/v1/law/{address}", "/api/v1/actions", "/api/v1/schema/case",
                          "/api/v1/health", "/api/v1/records", "/api/v1/records/verify", "/api/v1/records/{seq}",
                          "/api/v1/records/{seq}/replay", "/api/v1/tokens", "/api/v1/tokens/{token_id}"}
    body = paths["/api/v1/decide"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/Case"}
    assert "Case" in spec["components"]["schemas"] and "Actor" in spec["components"]["schemas"]
    assert {"200", "401", "403", "413", "422"} <= set(paths["/api/v1/decide"]["post"]["responses"])
    # every $ref resolves
    refs = set()

    def walk(x):
        if isinstance(x, dict):
            if "$ref" in x:
                refs.add(x["$ref"].split("/")[-1])
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(spec)
    assert refs <= set(spec["components"]["schemas"])


def test_unknown_api_path_is_json_404(client):
    r = client.get("/api/v1/nothing")
    assert r.status_code == 404 and r.json()["detail"]
    assert client.put("/api/v1/decide").status_code == 405


def test_store_failure_is_503_not_500(client, store, tokens, monkeypatch):
    from sanctuary.store import StoreError

    def boom(*a, **k):
        raise StoreError("the decision was not stored: disk full")
    monkeypatch.setattr(store, "append", boom)
    r = client.post("/api/v1/decide?store=true", json=example(ROBBERY), headers=auth(tokens["decide"]))
    assert r.status_code == 503 and "not stored" in r.json()["detail"]


def test_security_headers(client):
    for path in ("/", "/api/v1/health", "/ask/clerk"):
        h = client.get(path).headers
        assert "default-src 'none'" in h["content-security-policy"] and "frame-ancestors 'none'" in h["content-security-policy"]
        assert h["x-frame-options"] == "DENY" and h["x-content-type-options"] == "nosniff"
        assert h["referrer-policy"] == "no-referrer" and h["cache-control"] == "no-store"


def test_remote_needs_tokens_and_login(remote, tokens):
    assert remote.post("/api/v1/decide", json=example(ROBBERY)).status_code == 401
    assert remote.post("/api/v1/decide", json=example(ROBBERY), headers=auth(tokens["decide"])).status_code == 200
    r = remote.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    assert "strict-transport-security" in remote.get("/api/v1/health").headers
    r = remote.post("/login", data={"username": "clerk", "password": "wrong", "next": "/"})
    assert r.status_code == 401 and "wrong" in r.text
    r = remote.post("/login", data={"username": "clerk", "password": "correct horse battery staple", "next": "//evil.example"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert remote.get("/").status_code == 200
    # a form post without the session's form token is refused
    r = remote.post("/ask/clerk/details", data={"actor": "county_jail", "asks": ["interview"]})
    assert r.status_code == 403


def test_login_brute_force_blocked(remote):
    for _ in range(3):
        assert remote.post("/login", data={"username": "clerk", "password": "guess"}).status_code == 401
    r = remote.post("/login", data={"username": "clerk", "password": "correct horse battery staple"})
    assert r.status_code == 429 and "Too many" in r.text


def test_logs_hold_no_identifiers(client, tokens, caplog):
    secret = "BK-SECRET-77123"
    case = example(ROBBERY)
    case["person"]["reference"] = secret
    with caplog.at_level(logging.DEBUG):
        client.post(f"/api/v1/decide?store=true&store_identifiers=true&note={secret}", json=case, headers=auth(tokens["decide"]))
        client.post("/api/v1/decide", json={"actor": {"kind": secret}, "request": {"asks": ["hold"]}})
        client.get(f"/api/v1/law/{secret}")
        client.get(f"/nothing/{secret}")
    # every server-side log line (httpx's lines are the test client's own)
    text = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith(("httpx", "httpcore")))
    assert "POST /api/v1/decide 200" in text  # the access log is there, by route template
    assert secret not in text


def test_law_text_on_a_date_without_a_text_in_force_names_as_of(client):
    """The address exists; the date is the bad input: 422 naming as_of, as for /decide, not 404 naming the address."""
    r = client.get("/api/v1/law/gov 7284.6(a)(4)?as_of=2010-01-01")
    assert r.status_code == 422
    [line] = r.json()["problems"]
    assert line.startswith("as_of: ") and "2018-01-01" in line
    r = client.get("/api/v1/law/gov 7284.6(q)?as_of=2010-01-01")  # no such subdivision: still the address
    assert r.status_code == 404 and r.json()["problems"][0].startswith("address: ")


def test_affected_employees_names_dropped_unless_asked_and_the_record_still_replays(client, tokens):
    """employer.affected_employees[].reference is a name or employee number ("never logged"): stored only with
    store_identifiers=true, like person.reference; the stored case still decides again the same way."""
    case = example("employer-inspection-results")
    names = [e["reference"] for e in case["employer"]["affected_employees"]]
    h = auth(tokens["admin"])
    s1 = client.post("/api/v1/decide?store=true", json=case, headers=h).json()["record"]["seq"]
    s2 = client.post("/api/v1/decide?store=true&store_identifiers=true", json=case, headers=h).json()["record"]["seq"]
    r1 = client.get(f"/api/v1/records/{s1}", headers=h).json()
    r2 = client.get(f"/api/v1/records/{s2}", headers=h).json()
    assert not any(n in json.dumps(r1) for n in names) and not r1["identifiers_kept"]
    assert len(r1["case"]["employer"]["affected_employees"]) == len(names)  # the count the rules read is kept
    assert [e["reference"] for e in r2["case"]["employer"]["affected_employees"]] == names
    rep = client.get(f"/api/v1/records/{s1}/replay", headers=h).json()
    assert rep["agrees"], rep
