import datetime as dt
import json
from html.parser import HTMLParser

from typer.testing import CliRunner

from sanctuary.cli import app
from sanctuary.conflicts import build_map, render_html, render_json, render_table
from sanctuary.engine.rulebook import default_rulebook
from sanctuary.vocabulary.case import Case

# every state provision with an order in us-ca/STATUS.md §1-5
WITH_ORDERS = ["gov 7284.6(a)(1)(C)", "gov 7284.6(a)(1)(D)", "gov 7284.6(a)(4)", "gov 7285.1", "gov 7285.2",
               "lab 1019.2(a)", "lab 1019.2(b)", "lab 90.2", "gov 12532", "gov 12532(b)(1)(C)"]


def test_json_lists_every_provision_with_an_order():
    m = json.loads(render_json(build_map(dt.date(2021, 1, 1))))
    rows = {r["provision"]: r for r in m["provisions"]}
    for p in WITH_ORDERS:
        assert p in rows and rows[p]["holdings"], p
    assert rows["gov 7285.1"]["overlays"][0]["status"] == "unenforceable"
    assert rows["gov 7285.1"]["overlays"][0]["actors"] == ["private_employer"]
    assert "in force as the statute reads" in rows["gov 7284.6(a)(4)"]["stands"]
    assert any(o["federal"] == "usc8 1373" for o in rows["gov 7284.6(a)(1)(C)"]["said_to_obstruct"])
    assert rows["gov 7282.5"]["no_order_notes"]


def test_map_as_of_before_the_orders():
    rows = {r["provision"]: r for r in build_map(dt.date(2018, 7, 3))["provisions"]}
    assert rows["gov 7285.1"]["overlays"] == []
    assert all(h["filed"] <= "2018-07-03" for h in rows["gov 7285.1"]["holdings"])


def test_html_renders():
    html = render_html(build_map(dt.date(2021, 1, 1)))

    class P(HTMLParser):
        rows = 0
        def handle_starttag(self, tag, attrs):
            if tag == "tr":
                self.rows += 1
    p = P()
    p.feed(html)
    assert p.rows >= len(WITH_ORDERS) + 1
    assert "Gov. Code § 7285.1" in html and "enjoined" in html


def test_cli_conflicts_formats():
    r = CliRunner().invoke(app, ["conflicts", "--as-of", "2019-05-01", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["as_of"] == "2019-05-01"
    r = CliRunner().invoke(app, ["conflicts", "--as-of", "2019-05-01"])
    assert r.exit_code == 0 and "Conflict map" in r.output
    assert "bill SB 554" not in render_table(build_map(dt.date(2019, 5, 1)))  # not yet introduced then
    r = CliRunner().invoke(app, ["conflicts", "--format", "pdf"])
    assert r.exit_code == 2


def test_federal_view_for_a_detainer():
    case = Case.model_validate({"as_of": "2024-01-01", "actor": {"kind": "county_jail"},
                                "request": {"asks": ["hold"], "documents": ["i247d"]}})
    d = default_rulebook().decide(case)
    doc = next(i for i in d.federal.items if i.source == "document I-247D")
    assert doc.nature == "request"
    d287 = next(c for c in doc.provisions if c.address == "cfr8 287.7(d)")
    assert "not to exceed 48 hours, excluding Saturdays, Sundays, and holidays" in d287.quote
    assert any("not in the law corpus" in g for g in doc.gaps)
    assert any("prohibited" in s for s in doc.state_answers)


def test_federal_view_admin_warrant_has_no_provision_in_corpus():
    case = Case.model_validate({"as_of": "2024-01-01", "actor": {"kind": "city_police"},
                                "request": {"asks": ["arrest_civil_warrant"], "documents": ["i200"]}})
    d = default_rulebook().decide(case)
    doc = next(i for i in d.federal.items if i.source == "document I-200")
    assert doc.provisions == [] and doc.nature == "not in corpus"
    assert any("1226" in g for g in doc.gaps)


def test_federal_view_never_changes_an_answer():
    from sanctuary.rules.us import federal
    case = Case.model_validate({"as_of": "2024-01-01", "actor": {"kind": "county_jail"},
                                "request": {"asks": ["hold", "immigration_status_info"], "documents": ["i247a"]}})
    d = default_rulebook().decide(case)
    assert d.federal is not None
    statuses = [a.status for a in d.answers]
    orig = federal.federal_view
    try:
        federal.federal_view = lambda *a, **k: None
        # the rulebook imports the function at call time
        assert [a.status for a in default_rulebook().decide(case).answers] == statuses
    finally:
        federal.federal_view = orig


def test_every_federal_provision_cited_exists():
    from sanctuary.law.corpus import default_corpus
    from sanctuary.rules.us.federal import ASKS, FORMS
    c = default_corpus()
    for info in list(FORMS.values()) + list(ASKS.values()):
        for p in info.provisions:
            assert c.exists(p), p


def test_federal_view_for_an_employer_says_the_federal_employment_texts_are_missing():
    """AB 450 turns on federal law it names (7285.1(a), 7285.2(a)(1): "Except as otherwise required by federal law";
    1019.2(a): "not required by Section 1324a(b) of Title 8"), but neither 8 U.S.C. 1324a nor 8 C.F.R. 274a is in the
    corpus: the federal view must say so, not stay silent as if no federal law spoke to the employer."""
    case = Case.model_validate({"as_of": "2026-06-01", "actor": {"kind": "private_employer"},
                                "request": {"asks": ["worksite_entry", "i9_inspection", "reverification"],
                                            "documents": ["notice_of_inspection"]},
                                "employer": {"area": "nonpublic"}})
    d = default_rulebook().decide(case)
    assert d.federal is not None
    by_source = {i.source: i for i in d.federal.items}
    for ask in ("worksite_entry", "i9_inspection", "reverification"):
        item = by_source[f"ask {ask}"]
        assert item.nature == "not in corpus" and item.provisions == []
        assert any("1324a" in g for g in item.gaps)
    assert any("unenforceable" in s for s in by_source["ask worksite_entry"].state_answers)
    assert any("274a" in g for g in by_source["ask i9_inspection"].gaps)
