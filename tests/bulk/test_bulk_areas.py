"""Every column of the requests table means what its case field means: the other areas' columns (employers,
courthouses, schools and health facilities, detention, officers) reach the case `case_of` builds, an empty cell
and an absent column mean in bulk what they mean in a case file, and the derived facts are derived alike."""

import datetime as dt
import hashlib

import polars as pl
import pytest

from sanctuary.bulk.cases import FIXED_COLUMNS, case_of, single_case_answers
from sanctuary.bulk.engine import answer, load
from sanctuary.bulk.schema import extra_fact_columns, request_columns, request_fields, schema_json
from sanctuary.bulk.synth import generate
from sanctuary.vocabulary.facts import case_facts

EMPTY_HISTORY = "person_id,record_type,citation,level,date\n"


def _cells(c) -> list[str]:
    """The cells worth trying in a column: each value, and empty."""
    if c.type == "bool":
        return ["true", "false", ""]
    if c.type == "enum":
        return [*c.values, ""]
    if c.type == "int":
        return ["0", "3", ""]
    return [""]


# (actor_kind, request_kind, documents) under which each column is tried: the derived facts turn on the documents
# and the ask (a Notice of Inspection, the results notice, an I-9 inspection)
SETTINGS = [
    ("county_jail", "hold", ""),
    ("private_employer", "i9_inspection", "notice_of_inspection"),
    ("private_employer", "employee_records", "notice_of_inspection"),
    ("public_employer", "i9_inspection", "inspection_results_notice"),
    ("private_employer", "worksite_entry", "judicial_warrant"),
]


def _facts_agree(loaded, columns):
    """For every accepted row, each column's bulk value (typed, with the derived facts) equals the fact the single-case
    engine computes from the row's case."""
    bad = []
    for req in loaded.requests.iter_rows(named=True):
        facts, _ = case_facts(case_of(req, []), req["received_date"])
        for name in columns:
            if facts[name] != req[name] or type(facts[name]) is not type(req[name]):
                bad.append((req["request_id"], name, req[name], facts[name]))
    return bad


def test_every_request_column_stands_for_a_case_field():
    fields = request_fields()
    cols = [c for c in request_columns() if c.name not in FIXED_COLUMNS]
    assert len(cols) > 70
    assert [c.name for c in cols if c.name not in fields] == []
    assert fields["officer_performing_duties"].path == ("place", "officer", "performing_duties")
    assert fields["worksite_area"].path == ("employer", "area")
    assert fields["reverification_per_8cfr_274a2b1vii"].path == ("employer", "reverification", "consistent_with_8_cfr_274a_2_b_1_vii")
    assert fields["officer_exempt_swat"].member == "swat"
    assert fields["local_policy_restricts"].path == ("actor", "local_policy_restricts")


def test_each_cell_means_what_its_case_field_means(tmp_path):
    """Each value of each column (and its empty cell), one row each, under several actors, asks and documents: every
    fact of the row (not only the one set) is the same in the bulk table and in the row's case."""
    cols = [c for c in request_columns() if c.name not in FIXED_COLUMNS]
    header = ["request_id", "received_date", "actor_kind", "request_kind", "documents", "person_id", "agency_response",
              *(c.name for c in cols)]
    rows = []
    for actor, kind, docs in SETTINGS:
        for c in cols:
            for cell in _cells(c):
                rid = f"r{len(rows)}"
                rows.append([rid, "2026-06-01", actor, kind, docs, "P", "declined",
                             *(cell if o.name == c.name else "" for o in cols)])
    rp, hp = tmp_path / "r.csv", tmp_path / "h.csv"
    pl.DataFrame(rows, schema=header, orient="row").write_csv(rp)
    hp.write_text(EMPTY_HISTORY)
    loaded = load(rp, hp)
    assert loaded.counts["requests_rejected"] == 0, loaded.rejects.head()
    assert _facts_agree(loaded, [c.name for c in cols]) == []


