"""The web questionnaire against the engine, without a browser (TestClient): every request the first step offers can
be answered (the form asks every fact the applicable rules read), every bundled example walked through the form gets
the engine's answer, and the conviction facts the TRUST Act turns on can be given."""

import datetime as dt
import re

import pytest

from sanctuary.engine.rulebook import default_rulebook
from sanctuary.service import interview
from sanctuary.service.interview import PATHS, asks_for_path, plan
from sanctuary.vocabulary.load import case_from_data

from svc_helpers import case_value, example
from testkit import example_names

RB = default_rulebook()
DAY = dt.date(2026, 11, 2)


def path_of(actor) -> str:
    return next(k for k, v in PATHS.items() if actor in v["actors"])


def form_from_case(case) -> dict:
    """What a user would enter in the questionnaire to describe `case`."""
    p = plan(RB, case.actor.kind, list(case.request.asks), case.as_of)
    form: dict = {"actor": case.actor.kind.value, "asks": [a.value for a in case.request.asks],
                  "as_of": case.as_of.isoformat(), "documents": [d.value for d in case.request.documents]}
    for q in p.questions:
        v = case_value(case, q.path)
        if q.kind == "multi":
            form[q.id] = [getattr(x, "value", x) for x in v or []]
        elif q.kind == "count":
            form[q.id] = "" if v is None else str(len(v))
        elif q.kind == "choice":
            form[q.id] = "unknown" if v is None else getattr(v, "value", v)
        elif q.kind == "datetime":
            if v is not None:
                form[q.id] = v.strftime("%Y-%m-%dT%H:%M")
        else:
            form[q.id] = "unknown" if v is None else "yes" if v else "no"
    if p.received_at and case.request.received_at:
        form["received_at"] = case.request.received_at.strftime("%Y-%m-%dT%H:%M")
    for i, c in enumerate(case.person.history.convictions):
        form |= {f"conv-{i}-citation": c.citation, f"conv-{i}-level": c.level.value, f"conv-{i}-date": c.date.isoformat(),
                 f"conv-{i}-jurisdiction": c.jurisdiction.value}
        if c.reduced_under_prop47:
            form[f"conv-{i}-prop47"] = "yes"
        if c.sentenced_to_state_prison:
            form[f"conv-{i}-state_prison"] = "yes"
        if c.aggravated_felony is not None:
            form[f"conv-{i}-aggravated_felony"] = "yes" if c.aggravated_felony else "no"
    for i, c in enumerate(case.person.history.pending_charges):
        form |= {f"charge-{i}-citation": c.citation, f"charge-{i}-level": c.level.value}
        if c.magistrate_probable_cause:
            form[f"charge-{i}-magistrate_pc"] = "yes"
    return form


def statuses(html: str) -> dict[str, str]:
    return dict(re.findall(r'<li class="answer status-([a-z_]+)" id="answer-([a-z0-9_]+)">', html)[i][::-1]
                for i in range(len(re.findall(r'<li class="answer ', html))))


def web_answer(client, case) -> str:
    r = client.post(f"/ask/{path_of(case.actor.kind)}/answer", data=form_from_case(case))
    assert r.status_code == 200, re.sub(r"<[^>]+>", " ", r.text)[:3000]
    return r.text


@pytest.mark.parametrize("path", list(PATHS))
def test_every_request_offered_can_be_answered(path):
    """A request on step 1 whose rules read a fact the form has no question for would end in a refusal naming
    internal fact names: every offered request, for every actor of the path, has a question for every fact."""
    for actor in PATHS[path]["actors"]:
        for ask in asks_for_path(path):
            p = plan(RB, actor, [ask], DAY)
            assert not p.unasked, (actor.value, ask.value, p.unasked)


def test_every_actor_is_on_a_path():
    from sanctuary.vocabulary.case import ActorKind

    assert {a for v in PATHS.values() for a in v["actors"]} == set(ActorKind)


@pytest.mark.parametrize("name", example_names())
def test_every_example_through_the_form_gets_the_engines_answer(client, name):
    case = case_from_data(example(name))
    html = web_answer(client, case)
    d = RB.decide(case)
    assert statuses(html) == {a.action: a.status for a in d.answers}
    # every "text" link resolves, as of the answer's date (state and federal provisions)
    for link in sorted(set(re.findall(r'<a href="(/api/v1/law/[^"]+)">text</a>', html))):
        assert link.endswith(f"?as_of={case.as_of}") and client.get(link).status_code == 200, link
    # the federal view beside it names the same forms and asks
    assert sorted(re.findall(r'<div class="federal-item">\s*<h3>([^<]+?) <span', html)) == sorted(
        i.source for i in (d.federal.items if d.federal else []))  # the form lists the asks in the vocabulary's order


def _notification(conv: dict) -> object:
    return case_from_data({"as_of": "2026-11-02", "actor": {"kind": "county_jail"},
                           "request": {"asks": ["notification"], "documents": ["i247a"]},
                           "person": {"history": {"convictions": [conv]}}})


