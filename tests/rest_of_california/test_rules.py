"""Case tests for issue 9, written from the statute texts in the corpus (Civ. 43.54, CCP 177, Evid. 351.3/351.4,
Ed. 234.7, H&S 24251, Civ. 1670.9, Gov. 7310/7311/12532, Pen. 9500/9501, Pen. 185.5/13653/13654, Gov. 7288/7289)
and the court events of timeline/later-laws.yaml (LATER.md A4, A9, A10). Each test: facts, date, expected status,
deciding citation (the first address the answer cites)."""

from __future__ import annotations

import re

import pytest

from sanctuary.engine.rulebook import OutOfCoverage, default_rulebook
from sanctuary.vocabulary.load import case_from_data

X, P, REQ, REVIEW, UNENF = "prohibited", "permitted", "required", "needs_review", "unenforceable"
ACTS = ("us-ca/courthouses", "us-ca/schools", "us-ca/health_facilities", "us-ca/detention", "us-ca/officer_identification")


def decide(kind, asks, as_of, docs=(), **place):
    case = {"as_of": as_of, "actor": {"kind": kind}, "request": {"asks": list(asks), "documents": list(docs)},
            "place": place}
    return {a.action: a for a in default_rulebook().decide(case_from_data(case)).answers}


def check(action, status, cite, *args, **kw):
    got = decide(*args, **kw)
    assert action in got, f"{action} not answered: {sorted(got)}"
    a = got[action]
    assert (a.status, a.citations[0].address) == (status, cite), (a.status, a.citations[0].address, a.reason)
    return a


def assert_not_answered_from_law(action, match, *args, **kw):
    """Before the corpus holds a text in force: the case is refused (OutOfCoverage), or, where another action of the
    same case is covered (e.g. Gov. Code 7284.8(a) beside a school or courthouse question), this action is answered
    needs review with no statute quoted ("coverage.no_text_in_force"). Either way the text is not applied."""
    try:
        got = decide(*args, **kw)
    except OutOfCoverage as e:
        assert re.search(match, str(e)), str(e)
        return
    a = got[action]
    assert (a.status, a.rule, a.citations) == (REVIEW, "coverage.no_text_in_force", []), (a.status, a.rule)
    assert re.search(match, a.reason + " " + str(getattr(a, "not_in_corpus", ""))), a.reason


def test_citations_exist_and_every_rule_cites():
    rb = default_rulebook()
    assert rb.missing_citations() == []
    for d in rb.decisions:
        if d.act in ACTS:
            for r, _ in d.flat():
                assert r.cites, r.id


# ---------------------------------------------------------------- Civ. Code 43.54 (in force 2020-01-01)
ARREST = "civil_arrest_in_courthouse"


@pytest.mark.parametrize("kind", ["court", "federal_law_enforcement", "county_sheriff"])
def test_43_54_a_no_civil_arrest_of_person_with_court_business(kind):
    check(ARREST, X, "civ 43.54(a)", kind, [ARREST], "2020-01-01", docs=["i200"],
          courthouse={"attending_or_legal_business": True})


def test_43_54_c_judicial_warrant():
    check(ARREST, P, "civ 43.54(c)", "court", [ARREST], "2024-05-01", docs=["judicial_warrant"],
          courthouse={"attending_or_legal_business": True})


def test_43_54_no_legal_business_leaves_common_law_privilege_open():
    check(ARREST, REVIEW, "civ 43.54(b)", "court", [ARREST], "2024-05-01", courthouse={"attending_or_legal_business": False})


def test_43_54_unknown_business_is_review():
    a = check(ARREST, REVIEW, "civ 43.54(a)", "court", [ARREST], "2024-05-01", courthouse={})
    assert a.status == REVIEW


def test_43_54_outside_courthouse():
    check(ARREST, P, "civ 43.54(a)", "court", [ARREST], "2024-05-01",
          courthouse={"in_courthouse": False, "attending_or_legal_business": False})


