"""The conflict map lists the court events after 2020 too (us-ca/LATER.md A4, A9, A10), not only United States v.
California (2018-2020): GEO Group v. Newsom on AB 32 (Pen. Code 9501) and the 2025-2026 United States v. California
on SB 627 and SB 805 (Pen. Code 185.5, 13654; Gov. Code 7288, 7289). Their dated overlays (timeline/later-laws.yaml)
already changed the answers; the map showed none of those provisions."""

import datetime as dt

from sanctuary.conflicts import build_map

D = dt.date


def rows(day):
    return {r["provision"]: r for r in build_map(day)["provisions"]}


def test_ab32_holdings_dated_and_scoped():
    before = rows(D(2020, 10, 7))
    assert before["pen 9501"]["holdings"] == [] and before["pen 9501"]["overlays"] == []
    pi = rows(D(2020, 10, 8))["pen 9501"]
    assert [(h["filed"], h["effect"]) for h in pi["holdings"]] == [("2020-10-08", "injunction_granted_in_part")]
    assert pi["overlays"][0]["overlay"] == "geo-v-newsom-pi-and-panel-2020"
    en_banc = rows(D(2022, 9, 26))["pen 9501"]
    held = [h for h in en_banc["holdings"] if h["effect"] == "held_invalid"]
    assert held and held[0]["filed"] == "2022-09-26" and held[0]["actors"] == ["private_immigration_detention_operator"]
    assert held[0]["cite"] == "50 F.4th 745"
    assert en_banc["overlays"][0]["status"] == "unenforceable"
    assert "2021-10-05" in [h["filed"] for h in en_banc["holdings"]]  # the panel reversal


def test_sb627_sb805_holdings_dated_and_scoped():
    assert rows(D(2025, 11, 16))["pen 185.5"]["holdings"] == []
    filed = rows(D(2025, 11, 17))
    assert [h["effect"] for h in filed["pen 185.5"]["holdings"]] == ["complaint"]
    assert [h["effect"] for h in filed["pen 13654"]["holdings"]] == ["complaint"]
    ruled = rows(D(2026, 2, 9))
    mask = ruled["pen 185.5"]
    assert ("2026-02-09", "enjoined", ["federal_law_enforcement"]) in [
        (h["filed"], h["effect"], h["actors"]) for h in mask["holdings"]]
    assert mask["overlays"][0]["status"] == "needs_review"  # reported pause until the PI takes effect on 2026-02-19
    assert ("2026-02-09", "injunction_denied") in [(h["filed"], h["effect"]) for h in ruled["pen 13654"]["holdings"]]
    assert ("2026-02-09", "injunction_denied") in [(h["filed"], h["effect"]) for h in ruled["gov 7288"]["holdings"]]
    assert "in force as the statute reads" in ruled["pen 13654"]["stands"]
    later = rows(D(2026, 2, 19))
    assert later["pen 185.5"]["overlays"][0]["status"] == "unenforceable"
    assert later["pen 185.5"]["overlays"][0]["actors"] == ["federal_law_enforcement"]
    assert "in force as the statute reads" in later["gov 7289"]["stands"]


def test_a_provision_not_yet_in_force_does_not_stand_as_the_statute_reads():
    """On a date before the corpus holds any text of a provision in force, the map said it stood "in force as the
    statute reads": SB 54's 7284.6 on 2017-01-01 (in force from 2018-01-01, STATUS.md §3), SB 627's 185.5 on
    2025-11-17 (in force from 2026-01-01, LATER.md A9)."""
    early = rows(D(2017, 1, 1))
    assert "not in force" in early["gov 7284.6(a)(4)"]["stands"] and "2018-01-01" in early["gov 7284.6(a)(4)"]["stands"]
    assert "not in force" in early["gov 7285.1"]["stands"]
    assert "in force as the statute reads" in early["gov 7283.1"]["stands"]  # the TRUTH Act, from 2017-01-01
    assert "not in force" in rows(D(2016, 12, 31))["gov 7283.1"]["stands"]  # its floor (section-floors.yaml)
    mask = rows(D(2025, 11, 17))["pen 185.5"]
    assert "not in force" in mask["stands"] and "2026-01-01" in mask["stands"]
    assert "in force as the statute reads" in rows(D(2018, 1, 4))["gov 7284.6(a)(4)"]["stands"]


def test_map_after_the_corpus_date_says_the_records_stop_there():
    """The map defaults to today; for a date after MANIFEST covers_until it said nothing of the records stopping at
    the last check, as a decision for that date does (Rulebook.after_corpus_date)."""
    from sanctuary.conflicts import render_html, render_table
    from sanctuary.engine.rulebook import default_rulebook

    last = default_rulebook().covers_until
    m = build_map(last + dt.timedelta(days=1))
    assert m["after_corpus_date"] and str(last) in m["after_corpus_date"]
    assert m["after_corpus_date"] in render_table(m) and str(last) in render_html(m)
    assert build_map(last)["after_corpus_date"] is None
