"""`sanctuary law show ADDRESS --as-of DATE` and GET /api/v1/law/ADDRESS?as_of=DATE give, beside the text in force,
the court orders and dated events in force that day (the overlays the engine applies) and the holdings filed by then.
Before, they gave the text alone: Gov. Code 7285.1 on 2018-07-05 read as if nothing barred enforcing it against a
private employer (STATUS.md §4: "PI GRANTED ... as applied to private employers"), Pen. Code 185.5 on 2026-03-01
as if no injunction existed (LATER.md A9), and 7284.6 on 2018-01-02 without the effective-date dispute (STATUS.md §1)."""

import datetime as dt
import json

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sanctuary.cli import app
from sanctuary.law.orders import dated_events

D = dt.date


def test_dated_events_of_the_2018_injunction():
    before = dated_events("gov 7285.1(a)", D(2018, 7, 3))
    assert before["in_force"] == []
    signed = dated_events("gov 7285.1(a)", D(2018, 7, 4))
    assert [(e["id"], e["status"], e["actors"]) for e in signed["in_force"]] == [
        ("us-v-ca-pi-2018#0.signed", "needs_review", ["private_employer"])]
    filed = dated_events("gov 7285.1(a)", D(2018, 7, 5))
    assert [(e["status"], e["since"]) for e in filed["in_force"]] == [("unenforceable", "2018-07-05")]
    assert ("us-v-ca-pi-2018", "enjoined", "2018-07-05") in [(h["order"], h["effect"], h["filed"]) for h in filed["holdings"]]
    # the Values Act: the injunction was denied, nothing in force changes the answer
    va = dated_events("gov 7284.6(a)(1)(C)", D(2019, 4, 18))
    assert va["in_force"] == [] and {"injunction_denied", "affirmed"} <= {h["effect"] for h in va["holdings"]}


def test_dated_events_of_the_sb54_dispute_and_the_mask_injunction():
    assert [e["id"] for e in dated_events("gov 7284.6(a)(4)", D(2018, 1, 2))["in_force"]] == ["sb54-effective-date-disputed"]
    assert dated_events("gov 7284.6(a)(4)", D(2018, 1, 4))["in_force"] == []
    mask = dated_events("pen 185.5(a)", D(2026, 3, 1))["in_force"]
    assert [(e["status"], e["actors"]) for e in mask] == [("unenforceable", ["federal_law_enforcement"])]


def test_cli_law_show_names_the_order_in_force():
    r = CliRunner().invoke(app, ["law", "show", "gov 7285.1(a)", "--as-of", "2018-07-05"])
    assert r.exit_code == 0, r.output
    out = " ".join(r.output.split())
    assert "In force on 2018-07-05" in out and "unenforceable for private_employer" in out
    r = CliRunner().invoke(app, ["law", "show", "gov 7285.1(a)", "--as-of", "2018-07-05", "--json"])
    data = json.loads(r.output)
    assert data["orders_in_force"][0]["status"] == "unenforceable"
    r = CliRunner().invoke(app, ["law", "show", "lab 90.2(a)", "--as-of", "2018-07-05"])
    assert "No court order or dated event in the records changes" in " ".join(r.output.split())


def test_api_law_names_the_order_in_force(tmp_path):
    from sanctuary.service.app import Settings, create_app

    client = TestClient(create_app(Settings(host="127.0.0.1", data_dir=tmp_path)))
    r = client.get("/api/v1/law/pen 185.5(a)?as_of=2026-03-01")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["orders_in_force"][0]["id"] == "us-v-ca-2026-pi-face-coverings-federal"
    assert any(h["order"] == "us-v-ca-2026-pi" for h in body["holdings"])
    r = client.get("/api/v1/law/pen 185.5(a)?as_of=2026-01-02")
    assert r.json()["orders_in_force"][0]["status"] == "needs_review"
    assert client.get("/api/v1/law/pen 13654(a)?as_of=2025-10-01").json()["operative_from"] == "2026-01-01"


def test_law_show_says_when_a_text_in_force_is_not_yet_operative():
    """Front matter `operative_from` (Pen. Code 13654: "Effective September 20, 2025. Operative January 1, 2026";
    Civ. Code 1670.9: AB 474 "Effective January 1, 2022. Operative January 1, 2023") was not read: law show gave the
    text in force with no word that it did not yet operate."""
    from sanctuary.law.corpus import default_corpus

    assert default_corpus().section("pen 13654").operative_from == D(2026, 1, 1)
    r = CliRunner().invoke(app, ["law", "show", "pen 13654(a)", "--as-of", "2025-10-01", "--json"])
    data = json.loads(r.output)
    assert data["operative_from"] == "2026-01-01" and data["operative_on_date"] is False
    out = " ".join(CliRunner().invoke(app, ["law", "show", "civ 1670.9(c)", "--as-of", "2022-06-01"]).output.split())
    assert "not operative until 2023-01-01" in out
    data = json.loads(CliRunner().invoke(app, ["law", "show", "pen 13654(a)", "--as-of", "2026-01-01", "--json"]).output)
    assert data["operative_on_date"] is True


def test_law_show_refuses_a_date_before_the_section_existed(tmp_path):
    """Gov. Code 7283.1's corpus text has no known first day (in_force_from: null), but the TRUTH Act that added it took
    effect 2017-01-01 (timeline/section-floors.yaml; STATUS.md §2: "2017-01-01 In effect"): law show printed it as
    the text in force on 2016-12-31, although the rulebook (rightly) answers nothing from it before 2017."""
    from sanctuary.service.app import Settings, create_app

    r = CliRunner().invoke(app, ["law", "show", "gov 7283.1(b)", "--as-of", "2016-12-31"])
    assert r.exit_code == 2 and "2017-01-01" in r.output
    assert CliRunner().invoke(app, ["law", "show", "gov 7283.1(b)", "--as-of", "2017-01-01"]).exit_code == 0
    client = TestClient(create_app(Settings(host="127.0.0.1", data_dir=tmp_path)))
    r = client.get("/api/v1/law/gov 7283.1(b)?as_of=2016-12-31")
    assert r.status_code == 422 and "2017-01-01" in r.text
    assert client.get("/api/v1/law/gov 7283.1(b)?as_of=2017-01-01").status_code == 200


def test_law_show_after_the_corpus_date_says_so(tmp_path):
    """A decision for a date after MANIFEST covers_until carries a caveat (Rulebook.after_corpus_date); law show for
    the same date printed the text and "No court order ..." with no word that the records stop at covers_until."""
    from sanctuary.engine.rulebook import default_rulebook
    from sanctuary.service.app import Settings, create_app

    last = default_rulebook().covers_until
    after = (last + dt.timedelta(days=1)).isoformat()
    data = json.loads(CliRunner().invoke(app, ["law", "show", "gov 7284.6(a)(4)", "--as-of", after, "--json"]).output)
    assert data["after_corpus_date"] and str(last) in data["after_corpus_date"]
    data = json.loads(CliRunner().invoke(app, ["law", "show", "gov 7284.6(a)(4)", "--as-of", str(last), "--json"]).output)
    assert data["after_corpus_date"] is None
    out = " ".join(CliRunner().invoke(app, ["law", "show", "gov 7284.6(a)(4)", "--as-of", after]).output.split())
    assert "last checked against its sources" in out
    client = TestClient(create_app(Settings(host="127.0.0.1", data_dir=tmp_path)))
    assert str(last) in client.get(f"/api/v1/law/gov 7284.6(a)(4)?as_of={after}").json()["after_corpus_date"]