def test_43_54_outside_courthouse_while_attending_is_open():
    # 43.54(b) keeps "any existing common law privilege"; CCP 177(e): "the privilege from civil arrest at courthouses"
    a = check(ARREST, REVIEW, "civ 43.54(b)", "court", [ARREST], "2024-05-01",
              courthouse={"in_courthouse": False, "attending_or_legal_business": True})
    assert "ccp 177(e)" in [c.address for c in a.citations]


def test_43_54_before_enactment_refused():
    assert_not_answered_from_law(ARREST, "civ 43.54|Civ. Code § 43.54", "court", [ARREST], "2019-12-31",
                                 courthouse={"attending_or_legal_business": True})


def test_ccp_177_e_judicial_officer_power():
    check("protect_courthouse_access", P, "ccp 177(e)", "court", ["protect_courthouse_access"], "2020-01-01")
    assert_not_answered_from_law("protect_courthouse_access", "ccp 177|Civ. Proc. § 177|2020-01-01", "court",
                                 ["protect_courthouse_access"], "2019-06-01")


# ---------------------------------------------------------------- Evid. Code 351.3, 351.4 (text in force 2022-08-22)
DISC = "disclose_status_in_open_court"


@pytest.mark.parametrize("proc,action,sec", [("civil", DISC + "_civil", "351.3"), ("criminal", DISC + "_criminal", "351.4")])
def test_351_3_4_no_disclosure_without_in_camera_ruling(proc, action, sec):
    check(action, X, f"evid {sec}(a)", "party_or_attorney", [DISC], "2022-08-22", courthouse={"proceeding": proc})
    check(action, P, f"evid {sec}(a)", "party_or_attorney", [DISC], "2022-08-22",
          courthouse={"proceeding": proc, "in_camera_admissibility_ruling": True})
    check(action, P, f"evid {sec}(b)(1)", "party_or_attorney", [DISC], "2025-01-01",
          courthouse={"proceeding": proc, "status_is_element": True})
    check(action, P, f"evid {sec}(b)(3)", "party_or_attorney", [DISC], "2025-01-01",
          courthouse={"proceeding": proc, "person_volunteers_own_status": True})


def test_351_3_action_governed_by_351_2_is_review():
    check(DISC + "_civil", REVIEW, "evid 351.3(a)", "party_or_attorney", [DISC], "2025-01-01",
          courthouse={"proceeding": "civil_governed_by_351_2"})


def test_351_unknown_kind_of_action():
    check(DISC, REVIEW, "evid 351.3(a)", "party_or_attorney", [DISC], "2025-01-01", courthouse={})


@pytest.mark.parametrize("as_of", ["2022-01-01", "2022-08-21", "2019-06-01", "2018-05-16"])
def test_351_lapse_and_sb785_period_refused(as_of):
    # 2022-01-01..2022-08-21: no text in force (SB 785 repealed itself); 2018-05-17..2021-12-31: the SB 785 text is
    # not in the corpus; before: no section. The engine answers only from a text in force in the corpus.
    with pytest.raises(OutOfCoverage, match="2022-08-22"):
        decide("party_or_attorney", [DISC], as_of, courthouse={"proceeding": "criminal"})


# ---------------------------------------------------------------- Ed. Code 234.7 (text in force 2026-01-01)
LEA = "local_educational_agency"
ENTRY = "allow_entry_to_nonpublic_schoolsite_area"
RECORDS = "disclose_pupil_information"


@pytest.mark.parametrize("docs,status", [([], X), (["i200"], X), (["i205"], X), (["subpoena"], X),
                                         (["judicial_warrant"], P), (["judicial_subpoena"], P), (["court_order"], P)])
def test_234_7_a2_nonpublic_area(docs, status):
    check(ENTRY, status, "edc 234.7(a)(2)", LEA, ["enter_nonpublic_area"], "2026-01-01", docs=docs,
          site={"area": "nonpublic"})


