"""Review of the federal view and the conflict map against the corpus: every quoted federal sentence is whole where
a cut would change its meaning, and no claim outruns the records (us-ca/STATUS.md, the federal texts)."""

import datetime as dt

from sanctuary.engine.rulebook import default_rulebook
from sanctuary.law.corpus import default_corpus
from sanctuary.vocabulary.case import Case


def _federal(as_of: str, actor: str, asks: list[str], documents: list[str] = ()):
    case = Case.model_validate({"as_of": as_of, "actor": {"kind": actor},
                                "request": {"asks": asks, "documents": list(documents)}})
    return {i.source: i for i in default_rulebook().decide(case).federal.items}


def test_287_7_d_is_quoted_with_its_condition():
    """8 C.F.R. 287.7(d): "Upon a determination by the Department to issue a detainer for an alien not otherwise
    detained by a criminal justice agency, such agency shall maintain custody ...". Quoting it from "such agency
    shall maintain custody" drops the condition and reads as an unconditional command to hold."""
    full = default_corpus().provision("cfr8 287.7(d)")[1].text
    assert full.startswith("Temporary detention at Department request. Upon a determination by the Department")
    items = _federal("2024-01-01", "county_jail", ["hold"], ["i247a"])
    for src in ("document I-247A", "ask hold"):
        what = items[src].what
        assert "shall maintain custody" in what
        assert "not otherwise detained by a criminal justice agency" in what, src
        assert "\"such agency shall maintain" not in what, src  # no quote that starts mid-sentence


def test_1373_is_said_of_release_dates_and_addresses_not_of_transfers():
    """STATUS.md §3: the district court "held 8 U.S.C. 1373 does not cover release-date information"; the Ninth
    Circuit: 1373 refers to "legal classification under federal law", not release dates or addresses. Release dates
    are 7284.6(a)(1)(C), addresses (a)(1)(D); no record says anyone tied the transfer limit, 7284.6(a)(4), to 1373."""
    from sanctuary.conflicts import build_map
    rows = {r["provision"]: r for r in build_map(dt.date(2021, 1, 1))["provisions"]}

    def by_order(p):
        return {o["order"] for o in rows[p]["said_to_obstruct"] if o["federal"] == "usc8 1373"}
    assert by_order("gov 7284.6(a)(4)") == set()
    assert by_order("gov 7284.6(a)(1)(C)") == {"us-v-ca-pi-2018", "ca9-us-v-ca-2019"}
    assert by_order("gov 7284.6(a)(1)(D)") == {"ca9-us-v-ca-2019"}  # the district court spoke of release dates


def test_1373_and_release_dates_as_of_each_date():
    """The federal view of a release-date or address request says what the courts held about 8 U.S.C. 1373 only from
    the day each holding was filed (STATUS.md §3: district court 2018-07-05, release-date information; Ninth Circuit
    2019-04-18, release dates and addresses). It never calls 1373 a bar on restricting release dates once a court held
    it does not reach them, nor cites a 2019 holding for a 2018 date."""
    def item(as_of, ask):
        return _federal(as_of, "county_jail", [ask])[f"ask {ask}"]

    for ask in ("release_date", "home_or_work_address"):
        before = item("2018-07-04", ask)  # the PI order was signed on 2018-07-04 but filed on 2018-07-05
        assert "Ninth Circuit" not in before.what and "921 F.3d" not in before.what and "district court" not in before.what
        assert before.nature != "bar on state restriction"
        assert "not settled" in before.nature
        after = item("2019-04-18", ask)
        assert "Ninth Circuit" in after.what and "921 F.3d at 891" in after.what
        assert after.nature == "held outside 8 U.S.C. 1373"
    between_release = item("2018-07-05", "release_date")
    assert "release-date information" in between_release.what and "Ninth Circuit" not in between_release.what
    assert between_release.nature == "held outside 8 U.S.C. 1373"
    between_address = item("2019-04-17", "home_or_work_address")  # no holding on addresses before the Ninth Circuit
    assert "not settled" in between_address.nature and "921 F.3d" not in between_address.what


def test_1644_is_quoted_not_said_to_be_the_same_as_1373():
    """8 U.S.C. 1644 speaks of "information regarding the immigration status, lawful or unlawful, of an alien" only;
    1373(a) also names citizenship. "1644 says the same" overstates it: quote 1644's own words."""
    text = default_corpus().provision("usc8 1644")[1].text
    assert "citizenship" not in text
    what = _federal("2024-01-01", "county_jail", ["immigration_status_info"])["ask immigration_status_info"].what
    assert "says the same" not in what
    assert "information regarding the immigration status, lawful or unlawful, of an alien" in what


def test_reverification_federal_view_names_the_obstacle_holding_from_its_filing_date():
    """The conflict map records that the district court (as reported) held Labor Code 1019.2 an obstacle to IRCA (8
    U.S.C. 1324a, not in the corpus) and enjoined 1019.2(a), (b) as applied to private employers (ECF 193, filed
    2018-07-05). The federal view beside a reverification answer says so too, from that date only, and still says
    1324a is not in the corpus (nature unchanged)."""
    from sanctuary.rules.us.federal import ASKS, _dated
    from sanctuary.vocabulary.case import RequestKind as R

    after = _federal("2026-06-01", "private_employer", ["reverification"])["ask reverification"]
    assert after.nature == "not in corpus"
    assert "obstacle to IRCA" in after.what and "2018-07-05" in after.what and "private_employer" in after.what
    before = _dated(ASKS[R.REVERIFICATION], dt.date(2018, 7, 4))
    assert "obstacle" not in before.what
    # the 1373 holdings are unchanged by it
    assert "IRCA" not in _dated(ASKS[R.RELEASE_DATE], dt.date(2026, 6, 1)).what