def test_absent_columns_mean_the_case_files_defaults(tmp_path):
    """Without the other areas' columns, every fact is the case vocabulary's default, as in a case file that says
    nothing of them."""
    rp, hp = tmp_path / "r.csv", tmp_path / "h.csv"
    rp.write_text("request_id,received_date,actor_kind,request_kind,documents,person_id,agency_response\n"
                  + "".join(f"a{i},2026-06-01,{a},{k},{d},P,declined\n" for i, (a, k, d) in enumerate(SETTINGS)))
    hp.write_text(EMPTY_HISTORY)
    loaded = load(rp, hp)
    assert _facts_agree(loaded, [c.name for c in request_columns() if c.name not in FIXED_COLUMNS]) == []


def _both(tmp_path, header, lines):
    rp, hp = tmp_path / "r.csv", tmp_path / "h.csv"
    rp.write_text(header + "\n" + "\n".join(lines) + "\n")
    hp.write_text(EMPTY_HISTORY)
    loaded = load(rp, hp)
    bulk = answer(loaded.requests, loaded.history).select("request_id", "action", "status", "rule").with_columns(
        pl.col("action", "status", "rule").cast(pl.String)).sort("request_id", "action")
    single = pl.DataFrame(single_case_answers(loaded.requests, loaded.history)).select(
        "request_id", "action", "status", "rule").sort("request_id", "action")
    assert bulk.equals(single), (bulk, single)
    return {(r["request_id"], r["action"]): (r["status"], r["rule"]) for r in bulk.iter_rows(named=True)}


def test_officer_on_duty_empty_cell_is_not_known_absent_column_is_the_default(tmp_path):
    """`officer_performing_duties` (Officer.performing_duties, default true, may be null): an empty cell is not known
    (needs review, 185.5(a) "in the performance of duties"), and the case built from the row says null too; a table
    without the column means true, as a case file that leaves it out."""
    got = _both(tmp_path, "request_id,received_date,actor_kind,request_kind,person_id,agency_response,officer_covering,officer_performing_duties",
                ["m1,2026-03-02,city_police,wear_facial_covering,P,complied,opaque,",
                 "m2,2026-03-02,city_police,wear_facial_covering,P,complied,opaque,true"])
    assert got[("m1", "wear_facial_covering")] == ("needs_review", "mask.not_on_duty")
    assert got[("m2", "wear_facial_covering")] == ("prohibited", "mask.prohibited")
    got = _both(tmp_path, "request_id,received_date,actor_kind,request_kind,person_id,agency_response,officer_covering",
                ["m3,2026-03-02,city_police,wear_facial_covering,P,complied,opaque"])
    assert got[("m3", "wear_facial_covering")] == ("prohibited", "mask.prohibited")


def test_results_notice_among_the_documents_is_received(tmp_path):
    """Labor Code 90.2(b): the inspection results notice listed among the documents is received (as in a case file),
    whatever the results_received cell says; before, the bulk engine read only the cell and raised no duty to
    notify the affected employees."""
    got = _both(tmp_path, "request_id,received_date,actor_kind,request_kind,documents,person_id,agency_response,results_received,affected_employee_count",
                ["w1,2024-03-02,private_employer,i9_inspection,inspection_results_notice,P,complied,,2",
                 "w2,2024-03-02,private_employer,i9_inspection,,P,complied,,2",
                 "w3,2024-03-02,private_employer,i9_inspection,,P,complied,true,0"])
    assert ("w1", "notify_affected_employees_of_results") in got
    assert ("w2", "notify_affected_employees_of_results") not in got
    assert got[("w3", "notify_affected_employees_of_results")][1] == "worker_protection.results.no_affected_employee"


def test_records_covered_by_a_notice_of_inspection_for_an_i9_inspection(tmp_path):
    """7285.2(a)(2): an I-9 inspection with a Notice of Inspection covers the I-9 forms themselves when the cell does
    not say (as employer_facts derives it); an employee-records request does not."""
    got = _both(tmp_path, "request_id,received_date,actor_kind,request_kind,documents,person_id,agency_response,records_covered_by_notice_of_inspection",
                ["c1,2024-03-02,public_employer,i9_inspection,notice_of_inspection,P,complied,",
                 "c2,2024-03-02,public_employer,employee_records,notice_of_inspection,P,complied,",
                 "c3,2024-03-02,public_employer,i9_inspection,notice_of_inspection,P,complied,false"])
    assert got[("c1", "consent_to_employee_records_access")] != got[("c3", "consent_to_employee_records_access")]


