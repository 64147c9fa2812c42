"""The bulk history's optional `enhancements` column: validated like `citation`, classified once per distinct
(citation, level, jurisdiction, enhancements) with the same classifier as `sanctuary decide`, and the same answers
as the single-case engine (bulk/cases.py carries the enhancements into the case)."""

import json

import polars as pl

import sanctuary.bulk.engine as engine
from sanctuary.bulk.cases import single_case_answers
from sanctuary.bulk.engine import answer, load
from sanctuary.bulk.schema import schema_json
from sanctuary.bulk.synth import write

TRANSFER = "transfer_to_immigration_authorities"
REQ = "request_id,received_date,actor_kind,request_kind,documents,person_id,agency_response\n"
HIST = "person_id,record_type,citation,level,date,enhancements\n"


def tables(tmp_path, requests: list[str], history: list[str], hist_header: str = HIST):
    rp, hp = tmp_path / "r.csv", tmp_path / "h.csv"
    rp.write_text(REQ + "".join(r + "\n" for r in requests))
    hp.write_text(hist_header + "".join(h + "\n" for h in history))
    return rp, hp


def transfer_status(tmp_path, *history, header=HIST):
    reqs = [f"t{i},2026-11-02,county_jail,transfer,i247a,P{i},declined" for i in range(len(history))]
    hist = [f"P{i},{h}" for i, h in enumerate(history)]
    loaded = load(*tables(tmp_path, reqs, hist, header))
    assert loaded.rejects.height == 0, loaded.rejects.to_dicts()
    bulk = answer(loaded.requests, loaded.history).filter(pl.col("action") == TRANSFER)
    single = [a for a in single_case_answers(loaded.requests, loaded.history) if a["action"] == TRANSFER]
    got = [(r["status"], r["citation"]) for r in bulk.select(pl.col("status", "citation").cast(pl.String)).to_dicts()]
    assert got == [(a["status"], a["citation"]) for a in single]  # bulk and single-case agree
    return got


def test_the_enhancement_decides_in_bulk_as_in_a_case_file(tmp_path):
    got = transfer_status(
        tmp_path,
        'conviction,PC 487(a),felony,2005-03-01,PC 12022.7(a)',  # 667.5(c)(8)
        'conviction,PC 487(a),felony,2005-03-01,',  # none
        'conviction,PC 487(a),felony,2005-03-01,PC 12022.6(a)(1)',  # in no list: changes nothing
        'conviction,PC 487(a),misdemeanor,2005-03-01,PC 12022.7(a)',  # not a felony
        'conviction,PC 459,felony,2001-03-01, PC 12022.6(a)(1) ; PC 12022.53(b) ',  # 1192.7(c)(40), padded
    )
    assert got == [("permitted", "gov 7282.5(a)(1)"), ("needs_review", "gov 7282.5(a)(1)"),
                   ("needs_review", "gov 7282.5(a)(1)"), ("prohibited", "gov 7284.6(a)(4)"),
                   ("permitted", "gov 7282.5(a)(1)")]


def test_without_the_column_no_conviction_has_enhancements(tmp_path):
    got = transfer_status(tmp_path, "conviction,PC 487(a),felony,2005-03-01",
                          header="person_id,record_type,citation,level,date\n")
    assert got == [("needs_review", "gov 7282.5(a)(1)")]


def test_unreadable_enhancement_or_one_on_a_charge_is_a_reject_naming_row_and_column(tmp_path):
    reqs = [f"t{i},2026-11-02,county_jail,transfer,i247a,P{i},declined" for i in range(4)]
    hist = ["P0,conviction,PC 487(a),felony,2005-03-01,PC 12022.7(a);XX 12,",
            "P1,charge,PC 487(a),felony,2026-10-01,PC 12022.7(a),",
            "P2,conviction,PC 487(a),felony,2005-03-01,PC 12022.7(a),",
            "P3,conviction,TX PC 22.02,felony,2005-03-01,TX 99,other_state"]  # out of state: not read by the California lists
    loaded = load(*tables(tmp_path, reqs, hist, HIST.replace("\n", ",jurisdiction\n")))
    rej = loaded.rejects.filter(pl.col("table") == "history").sort("row")
    assert rej.select("row", "column").rows() == [(1, "enhancements"), (2, "enhancements")]
    r1, r2 = rej.to_dicts()
    assert "enhancement 2: cannot read the citation 'XX 12'" in r1["reason"] and r1["value"] == "PC 12022.7(a);XX 12"
    assert json.loads(r1["record"])["enhancements"] == "PC 12022.7(a);XX 12"
    assert r2["reason"] == "applies to convictions only"
    # the persons with a rejected history row have their requests rejected; the others are decided
    assert sorted(loaded.requests["request_id"].to_list()) == ["t2", "t3"]


def test_classified_once_per_distinct_citation_level_jurisdiction_and_enhancements(tmp_path, monkeypatch):
    calls = []
    real = engine.classification_facts

    def counting(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(engine, "classification_facts", counting)
    transfer_status(tmp_path, *(["conviction,PC 487(a),felony,2005-03-01,PC 12022.7(a)"] * 3
                                + ["conviction,PC 487(a),felony,2005-03-01,"] * 2
                                + ["conviction,PC 487(a),felony,2005-03-01,PC 12022.6(a)(1);PC 12022.7(a)"]))
    assert sorted(calls, key=str) == sorted([("PC 487(a)", "felony", "california", ("PC 12022.7(a)",)),
                                             ("PC 487(a)", "felony", "california", ()),
                                             ("PC 487(a)", "felony", "california", ("PC 12022.6(a)(1)", "PC 12022.7(a)"))], key=str)


def test_schema_documents_the_column():
    [col] = [c for c in schema_json()["tables"]["history"] if c["name"] == "enhancements"]
    assert col["type"] == "citation_list" and col["required"] is False and "';'" in col["doc"]


def test_synthetic_enhancements_change_answers_and_bulk_agrees_with_single_case(tmp_path):
    """`sanctuary synth` gives some convictions enhancements; the differential (tests/bulk/test_bulk.py) then covers
    answers they decide: here, the answers that differ from the same tables without the column agree with the
    single-case engine."""
    rp, hp = write(3000, 5, tmp_path)
    h = pl.read_csv(hp, infer_schema=False)
    assert h.filter(pl.col("enhancements").fill_null("") != "").height > 20
    h.drop("enhancements").write_csv(tmp_path / "h-none.csv")
    with_enh = load(rp, hp)
    a = answer(with_enh.requests, with_enh.history)
    b = answer(*(lambda x: (x.requests, x.history))(load(rp, tmp_path / "h-none.csv")))
    keys = ["request_id", "action"]
    changed = a.join(b, on=keys, suffix="_none").filter(pl.col("status").cast(pl.String) != pl.col("status_none").cast(pl.String))
    assert changed.height > 0
    ids = set(changed["request_id"].to_list())
    reqs = with_enh.requests.filter(pl.col("request_id").is_in(list(ids)))
    single = pl.DataFrame(single_case_answers(reqs, with_enh.history)).select(*keys, "status", "rule", "citation")
    mine = changed.select(pl.col(*keys, "status", "rule", "citation").cast(pl.String))
    assert mine.join(single, on=keys, how="left", suffix="_s").filter(
        (pl.col("status") != pl.col("status_s")) | (pl.col("rule") != pl.col("rule_s"))
        | (pl.col("citation") != pl.col("citation_s"))).height == 0
