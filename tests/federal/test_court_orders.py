"""Court orders as data: each court event of us-ca/STATUS.md §1-5, the day before and the day of, for the actors it
covers and one it does not. AB 450 employer rules may not exist yet: the overlay is tested on small decisions
built here (through apply_overlays, the single-case path, and compile_overlays, the bulk path)."""

import datetime as dt
import shutil

import polars as pl
import pytest

from sanctuary.engine.expr import Env
from sanctuary.engine.rulebook import Rulebook, default_rulebook, load_overlays
from sanctuary.engine.rules import TRUE, Decision, Rule, Status, apply_overlays, compile_decision, compile_overlays, decide
from sanctuary.law.corpus import default_corpus
from sanctuary.law.orders import load_bills, load_orders, order_overlays
from sanctuary.vocabulary.case import Case

D = dt.date
OVERLAYS = load_overlays()


def toy(cite: str, status=Status.PROHIBITED) -> Decision:
    return Decision("toy_" + cite.replace(" ", "_"), "toy", "test", TRUE, [Rule("toy.rule", status, (cite,), "because")])


def answer(cite: str, on: dt.date, actor: str, status=Status.PROHIBITED):
    o = decide(toy(cite, status), Env({}, {}))
    o = apply_overlays(o, OVERLAYS, on, actor)
    return o.status, (o.overlay.id if o.overlay else None)


def bulk(cite: str, rows: list[tuple[dt.date, str]], status=Status.PROHIBITED):
    d = toy(cite, status)
    s, r = compile_decision(d)
    s2, ov = compile_overlays(d, s, r, OVERLAYS)
    df = pl.DataFrame({"as_of": [a for a, _ in rows], "actor_kind": [b for _, b in rows]})
    out = df.select(s2.alias("status"), ov.alias("overlay"))
    return list(zip(out["status"], out["overlay"]))


# ---------------------------------------------------------------- the PI of July 2018 (AB 450), STATUS.md §4

AB450_ENJOINED = ["gov 7285.1(a)", "gov 7285.2(a)", "lab 1019.2(a)", "lab 1019.2(b)"]


@pytest.mark.parametrize("cite", AB450_ENJOINED)
def test_pi_2018_private_employer_day_before_signing_day_and_filing_day(cite):
    assert default_corpus().exists(cite) or cite.startswith("gov 7285")
    assert answer(cite, D(2018, 7, 3), "private_employer") == (Status.PROHIBITED, None)
    st, ov = answer(cite, D(2018, 7, 4), "private_employer")  # signed, not yet filed
    assert st == Status.NEEDS_REVIEW and ov == "us-v-ca-pi-2018#0.signed"
    assert answer(cite, D(2018, 7, 5), "private_employer") == (Status.UNENFORCEABLE, "us-v-ca-pi-2018#0")
    assert answer(cite, D(2025, 1, 1), "private_employer") == (Status.UNENFORCEABLE, "us-v-ca-pi-2018#0")


@pytest.mark.parametrize("cite", AB450_ENJOINED)
def test_pi_2018_does_not_cover_public_employers(cite):
    for day in (D(2018, 7, 3), D(2018, 7, 4), D(2018, 7, 5), D(2025, 1, 1)):
        assert answer(cite, day, "public_employer") == (Status.PROHIBITED, None)


def test_pi_2018_leaves_permitted_answers_and_1019_2_c_and_90_2_alone():
    assert answer("gov 7285.1(a)", D(2018, 7, 5), "private_employer", Status.PERMITTED) == (Status.PERMITTED, None)
    assert answer("lab 1019.2(c)", D(2018, 7, 5), "private_employer") == (Status.PROHIBITED, None)
    # PI denied as to 90.2 (2018-07-05), claim dismissed (2018-07-09), denial affirmed (2019-04-18): no overlay
    for day in (D(2018, 7, 4), D(2018, 7, 5), D(2018, 7, 8), D(2018, 7, 9), D(2019, 4, 17), D(2019, 4, 18)):
        assert answer("lab 90.2(a)", day, "private_employer", Status.REQUIRED) == (Status.REQUIRED, None)


def test_pi_2018_bulk_engine_agrees():
    rows = [(D(2018, 7, 3), "private_employer"), (D(2018, 7, 4), "private_employer"),
            (D(2018, 7, 5), "private_employer"), (D(2018, 7, 5), "public_employer")]
    assert bulk("gov 7285.1(a)", rows) == [("prohibited", None), ("needs_review", "us-v-ca-pi-2018#0.signed"),
                                           ("unenforceable", "us-v-ca-pi-2018#0"), ("prohibited", None)]


def test_pi_overlay_cites_the_order():
    ov = next(o for o in OVERLAYS if o.id == "us-v-ca-pi-2018#0")
    assert any("ECF 193" in c and "2:18-cv-00490" in c for c in ov.cites)
    assert ov.actors == ("private_employer",) and ov.end is None


def test_worker_protection_rules_if_landed():
    rb = default_rulebook()
    acts = {d.act for d in rb.decisions}
    if not any("worker" in a for a in acts):
        pytest.skip("AB 450 employer rules have not landed; the overlay is tested on toy decisions above")
    hits = [d for d in rb.decisions for r, _ in d.flat()
            if any(ov.covers_rule(r) for ov in OVERLAYS if ov.id.startswith("us-v-ca-pi-2018"))]
    assert hits, "the AB 450 rules cite 7285.1/7285.2/1019.2, so the PI must reach some of them"


# ---------------------------------------------------------------- Ninth Circuit 2019, 12532(b)(1)(C), STATUS.md §5

