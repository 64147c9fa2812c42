"""Officers' identification and face coverings: Penal Code 185.5 and Gov. Code 7289 (SB 627, No Secret Police Act,
in force 2026-01-01), Penal Code 13653 and 13654 and Gov. Code 7288 (SB 805, No Vigilantes Act, in force 2025-09-20;
13654 operative 2026-01-01).

The actor is the officer's agency (city_police, county_sheriff, state_law_enforcement, cdcr,
federal_law_enforcement, other_state_law_enforcement, ...): "may an officer of this agency ...". Court events (the
2026 preliminary injunction on 185.5 as applied to federal officers; its denial as to SB 805) are in
timeline/later-laws.yaml, applied by the rulebook, not repeated here.

Exemptions differ between the sections: 185.5(c)(2) names SWAT team units only, 13654(b)(5) "SWAT or tactical team
units"; the vocabulary's "swat" is both, "swat_or_tactical" (a tactical team not said to be SWAT) only 13654(b)(5),
and under 185.5 it is needs review unless another exemption decides.

Texts: 185.5, 13653 and 13654 are complete (official bulk mirror). 7288 and 7289 are INCOMPLETE (third-party copies
ending in (b) and (c)): their definitions, if any, are missing, so whether a federal agency is "a law enforcement
agency operating in California" for the policy duties is left for review.
"""

import datetime as dt

from sanctuary.engine import Decision, Duty, Fact, IsTrue, Rule, Status
from sanctuary.vocabulary.case import LOCAL_LAW_ENFORCEMENT, ActorKind as A, RequestKind as R
from sanctuary.vocabulary.places import Exemption as E

from ..common import actor_kind, as_of, asks

ACT = "us-ca/officer_identification"
P, X, REQ, REVIEW = Status.PERMITTED, Status.PROHIBITED, Status.REQUIRED, Status.NEEDS_REVIEW

local = actor_kind.isin(LOCAL_LAW_ENFORCEMENT)
state = actor_kind.isin([A.STATE_LAW_ENFORCEMENT, A.CDCR])
federal = actor_kind == A.FEDERAL_LAW_ENFORCEMENT
other_state = actor_kind == A.OTHER_STATE_LAW_ENFORCEMENT
officer_actor = local | state | federal | other_state


def exempt(*kinds: E):
    out = IsTrue(Fact(f"officer_exempt_{kinds[0].value}"))
    for k in kinds[1:]:
        out = out | IsTrue(Fact(f"officer_exempt_{k.value}"))
    return out


covering = Fact("officer_covering")

# ---------------------------------------------------------------- Pen. Code 185.5
# "(a) A law enforcement officer shall not wear a facial covering that conceals or obscures their facial identity in
# the performance of their duties, except as expressly authorized in this section."
# "(e) ... 'law enforcement officer' means a peace officer, as defined in Section 830, employed by a city, county,
# or other local agency as well as any officer or agent of a federal law enforcement agency or any law enforcement
# agency of another state or any person acting on behalf of [either]." -- state officers are not in it.
# "(b)(2) A 'facial covering' does not include ..." (A) translucent shield per policy, (B) N95/surgical/protective,
# (C) underwater, (D) motorcycle helmet, (E) laser eyewear.
# "(c) This section does not apply to ...: (1) An officer subject to one or more of the exemptions set forth in
# paragraph (3) of subdivision (b) of Section 7289 of the Government Code. (2) An officer assigned to [SWAT] units
# while actively performing their SWAT responsibilities."
# "(f) The criminal penalties in this section shall not apply to any law enforcement officer if they were acting in
# their capacity as an employee of the agency and the agency maintains and publicly posts, no later than July 1,
# 2026, a written policy pursuant to Section 7289 ..." -- the penalties only; the prohibition stands.
_7289_exemptions = (E.UNDERCOVER, E.PROTECTIVE_EQUIPMENT, E.OCCUPATIONAL_SAFETY_LAW, E.IDENTITY_DURING_PROSECUTION,
                    E.REASONABLE_ACCOMMODATION)
