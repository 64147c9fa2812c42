"""The decision record on a real PostgreSQL server (a throwaway cluster: tests/service/pg_server.py): append through
the API, the chain verifies, a changed, rewritten or deleted row is named, replay agrees (and says when it does not),
appends from two engines and from two processes at once keep one chain (PostgreSQL's LOCK TABLE path), and a bad URL
is one clear message without the password.

Without PostgreSQL these tests FAIL (they do not skip quietly): `make system-deps` installs it. Set
SANCTUARY_SKIP_POSTGRES=1 to skip them, with that reason, on a machine where it cannot be installed."""

import json
import os
import subprocess
import sys
import uuid

import pytest
from typer.testing import CliRunner

from sanctuary.cli import app as cli
from sanctuary.engine.rulebook import Rulebook, default_rulebook
from sanctuary.store import Store, StoreError
from sanctuary.vocabulary.load import case_from_data

import pg_server
from svc_helpers import append_from_two_stores, auth, example

EXAMPLES = ["jail-detainer-robbery-conviction", "jail-interview-request", "cdcr-detainer",
            "jail-magistrate-probable-cause", "police-i200-arrest"]


@pytest.fixture(scope="module")
def pg():
    if os.environ.get(pg_server.SKIP_ENV) == "1":
        pytest.skip(f"{pg_server.SKIP_ENV}=1: PostgreSQL tests skipped on request")
    try:
        server = pg_server.start_server()
    except (FileNotFoundError, RuntimeError) as e:
        pytest.fail(f"PostgreSQL is needed for these tests and could not be started: {e} "
                    f"(or set {pg_server.SKIP_ENV}=1 to skip them)", pytrace=False)
    yield server
    pg_server.stop_server(server)


@pytest.fixture
def url(pg):
    return pg.create_database("t_" + uuid.uuid4().hex[:12])


@pytest.fixture
def store(url):
    s = Store.open(url=url)
    yield s
    s.engine.dispose()


@pytest.fixture
def sql(pg, url):
    """A plain connection to the test database, as someone tampering with it would have."""
    import psycopg
    from sqlalchemy.engine import make_url

    dbname = make_url(url).database
    with psycopg.connect(pg.conninfo(dbname), autocommit=True) as c:
        yield c


@pytest.fixture
def client(store, url, tmp_path):
    from fastapi.testclient import TestClient

    from sanctuary.service import Settings, create_app
    from sanctuary.service.auth import create_token

    app = create_app(Settings(host="127.0.0.1", data_dir=tmp_path, database_url=url), store=store)
    c = TestClient(app)
    c.token = create_token(store, "decide", "test")[1]
    return c


def fill(client):
    for name in EXAMPLES:
        r = client.post("/api/v1/decide?store=true", json=example(name), headers=auth(client.token))
        assert r.status_code == 200, r.text
        assert r.json()["record"]["seq"] == EXAMPLES.index(name) + 1


def verify_cli(url):
    return CliRunner().invoke(cli, ["record", "verify", "--database-url", url])


def test_the_store_is_postgresql(store, sql):
    assert store.engine.dialect.name == "postgresql" and not store.is_sqlite
    tables = {r[0] for r in sql.execute("select tablename from pg_tables where schemaname = 'public'")}
    assert {"decision_records", "chain_head", "api_tokens", "web_users"} <= tables


def test_append_and_verify(client, store, url):
    fill(client)
    rep = store.verify()
    assert rep.ok and rep.records == len(EXAMPLES)
    rec = store.get(1)
    want = json.loads(default_rulebook().decide(case_from_data(example(EXAMPLES[0]))).model_dump_json())
    assert rec.answer == want and rec.prev_hash == "0" * 64
    assert [r.seq for r in store.list(100)] == [5, 4, 3, 2, 1]
    r = verify_cli(url)
    assert r.exit_code == 0 and f"intact: {len(EXAMPLES)} records" in r.output


def test_changed_row_named(client, store, sql, url):
    fill(client)
    ans = json.loads(sql.execute("select answer_json from decision_records where seq = 3").fetchone()[0])
    ans["answers"][0]["status"] = "permitted" if ans["answers"][0]["status"] != "permitted" else "prohibited"
    sql.execute("update decision_records set answer_json = %s where seq = 3", (json.dumps(ans, sort_keys=True, separators=(",", ":")),))
    rep = store.verify()
    assert not rep.ok and [p.seq for p in rep.problems] == [3] and "changed" in rep.problems[0].problem
    r = verify_cli(url)
    assert r.exit_code == 1 and "record 3" in r.output and "changed" in r.output