@pytest.mark.parametrize("conv, without, given", [
    # a felony whose state-prison punishment the citation cannot settle (Pen. Code 1170(h)), outside the (a)(3) window
    ({"citation": "PC 487(a)", "level": "felony", "date": "2005-01-01", "sentenced_to_state_prison": True},
     "needs_review", "permitted"),
    # a federal conviction for an aggravated felony (7282.5(a)(5))
    ({"citation": "8 USC 1326", "level": "felony", "date": "2015-01-01", "jurisdiction": "federal", "aggravated_felony": True},
     "needs_review", "permitted"),
])
def test_conviction_facts_the_trust_act_turns_on_can_be_given(client, conv, without, given):
    action = "provide_release_date_or_notification"
    case = _notification(conv)
    bare = _notification({k: v for k, v in conv.items() if k not in ("sentenced_to_state_prison", "aggravated_felony")})
    assert {a.action: a.status for a in RB.decide(bare).answers}[action] == without
    assert {a.action: a.status for a in RB.decide(case).answers}[action] == given
    assert statuses(web_answer(client, bare))[action] == without
    assert statuses(web_answer(client, case))[action] == given


def test_step2_shows_the_conviction_fields_with_labels(client):
    form = {"actor": "county_jail", "asks": ["notification"], "as_of": "2026-11-02"}
    html = client.post("/ask/clerk/details", data=form).text
    assert re.search(r'<input type="checkbox" name="conv-0-state_prison" value="yes"', html)
    assert '<label for="conv-0-aggravated_felony">' in html and 'id="conv-0-aggravated_felony"' in html


def test_place_questions_for_a_courthouse_arrest(client):
    """The courthouse facts are asked (Civ. Code 43.54), not refused with internal fact names."""
    form = {"actor": "county_sheriff", "asks": ["civil_arrest_in_courthouse"], "as_of": "2026-03-02"}
    r = client.post("/ask/clerk/details", data=form)
    assert r.status_code == 200
    assert 'name="place__courthouse__attending_or_legal_business"' in r.text
    assert "cannot yet ask" not in r.text
    r = client.post("/ask/clerk/answer", data=form | {"documents": ["i200"], "place__courthouse__in_courthouse": "yes",
                                                       "place__courthouse__attending_or_legal_business": "yes"})
    assert r.status_code == 200, r.text[:2000]
    case = case_from_data({"as_of": "2026-03-02", "actor": {"kind": "county_sheriff"},
                           "request": {"asks": ["civil_arrest_in_courthouse"], "documents": ["i200"]},
                           "place": {"courthouse": {"in_courthouse": True, "attending_or_legal_business": True}}})
    assert statuses(r.text) == {a.action: a.status for a in RB.decide(case).answers}


def test_officer_exemptions_are_a_checkbox_group_that_survives_a_round_trip(client):
    form = {"actor": "county_sheriff", "asks": ["operate_without_visible_id"], "as_of": "2026-03-02",
            "place__officer__exemptions": ["undercover", "exigent"], "add_row": "conv"}
    html = client.post("/ask/clerk/details", data=form).text
    for v in ("undercover", "exigent"):
        assert f'name="place__officer__exemptions" value="{v}" checked' in html
    assert 'name="place__officer__exemptions" value="swat_or_tactical" >' in html
    assert interview.label(interview.ASK_LABELS, "operate_without_visible_id") != "Operate without visible id"


def test_answer_page_links_each_citation_to_its_text_as_of_the_date_asked(client):
    case = case_from_data(example("jail-detainer-robbery-conviction") | {"as_of": "2019-03-01"})
    html = web_answer(client, case)
    links = re.findall(r'<a href="(/api/v1/law/[^"]+)">text</a>', html)
    assert links and all(link.endswith("?as_of=2019-03-01") for link in links)
    r = client.get(links[0].replace("&amp;", "&"))
    assert r.status_code == 200 and r.json()["text"]


def test_affected_employee_count_gives_the_engines_answer_and_one_notice_row_each(client):
    form = {"actor": "private_employer", "asks": ["i9_inspection"], "as_of": "2026-04-10",
            "documents": ["notice_of_inspection", "inspection_results_notice"], "federal_law_requires_otherwise": "no",
            "records_covered_by_notice_of_inspection": "yes", "notice_of_inspection_received_at": "2026-03-06T15:30",
            "results_received_at": "2026-04-10T09:00", "employee_requested_notice_copy": "no",
            "employees_have_authorized_representative": "no", "federal_direction_not_to_notify": "no"}
    action = "notify_affected_employees_of_results"
    r = client.post("/ask/employer/answer", data=form | {"affected_employees": "0"})
    assert statuses(r.text)[action] == "permitted"  # no affected employee: nothing to give
    assert statuses(client.post("/ask/employer/answer", data=form).text)[action] == "needs_review"  # not known yet
    r = client.post("/ask/employer/answer", data=form | {"affected_employees": "2"})
    assert statuses(r.text)[action] == "required"
    # the deadline in words, California time, with the machine-readable instant beside it
    assert 'due by <time datetime="2026-04-13T09:00:00-07:00">Monday, April 13, 2026, 9:00 AM PDT</time>' in r.text
    r = client.post("/ask/employer/notice/affected-employee", data=form | {"affected_employees": "2"})
    assert r.status_code == 200
    assert 'id="nfemp-1-reference"' in r.text and 'id="nfemp-2-reference"' not in r.text
    assert 'value="Affected employee' not in r.text


