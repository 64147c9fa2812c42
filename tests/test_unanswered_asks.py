"""A case with several asks, one of which no rule answers for the actor: refused, naming that ask (it was answered
without it, and the ask was lost from the answers); each ask alone behaves as before."""

import pytest
from typer.testing import CliRunner

from sanctuary.cli import app
from sanctuary.engine.rulebook import default_rulebook
from sanctuary.vocabulary.load import case_from_data

COURT = {"as_of": "2024-06-01", "actor": {"kind": "court"}}


def _decide(data):
    return default_rulebook().decide(case_from_data(data))


def test_an_unanswerable_ask_beside_an_answerable_one_is_named_not_dropped():
    with pytest.raises(ValueError, match=r"request.asks \['detention_contract'\] for actor.kind 'court'"):
        _decide(COURT | {"request": {"asks": ["detention_contract", "civil_arrest_in_courthouse"]}})


def test_each_answerable_ask_alone_and_together_is_answered():
    one = _decide(COURT | {"request": {"asks": ["civil_arrest_in_courthouse"]}})
    assert "civil_arrest_in_courthouse" in [a.action for a in one.answers]
    jail = {"as_of": "2024-06-01", "actor": {"kind": "county_jail"}, "request": {"asks": ["hold", "release_date"], "documents": ["i247a"]}}
    actions = [a.action for a in _decide(jail).answers]
    assert "detain_on_hold_request" in actions and "provide_release_date_or_notification" in actions


def test_cli_exit_2_naming_the_ask(tmp_path):
    f = tmp_path / "case.yaml"
    f.write_text("as_of: 2024-06-01\nactor: {kind: court}\nrequest: {asks: [detention_contract, civil_arrest_in_courthouse]}\n")
    r = CliRunner().invoke(app, ["decide", str(f)])
    assert r.exit_code == 2 and "detention_contract" in r.output