def test_changed_case_named(client, store, sql):
    fill(client)
    sql.execute("update decision_records set case_json = replace(case_json, '2016-04-12', '2006-04-12') where seq = 1")
    assert [p.seq for p in store.verify().problems] == [1]


def test_rewritten_row_with_recomputed_hash_breaks_the_next_link(client, store, sql):
    from sanctuary.store.record import chain_hash, record_body

    fill(client)
    row = sql.execute("select seq, created_at, as_of, corpus_version, engine_version, identifiers_kept, case_json, "
                      "answer_json, prev_hash from decision_records where seq = 2").fetchone()
    forged = row[7].replace('"permitted"', '"prohibited"')
    assert forged != row[7]
    h = chain_hash(row[8], record_body(row[0], row[1], row[2], row[3], row[4], bool(row[5]), row[6], forged))
    sql.execute("update decision_records set answer_json = %s, record_hash = %s where seq = 2", (forged, h))
    problems = store.verify().problems
    assert problems and problems[0].seq == 3 and "link" in problems[0].problem


def test_deleted_rows_named(client, store, sql, url):
    fill(client)
    sql.execute("delete from decision_records where seq = 2")
    rep = store.verify()
    assert not rep.ok and rep.problems[0].seq == 3 and "2" in rep.problems[0].problem
    r = verify_cli(url)
    assert r.exit_code == 1 and "record 3" in r.output and "missing" in r.output
    sql.execute(f"delete from decision_records where seq = {len(EXAMPLES)}")
    assert any(p.seq == len(EXAMPLES) and "deleted" in p.problem for p in store.verify().problems)


def test_replay_agrees_and_reports_disagreement(client, store, url):
    fill(client)
    for rec in store.list(100):
        res = store.replay(rec.seq)
        assert res["agrees"] and res["identical"] and res["same_versions"], res
    r = CliRunner().invoke(cli, ["record", "replay", "--database-url", url])
    assert r.exit_code == 0 and r.output.count("agrees") == len(EXAMPLES)
    rb = default_rulebook()
    fewer = Rulebook([d for d in rb.decisions if d.action != "detain_on_hold_request"], rb.overlays, rb.corpus)
    res = store.replay(1, fewer)
    assert not res["agrees"] and any("detain_on_hold_request" in d for d in res["differences"])


def test_identifiers_dropped_unless_asked(client, store):
    case = example(EXAMPLES[0]) | {"person": example(EXAMPLES[0])["person"] | {"reference": "BK-PG-1"}}
    r = client.post("/api/v1/decide?store=true", json=case, headers=auth(client.token))
    assert r.status_code == 200
    assert "BK-PG-1" not in json.dumps(store.get(1).case)


def test_concurrent_appends_from_two_engines_keep_one_chain(store, url):
    ans = json.loads(default_rulebook().decide(case_from_data(example(EXAMPLES[1]))).model_dump_json())
    other = Store.open(url=url)  # its own engine and pool, as a second process would have
    rep = append_from_two_stores(store, other, ans)
    other.engine.dispose()
    assert rep.ok and rep.records == 40


def test_concurrent_appends_from_two_processes_keep_one_chain(store, url):
    ans = json.loads(default_rulebook().decide(case_from_data(example(EXAMPLES[1]))).model_dump_json())
    store.append({"first": True}, ans)  # tables and chain head exist before the writers race
    script = ("import json, sys\nfrom sanctuary.store import Store\n"
              "s = Store.open(url=sys.argv[1]); ans = json.loads(sys.stdin.read())\n"
              "for i in range(15): s.append({'i': i}, ans)\n")
    procs = [subprocess.Popen([sys.executable, "-c", script, url], stdin=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    for p in procs:
        p.stdin.write(json.dumps(ans))
        p.stdin.close()
    for p in procs:
        assert p.wait(timeout=120) == 0, p.stderr.read()
    rep = store.verify()
    assert rep.ok and rep.records == 31


def test_bad_url_one_clear_message_without_the_password(pg):
    bad = pg.url("no_such_database").replace("sanctuary@", "sanctuary:s3cret-pw@")
    with pytest.raises(StoreError) as e:
        Store.open(url=bad)
    msg = str(e.value)
    assert "no_such_database" in msg and "s3cret-pw" not in msg and "\n" not in msg
    r = CliRunner().invoke(cli, ["record", "verify", "--database-url", bad])
    assert r.exit_code == 2 and "s3cret-pw" not in r.output