facial_covering = Decision(
    "wear_facial_covering", "Wear a facial covering that conceals facial identity on duty", ACT,
    officer_actor & asks(R.WEAR_FACIAL_COVERING),
    [
        # 7289(a), (b)(2): "By July 1, 2026, a law enforcement agency operating in California shall maintain and
        # publicly post a written policy regarding the use of facial coverings. (b) The policy shall include ...
        # (2) A requirement that all sworn personnel not use a facial covering when performing their duties." The
        # statute bars the state officer only through the agency's policy; the answer under 185.5 says so.
        Rule("mask.state_officer", P, ("pen 185.5(e)", "gov 7289(a)", "gov 7289(b)(2)"),
             "185.5 defines \"law enforcement officer\" as local peace officers and federal and other-state officers; "
             "officers of a California state agency are not in it, so 185.5 does not bar them. But every law "
             "enforcement agency operating in California, a state agency included, must maintain and publicly post by "
             "July 1, 2026 a facial-covering policy with \"a requirement that all sworn personnel not use a facial "
             "covering when performing their duties\" and narrow exemptions (Gov. Code 7289(a), (b)(2), (b)(3)): "
             "check the agency's policy. (7289 is read from an incomplete third-party copy.)",
             when=state),
        Rule("mask.not_a_facial_covering", P, ("pen 185.5(b)(2)",),
             "What the officer wears is not a \"facial covering\" under 185.5(b)(2) (translucent shield per policy, "
             "medical or protective mask, underwater gear, motorcycle helmet, laser eyewear).",
             when=covering.isin(["translucent_per_policy", "medical_or_protective", "underwater", "motorcycle_helmet", "laser_eyewear", "none"])),
        Rule("mask.not_on_duty", P, ("pen 185.5(a)",),
             "185.5(a) applies in the performance of the officer's duties only.",
             when=~Fact("officer_performing_duties")),
        Rule("mask.swat", P, ("pen 185.5(c)(2)",),
             "An officer assigned to a SWAT unit while actively performing SWAT responsibilities is outside 185.5.",
             when=exempt(E.SWAT)),
        Rule("mask.7289_exemption", P, ("pen 185.5(c)(1)", "gov 7289(b)(3)"),
             "The officer is subject to an exemption listed in Gov. Code 7289(b)(3) (undercover operations authorized "
             "by supervisors or court order, tactical protective gear, occupational health and safety law, identity "
             "protection during prosecution, reasonable accommodation), so 185.5 does not apply. (7289 is read from "
             "an incomplete third-party copy.)",
             when=exempt(*_7289_exemptions)),
        # 185.5(c)(2) names "Special Weapons and Tactics (SWAT) team units" only, where 13654(b)(5) says "SWAT or
        # tactical team units": a tactical team not said to be SWAT is outside (c)(2) on its words, and (c)(1) through
        # 7289(b)(3)(B) ("Tactical operations where protective gear is required for physical safety") turns on a fact
        # not given (protective_equipment, decided above).
        Rule("mask.tactical_not_swat", REVIEW, ("pen 185.5(c)(2)", "pen 185.5(c)(1)", "gov 7289(b)(3)"),
             "185.5(c)(2) exempts \"an officer assigned to Special Weapons and Tactics (SWAT) team units while actively "
             "performing their SWAT responsibilities\" only; unlike 13654(b)(5), it does not name other tactical team "
             "units. If the officer is on a SWAT unit performing SWAT duties, 185.5 does not apply (say \"swat\"). "
             "Otherwise the officer is exempt only under 185.5(c)(1), e.g. Gov. Code 7289(b)(3)(B), \"Tactical "
             "operations where protective gear is required for physical safety\" (say \"protective_equipment\" if "
             "so). Have counsel review.",
             when=exempt(E.SWAT_OR_TACTICAL)),
        Rule("mask.prohibited", X, ("pen 185.5(a)", "pen 185.5(d)", "pen 185.5(f)"),
             "A law enforcement officer may not wear a facial covering that conceals or obscures facial identity while "
             "performing their duties. A willful and knowing violation is an infraction or misdemeanor, but the "
             "criminal penalties do not apply to an officer acting as the agency's employee where the agency "
             "maintains and publicly posted, by July 1, 2026, a policy under Gov. Code 7289 (185.5(f)); the "
             "prohibition and the civil liability of 185.5(g) remain."),
    ],
)

