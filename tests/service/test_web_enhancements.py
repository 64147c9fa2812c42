"""The web questionnaire asks a conviction's enhancements (one optional field, ';'-separated) and answers as
`sanctuary decide` does with them (tests/cases/us_ca/enhancements.yaml; engine: tests/test_enhancements.py)."""

import re

from sanctuary.engine.rulebook import default_rulebook
from sanctuary.vocabulary.load import case_from_data

FORM = {"actor": "county_jail", "asks": ["transfer"], "as_of": "2026-11-02", "documents": ["i247a"],
        "local_policy_restricts": "no", "information_is_public": "no", "current_sex_arson_registrant": "no",
        "federal_felony_warrant_identified_by_ice": "no", "conv-0-citation": "PC 487(a)", "conv-0-level": "felony",
        "conv-0-date": "2005-03-01", "conv-0-jurisdiction": "california"}
TRANSFER = "transfer_to_immigration_authorities"


def status(html: str) -> str:
    return re.search(rf'<li class="answer status-([a-z_]+)" id="answer-{TRANSFER}">', html).group(1)


def test_step2_asks_the_enhancements_with_a_hint(client):
    html = client.post("/ask/clerk/details", data={"actor": "county_jail", "asks": ["transfer"], "as_of": "2026-11-02"}).text
    field = re.search(r'<input id="conv-0-enhancements" name="conv-0-enhancements"[^>]*>', html)
    assert field and 'aria-describedby="conv-0-enhancements-hint"' in field.group(0)
    assert re.search(r'<label for="conv-0-enhancements">Enhancements found true \(optional\)</label>', html)
    hint = re.search(r'id="conv-0-enhancements-hint">(.*?)</span>', html).group(1)
    assert ";" in hint and "PC 12022.7(a)" in hint


def test_the_enhancement_given_in_the_form_decides_as_in_the_engine(client):
    without = client.post("/ask/clerk/answer", data=FORM)
    assert without.status_code == 200 and status(without.text) == "needs_review"
    r = client.post("/ask/clerk/answer", data=FORM | {"conv-0-enhancements": " PC 12022.6(a)(1) ;PC 12022.7(a); "})
    assert r.status_code == 200, r.text[:2000]
    assert status(r.text) == "permitted"
    engine = default_rulebook().decide(case_from_data({
        "as_of": "2026-11-02", "actor": {"kind": "county_jail"}, "request": {"asks": ["transfer"], "documents": ["i247a"]},
        "person": {"history": {"convictions": [{"citation": "PC 487(a)", "level": "felony", "date": "2005-03-01",
                                                "enhancements": ["PC 12022.6(a)(1)", "PC 12022.7(a)"]}]}}}))
    assert {a.action: a.status for a in engine.answers}[TRANSFER] == "permitted"
    lines = [re.sub(r"<[^>]+>", "", m) for m in re.findall(r'<p class="record record-met">(.*?)</p>', r.text)]
    assert any("with enhancements PC 12022.6(a)(1), PC 12022.7(a) (which makes it count)" in line and "667.5(c)(8)" in line
               for line in lines), lines


def test_an_unreadable_enhancement_is_refused_naming_the_row(client):
    r = client.post("/ask/clerk/answer", data=FORM | {"conv-0-enhancements": "PC 12022.7(a); XX 9"})
    assert r.status_code == 422
    errors = re.search(r'<div class="error".*?</div>', r.text, re.S).group(0).replace("&#39;", "'")
    assert "Conviction 1" in errors and "cannot read the citation 'XX 9'" in errors and "person.history" not in errors