def test_ca9_2019_12532_b1C_needs_review_from_the_opinion_for_all_actors():
    for actor in ("county_jail", "private_employer"):
        assert answer("gov 12532(b)(1)(C)", D(2019, 4, 17), actor, Status.REQUIRED) == (Status.REQUIRED, None)
        assert answer("gov 12532(b)(1)(C)", D(2019, 4, 18), actor, Status.REQUIRED) == (
            Status.NEEDS_REVIEW, "ca9-us-v-ca-2019#2")
    # the rest of 12532 was upheld (affirmed): no change
    for cite in ("gov 12532(a)", "gov 12532(b)(1)(A)", "gov 12532(b)(1)(B)"):
        assert answer(cite, D(2019, 4, 18), "county_jail", Status.REQUIRED) == (Status.REQUIRED, None)


# ---------------------------------------------------------------- the Values Act events, on the real rules (§1, §3)

SB54_EVENTS = [D(2018, 3, 6), D(2018, 7, 4), D(2018, 7, 5), D(2018, 7, 9), D(2018, 10, 18), D(2019, 4, 18),
               D(2019, 6, 26), D(2020, 6, 15)]


def _jail(asks, on):
    case = Case.model_validate({"as_of": on.isoformat(), "actor": {"kind": "county_jail"},
                                "request": {"asks": asks, "documents": ["i247d"]}})
    return {a.action: (a.status, a.order.id if a.order else None) for a in default_rulebook().decide(case).answers}


@pytest.mark.parametrize("day", SB54_EVENTS)
def test_values_act_answers_do_not_change_on_any_court_event(day):
    asks = ["hold", "notification", "transfer", "release_date"]
    before, of = _jail(asks, day - dt.timedelta(days=1)), _jail(asks, day)
    assert before == of
    assert all(ov is None for _, ov in of.values())
    assert of["detain_on_hold_request"][0] == "prohibited"


def test_no_overlay_touches_values_act_trust_or_truth_after_the_effective_date_dispute():
    for ov in OVERLAYS:
        if ov.id == "sb54-effective-date-disputed":
            continue
        assert not any(p.startswith(("gov 7282", "gov 7283", "gov 7284")) for p in ov.provisions), ov.id


# ---------------------------------------------------------------- the records themselves

def test_every_status_court_event_is_recorded():
    orders = {o.id: o for o in load_orders()}
    dates = {(o.signed, o.filed) for o in orders.values()}
    for filed in (D(2018, 3, 6), D(2018, 7, 5), D(2018, 7, 9), D(2018, 10, 18), D(2019, 4, 18), D(2019, 6, 26),
                  D(2020, 6, 15)):
        assert any(f == filed for _, f in dates), filed
    pi = orders["us-v-ca-pi-2018"]
    assert pi.signed == D(2018, 7, 4) and pi.filed == D(2018, 7, 5)
    effects = {(h.effect, p) for o in orders.values() for h in o.holdings for p in h.provisions}
    assert ("enjoined", "gov 7285.1") in effects and ("injunction_denied", "lab 90.2") in effects
    assert ("held_invalid", "gov 12532(b)(1)(C)") in effects
    assert ("injunction_denied", "gov 7284.6(a)(4)") in effects and ("cert_denied", "gov 7284.6(a)(4)") in effects


def test_only_enjoined_or_held_invalid_holdings_become_overlays():
    ids = {o.id.split("#")[0] for o in order_overlays(load_orders())}
    assert ids == {"us-v-ca-pi-2018", "ca9-us-v-ca-2019"}


def test_order_provisions_name_corpus_sections():
    c = default_corpus()
    for o in load_orders():
        for h in o.holdings:
            for p in h.provisions:
                assert c.versions(p), f"{o.id}: {p} names no section in the corpus"


# ---------------------------------------------------------------- bills never change an answer

def test_bills_never_change_an_answer(tmp_path):
    from sanctuary.law import orders as orders_mod
    import importlib.resources as res
    src = res.files("sanctuary.law") / "timeline"
    for f in src.iterdir():
        if f.name.endswith(".yaml"):
            (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    base = load_overlays(tmp_path)
    bills = load_bills(tmp_path)
    assert bills and all(not b.changes_answers for b in bills)
    assert {"vetoed", "died_in_committee", "pending", "failed_in_committee"} <= {b.outcome for b in bills}
    # a pending bill striking the Values Act, added to the records, changes nothing
    (tmp_path / "zz-bills.yaml").write_text(
        "bills:\n  - {id: test-bill, bill: AB 0 (test), provisions: ['gov 7284.6', 'gov 7285.1'], date: 2018-01-02,"
        " outcome: pending}\n", encoding="utf-8")
    assert load_overlays(tmp_path) == base
    rb = default_rulebook()
    rb2 = Rulebook(rb.decisions, load_overlays(tmp_path), rb.corpus)
    case = Case.model_validate({"as_of": "2019-01-01", "actor": {"kind": "county_jail"},
                                "request": {"asks": ["hold", "transfer"]}})
    assert [a.status for a in rb.decide(case).answers] == [a.status for a in rb2.decide(case).answers]
    for b in bills:  # and on each bill's own date
        day = b.date or b.introduced
        if day and day >= D(2018, 1, 4) and day <= (rb.covers_until or day):
            c = case.model_copy(update={"as_of": day})
            prev = case.model_copy(update={"as_of": day - dt.timedelta(days=1)})
            assert [a.status for a in rb.decide(c).answers] == [a.status for a in rb.decide(prev).answers], b.id
