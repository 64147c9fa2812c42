"""The decision record: append-only chain, tamper and deletion detection naming the row, replay."""

import json
import sqlite3

from typer.testing import CliRunner

from sanctuary.cli import app as cli
from sanctuary.engine.rulebook import Rulebook, default_rulebook
from sanctuary.vocabulary.load import case_from_data

from svc_helpers import append_from_two_stores, auth, example

EXAMPLES = ["jail-detainer-robbery-conviction", "jail-interview-request", "cdcr-detainer",
            "jail-magistrate-probable-cause", "police-i200-arrest"]


def fill(client, tokens):
    for name in EXAMPLES:
        r = client.post("/api/v1/decide?store=true", json=example(name), headers=auth(tokens["decide"]))
        assert r.status_code == 200
    return [e for e in EXAMPLES]


def db(store):
    return sqlite3.connect(store.engine.url.database)


def verify_cli(data_dir):
    return CliRunner().invoke(cli, ["record", "verify", "--data-dir", str(data_dir)])


def test_sqlite_durable_settings(store):
    with store.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_chain_intact(client, tokens, store, data_dir):
    fill(client, tokens)
    rep = store.verify()
    assert rep.ok and rep.records == len(EXAMPLES)
    r = verify_cli(data_dir)
    assert r.exit_code == 0 and f"intact: {len(EXAMPLES)} records" in r.output


def test_changed_row_named(client, tokens, store, data_dir):
    fill(client, tokens)
    con = db(store)
    ans = json.loads(con.execute("select answer_json from decision_records where seq=3").fetchone()[0])
    ans["answers"][0]["status"] = "permitted" if ans["answers"][0]["status"] != "permitted" else "prohibited"
    con.execute("update decision_records set answer_json=? where seq=3", (json.dumps(ans, sort_keys=True, separators=(",", ":")),))
    con.commit()
    rep = store.verify()
    assert not rep.ok and [p.seq for p in rep.problems] == [3]
    r = verify_cli(data_dir)
    assert r.exit_code == 1 and "record 3" in r.output and "changed" in r.output


def test_changed_case_row_named(client, tokens, store):
    fill(client, tokens)
    con = db(store)
    con.execute("update decision_records set case_json=replace(case_json,'2016-04-12','2006-04-12') where seq=1")
    con.commit()
    assert [p.seq for p in store.verify().problems] == [1]


def test_rewritten_row_with_recomputed_hash_breaks_the_next_link(client, tokens, store):
    from sanctuary.store.record import chain_hash, record_body

    fill(client, tokens)
    con = db(store)
    row = con.execute("select seq, created_at, as_of, corpus_version, engine_version, identifiers_kept, case_json, "
                      "answer_json, prev_hash from decision_records where seq=2").fetchone()
    forged_answer = row[7].replace('"permitted"', '"prohibited"')
    h = chain_hash(row[8], record_body(row[0], row[1], row[2], row[3], row[4], bool(row[5]), row[6], forged_answer))
    con.execute("update decision_records set answer_json=?, record_hash=? where seq=2", (forged_answer, h))
    con.commit()
    problems = store.verify().problems
    assert problems and problems[0].seq == 3 and "link" in problems[0].problem


def test_deleted_row_detected(client, tokens, store, data_dir):
    fill(client, tokens)
    con = db(store)
    con.execute("delete from decision_records where seq=2")
    con.commit()
    rep = store.verify()
    assert not rep.ok and rep.problems[0].seq == 3 and "2" in rep.problems[0].problem
    r = verify_cli(data_dir)
    assert r.exit_code == 1 and "record 3" in r.output and "missing" in r.output


def test_deleted_last_row_detected(client, tokens, store, data_dir):
    fill(client, tokens)
    con = db(store)
    con.execute(f"delete from decision_records where seq={len(EXAMPLES)}")
    con.commit()
    rep = store.verify()
    assert not rep.ok and rep.problems[0].seq == len(EXAMPLES) and "deleted" in rep.problems[0].problem


def test_replay_under_the_same_corpus_agrees(client, tokens, store, data_dir):
    fill(client, tokens)
    version = default_rulebook().corpus.version
    for rec in store.list(100):
        assert rec.corpus_version == version
        res = store.replay(rec.seq)
        assert res["agrees"] and res["identical"] and res["same_versions"], res
    r = CliRunner().invoke(cli, ["record", "replay", "--data-dir", str(data_dir)])
    assert r.exit_code == 0 and r.output.count("agrees") == len(EXAMPLES)


def test_replay_reports_disagreement(client, tokens, store):
    fill(client, tokens)
    rb = default_rulebook()
    fewer = Rulebook([d for d in rb.decisions if d.action != "detain_on_hold_request"], rb.overlays, rb.corpus)
    res = store.replay(1, fewer)
    assert not res["agrees"] and any("detain_on_hold_request" in d for d in res["differences"])


def test_record_list_cli(client, tokens, data_dir):
    fill(client, tokens)
    r = CliRunner().invoke(cli, ["record", "list", "--data-dir", str(data_dir), "--json"])
    assert r.exit_code == 0 and len(json.loads(r.output)) == len(EXAMPLES)


def test_stored_answer_is_the_engine_answer(client, tokens, store):
    fill(client, tokens)
    rec = store.get(1)
    want = json.loads(default_rulebook().decide(case_from_data(example(EXAMPLES[0]))).model_dump_json())
    assert rec.answer == want


def test_concurrent_appends_keep_one_chain(store):
    ans = json.loads(default_rulebook().decide(case_from_data(example(EXAMPLES[1]))).model_dump_json())
    from sanctuary.store import Store

    other = Store.open(url=str(store.engine.url))  # a second process would have its own engine and lock
    rep = append_from_two_stores(store, other, ans)
    assert rep.ok and rep.records == 40