def test_234_7_a2_public_area_and_unknown_area():
    check(ENTRY, P, "edc 234.7(a)(2)", LEA, ["enter_nonpublic_area"], "2026-02-01", site={"area": "public"})
    check(ENTRY, REVIEW, "edc 234.7(a)(2)", LEA, ["enter_nonpublic_area"], "2026-02-01", site={})


# 234.7(a)(2): "Allow an officer or employee of an agency conducting immigration enforcement to enter a nonpublic area
# of a schoolsite for any purpose without being presented with a valid judicial warrant or judicial subpoena, or a
# court order." "For any purpose": an ICE officer who says the visit is not for enforcement is still barred; only an
# officer of an agency that does not conduct immigration enforcement, on other business, is outside (a)(2).
@pytest.mark.parametrize("site,status", [
    ({"for_immigration_enforcement": False, "agency_conducts_immigration_enforcement": True}, X),
    ({"for_immigration_enforcement": True, "agency_conducts_immigration_enforcement": True}, X),
    ({"for_immigration_enforcement": True}, X),  # seeking entry for immigration enforcement: its agency conducts it
    ({"for_immigration_enforcement": False}, REVIEW),  # whose agency is not said
    ({"for_immigration_enforcement": False, "agency_conducts_immigration_enforcement": False}, P),
])
def test_234_7_a2_for_any_purpose(site, status):
    a = check(ENTRY, status, "edc 234.7(a)(2)", LEA, ["enter_nonpublic_area"], "2026-02-01", site={"area": "nonpublic", **site})
    if status == REVIEW:
        assert "for any purpose" in a.reason


def test_234_7_c_report_follows_the_purpose_not_the_agency():
    # (c): requests "by an officer or employee of a law enforcement agency for the purpose of enforcing the
    # immigration laws" -- the purpose decides here
    check("report_request_to_governing_board", P, "edc 234.7(c)", LEA, ["enter_nonpublic_area"], "2026-02-01",
          site={"area": "nonpublic", "for_immigration_enforcement": False, "agency_conducts_immigration_enforcement": True})


def test_234_7_a_required_by_law_is_review():
    check(ENTRY, REVIEW, "edc 234.7(a)(2)", LEA, ["enter_nonpublic_area"], "2026-02-01",
          site={"area": "nonpublic", "required_by_law_or_program": True})


def test_234_7_a1_no_collection():
    check("collect_pupil_immigration_status", X, "edc 234.7(a)(1)", LEA, ["collect_immigration_status"], "2026-02-01")


@pytest.mark.parametrize("site,docs,status,cite", [
    ({}, [], X, "edc 234.7(b)"),
    ({}, ["i247a"], X, "edc 234.7(b)"),
    ({}, ["judicial_subpoena"], P, "edc 234.7(b)"),
    ({"parent_written_consent": True}, [], P, "edc 234.7(b)"),
    ({"refusal_not_practicable": True}, [], REVIEW, "edc 234.7(b)"),
    ({"refusal_not_practicable": None}, [], REVIEW, "edc 234.7(b)"),
    ({"information_is_immigration_status": True}, [], REVIEW, "edc 234.7(i)"),
    # "to an officer or employee of an agency conducting immigration enforcement": the agency, not this request's
    # purpose, decides; a request not for enforcement is outside (b) only if the agency is not such an agency
    ({"for_immigration_enforcement": False, "agency_conducts_immigration_enforcement": False}, [], P, "edc 234.7(b)"),
    ({"for_immigration_enforcement": False}, [], REVIEW, "edc 234.7(b)"),
    ({"for_immigration_enforcement": False, "agency_conducts_immigration_enforcement": True}, [], X, "edc 234.7(b)"),
])
def test_234_7_b_records(site, docs, status, cite):
    check(RECORDS, status, cite, LEA, ["pupil_information"], "2026-03-01", docs=docs, site=site)


def test_234_7_c_report_to_board():
    a = check("report_request_to_governing_board", REQ, "edc 234.7(c)", LEA, ["pupil_information"], "2026-03-01")
    assert a.duty and "governing board" in a.duty.to_whom


