"""Hostile HTTP: bodies, query strings, paths, headers and the web questionnaire's form posts, through the real app
(FastAPI's TestClient, server errors returned rather than raised). Every answer is below 500, carries the security
headers, and a refusal names the problem (the API's `problems` lines; the web page's error text)."""

import json
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from sanctuary.service.auth import create_token

from hardening_helpers import (SECURITY_HEADERS, example, fuzz, json_values, make_app, mutated_cases, nasty_text, no_hang,
                               schema_cases)


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    app, store = make_app(tmp_path_factory.mktemp("http"))
    tokens = {r: create_token(store, r)[1] for r in ("decide", "read_records", "admin")}
    client = TestClient(app, raise_server_exceptions=False)
    client.post("/api/v1/decide?store=true", json=example("jail-interview-request"), headers=_auth(tokens["decide"]))
    return client, tokens


@pytest.fixture(scope="module")
def remote(tmp_path_factory):
    """As bound to a public address: login and CSRF tokens required on the web forms."""
    from sanctuary.service.auth import create_user

    app, store = make_app(tmp_path_factory.mktemp("remote"), host="0.0.0.0", cookie_secure=False, login_attempts=10 ** 6)
    create_user(store, "clerk", "correct horse battery staple")
    return TestClient(app, raise_server_exceptions=False)


def _auth(t):
    return {"Authorization": f"Bearer {t}"}


def check(r, api: bool):
    assert r.status_code < 500, (r.status_code, r.request.method, str(r.request.url)[:300], r.text[:500])
    for h in SECURITY_HEADERS:
        assert h in r.headers, (h, r.status_code, str(r.request.url)[:200])
    assert "Traceback" not in r.text
    if api and r.status_code >= 400 and r.status_code not in (405,) and r.request.method != "HEAD" and r.headers.get("content-type", "").startswith("application/json"):
        body = r.json()
        assert body["detail"], body
        if r.status_code == 422:
            assert body["problems"] and all(p.strip() for p in body["problems"]), body
    return r


tokens_st = st.sampled_from([None, "decide", "read_records", "admin", "garbage"])


def _headers(tokens, who, extra=None):
    h = {}
    if who == "garbage":
        h["Authorization"] = "Bearer sct_0000_nothing"
    elif who:
        h["Authorization"] = f"Bearer {tokens[who]}"
    return {**h, **(extra or {})}


query_value = st.one_of(nasty_text, st.sampled_from(["true", "false", "1", "0", "2025-01-15", "2099-01-01", "2010-01-01"]))


@fuzz(150, deadline_ms=10000)
@given(body=st.one_of(mutated_cases(), schema_cases, json_values), who=tokens_st,
       query=st.dictionaries(st.sampled_from(["as_of", "store", "store_identifiers", "x", "as_of[]"]), query_value, max_size=3))
def test_decide_json_bodies_and_queries(svc, body, who, query):
    client, tokens = svc
    with no_hang(20):
        r = client.post("/api/v1/decide", content=json.dumps(body, allow_nan=True).encode("utf-8", "surrogatepass"),
                        params=query, headers=_headers(tokens, who, {"content-type": "application/json"}))
    check(r, api=True)


@fuzz(120, deadline_ms=10000)
@given(raw=st.one_of(st.binary(max_size=300), st.sampled_from([b"[" * 100_000, b'{"a":' * 50_000, b"1" * 5000,
                                                                b'"' + b"\\" * 1001, b"\xef\xbb\xbf{}", b"{}" * 100])),
       ctype=st.sampled_from(["application/json", "text/plain", "application/x-www-form-urlencoded",
                              "multipart/form-data; boundary=x", "application/json; charset=latin-1", ""]))
def test_raw_bodies_everywhere(svc, raw, ctype):
    client, tokens = svc
    for method, path, who in (("POST", "/api/v1/decide", None), ("POST", "/api/v1/tokens", "admin")):
        with no_hang(20):
            r = client.request(method, path, content=raw, headers=_headers(tokens, who, {"content-type": ctype} if ctype else {}))
        check(r, api=True)
        assert r.status_code in (401, 403, 413, 415, 422), (path, r.status_code, r.text[:300])


@fuzz(150, deadline_ms=5000)
@given(address=nasty_text, as_of=st.one_of(st.none(), query_value))
def test_law_addresses(svc, address, as_of):
    client, _ = svc
    url = "/api/v1/law/" + quote(address, safe="")
    r = check(client.get(url, params={"as_of": as_of} if as_of is not None else None), api=True)
    assert r.status_code in (200, 404, 422), r.status_code


@fuzz(120, deadline_ms=5000)
@given(seg=st.one_of(nasty_text, st.integers().map(str)), who=tokens_st,
       route=st.sampled_from(["/api/v1/records/{}", "/api/v1/records/{}/replay", "/api/v1/tokens/{}", "/api/v1/{}",
                              "/ask/{}", "/ask/{}/details", "/static/{}", "/{}"]),
       method=st.sampled_from(["GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS"]),
       query=st.dictionaries(st.sampled_from(["limit", "offset", "next", "as_of"]), query_value, max_size=2))