def test_kinds_and_counts_are_checked(tmp_path):
    """The other areas' kinds are checked against the case vocabulary's values, and a count must be one a case can
    hold (Labor Code 90.2(b)(2) affected employees, 0-2000)."""
    rp, hp = tmp_path / "r.csv", tmp_path / "h.csv"
    rp.write_text("request_id,received_date,actor_kind,request_kind,person_id,agency_response,officer_covering,worksite_area,affected_employee_count\n"
                  "k1,2026-03-02,city_police,wear_facial_covering,P,complied,balaclava,,\n"
                  "k2,2024-03-02,private_employer,worksite_entry,P,complied,,kitchen,\n"
                  "k3,2024-03-02,private_employer,i9_inspection,P,complied,,,-1\n"
                  "k4,2024-03-02,private_employer,i9_inspection,P,complied,,,2001\n"
                  "k5,2026-03-02,city_police,wear_facial_covering,P,complied,OPAQUE,,\n")
    hp.write_text(EMPTY_HISTORY)
    loaded = load(rp, hp)
    rej = {(r["row"], r["column"]): r["reason"] for r in loaded.rejects.iter_rows(named=True)}
    assert "opaque" in rej[(1, "officer_covering")] and "not an allowed value" in rej[(1, "officer_covering")]
    assert "nonpublic" in rej[(2, "worksite_area")]
    assert "from 0 to 2000" in rej[(3, "affected_employee_count")] and (4, "affected_employee_count") in rej
    assert (5, "officer_covering") in rej  # values are as the case vocabulary spells them
    assert loaded.counts["requests_accepted"] == 0


def test_schema_says_what_an_empty_cell_means():
    cols = {c["name"]: c for c in schema_json()["tables"]["requests"]}
    assert cols["officer_performing_duties"]["empty"].startswith("not known")
    assert "True" in cols["officer_performing_duties"]["empty"]  # column absent: the case file's default
    assert cols["officer_exempt_swat"]["fill"] is False and cols["escort_to_verify_warrant"]["fill"] is False
    assert cols["officer_covering"]["type"] == "enum" and "opaque" in cols["officer_covering"]["values"]
    assert "place.officer.performing_duties" in cols["officer_performing_duties"]["doc"]
    for c in extra_fact_columns():
        assert c.empty, c.name


def test_synth_default_is_unchanged_and_all_areas_adds_every_area():
    """`sanctuary synth` without --all-areas writes exactly what it wrote before (the benchmark's data); with it,
    the other areas' requests and every column."""
    r, h = generate(700, 3)
    assert hashlib.sha256(r.write_csv().encode()).hexdigest() == "57b20a0ebaf87f4781aa65b7661e39a79e34b4e90c65b2b59402a07e9c2425e3"
    assert hashlib.sha256(h.write_csv().encode()).hexdigest() == "0b4ba77ceeadf7452d8539fc895921a8c35941751dbc4dfe8dfa63dd2f8f5416"
    ra, ha = generate(700, 3, all_areas=True)
    assert ha.equals(h)
    assert set(ra.columns) == {c.name for c in request_columns()}
    assert {"court", "local_educational_agency", "health_care_provider_entity", "local_government",
            "attorney_general", "federal_law_enforcement", "public_employer"} <= set(ra["actor_kind"])
    for col in ("officer_performing_duties", "worksite_area", "courthouse_proceeding", "site_area", "detention_contract_with"):
        assert set(ra[col]) > {""}, col


def test_cli_synth_all_areas(tmp_path):
    from typer.testing import CliRunner

    from sanctuary.cli import app

    res = CliRunner().invoke(app, ["synth", "--requests", "60", "--seed", "2", "-o", str(tmp_path / "a"), "--all-areas"])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(app, ["synth", "--requests", "60", "--seed", "2", "-o", str(tmp_path / "d")])
    assert res.exit_code == 0, res.output
    a = pl.read_csv(tmp_path / "a" / "requests.csv", infer_schema=False)
    d = pl.read_csv(tmp_path / "d" / "requests.csv", infer_schema=False)
    assert d.width == 24 and a.width == len(request_columns()) and "officer_covering" in a.columns
    assert a["request_id"].equals(d["request_id"]) and a["person_id"].equals(d["person_id"])
