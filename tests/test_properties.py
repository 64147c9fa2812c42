"""Properties of the law-enforcement rules that must hold for every case (hypothesis)."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctuary.engine.rulebook import default_rulebook
from sanctuary.vocabulary.case import Case

AS_OF = dt.date(2024, 6, 1)
LOCAL_POLICY_RULES = {"values_act.notification.local_policy", "trust_act.transfer.local_policy",
                      "values_act.personal_information.public.local_policy"}
CITATIONS = ["PC 245(a)(1)", "PC 211", "PC 496(a)", "PC 602(k)", "PC 490.2", "PC 459.5", "PC 242", "PC 273.5",
             "VC 23152(a)", "HS 11350", "HS 11378", "PC 187(a)", "PC 148(a)(1)", "PC 666", "PC 422"]

dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=AS_OF)
convictions = st.fixed_dictionaries({
    "citation": st.sampled_from(CITATIONS),
    "level": st.sampled_from(["felony", "misdemeanor"]),
    "date": dates,
}, optional={"reduced_under_prop47": st.booleans(), "sentenced_to_state_prison": st.sampled_from([None, True, False])})
charges = st.fixed_dictionaries({
    "citation": st.sampled_from(CITATIONS),
    "level": st.sampled_from(["felony", "misdemeanor"]),
    "magistrate_probable_cause": st.booleans(),
})
histories = st.fixed_dictionaries({
    "convictions": st.lists(convictions, max_size=4),
    "pending_charges": st.lists(charges, max_size=2),
    "current_sex_arson_registrant": st.sampled_from([False, True, None]),
    "federal_felony_warrant_identified_by_ice": st.booleans(),
})
actors = st.sampled_from(["county_jail", "city_police", "county_sheriff", "school_police", "state_law_enforcement", "county_probation"])


def case(actor, asks, history, documents=(), public=False, policy=False):
    return Case.model_validate({
        "as_of": AS_OF, "actor": {"kind": actor, "local_policy_restricts": policy},
        "request": {"asks": list(asks), "documents": list(documents), "information_is_public": public},
        "person": {"history": history},
    })


def answer(c, action):
    return next(a for a in default_rulebook().decide(c).answers if a.action == action)


QUALIFYING = [
    {"convictions": [{"citation": "PC 245(a)(1)", "level": "felony", "date": dt.date(2001, 1, 1)}]},  # (a)(1)
    {"convictions": [{"citation": "PC 602(k)", "level": "felony", "date": dt.date(2001, 1, 1), "sentenced_to_state_prison": True}]},  # (a)(2)
    {"convictions": [{"citation": "PC 245(a)(1)", "level": "misdemeanor", "date": dt.date(2022, 1, 1)}]},  # (a)(3)
    {"current_sex_arson_registrant": True},  # (a)(4)
    {"federal_felony_warrant_identified_by_ice": True},  # (a)(5)
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actor=actors, history=histories, extra=st.sampled_from(QUALIFYING), public=st.sampled_from([False, True, None]))
def test_adding_a_qualifying_conviction_never_turns_a_permitted_notification_into_a_prohibited_one(actor, history, extra, public):
    before = answer(case(actor, ["notification"], history, public=public), "provide_release_date_or_notification")
    more = {**history, "convictions": history["convictions"] + extra.get("convictions", [])}
    for k in ("current_sex_arson_registrant", "federal_felony_warrant_identified_by_ice"):
        if k in extra:
            more[k] = extra[k]
    after = answer(case(actor, ["notification"], more, public=public), "provide_release_date_or_notification")
    if before.status == "permitted":
        assert after.status != "prohibited", (before.rule, after.rule)
    assert after.status != "prohibited" or after.rule in {"trust_act.notification.prop47"} | LOCAL_POLICY_RULES


@settings(max_examples=150, deadline=None)
@given(actor=actors, history=histories, ask=st.sampled_from(["notification", "release_date", "home_or_work_address", "personal_information"]),
       policy=st.booleans())
def test_public_information_is_never_prohibited_for_being_non_public(actor, history, ask, policy):
    c = case(actor, [ask], history, public=True, policy=policy)
    for a in default_rulebook().decide(c).answers:
        assert a.rule not in {"values_act.no_release_information", "values_act.no_personal_information"}
        if a.kind == "action" and a.status == "prohibited":
            assert a.rule in LOCAL_POLICY_RULES, a.rule


@settings(max_examples=150, deadline=None)
@given(actor=actors, history=histories,
       admin=st.lists(st.sampled_from(["i200", "i205", "other_civil_immigration_warrant"]), min_size=1, max_size=3, unique=True),
       other=st.lists(st.sampled_from(["i247a", "i247x", "judicial_warrant", "judicial_probable_cause_determination"]), max_size=2, unique=True))
def test_an_administrative_warrant_never_counts_as_a_judicial_one(actor, history, admin, other):
    without = answer(case(actor, ["transfer"], history, documents=other), "transfer_to_immigration_authorities")
    with_admin = answer(case(actor, ["transfer"], history, documents=other + admin), "transfer_to_immigration_authorities")
    assert with_admin.status == without.status
    if not {"judicial_warrant", "judicial_probable_cause_determination"} & set(other):
        assert with_admin.rule not in {"values_act.transfer.judicial_warrant", "values_act.transfer.judicial_probable_cause"}