def test_paths_methods_and_queries(svc, seg, who, route, method, query):
    client, tokens = svc
    url = route.format(quote(seg, safe=""))
    if method == "DELETE" and who == "admin" and route.startswith("/api/v1/tokens"):
        who = "read_records"  # do not let the fuzzer revoke the tokens the other tests use
    r = client.request(method, url, params=query, headers=_headers(tokens, who))
    check(r, api=url.startswith("/api/"))


@fuzz(100, deadline_ms=5000)
@given(value=st.one_of(nasty_text, st.text(max_size=300), st.sampled_from(["Bearer", "Bearer ", "bearer sct__", "Basic abc",
                                                                           "Bearer sct_" + "a" * 300, "Bearer sct_a_b_c"])))
def test_authorization_header(svc, value):
    client, _ = svc
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        value = value.encode("utf-8", "replace").decode("latin-1")
    value = value.replace("\r", "").replace("\n", "").replace("\x00", "")
    r = check(client.get("/api/v1/records", headers={"Authorization": value.encode("latin-1")}), api=True)
    assert r.status_code in (401, 403, 422), r.status_code  # never let through


form_fields = st.sampled_from(["actor", "asks", "documents", "as_of", "received_at", "csrf", "add_row", "conv-0-citation",
                               "conv-0-level", "conv-0-date", "conv-0-jurisdiction", "conv-0-prop47", "conv-1-date",
                               "conv-499-citation", "conv-x-citation", "conv-99999999999999999999-date",
                               "charge-0-citation", "charge-0-magistrate_pc", "charge-0-level", "local_policy_restricts",
                               "information_is_public", "in_custody", "area", "notice_of_inspection_received_at",
                               "username", "password", "next"])
form_values = st.one_of(nasty_text, st.sampled_from(["county_jail", "city_police", "private_employer", "hold", "interview",
                                                     "notification", "i247a", "i200", "yes", "no", "unknown", "felony",
                                                     "PC 211", "2024-05-01", "2024-05-01T10:00", "conv", "charge"]))
forms = st.lists(st.tuples(form_fields, form_values), max_size=14)


def _form(pairs):
    out: dict[str, list[str]] = {}
    for k, v in pairs:
        out.setdefault(k, []).append(v.replace("\x00", ""))
    return out


@fuzz(150, deadline_ms=10000)
@given(pairs=forms, path=st.sampled_from(["clerk", "employer", "nope"]), step=st.sampled_from(["details", "answer"]))
def test_questionnaire_form_posts(svc, pairs, path, step):
    client, _ = svc
    with no_hang(20):
        r = client.post(f"/ask/{path}/{step}", data=_form(pairs))
    check(r, api=False)
    assert r.status_code in (200, 404, 422), (r.status_code, r.text[:300])
    if r.status_code == 422:
        assert 'class="error' in r.text or "error" in r.text.lower()


@fuzz(12, deadline_ms=10000)  # each login attempt costs an argon2 verification (about half a second)
@given(pairs=forms, nxt=nasty_text)
def test_login_and_remote_forms(remote, pairs, nxt):
    r = check(remote.post("/login", data=_form(pairs)), api=False)
    assert r.status_code in (303, 401, 429), r.status_code
    if r.status_code == 303:
        loc = r.headers["location"]
        assert loc.startswith("/") and not loc.startswith("//")
    r = check(remote.get("/login", params={"next": nxt}), api=False)
    assert r.status_code == 200
    r = check(remote.post("/ask/clerk/answer", data=_form(pairs), follow_redirects=False), api=False)
    assert r.status_code in (303, 403), r.status_code  # no session, or a form without its CSRF token


@pytest.mark.parametrize("raw", [b"[" * 200_000 + b"]" * 200_000, b'{"as_of": ' + b"9" * 5000 + b"}", b"\xff\xfe"])
def test_decide_unreadable_json_is_422(svc, raw):
    """Found by the fuzzers: a deeply nested or over-long-number body was a 500 (RecursionError / ValueError)."""
    client, _ = svc
    r = check(client.post("/api/v1/decide", content=raw, headers={"content-type": "application/json"}), api=True)
    assert r.status_code == 422 and r.json()["detail"] == "the body is not a JSON document"
    assert r.json()["problems"][0].startswith("(body):")


def test_token_body_not_utf8_is_422(svc):
    """Found by schemathesis: a body that is not UTF-8 was FastAPI's undocumented 400."""
    client, tokens = svc
    r = check(client.post("/api/v1/tokens", content=b"\xff\xfe\x00", headers=_headers(tokens, "admin", {"content-type": "application/json"})), api=True)
    assert r.status_code == 422 and r.json()["problems"] == ["(body): it could not be read (is it UTF-8 JSON?)"]
