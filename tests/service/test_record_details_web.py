"""The records that decided an answer (Answer.records) in the API response, its OpenAPI schema, and the web answer
page. The engine side: tests/test_record_details.py."""

import re

from sanctuary.engine.rulebook import default_rulebook
from sanctuary.vocabulary.load import case_from_data

from svc_helpers import example

ROBBERY = "jail-detainer-robbery-conviction"
FORM = {"actor": "county_jail", "asks": ["hold", "notification"], "as_of": "2026-11-02", "documents": ["i247a"],
        "local_policy_restricts": "no", "information_is_public": "no", "current_sex_arson_registrant": "no",
        "federal_felony_warrant_identified_by_ice": "no", "conv-0-citation": "PC 211", "conv-0-level": "felony",
        "conv-0-date": "2001-05-01", "conv-0-jurisdiction": "california"}


def test_api_answer_carries_the_deciding_record_as_the_engine_does(client):
    case = example(ROBBERY)
    r = client.post("/api/v1/decide", json=case)
    assert r.status_code == 200
    by = {a["action"]: a for a in r.json()["answers"]}
    notify = by["provide_release_date_or_notification"]
    assert notify["status"] == "permitted"
    [rec] = notify["records"]
    assert (rec["list_name"], rec["index"], rec["citation"], rec["level"], rec["outcome"]) == (
        "convictions", 0, "PC 211", "felony", "met")
    f = next(f for f in rec["findings"] if f["category"] == "serious_felony")
    assert (f["item"], f["confidence"], f["doj_rows"][0]) == ("pen 1192.7(c)(19)", "doj_description", "12004 ROBBERY")
    want = default_rulebook().decide(case_from_data(case))
    assert [a["records"] for a in r.json()["answers"]] == [[x.model_dump(mode="json") for x in a.records]
                                                           for a in want.answers]


def test_openapi_describes_the_records(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "records" in schemas["Answer"]["properties"]
    assert {"list_name", "index", "citation", "outcome", "findings"} <= set(schemas["RecordDetail"]["properties"])
    assert "doj_rows" in schemas["RecordFinding"]["properties"]


def _answer_page(client, form):
    r = client.post("/ask/clerk/answer", data=form)
    assert r.status_code == 200, r.text[:2000]
    return r.text


def test_web_answer_page_shows_a_record_line(client):
    html = _answer_page(client, FORM)
    lines = [re.sub(r"<[^>]+>", "", m) for m in re.findall(r'<p class="record record-met">(.*?)</p>', html)]
    assert lines, html[:3000]
    assert any("Record: conviction PC 211 felony 2001-05-01 — serious felony, Pen. Code § 1192.7(c)(19) "
               "(DOJ table description ROBBERY, row 12004)" in line for line in lines)


def test_web_answer_page_without_records_has_no_record_line(client):
    html = _answer_page(client, FORM | {"conv-0-citation": "", "conv-0-date": ""})
    assert 'class="record' not in html