# ---------------------------------------------------------------- Pen. Code 13654
# "(a) A law enforcement officer operating in California that is not uniformed, and therefore is not required to
# clearly display identification pursuant to Section 830.10, shall visibly display identification that includes
# their agency and either a name or badge number or both name and badge number when performing their enforcement
# duties, unless expressly exempt under subdivision (b)."  (b): exemptions (1)-(6).
# "(d)(2) 'Law enforcement officer' means a peace officer as defined in Section 830, and any federal law
# enforcement officer."  "(e) This section, and the penalties established herein, shall not apply to any law
# enforcement agency, or its personnel, if that agency maintains and publicly posts a written policy pursuant to
# Section 7288 of the Government Code."  "(f) This section shall become operative on January 1, 2026."
_exemptions_13654 = [
    (E.UNDERCOVER, "pen 13654(b)(1)", "active undercover operations or investigative activities"),
    (E.PLAINCLOTHES_LISTED_AGENCY, "pen 13654(b)(2)", "plainclothes operations by an officer of a listed state agency or its federal equivalent"),
    (E.PROTECTIVE_EQUIPMENT, "pen 13654(b)(3)", "personal protective equipment that prevents display"),
    (E.EXIGENT, "pen 13654(b)(4)", "exigent circumstances"),
    (E.SWAT, "pen 13654(b)(5)", "SWAT team duties"),
    (E.SWAT_OR_TACTICAL, "pen 13654(b)(5)", "SWAT or tactical team duties"),
    (E.DIGNITARY_PROTECTION, "pen 13654(b)(6)", "protective operations for officials or dignitaries"),
]
visible_id = Decision(
    "operate_without_visible_id", "Perform enforcement duties, not uniformed, without visible identification", ACT,
    officer_actor & asks(R.OPERATE_WITHOUT_VISIBLE_ID),
    [
        Rule("id.not_operative", P, ("pen 13654(f)",),
             "13654 became operative on January 1, 2026; before then it did not require display.",
             when=as_of < dt.date(2026, 1, 1)),
        Rule("id.other_state_officer", REVIEW, ("pen 13654(d)(2)",),
             "13654 covers peace officers as defined in Penal Code 830 and federal officers; whether an officer of "
             "another state's agency is one turns on 830, which is not in the corpus. Have counsel review.",
             when=other_state),
        Rule("id.uniformed", P, ("pen 13654(a)",),
             "13654(a) covers an officer \"that is not uniformed, and therefore is not required to clearly display "
             "identification pursuant to Section 830.10\"; a uniformed officer is outside it. (What 830.10 requires of "
             "a uniformed officer is not in sanctuary's corpus.)",
             when=Fact("officer_uniformed")),
        Rule("id.not_enforcement_duties", P, ("pen 13654(d)(1)", "pen 13654(a)"),
             "Display is required when performing enforcement duties (active and planned operations involving arrest "
             "or detention, or crowd control); these are not.",
             when=~Fact("officer_enforcement_duties")),
        *[Rule(f"id.exempt.{e.value}", P, (cite,), f"13654 does not apply to an officer engaged in {why}.", when=exempt(e))
          for e, cite, why in _exemptions_13654],
        Rule("id.agency_policy", REVIEW, ("pen 13654(e)", "gov 7288(a)(2)"),
             "The agency maintains and publicly posts a Gov. Code 7288 policy, so 13654 and its penalties do not apply "
             "to it or its personnel; the agency's own policy governs, and 7288(a)(2) requires that policy to demand "
             "visible identification during enforcement duties, with listed exemptions. Check the policy.",
             when=IsTrue(Fact("officer_agency_posted_identification_policy"))),
        # Not known whether the agency posted a 7288 policy: under 13654(a), or under the policy 7288(a)(2) prescribes
        # ("A requirement that all sworn personnel visibly display identification ... when performing enforcement
        # duties"), the display is required; only the exemptions ((a)(3)) and the penalty differ.
        Rule("id.required_policy_unknown", X, ("pen 13654(a)", "pen 13654(e)", "gov 7288(a)(2)", "pen 13654(c)"),
             "A law enforcement officer who is not uniformed must visibly display identification showing the agency and "
             "a name or badge number (or both) when performing enforcement duties (13654(a)); a willful and knowing "
             "violation is a misdemeanor (13654(c)). You do not say whether the agency maintains and publicly posts a "
             "Gov. Code 7288 policy: if it does, 13654 and its penalties do not apply to it or its personnel "
             "(13654(e)), but that policy must itself require the same display (7288(a)(2)), with the exemptions it "
             "lists (7288(a)(3)).",
             when=~IsTrue(Fact("officer_agency_posted_identification_policy") == False)),  # noqa: E712
        Rule("id.required", X, ("pen 13654(a)", "pen 13654(c)"),
             "A law enforcement officer who is not uniformed must visibly display identification showing the agency and "
             "a name or badge number (or both) when performing enforcement duties; a willful and knowing violation is "
             "a misdemeanor."),
    ],
)