@pytest.mark.parametrize("as_of", ["2025-12-31", "2025-09-20", "2018-07-01"])
def test_234_7_before_the_text_in_the_corpus_refused(as_of):
    # the AB 49 (2025-09-20) and AB 699 versions are not in the corpus
    assert_not_answered_from_law("allow_entry_to_nonpublic_schoolsite_area", "edc 234.7|Ed. Code § 234.7", LEA,
                                 ["enter_nonpublic_area"], as_of, site={"area": "nonpublic"})


def test_234_7_other_actors_not_answered():
    with pytest.raises(ValueError, match="no rule"):
        decide("private_employer", ["pupil_information"], "2026-03-01")


# ---------------------------------------------------------------- H&S Code 24251 (in force 2025-09-20; unverified copy)
HC = "health_care_provider_entity"
ACCESS = "allow_access_to_nonpublic_health_facility_area"


@pytest.mark.parametrize("docs,site,status", [
    ([], {"area": "nonpublic"}, X),
    (["i200"], {"area": "nonpublic"}, X),
    (["court_order"], {"area": "nonpublic", "order_specifically_grants_access": True}, P),
    (["judicial_warrant"], {"area": "nonpublic", "order_specifically_grants_access": True}, P),
    (["judicial_warrant"], {"area": "nonpublic", "order_specifically_grants_access": False}, REVIEW),
    (["court_order"], {"area": "nonpublic", "order_specifically_grants_access": False}, X),
    ([], {"area": "public"}, P),
    ([], {"area": "nonpublic", "other_law_requires_access": True}, REVIEW),
    ([], {"area": "nonpublic", "for_immigration_enforcement": False}, P),
])
def test_24251_b(docs, site, status):
    a = check(ACCESS, status, "hsc 24251(b)", HC, ["enter_nonpublic_area"], "2025-09-20", docs=docs, site=site)
    assert "third-party copy" in a.reason


def test_24251_c_document_the_denial():
    a = check("witness_and_document_denial", REQ, "hsc 24251(c)", HC, ["enter_nonpublic_area"], "2026-01-05",
              site={"area": "nonpublic"})
    assert a.duty is not None


def test_24251_before_sb81_refused():
    with pytest.raises(OutOfCoverage, match="hsc 24251"):
        decide(HC, ["enter_nonpublic_area"], "2025-09-19", site={"area": "nonpublic"})


# ---------------------------------------------------------------- Civ. Code 1670.9; Gov. Code 7310, 7311
C1670, C7310, C7311 = "detention_contract_civ_1670_9", "detention_contract_gov_7310", "detention_contract_gov_7311"
NEW_FED = {"contract_with": "federal", "contract_action": "new", "contract_existed_2018_01_01": False,
           "contract_existed_2017_06_15": False, "facility_owned_operated_by_local_entity": True}


@pytest.mark.parametrize("kind", ["local_government", "county_sheriff", "city_police"])
def test_1670_9_a_no_new_contract(kind):
    check(C1670, X, "civ 1670.9(a)", kind, ["detention_contract"], "2023-01-01", detention=NEW_FED | {"detainees": "adults"})


def test_1670_9_a_private_corporation_too():
    check(C1670, X, "civ 1670.9(a)", "local_government", ["detention_contract"], "2024-01-01",
          detention=NEW_FED | {"contract_with": "private_corporation", "detainees": "adults"})


def test_1670_9_b_existing_contract():
    base = {"contract_with": "federal", "contract_action": "renew_or_modify", "contract_existed_2018_01_01": True,
            "detainees": "adults"}
    check(C1670, X, "civ 1670.9(b)", "county_sheriff", ["detention_contract"], "2024-01-01", detention=base | {"expands_beds": True})
    check(C1670, P, "civ 1670.9(b)", "county_sheriff", ["detention_contract"], "2024-01-01", detention=base | {"expands_beds": False})
    check(C1670, REVIEW, "civ 1670.9(b)", "county_sheriff", ["detention_contract"], "2024-01-01", detention=base)