@pytest.mark.parametrize("row, want", [
    ({"conv-0-citation": "XX 1", "conv-0-date": "2019-01-01"}, "Conviction 1: cannot read the citation 'XX 1'"),
    ({"conv-0-citation": "PC 211", "conv-0-date": ""}, "Conviction 1, date: "),
    ({"conv-0-citation": "PC 211", "conv-0-date": "2027-01-01"}, "Conviction 1, date: 2027-01-01 is after as_of 2026-11-02"),
    ({"conv-0-citation": "PC 211", "conv-0-date": "2019-01-01", "conv-1-citation": "PC 211", "conv-1-date": "2019-01-01",
      "conv-1-aggravated_felony": "yes"}, "Conviction 2: aggravated_felony applies to federal convictions only"),
])
def test_form_errors_name_the_row_and_field_as_the_form_labels_them(client, row, want):
    form = {"actor": "county_jail", "asks": ["notification"], "as_of": "2026-11-02", "local_policy_restricts": "no",
            "information_is_public": "no", "current_sex_arson_registrant": "no",
            "federal_felony_warrant_identified_by_ice": "no", "conv-0-level": "felony", "conv-1-level": "felony"} | row
    r = client.post("/ask/clerk/answer", data=form)
    assert r.status_code == 422
    errors = re.search(r'<div class="error".*?</div>', r.text, re.S).group(0).replace("&#39;", "'")
    assert want in errors and "person.history" not in errors


def test_answer_page_shows_the_federal_view_as_the_cli_does(client):
    """The CLI and the API give the federal view beside the state answer (what the federal request is, under which
    provision, with its quoted text and the corpus's gaps); the web answer page gave none of it."""
    import html as h

    case = case_from_data(example("jail-detainer-robbery-conviction"))
    fed = RB.decide(case).federal
    assert fed and fed.items
    page = h.unescape(re.sub(r"\s+", " ", web_answer(client, case)))
    assert '<h2 id="federal-h">Federal view</h2>' in page and fed.note in page
    for i in fed.items:
        assert i.source in page and " ".join(i.what.split()) in page
        for c in i.provisions:
            assert c.display in page and " ".join(c.quote.split())[:120] in page
        for g in i.gaps:
            assert " ".join(g.split()) in page


def test_a_request_no_rule_answers_for_the_actor_is_refused_at_step_1_in_plain_words(client):
    """Step 1 lists the requests of every actor on the path; one the chosen actor has no rule for went on to step 2
    and ended in the engine's 'no rule in the corpus answers request.asks [...] for actor.kind ...'."""
    r = client.post("/ask/other/details", data={"actor": "court", "asks": ["detention_contract", "civil_arrest_in_courthouse"],
                                                "as_of": "2026-06-01"})
    assert r.status_code == 422
    text = re.sub(r"\s+", " ", r.text).replace("&#34;", '"')
    assert ('sanctuary has no rule for "Enter, renew or modify a contract to detain noncitizens in civil immigration '
            'custody" asked of "A court, judicial officer or court staff"') in text
    assert "actor.kind" not in text and 'name="actor" value="court" required checked' in text


def test_no_question_the_engine_ignores_a_charges_date(client):
    """A pending charge's date (Charge.date) is read by no rule: the form asked it and dropped it from the answer."""
    from sanctuary.engine.expr import AnyRecord, walk

    read = {f for d in RB.decisions for _, c in d.flat() for e in walk(c) if isinstance(e, AnyRecord) for f in e.facts()}
    assert "charge_magistrate_pc" in read and not any("date" in f for f in read if f.startswith("charge_"))
    html = client.post("/ask/clerk/details", data={"actor": "county_jail", "asks": ["transfer"], "as_of": "2026-11-02"}).text
    assert 'id="q-charges"' in html and 'name="charge-0-citation"' in html
    assert 'name="charge-0-date"' not in html


def test_a_date_the_corpus_holds_no_law_for_is_refused_at_step_1(client):
    """The clerk learnt that 2010 is outside the corpus only after answering every question of step 2."""
    r = client.post("/ask/clerk/details", data={"actor": "county_jail", "asks": ["notification"], "as_of": "2010-01-01"})
    assert r.status_code == 422
    text = re.sub(r"\s+", " ", r.text)
    assert "Date: as_of 2010-01-01 is before 2018-01-01" in text and 'name="as_of" value="2010-01-01"' in text
    assert 'id="decide"' not in text  # still step 1
    assert client.post("/ask/clerk/details", data={"actor": "county_jail", "asks": ["notification"],
                                                   "as_of": "2019-05-01"}).status_code == 200