# ---------------------------------------------------------------- Gov. Code 7288 and 7289 (agency policies)
# 7288(a): "By January 1, 2026, a law enforcement agency operating in California shall maintain and publicly post a
# written policy on the visible identification of sworn personnel. The policy shall include, at minimum, ..."
# 7289(a): "By July 1, 2026, a law enforcement agency operating in California shall maintain and publicly post a
# written policy regarding the use of facial coverings."  (b) "The policy shall include, but not be limited to ..."
# Neither copy reaches a definition of "law enforcement agency"; a California agency is one on the plain words, a
# federal or other-state agency is left for review.
def _policy(action, title, ask, cite, deadline, what, section):
    return Decision(
        action, title, ACT, officer_actor & asks(ask),
        [
            Rule(f"policy.{section}.non_california_agency", REVIEW, (cite,),
                 f"Whether a federal or other-state agency is \"a law enforcement agency operating in California\" under "
                 f"{section} depends on words of the section the corpus does not hold (its copy is incomplete). "
                 "Have counsel review.",
                 when=federal | other_state),
            Rule(f"policy.{section}.required", REQ, (cite,),
                 f"The agency must maintain and publicly post a written policy {what} by {deadline}. ({section} is read "
                 "from an incomplete third-party copy.)",
                 duty=Duty(f"Maintain and publicly post a written policy {what}", f"by {deadline}")),
        ],
        kind="duty",
    )


id_policy = _policy("post_identification_policy", "Maintain and post a visible-identification policy",
                    R.POST_IDENTIFICATION_POLICY, "gov 7288(a)", "January 1, 2026",
                    "on the visible identification of sworn personnel (contents: 7288(a)(1)-(3))", "7288")
mask_policy = _policy("post_facial_covering_policy", "Maintain and post a facial-covering policy",
                      R.POST_FACIAL_COVERING_POLICY, "gov 7289(a)", "July 1, 2026",
                      "regarding the use of facial coverings (contents: 7289(b))", "7289")

# ---------------------------------------------------------------- Pen. Code 13653
# "(a) A peace officer, as defined in Section 830, may request an alleged law enforcement officer to present
# identification when there is probable cause or reasonable suspicion to believe the alleged law enforcement officer
# has committed a crime, including, but not limited to, impersonating a peace officer ... (b) ... 'law enforcement
# officer' includes a peace officer, as defined in Section 830, and any federal law enforcement officer."
request_id = Decision(
    "request_officer_identification", "Ask an alleged law enforcement officer (state or federal) to present identification", ACT,
    (local | state) & asks(R.REQUEST_OFFICER_IDENTIFICATION),
    [
        Rule("request_id.suspicion", P, ("pen 13653(a)", "pen 13653(b)"),
             "With probable cause or reasonable suspicion that the alleged officer committed a crime (such as "
             "impersonating a peace officer), a peace officer may ask them, federal officers included, to present "
             "identification.",
             when=Fact("officer_suspicion_of_crime")),
        Rule("request_id.no_suspicion", REVIEW, ("pen 13653(a)",),
             "13653 grants the power where there is probable cause or reasonable suspicion of a crime; it does not say "
             "what holds without it. Have counsel review."),
    ],
)

DECISIONS = [facial_covering, visible_id, id_policy, mask_policy, request_id]