def test_1670_9_not_civil_immigration_custody():
    check(C1670, P, "civ 1670.9(a)", "local_government", ["detention_contract"], "2024-01-01",
          detention=NEW_FED | {"civil_immigration_custody": False})


def test_1670_9_before_the_text_in_the_corpus_refused():
    # the SB 29 text (2018-2021) is not in the corpus
    assert_not_answered_from_law(C1670, "civ 1670.9|Civ. Code § 1670.9", "local_government", ["detention_contract"],
                                 "2021-12-31", detention=NEW_FED)


def test_7310_for_cities_and_counties():
    check(C7310, X, "gov 7310(a)", "local_government", ["detention_contract"], "2024-01-01", detention=NEW_FED | {"detainees": "adults"})
    check(C7310, X, "gov 7310(b)", "local_government", ["detention_contract"], "2024-01-01",
          detention={"contract_with": "federal", "contract_action": "renew_or_modify", "contract_existed_2017_06_15": True,
                     "contract_existed_2018_01_01": True, "expands_beds": True, "facility_owned_operated_by_local_entity": True})
    check(C7310, P, "gov 7310(a)", "local_government", ["detention_contract"], "2024-01-01",
          detention=NEW_FED | {"facility_owned_operated_by_local_entity": False})


def test_7310_b_expansion_whoever_owns_the_facility():
    """7310(a) bars new contracts "to house or detain in a locked detention facility owned and operated by a local
    entity"; 7310(b) bars expanding an existing contract's beds "that may be utilized to house or detain in a locked
    detention facility" -- without the ownership words. An expansion at a facility a local entity does not own and
    operate is still barred by (b)."""
    renewal = {"contract_with": "federal", "contract_action": "renew_or_modify", "contract_existed_2017_06_15": True,
               "contract_existed_2018_01_01": True, "detainees": "adults", "facility_owned_operated_by_local_entity": False}
    check(C7310, X, "gov 7310(b)", "local_government", ["detention_contract"], "2024-01-01", detention=renewal | {"expands_beds": True})
    check(C7310, P, "gov 7310(b)", "local_government", ["detention_contract"], "2024-01-01", detention=renewal | {"expands_beds": False})
    # ownership not known: decides (a) only, so a renewal does not wait for it
    unknown = {k: v for k, v in renewal.items() if k != "facility_owned_operated_by_local_entity"}
    check(C7310, X, "gov 7310(b)", "local_government", ["detention_contract"], "2024-01-01", detention=unknown | {"expands_beds": True})


def test_7310_answered_for_law_enforcement_beside_values_act():
    # 7310(a): "A city, county, city and county, or local law enforcement agency ..." (detention_contract), while
    # house_federal_detainees stays the Values Act's 7284.6(a)(6) question.
    got = decide("county_sheriff", ["detention_contract", "house_federal_detainees"], "2024-01-01", detention=NEW_FED)
    assert got[C7310].status == "prohibited" and got[C7310].citations[0].address == "gov 7310(a)"
    assert got["contract_to_house_federal_detainees"].act == "us-ca/values_act"
    got = decide("county_sheriff", ["house_federal_detainees"], "2024-01-01")
    assert got["contract_to_house_federal_detainees"].status == "needs_review"  # housing_contract_existed_2017_06_15 not given


def test_7311_minors():
    minors = NEW_FED | {"detainees": "minors"}
    check(C7311, X, "gov 7311(a)", "local_government", ["detention_contract"], "2024-01-01", detention=minors)
    check(C7311, P, "gov 7311(c)", "county_probation", ["detention_contract"], "2024-01-01",
          detention=minors | {"dss_certified_temporary_less_restrictive": True})
    check(C7311, X, "gov 7311(b)", "local_government", ["detention_contract"], "2024-01-01",
          detention=minors | {"contract_action": "renew_or_modify", "contract_existed_2017_06_15": True,
                              "contract_existed_2018_01_01": True, "expands_beds": True})
    assert C7310 not in decide("local_government", ["detention_contract"], "2024-01-01", detention=minors)


