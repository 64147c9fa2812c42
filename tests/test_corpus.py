"""The law corpus in the project: provenance kept, addressable to the subdivision, every citation real."""

import datetime as dt
from pathlib import Path

import pytest

from sanctuary.engine.rulebook import default_rulebook
from sanctuary.law.corpus import AddressError, default_corpus, parse_address

SHARED = Path(__file__).resolve().parents[2] / "shared" / "law"


def test_every_rule_cites_a_provision_in_the_corpus():
    assert default_rulebook().missing_citations() == []


def test_a_missing_citation_is_caught():
    rb = default_rulebook()
    from sanctuary.engine import Decision, Rule, Status
    from sanctuary.engine.rulebook import Rulebook

    bad = Decision("x", "x", "test", rb.decisions[0].applies,
                   [Rule("test.bad", Status.PROHIBITED, ("gov 7284.6(a)(9)",), "no such paragraph")])
    assert Rulebook([bad], [], rb.corpus).missing_citations() == ["test.bad cites 'gov 7284.6(a)(9)', which is not in the corpus"]


@pytest.mark.parametrize("text,expected", [
    ("gov 7284.6(a)(1)(C)", "us-ca/gov/7284.6(a)(1)(C)"),
    ("Gov. Code 7284.6(a)(4)", "us-ca/gov/7284.6(a)(4)"),
    ("us-ca/gov/7282.5(a)(3)(AE)", "us-ca/gov/7282.5(a)(3)(AE)"),
    ("8 USC 1373(b)(2)", "us/usc8/1373(b)(2)"),
    ("lab 90.2(b)(1)", "us-ca/lab/90.2(b)(1)"),
])
def test_addresses(text, expected):
    assert parse_address(text).canonical == expected


@pytest.mark.parametrize("text", ["", "7284.6", "foo 12", "gov", "gov 7284.6(a"])
def test_bad_addresses_are_errors(text):
    with pytest.raises(AddressError):
        a = parse_address(text)
        default_corpus().provision(a)


def test_subdivision_tree_of_7284_6():
    c = default_corpus()
    for p in ["(a)(1)(A)", "(a)(1)(G)", "(a)(2)", "(a)(6)", "(b)(1)", "(b)(3)(C)", "(b)(5)", "(c)(1)(D)", "(c)(4)", "(d)", "(e)", "(f)"]:
        assert c.exists("gov 7284.6" + p), p
    assert not c.exists("gov 7284.6(a)(7)")
    # (I) after (H) in 7282.5(a)(3) is a letter, not a roman numeral; (AA) follows (Z)
    assert c.provision("gov 7282.5(a)(3)(I)")[1].text.startswith("Bribery")
    assert c.provision("gov 7282.5(a)(3)(AA)")[1].text.startswith("Soliciting")
    # (i) after (h) in 7284.4 is a letter
    assert c.provision("gov 7284.4(i)")[1].text.startswith("“Judicial warrant”")


def test_quote_carries_the_lead_in():
    q = default_corpus().quote("gov 7284.6(a)(1)(B)")
    assert q.startswith("(a) California law enforcement agencies shall not:")
    assert q.endswith("(B) Detaining an individual on the basis of a hold request.")


def test_versions_by_date_and_provenance():
    c = default_corpus()
    v = c.section("gov 7284.6", dt.date(2024, 1, 1))
    assert v.in_force_from == dt.date(2018, 1, 1)
    assert "leginfo" in " ".join(v.comments) or v.source
    assert v.currency_caveat and "not verified" in v.currency_caveat
    with pytest.raises(AddressError, match="first version is in force from 2018-01-01"):
        c.section("gov 7284.6", dt.date(2017, 6, 1))


def test_incomplete_texts_are_marked():
    c = default_corpus()
    assert c.section("gov 7283.1").incomplete
    assert not c.section("gov 7284.6").incomplete


def test_corpus_version_is_stable_and_in_answers():
    c = default_corpus()
    assert c.version.startswith("corpus-") and len(c.version) == 19


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/law not beside the project")
def test_project_copy_matches_shared_corpus():
    """The project's copy is the shared corpus unchanged: a drift means the copy must be refreshed on purpose."""
    ours = Path(default_corpus().root)
    # the jurisdictions the project has brought in (other states are for later)
    for f in [*SHARED.glob("us-ca/**/*.md"), *SHARED.glob("us/**/*.md")]:
        rel = f.relative_to(SHARED)
        mine = ours / rel
        assert mine.exists(), f"{rel} is in ../shared/law but not in the project's corpus"
        assert mine.read_bytes() == f.read_bytes(), f"{rel} differs from ../shared/law"
