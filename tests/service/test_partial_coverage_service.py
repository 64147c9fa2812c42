"""A 2017 hold request through the API and the web page: the TRUTH Act duty answered from the text in force, the
hold decision needs review naming the section and the first date the corpus holds its text (tests/test_partial_coverage.py
for the engine)."""

import html as h
import re

from sanctuary.engine.rulebook import COVERAGE_RULE, default_rulebook
from sanctuary.vocabulary.load import case_from_data

from test_web_questionnaire import statuses, web_answer

HOLD_2017 = {"as_of": "2017-06-01", "actor": {"kind": "county_jail"},
             "request": {"asks": ["hold", "notification"], "documents": ["i247a"]}}


def test_api_answers_the_covered_decisions_and_marks_the_others(client):
    r = client.post("/api/v1/decide", json=HOLD_2017)
    assert r.status_code == 200, r.text
    body = r.json()
    want = default_rulebook().decide(case_from_data(HOLD_2017))
    assert [(a["action"], a["status"], a["rule"]) for a in body["answers"]] == \
           [(a.action, a.status, a.rule) for a in want.answers]
    got = {a["action"]: a for a in body["answers"]}
    assert got["give_person_copy_of_request"]["status"] == "required"
    hold = got["detain_on_hold_request"]
    assert hold["rule"] == COVERAGE_RULE and hold["citations"] == [] and hold["not_in_corpus"]
    assert any("no text in force" in c for c in body["caveats"])
    # every action uncovered: still 422
    r = client.post("/api/v1/decide", json=HOLD_2017 | {"as_of": "2016-06-01"})
    assert r.status_code == 422 and "first date the corpus holds" in r.json()["detail"]


def test_web_answer_page_shows_the_reason_and_no_quote_for_the_uncovered_decision(client):
    case = case_from_data(HOLD_2017)
    d = default_rulebook().decide(case)
    page = web_answer(client, case)
    assert statuses(page) == {a.action: a.status for a in d.answers}
    text = h.unescape(re.sub(r"\s+", " ", page))
    hold = next(a for a in d.answers if a.action == "detain_on_hold_request")
    assert " ".join(hold.reason.split()) in text
    item = re.search(r'<li class="answer status-needs_review" id="answer-detain_on_hold_request">(.*?)</li>', page, re.S)
    assert item and "<blockquote>" not in item.group(1)
    assert any(" ".join(c.split()) in text for c in d.caveats if "no text in force" in c)


REVERIFY_2018 = {"as_of": "2018-09-01", "actor": {"kind": "private_employer"}, "request": {"asks": ["reverification"]}}


def test_an_action_answered_from_a_court_order_without_its_text(client):
    # Lab. Code 1019.2 before its 2019 text, a private employer after the 2018 order (tests/test_enjoined_without_text.py)
    r = client.post("/api/v1/decide", json=REVERIFY_2018)
    assert r.status_code == 200, r.text
    (a,) = r.json()["answers"]
    assert (a["status"], a["rule"], a["citations"], a["order"]["id"]) == (
        "unenforceable", "coverage.enjoined_without_text", [], "us-v-ca-pi-2018#0")
    case = case_from_data(REVERIFY_2018)
    page = web_answer(client, case)
    assert statuses(page) == {"reverify_current_employee": "unenforceable"}
    text = h.unescape(re.sub(r"\s+", " ", page))
    assert " ".join(default_rulebook().decide(case).answers[0].reason.split()) in text
    r = client.post("/api/v1/decide", json=REVERIFY_2018 | {"actor": {"kind": "public_employer"}})
    assert r.status_code == 422 and "2019-09-27" in r.json()["detail"]