def test_1670_9_d_land_and_permits():
    check("approve_detention_land_or_permit", X, "civ 1670.9(d)", "local_government", ["detention_land_or_permit"],
          "2024-01-01", detention={"public_notice_180_days": True, "two_public_meetings": False})
    check("approve_detention_land_or_permit", P, "civ 1670.9(d)", "local_government", ["detention_land_or_permit"],
          "2024-01-01", detention={"public_notice_180_days": True, "two_public_meetings": True})


# ---------------------------------------------------------------- Pen. Code 9500, 9501; GEO Group v. Newsom
OP = "operate_private_detention_facility"
PRIVATE = {"private_for_profit_under_government_contract": True, "title_9_5_exception_applies": False}


@pytest.mark.parametrize("kind", ["private_detention_operator", "private_immigration_detention_operator"])
def test_9501_before_litigation(kind):
    check(OP, X, "pen 9501", kind, [OP], "2020-01-01", detention=PRIVATE)


def test_9501_before_ab32_refused():
    with pytest.raises(OutOfCoverage, match="pen 9500|pen 9501"):
        decide("private_detention_operator", [OP], "2019-12-31", detention=PRIVATE)


@pytest.mark.parametrize("as_of,status,order", [
    ("2020-10-07", X, None), ("2020-10-08", REVIEW, "geo-v-newsom-pi-and-panel-2020"),
    ("2022-09-25", REVIEW, "geo-v-newsom-pi-and-panel-2020"), ("2022-09-26", UNENF, "geo-v-newsom-en-banc-2022"),
    ("2026-06-01", UNENF, "geo-v-newsom-en-banc-2022"),
])
def test_9501_geo_group_as_applied_to_ice_detention(as_of, status, order):
    a = check(OP, status, "pen 9501", "private_immigration_detention_operator", [OP], as_of, detention=PRIVATE)
    assert (a.order.id if a.order else None) == order


def test_9501_other_private_facilities_not_affected_by_geo():
    a = check(OP, X, "pen 9501", "private_detention_operator", [OP], "2026-06-01", detention=PRIVATE)
    assert a.order is None


def test_9501_private_facility_under_another_federal_contract_is_review():
    """GEO Group v. Newsom (en banc, 2022; LATER.md A4) held AB 32 violates the Supremacy Clause "as applied to ICE's
    privately run immigration detention"; the corpus records no holding on private facilities under other federal
    contracts (e.g. the U.S. Marshals Service), whose ground (a State's review over federal detention decisions) may
    reach them as well. 9501's words alone ("a person shall not operate a private detention facility") would say
    prohibited; with the federal question open, needs review, not a confident prohibition."""
    a = check(OP, REVIEW, "pen 9501", "private_detention_operator", [OP], "2026-06-01",
              detention={**PRIVATE, "contract_with": "federal"})
    assert a.rule == "detention.9501.federal_contract" and "GEO Group" in a.reason
    # ICE's own contractors keep the court's answer (the en banc holding, as an overlay)
    a = check(OP, UNENF, "pen 9501", "private_immigration_detention_operator", [OP], "2026-06-01",
              detention={**PRIVATE, "contract_with": "federal"})
    assert a.order.id == "geo-v-newsom-en-banc-2022"


def test_9501_exceptions_not_in_corpus_are_review():
    check(OP, REVIEW, "pen 9501", "private_detention_operator", [OP], "2024-01-01",
          detention={"private_for_profit_under_government_contract": True})
    check(OP, P, "pen 9500(b)", "private_detention_operator", [OP], "2024-01-01",
          detention={"private_for_profit_under_government_contract": False})


# ---------------------------------------------------------------- Gov. Code 12532
def test_12532_a_reviews_required():
    a = check("review_detention_facilities", REQ, "gov 12532(a)", "attorney_general", ["review_detention_facilities"], "2024-01-01")
    assert a.duty is not None
    check("review_detention_facilities", REVIEW, "gov 12532(a)", "attorney_general", ["review_detention_facilities"], "2017-01-01")


@pytest.mark.parametrize("as_of", ["2018-06-01", "2019-04-18", "2026-01-01"])
def test_12532_b1c_not_in_corpus_is_review(as_of):
    check("review_apprehension_and_transfer", REVIEW, "gov 12532(b)(1)", "attorney_general",
          ["review_apprehension_and_transfer"], as_of)


# ---------------------------------------------------------------- Pen. Code 185.5 (2026-01-01) and the 2026 PI
MASK = "wear_facial_covering"
OPAQUE = {"covering": "opaque"}


@pytest.mark.parametrize("kind", ["city_police", "county_sheriff", "school_police", "other_state_law_enforcement"])
@pytest.mark.parametrize("as_of", ["2026-01-01", "2026-02-19", "2026-11-01"])
def test_185_5_local_and_other_state_officers(kind, as_of):
    a = check(MASK, X, "pen 185.5(a)", kind, [MASK], as_of, officer=OPAQUE)
    assert a.order is None


@pytest.mark.parametrize("as_of,status,order", [
    ("2026-01-01", REVIEW, "us-v-ca-2025-enforcement-paused-sb627"),
    ("2026-02-18", REVIEW, "us-v-ca-2025-enforcement-paused-sb627"),
    ("2026-02-19", UNENF, "us-v-ca-2026-pi-face-coverings-federal"),
    ("2026-11-01", UNENF, "us-v-ca-2026-pi-face-coverings-federal"),
])
def test_185_5_federal_officers_and_the_2026_order(as_of, status, order):
    a = check(MASK, status, "pen 185.5(a)", "federal_law_enforcement", [MASK], as_of, officer=OPAQUE)
    assert a.order.id == order


@pytest.mark.parametrize("kind", ["state_law_enforcement", "cdcr"])
def test_185_5_e_state_officers_not_covered(kind):
    check(MASK, P, "pen 185.5(e)", kind, [MASK], "2026-03-01", officer=OPAQUE)


@pytest.mark.parametrize("officer,cite", [
    ({"covering": "medical_or_protective"}, "pen 185.5(b)(2)"),
    ({"covering": "motorcycle_helmet"}, "pen 185.5(b)(2)"),
    ({"covering": "opaque", "exemptions": ["swat"]}, "pen 185.5(c)(2)"),
    ({"covering": "opaque", "exemptions": ["undercover"]}, "pen 185.5(c)(1)"),
    ({"covering": "opaque", "exemptions": ["reasonable_accommodation"]}, "pen 185.5(c)(1)"),
])
def test_185_5_exclusions_and_exemptions(officer, cite):
    check(MASK, P, cite, "city_police", [MASK], "2026-03-01", officer=officer)


def test_185_5_before_sb627_refused():
    with pytest.raises(OutOfCoverage, match="pen 185.5"):
        decide("city_police", [MASK], "2025-12-31", officer=OPAQUE)


def test_185_5_unknown_covering_is_review():
    check(MASK, REVIEW, "pen 185.5(b)(2)", "city_police", [MASK], "2026-03-01", officer={})


# ---------------------------------------------------------------- Pen. Code 13654 (operative 2026-01-01); SB 805 PI denied
NOID = "operate_without_visible_id"
PLAIN = {"uniformed": False, "enforcement_duties": True, "agency_posted_identification_policy": False}


@pytest.mark.parametrize("kind", ["city_police", "state_law_enforcement", "cdcr"])
def test_13654_a_peace_officers(kind):
    check(NOID, X, "pen 13654(a)", kind, [NOID], "2026-01-01", officer=PLAIN)


def test_13654_f_not_operative_before_2026():
    check(NOID, P, "pen 13654(f)", "city_police", [NOID], "2025-12-31", officer=PLAIN)
    with pytest.raises(OutOfCoverage):
        decide("city_police", [NOID], "2025-09-19", officer=PLAIN)


@pytest.mark.parametrize("as_of,status,order", [
    ("2026-01-01", REVIEW, "us-v-ca-2025-enforcement-paused-sb805"),
    ("2026-02-08", REVIEW, "us-v-ca-2025-enforcement-paused-sb805"),
    ("2026-02-09", X, None),  # PI denied: the identification requirement stands
    ("2026-11-01", X, None),
])
def test_13654_federal_officers(as_of, status, order):
    a = check(NOID, status, "pen 13654(a)", "federal_law_enforcement", [NOID], as_of, officer=PLAIN)
    assert (a.order.id if a.order else None) == order


@pytest.mark.parametrize("exemption,cite", [("undercover", "pen 13654(b)(1)"), ("plainclothes_listed_agency", "pen 13654(b)(2)"),
                                            ("protective_equipment", "pen 13654(b)(3)"), ("exigent", "pen 13654(b)(4)"),
                                            ("swat_or_tactical", "pen 13654(b)(5)"), ("swat", "pen 13654(b)(5)"),
                                            ("dignitary_protection", "pen 13654(b)(6)")])
def test_13654_b_exemptions(exemption, cite):
    check(NOID, P, cite, "federal_law_enforcement", [NOID], "2026-03-01", officer=PLAIN | {"exemptions": [exemption]})


def test_13654_uniformed_duties_policy_other_state():
    check(NOID, P, "pen 13654(a)", "city_police", [NOID], "2026-03-01", officer=PLAIN | {"uniformed": True})
    check(NOID, P, "pen 13654(d)(1)", "city_police", [NOID], "2026-03-01", officer=PLAIN | {"enforcement_duties": False})
    check(NOID, REVIEW, "pen 13654(e)", "city_police", [NOID], "2026-03-01",
          officer=PLAIN | {"agency_posted_identification_policy": True})
    check(NOID, REVIEW, "pen 13654(d)(2)", "other_state_law_enforcement", [NOID], "2026-03-01", officer=PLAIN)


# ---------------------------------------------------------------- Gov. Code 7288, 7289; Pen. Code 13653
def test_7288_7289_policies():
    a = check("post_identification_policy", REQ, "gov 7288(a)", "city_police", ["post_identification_policy"], "2025-09-20")
    assert "January 1, 2026" in a.duty.deadline
    a = check("post_facial_covering_policy", REQ, "gov 7289(a)", "county_sheriff", ["post_facial_covering_policy"], "2026-02-19")
    assert "July 1, 2026" in a.duty.deadline and a.order is None  # the 2026 PI left the policy provisions in force
    check("post_facial_covering_policy", REVIEW, "gov 7289(a)", "federal_law_enforcement", ["post_facial_covering_policy"], "2026-03-01")
    with pytest.raises(OutOfCoverage):
        decide("city_police", ["post_facial_covering_policy"], "2025-12-31")


def test_13653_request_identification():
    check("request_officer_identification", P, "pen 13653(a)", "city_police", ["request_officer_identification"],
          "2025-09-20", officer={"suspicion_of_crime": True})
    check("request_officer_identification", REVIEW, "pen 13653(a)", "city_police", ["request_officer_identification"],
          "2025-09-20", officer={"suspicion_of_crime": False})
    with pytest.raises(OutOfCoverage):
        decide("city_police", ["request_officer_identification"], "2025-09-19", officer={"suspicion_of_crime": True})


def test_state_officer_mask_names_the_agency_policy_7289_requires():
    """185.5(e) leaves state officers out, so 185.5 does not bar them; but 7289(a) binds "a law enforcement agency
    operating in California" (a state agency too) to post by July 1, 2026 a policy with "(2) A requirement that all
    sworn personnel not use a facial covering when performing their duties": the answer must say so."""
    a = check("wear_facial_covering", P, "pen 185.5(e)", "state_law_enforcement", ["wear_facial_covering"], "2026-08-01",
              officer={"covering": "opaque"})
    assert "gov 7289(b)(2)" in [c.address for c in a.citations]
    assert "Gov. Code 7289(a), (b)(2)" in a.reason and "not use a facial covering" in a.reason
