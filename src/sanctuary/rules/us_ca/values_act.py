"""The California Values Act (SB 54): Gov. Code 7284-7284.12 (Chapter 17.25), with 7282.5 where 7284.6 points to it.

Each decision below is one thing an agency may be asked to do. Its rules are tried in order: the exceptions the
statute writes ("unless", "notwithstanding", "except") come before the prohibition they lift, and the default
(the prohibition of 7284.6(a), or the allowance of 7284.6(b)) comes last.

7284.4(a): "California law enforcement agency" means a state or local law enforcement agency, including school
police or security departments; it "does not include the Department of Corrections and Rehabilitation", whose
duties are in 7284.10.
"""

import datetime as dt

from sanctuary.engine import Decision, Duty, Fact, IsTrue, Rule, Status
from sanctuary.vocabulary.case import ActorKind, DocumentKind as D, RequestKind as R

from ..common import (actor_kind, as_of, asks, california_law_enforcement_agency, cdcr, has_document,
                      information_is_public, local_law_enforcement_agency, local_policy_restricts)
from . import trust_act as trust

ACT = "us-ca/values_act"
P, X, REQ, REVIEW = Status.PERMITTED, Status.PROHIBITED, Status.REQUIRED, Status.NEEDS_REVIEW

values_act_actor = california_law_enforcement_agency | cdcr

# 7284.4(a): the CDCR is not a "California law enforcement agency": the limits of 7284.6 do not bind it.
cdcr_not_bound = Rule(
    "values_act.cdcr_excluded", P, ("gov 7284.4(a)",),
    "The Department of Corrections and Rehabilitation is not a \"California law enforcement agency\" under the "
    "Values Act (Gov. Code 7284.4(a)), so 7284.6 does not limit it; its own duties are in 7284.10.",
    when=cdcr,
)

# 7284.6(b), opening words: the allowances hold only where the act "does not violate any policy of the law
# enforcement agency or any local law or policy of the jurisdiction in which the agency is operating".
def local_policy_bars(rule_id: str, cite: str = "gov 7284.6(b)") -> Rule:
    return Rule(
        rule_id, X, (cite,),
        "A local law or policy of the agency or its jurisdiction forbids this; the Values Act allows it only where "
        "it does not violate such a law or policy.",
        when=local_policy_restricts,
    )


# ---------------------------------------------------------------- 7284.6(a)(1)(A)
# "Inquiring into an individual's immigration status." Exception (b)(4): inquiries needed to certify a T or U visa.
inquire_status = Decision(
    "inquire_into_immigration_status", "Ask about a person's immigration status", ACT,
    values_act_actor & asks(R.INQUIRE_IMMIGRATION_STATUS),
    [
        cdcr_not_bound,
        Rule("values_act.inquiry_for_tu_visa", P, ("gov 7284.6(b)(4)",),
             "Inquiries needed to certify a potential crime or trafficking victim for a T or U visa, or to comply "
             "with 18 U.S.C. 922(d)(5), are allowed.",
             when=asks(R.TU_VISA_CERTIFICATION), unless=[local_policy_bars("values_act.inquiry_for_tu_visa.local_policy")]),
        Rule("values_act.no_status_inquiry", X, ("gov 7284.6(a)(1)(A)",),
             "California law enforcement agencies may not use their money or staff to inquire into a person's "
             "immigration status."),
    ],
)

# ---------------------------------------------------------------- 7284.6(a)(1)(B)
# "Detaining an individual on the basis of a hold request." No exception in (b).
hold = Decision(
    "detain_on_hold_request", "Keep the person in custody past release on the hold (detainer) request", ACT,
    values_act_actor & asks(R.HOLD),
    [
        cdcr_not_bound,
        Rule("values_act.hold_with_judicial_document", REVIEW, ("gov 7284.6(a)(1)(B)", "gov 7284.6(a)(4)"),
             "A judicial warrant or judicial probable cause determination came with the hold. 7284.6(a)(4) lets the "
             "agency transfer the person on it, but (a)(1)(B) forbids detaining anyone on the basis of a hold request; "
             "whether the agency may keep the person past release on the judicial document itself is not settled by "
             "the text. Have counsel review.",
             when=has_document(D.JUDICIAL_WARRANT, D.JUDICIAL_PROBABLE_CAUSE)),
        Rule("values_act.no_detention_on_hold", X, ("gov 7284.6(a)(1)(B)",),
             "California law enforcement agencies may not detain a person on the basis of an immigration hold "
             "(detainer) request. Hold requests are requests, and the Values Act forbids honoring them."),
    ],
)

# ---------------------------------------------------------------- 7284.6(a)(1)(C) with 7282.5
# "Providing information regarding a person's release date or responding to requests for notification by
# providing release dates or other information unless that information is available to the public, or is in
# response to a notification request from immigration authorities in accordance with Section 7282.5. Responses
# are never required, but are permitted under this subdivision, provided that they do not violate any local law
# or policy."
_notification_grounds = [
    Rule(f"trust_act.notification.{cite.split('(', 1)[1].replace('(', '').replace(')', '')}", P,
         (cite, "gov 7284.6(a)(1)(C)"),
         f"The person was {why}, so 7282.5 allows the agency to respond to the notification request. "
         "A response is never required (7284.6(a)(1)(C)).",
         when=var)
    for var, cite, why in trust.GROUNDS_A
] + [
    Rule("trust_act.notification.b", P, ("gov 7282.5(b)", "gov 7284.6(a)(1)(C)"),
         "A magistrate found probable cause on a serious, violent or state-prison felony charge (Pen. Code 872): "
         "7282.5(b) allows the notification response (only that, not a transfer). A response is never required.",
         when=trust.magistrate_probable_cause),
]

notification = Decision(
    "provide_release_date_or_notification", "Tell immigration authorities the release date, or notify them of the release", ACT,
    values_act_actor & asks(R.NOTIFICATION, R.RELEASE_DATE),
    [
        cdcr_not_bound,
        Rule("values_act.notification.local_policy", X, ("gov 7284.6(a)(1)(C)", "gov 7282.5(a)"),
             "Responses are permitted only where they do not violate any local law or policy, and a local law or "
             "policy forbids this one.",
             when=local_policy_restricts),
        Rule("values_act.notification.public_information", P, ("gov 7284.6(a)(1)(C)",),
             "The release information is available to the public, and the Values Act does not restrict sharing "
             "public information. A response is never required.",
             when=information_is_public),
        Rule("trust_act.notification.prop47_with_other_ground", REVIEW, ("gov 7282.5(a)(6)",),
             "The person was arrested, detained or convicted for a misdemeanor that was a felony or wobbler before "
             "Proposition 47. 7282.5(a)(6) says that \"in no case\" shall cooperation occur for such individuals, "
             "yet another paragraph of 7282.5 would allow it here; how the two combine is not settled by the text.",
             when=trust.prop47_misdemeanor & trust.any_ground_for_notification),
        *_notification_grounds,
        # As for personal information below: (b)(3) lets the agency share confidential information "for purposes of
        # task force investigations" notwithstanding (a); asked beside a task force meeting (A) and (B), whether the
        # release date is for that investigation or for immigration enforcement is not in the case.
        Rule("values_act.notification.task_force", REVIEW, ("gov 7284.6(b)(3)", "gov 7284.6(a)(1)(C)"),
             "The release date is asked for beside a joint law enforcement task force whose primary purpose is not "
             "immigration enforcement. 7284.6(b)(3) allows, notwithstanding subdivision (a), \"the sharing of "
             "confidential information with other law enforcement agencies for purposes of task force "
             "investigations\"; for any other purpose, 7284.6(a)(1)(C) forbids giving immigration authorities a "
             "non-public release date where nothing in the person's record meets 7282.5. Confirm the information is "
             "for the task force's investigation of a crime unrelated to immigration enforcement.",
             when=asks(R.JOINT_TASK_FORCE) & ~Fact("task_force_primary_purpose_immigration")
             & Fact("task_force_duties_primarily_non_immigration")),
        Rule("trust_act.notification.prop47", X, ("gov 7282.5(a)(6)",),
             "In no case may the agency cooperate for a person arrested, detained or convicted of a misdemeanor that "
             "was a felony or wobbler before Proposition 47.",
             when=trust.prop47_misdemeanor),
        Rule("values_act.no_release_information", X, ("gov 7284.6(a)(1)(C)",),
             "The release date is not public and nothing in the person's record meets 7282.5 (no serious or violent "
             "felony, state-prison felony, listed offense within its window, registrant status, federal aggravated "
             "felony or warrant, or magistrate's probable cause finding), so the agency may not provide it."),
    ],
)

# ---------------------------------------------------------------- 7284.6(a)(1)(D)
# "Providing personal information, as defined in Section 1798.3 of the Civil Code, about an individual, including,
# but not limited to, the individual's home address or work address unless that information is available to the
# public."
personal_information = Decision(
    "provide_personal_information", "Give the person's home or work address or other personal information", ACT,
    values_act_actor & asks(R.HOME_OR_WORK_ADDRESS, R.PERSONAL_INFORMATION),
    [
        cdcr_not_bound,
        # 7282.5(a): discretion to cooperate "only if doing so would not violate any federal, state, or local law, or
        # local policy" (as 7284.6(a)(1)(C) says in its own words for release information).
        Rule("values_act.personal_information.public", P, ("gov 7284.6(a)(1)(D)",),
             "The information is available to the public, which the prohibition excepts.",
             when=information_is_public,
             unless=[Rule("values_act.personal_information.public.local_policy", X, ("gov 7282.5(a)", "gov 7284.6(a)(1)(D)"),
                          "The information is public, so 7284.6(a)(1)(D) does not forbid giving it, but a local law or "
                          "policy does: 7282.5(a) gives discretion to cooperate with immigration authorities \"only if "
                          "doing so would not violate any federal, state, or local law, or local policy\".",
                          when=local_policy_restricts)]),
        # (b)(3): "Notwithstanding the limitations in subdivision (a)", task force duties "including the sharing of
        # confidential information with other law enforcement agencies for purposes of task force investigations".
        # Asked beside a task force that meets (A) and (B), the case does not say whether the information is for
        # the task force's investigation or for immigration enforcement: needs review, not a flat "prohibited".
        Rule("values_act.personal_information.task_force", REVIEW, ("gov 7284.6(b)(3)", "gov 7284.6(a)(1)(D)"),
             "The information is asked for beside a joint law enforcement task force whose primary purpose is not "
             "immigration enforcement. 7284.6(b)(3) allows, notwithstanding subdivision (a), \"the sharing of "
             "confidential information with other law enforcement agencies for purposes of task force "
             "investigations\"; for any other purpose, 7284.6(a)(1)(D) forbids giving non-public personal information "
             "such as a home or work address to immigration authorities. Confirm the information is for the task "
             "force's investigation of a crime unrelated to immigration enforcement.",
             when=asks(R.JOINT_TASK_FORCE) & ~Fact("task_force_primary_purpose_immigration")
             & Fact("task_force_duties_primarily_non_immigration") & ~local_policy_restricts),
        Rule("values_act.no_personal_information", X, ("gov 7284.6(a)(1)(D)",),
             "The agency may not give immigration authorities personal information such as a home or work address "
             "unless it is available to the public. 7282.5 does not lift this prohibition."),
    ],
)

# ---------------------------------------------------------------- 7284.6(a)(1)(E)
# "Making or intentionally participating in arrests based on civil immigration warrants." 7284.4(b): a civil
# immigration warrant is "any warrant for a violation of federal civil immigration law" (such as an I-200 or
# I-205, which an immigration officer signs, not a judge).
_CIVIL_WARRANTS = (D.ADMINISTRATIVE_WARRANT_I200, D.ADMINISTRATIVE_WARRANT_I205, D.OTHER_CIVIL_WARRANT)
civil_warrant_arrest = Decision(
    "arrest_on_civil_immigration_warrant", "Make or join an arrest on a civil immigration warrant", ACT,
    values_act_actor & asks(R.ARREST_CIVIL_WARRANT),
    [
        cdcr_not_bound,
        # A judicial warrant (7284.4(i): "for a violation of federal criminal immigration law and issued by a federal
        # judge or a federal magistrate judge") is not a civil immigration warrant, so (E) does not decide. Whether
        # joining the arrest is "immigration enforcement" (7284.4(f): civil law, and criminal immigration law "that
        # penalizes a person's presence in, entry, or reentry to, or employment in, the United States"), forbidden
        # by 7284.6(a)(1), or within (b)(1) (1326(a) with the (b)(2) enhancement, detected during an unrelated
        # activity), turns on the federal crime the warrant names: open on these facts.
        # The same for a judicial probable cause determination (7284.4(h): by a federal judge or federal magistrate
        # judge, that probable cause exists that the person "has violated federal criminal immigration law").
        Rule("values_act.civil_warrant_arrest.judicial_warrant", REVIEW, ("gov 7284.6(a)(1)", "gov 7284.4(f)", "gov 7284.4(i)", "gov 7284.4(h)", "gov 7284.6(b)(1)"),
             "A judicial warrant or judicial probable cause determination came with the request: it concerns a federal "
             "criminal immigration crime, not a civil immigration warrant, so 7284.6(a)(1)(E) does not decide. "
             "Arresting for a federal crime that "
             "penalizes presence, entry, reentry or employment is \"immigration enforcement\" (7284.4(f)), which "
             "7284.6(a)(1) forbids outside the narrow 1326 exception of 7284.6(b)(1); for another federal crime it may "
             "not be. Which crime the warrant names, and the agency's authority to execute it, are for counsel.",
             when=has_document(D.JUDICIAL_WARRANT, D.JUDICIAL_PROBABLE_CAUSE) & ~has_document(*_CIVIL_WARRANTS)),
        Rule("values_act.no_civil_warrant_arrest", X, ("gov 7284.6(a)(1)(E)", "gov 7284.4(b)"),
             "The agency may not make or intentionally participate in an arrest based on a civil immigration "
             "warrant (an administrative warrant such as an I-200 or I-205 is one; it is not a judicial warrant)."),
    ],
)

# ---------------------------------------------------------------- 7284.6(a)(1): the general prohibition
# "Use agency or department moneys or personnel to investigate, interrogate, detain, detect, or arrest persons for
# immigration enforcement purposes". Exception (b)(1): 8 U.S.C. 1326(a) with the 1326(b)(2) enhancement,
# "detected during an unrelated law enforcement activity". Exception (f): the agency's own criminal jurisdiction.
enforcement_assistance = Decision(
    "assist_immigration_enforcement", "Help investigate, detect, detain or arrest people for immigration enforcement", ACT,
    values_act_actor & asks(R.IMMIGRATION_ENFORCEMENT_ASSISTANCE),
    [
        cdcr_not_bound,
        # A federal judge's warrant (7284.4(i)) or probable cause determination (7284.4(h)) is "for a violation of
        # federal criminal immigration law"; only the crimes that penalize "presence in, entry, or reentry to, or
        # employment in, the United States" are "immigration enforcement" (7284.4(f)). As for the civil-warrant arrest
        # above: which crime the document names is not in the case, so the help asked is open, not plainly forbidden.
        Rule("values_act.enforcement_assistance.judicial_warrant", REVIEW,
             ("gov 7284.6(a)(1)", "gov 7284.4(f)", "gov 7284.4(i)", "gov 7284.4(h)", "gov 7284.6(b)(1)"),
             "A judicial warrant or judicial probable cause determination came with the request. Helping to arrest for "
             "a federal crime that penalizes a person's presence in, entry or reentry to, or employment in the United "
             "States is \"immigration enforcement\" (7284.4(f)), which 7284.6(a)(1) forbids outside the narrow 1326 "
             "exception of 7284.6(b)(1); helping with an arrest for another federal crime is not. Which crime the "
             "document names, and the agency's authority to act on it, are for counsel.",
             when=has_document(D.JUDICIAL_WARRANT, D.JUDICIAL_PROBABLE_CAUSE) & ~has_document(*_CIVIL_WARRANTS)),
        Rule("values_act.no_enforcement_assistance", X, ("gov 7284.6(a)(1)",),
             "The agency may not use its money or staff to investigate, interrogate, detain, detect or arrest people "
             "for immigration enforcement purposes."),
    ],
)

reentry_arrest = Decision(
    "arrest_for_illegal_reentry", "Investigate, detain or arrest for illegal reentry after an aggravated felony (8 U.S.C. 1326)", ACT,
    values_act_actor & asks(R.ILLEGAL_REENTRY_ARREST),
    [
        cdcr_not_bound,
        Rule("values_act.reentry_exception", P, ("gov 7284.6(b)(1)",),
             "A suspected violation of 8 U.S.C. 1326(a) that may be subject to the 1326(b)(2) enhancement, detected "
             "during an unrelated law enforcement activity, may be investigated, enforced or detained upon reasonable "
             "suspicion, or arrested for. A transfer still needs a judicial warrant or 7282.5 (7284.6(a)(4)).",
             when=Fact("reentry_suspected_with_aggravated_felony") & Fact("reentry_detected_during_unrelated_activity"),
             unless=[local_policy_bars("values_act.reentry_exception.local_policy")]),
        Rule("values_act.no_reentry_enforcement", X, ("gov 7284.6(a)(1)",),
             "Outside the narrow 7284.6(b)(1) exception (1326(a) with the (b)(2) enhancement, detected during an "
             "unrelated activity), arresting for immigration offenses is immigration enforcement the agency may not do."),
    ],
)

# "(F) Assisting immigration authorities in the activities described in Section 1357(a)(3) of Title 8".
border_search = Decision(
    "assist_border_searches", "Assist immigration authorities in the searches of 8 U.S.C. 1357(a)(3)", ACT,
    values_act_actor & asks(R.BORDER_SEARCH_ASSISTANCE),
    [
        cdcr_not_bound,
        Rule("values_act.no_1357a3_assistance", X, ("gov 7284.6(a)(1)(F)",),
             "The agency may not assist immigration authorities in the vessel, vehicle and land searches of 8 U.S.C. 1357(a)(3)."),
    ],
)

# "(G) Performing the functions of an immigration officer, whether pursuant to Section 1357(g) ... or any other
# law, regulation, or policy, whether formal or informal."
officer_functions = Decision(
    "perform_immigration_officer_functions", "Perform the functions of an immigration officer (287(g) or otherwise)", ACT,
    values_act_actor & asks(R.IMMIGRATION_OFFICER_FUNCTIONS),
    [
        cdcr_not_bound,
        Rule("values_act.no_287g", X, ("gov 7284.6(a)(1)(G)",),
             "The agency may not perform the functions of an immigration officer, under a 287(g) agreement "
             "(8 U.S.C. 1357(g)) or any other formal or informal arrangement."),
    ],
)

# ---------------------------------------------------------------- 7284.6(a)(2)
deputization = Decision(
    "place_officers_under_federal_supervision", "Place officers under federal supervision or use officers deputized for immigration enforcement", ACT,
    values_act_actor & asks(R.DEPUTIZATION),
    [
        cdcr_not_bound,
        # (a)(2) reaches supervision and deputation "for purposes of immigration enforcement", and (b) opens:
        # "Notwithstanding the limitations in subdivision (a), this section does not prevent ... (3) Conducting
        # enforcement or investigative duties associated with a joint law enforcement task force ... so long as ...
        # (A) The primary purpose of the joint law enforcement task force is not immigration enforcement ... (B) The
        # enforcement or investigative duties are primarily related to a violation of state or federal law unrelated
        # to immigration enforcement. (C) Participation in the task force ... does not violate any local law or
        # policy". Deputation asked with a task force that meets (A) and (B) is such a duty; unknown facts: review.
        Rule("values_act.deputization.task_force", P, ("gov 7284.6(b)(3)", "gov 7284.6(a)(2)"),
             "The officers are placed under federal supervision or deputized for a joint law enforcement task force "
             "whose primary purpose is not immigration enforcement and whose duties are primarily related to other "
             "violations of law. 7284.6(a)(2) forbids this only \"for purposes of immigration enforcement\", and "
             "7284.6(b)(3) allows task force duties notwithstanding subdivision (a). The officers remain subject to "
             "California law governing peace officers and to their agency's policies (7284.6(a)(2)), and may not "
             "perform the functions of an immigration officer (7284.6(a)(1)(G)).",
             when=asks(R.JOINT_TASK_FORCE) & ~Fact("task_force_primary_purpose_immigration")
             & Fact("task_force_duties_primarily_non_immigration"),
             unless=[local_policy_bars("values_act.deputization.task_force.local_policy", "gov 7284.6(b)(3)(C)")]),
        Rule("values_act.no_deputization", X, ("gov 7284.6(a)(2)",),
             "The agency may not place peace officers under the supervision of federal agencies, or employ officers "
             "deputized as special federal officers or deputies, for immigration enforcement."),
    ],
)

# ---------------------------------------------------------------- 7284.6(a)(3)
interpreter = Decision(
    "use_immigration_authorities_as_interpreters", "Use immigration authorities as interpreters for people in custody", ACT,
    values_act_actor & asks(R.INTERPRETER),
    [
        cdcr_not_bound,
        # (a)(3) names "individuals in agency or department custody"; for a person not in custody its words do not
        # reach, but using immigration authorities in the encounter may still be using agency resources for
        # immigration enforcement ((a)(1)). Unknown custody is not "not in custody" (in_custody is never unknown).
        Rule("values_act.interpreter.not_in_custody", REVIEW, ("gov 7284.6(a)(3)", "gov 7284.6(a)(1)"),
             "7284.6(a)(3) forbids using immigration authorities as interpreters \"for law enforcement matters relating "
             "to individuals in agency or department custody\", and the person is not in the agency's custody, so it "
             "does not decide. Bringing immigration authorities into the encounter may still be using agency money or "
             "personnel for immigration enforcement purposes (7284.6(a)(1)). Have counsel review; another interpreter "
             "avoids the question.",
             when=~IsTrue(Fact("in_custody"))),
        Rule("values_act.no_immigration_interpreters", X, ("gov 7284.6(a)(3)",),
             "The agency may not use immigration authorities as interpreters for law enforcement matters about people in its custody."),
    ],
)

# ---------------------------------------------------------------- 7284.6(a)(4) with 7282.5
# "Transfer an individual to immigration authorities unless authorized by a judicial warrant or judicial probable
# cause determination, or in accordance with Section 7282.5." 7284.4(h), (i): both are issued by a federal judge
# or federal magistrate judge; an administrative warrant (I-200, I-205) is neither.
_transfer_grounds = [
    Rule(f"trust_act.transfer.{cite.split('(', 1)[1].replace('(', '').replace(')', '')}", P,
         (cite, "gov 7284.6(a)(4)"),
         f"The person was {why}, so 7282.5 allows the transfer (a choice, not a duty).",
         when=var)
    for var, cite, why in trust.GROUNDS_A
]

# 7282.5(a), first sentence: "A law enforcement official shall have discretion to cooperate with immigration
# authorities only if doing so would not violate any federal, state, or local law, or local policy". A transfer on a
# judicial warrant or judicial probable cause determination is cooperation: 7284.6(a)(4) lifts the state prohibition,
# but a local law or policy that forbids the transfer still bars it.
def _transfer_local_policy(rule_id: str) -> Rule:
    return Rule(
        rule_id, X, ("gov 7282.5(a)", "gov 7284.6(a)(4)"),
        "A local law or policy forbids this transfer. 7284.6(a)(4) allows a transfer on a judicial warrant or judicial "
        "probable cause determination, but 7282.5(a) gives discretion to cooperate with immigration authorities "
        "\"only if doing so would not violate any federal, state, or local law, or local policy\".",
        when=local_policy_restricts,
    )


transfer = Decision(
    "transfer_to_immigration_authorities", "Transfer the person to immigration authorities", ACT,
    values_act_actor & asks(R.TRANSFER),
    [
        cdcr_not_bound,
        Rule("values_act.transfer.judicial_warrant", P, ("gov 7284.6(a)(4)", "gov 7284.4(i)"),
             "A judicial warrant (issued by a federal judge or magistrate judge for a violation of federal criminal "
             "immigration law) authorizes the transfer.",
             when=has_document(D.JUDICIAL_WARRANT),
             unless=[_transfer_local_policy("values_act.transfer.judicial_warrant.local_policy")]),
        Rule("values_act.transfer.judicial_probable_cause", P, ("gov 7284.6(a)(4)", "gov 7284.4(h)"),
             "A judicial probable cause determination (by a federal judge or magistrate judge) authorizes the transfer.",
             when=has_document(D.JUDICIAL_PROBABLE_CAUSE),
             unless=[_transfer_local_policy("values_act.transfer.judicial_probable_cause.local_policy")]),
        Rule("trust_act.transfer.local_policy", X, ("gov 7282.5(a)",),
             "7282.5 allows cooperation only where it would not violate any local law or local policy, and one forbids it here.",
             when=local_policy_restricts & trust.any_ground_a),
        Rule("trust_act.transfer.prop47_with_other_ground", REVIEW, ("gov 7282.5(a)(6)",),
             "The person was arrested, detained or convicted for a misdemeanor that was a felony or wobbler before "
             "Proposition 47. 7282.5(a)(6) says that \"in no case\" shall cooperation occur for such individuals, "
             "yet another paragraph of 7282.5 would allow the transfer; how the two combine is not settled by the text.",
             when=trust.prop47_misdemeanor & trust.any_ground_a),
        *_transfer_grounds,
        Rule("trust_act.transfer.probable_cause_is_not_enough", X, ("gov 7282.5(b)", "gov 7284.6(a)(4)"),
             "A magistrate's probable cause finding allows only the notification response of 7284.6(a)(1)(C), not a transfer.",
             when=trust.magistrate_probable_cause),
        Rule("trust_act.transfer.prop47", X, ("gov 7282.5(a)(6)",),
             "In no case may the agency cooperate for a person arrested, detained or convicted of a misdemeanor that "
             "was a felony or wobbler before Proposition 47.",
             when=trust.prop47_misdemeanor),
        Rule("values_act.transfer.administrative_warrant", X, ("gov 7284.6(a)(4)", "gov 7284.4(i)"),
             "An administrative warrant (I-200, I-205 or another civil immigration warrant) is signed by an "
             "immigration officer, not a federal judge or magistrate judge: it is not a judicial warrant and does not "
             "authorize a transfer, and nothing in the person's record meets 7282.5.",
             when=has_document(D.ADMINISTRATIVE_WARRANT_I200, D.ADMINISTRATIVE_WARRANT_I205, D.OTHER_CIVIL_WARRANT)),
        Rule("values_act.no_transfer", X, ("gov 7284.6(a)(4)",),
             "No judicial warrant or judicial probable cause determination came with the request, and nothing in the "
             "person's record meets 7282.5, so the agency may not transfer the person."),
    ],
)

# ---------------------------------------------------------------- 7284.6(a)(5)
# "Provide office space exclusively dedicated for immigration authorities for use within a city or county law
# enforcement facility."
city_or_county_facility = actor_kind.isin([ActorKind.COUNTY_JAIL, ActorKind.COUNTY_SHERIFF, ActorKind.CITY_POLICE, ActorKind.COUNTY_PROBATION])
office_space = Decision(
    "provide_office_space", "Provide office space for immigration authorities", ACT,
    values_act_actor & asks(R.OFFICE_SPACE),
    [
        cdcr_not_bound,
        Rule("values_act.no_dedicated_office_space", X, ("gov 7284.6(a)(5)",),
             "The agency may not provide office space exclusively dedicated to immigration authorities within a city "
             "or county law enforcement facility.",
             when=city_or_county_facility & Fact("office_space_exclusively_for_immigration")),
        Rule("values_act.office_space.other", REVIEW, ("gov 7284.6(a)(5)", "gov 7284.6(a)(1)"),
             "7284.6(a)(5) forbids only space exclusively dedicated to immigration authorities in a city or county "
             "facility; other arrangements fall outside it but may still amount to using agency resources for "
             "immigration enforcement (7284.6(a)(1)). Have counsel review the arrangement."),
    ],
)

# ---------------------------------------------------------------- 7284.6(a)(6) with Chapter 17.8 (7310)
# "Contract with the federal government for use of California law enforcement agency facilities to house
# individuals as federal detainees, except pursuant to Chapter 17.8 (commencing with Section 7310)."
# Before 2018-01-01 (7284.6 not yet in force), Gov. Code 7310 alone speaks to a local agency's contract to detain
# noncitizens for civil immigration custody. 7310 is written once, as the detention contract question
# (rules/us_ca/detention.py, detention_contract_gov_7310, which asks whether a contract existed on June 15, 2017 and
# whether the beds expand); this question points there rather than restating it.
before_values_act = local_law_enforcement_agency & (as_of < dt.date(2018, 1, 1))
housing_before_2018 = [
    Rule("values_act.housing.before_2018", REVIEW, ("gov 7310(a)", "gov 7310(b)"),
         "7284.6(a)(6) takes effect on January 1, 2018. Until then only Gov. Code 7310 speaks to a local agency's "
         "contract to house or detain noncitizens for civil immigration custody: (a) forbids entering one without a "
         "contract on June 15, 2017, (b) forbids expanding the beds of one that existed then. Ask the detention "
         "contract question (request kind detention_contract), which decides 7310 from those facts, or have counsel "
         "review.",
         when=before_values_act),
]

house_detainees = Decision(
    "contract_to_house_federal_detainees", "Contract to house federal detainees in agency facilities", ACT,
    values_act_actor & asks(R.HOUSE_FEDERAL_DETAINEES),
    [
        cdcr_not_bound,
        *housing_before_2018,
        # (a)(6)'s words are not limited to immigration detainees, but the one exception it names, Chapter 17.8 (7310:
        # adults "for purposes of civil immigration custody"; 7311: minors in ORR or ICE custody), speaks of nothing
        # else, and 7310(a) (cited below) does not reach other contracts. Only when the case says the detainees are
        # not in civil immigration custody (the vocabulary's default is that they are).
        Rule("values_act.housing.not_civil_immigration", REVIEW, ("gov 7284.6(a)(6)", "gov 7310(a)"),
             "The detainees would not be held for civil immigration custody (for example, federal criminal detainees). "
             "7284.6(a)(6) forbids contracting with the federal government to house \"individuals as federal "
             "detainees, except pursuant to Chapter 17.8\"; its words are not limited to immigration detainees, but "
             "Chapter 17.8, the only exception it names, addresses only contracts to detain noncitizens for civil "
             "immigration custody (7310) and minors in ORR or ICE custody (7311), and 7284.6(a) lists limits on "
             "assistance with immigration enforcement. Whether (a)(6) reaches a contract for other federal detainees "
             "is not settled by the text in the corpus: have counsel review.",
             when=~Fact("detention_civil_immigration_custody")),
        Rule("values_act.housing.expanding_existing_contract", X, ("gov 7310(b)", "gov 7284.6(a)(6)"),
             "An agency that had a civil immigration detention contract on June 15, 2017 may not renew or modify it "
             "to expand the number of contract beds.",
             when=Fact("housing_contract_existed_2017_06_15") & Fact("housing_contract_expands_beds")),
        Rule("values_act.housing.existing_contract", REVIEW, ("gov 7284.6(a)(6)", "gov 7310(b)"),
             "7284.6(a)(6) excepts contracts made \"pursuant to Chapter 17.8\"; Chapter 17.8 (7310) addresses "
             "contracts that existed on June 15, 2017 only by forbidding their expansion. Whether this contract "
             "continues lawfully turns on its terms: have counsel review.",
             when=Fact("housing_contract_existed_2017_06_15")),
        Rule("values_act.no_housing_contract", X, ("gov 7284.6(a)(6)", "gov 7310(a)"),
             "The agency may not contract with the federal government to house federal detainees in its facilities; "
             "an agency with no such contract on June 15, 2017 may not enter one for civil immigration custody (7310(a))."),
    ],
)

# ---------------------------------------------------------------- 7284.6(b)(2)
# "Responding to a request from immigration authorities for information about a specific person's criminal
# history ... where otherwise permitted by state law."
criminal_history = Decision(
    "provide_criminal_history", "Answer a request for the person's criminal history", ACT,
    values_act_actor & asks(R.CRIMINAL_HISTORY),
    [
        cdcr_not_bound,
        local_policy_bars("values_act.criminal_history.local_policy"),
        Rule("values_act.criminal_history", P, ("gov 7284.6(b)(2)",),
             "The agency may answer a request for a specific person's criminal history (arrests, convictions, CLETS "
             "information) where state law otherwise permits sharing it."),
    ],
)

# ---------------------------------------------------------------- 7284.6(b)(3)
joint_task_force = Decision(
    "participate_in_joint_task_force", "Take part in a joint law enforcement task force with federal agencies", ACT,
    values_act_actor & asks(R.JOINT_TASK_FORCE),
    [
        cdcr_not_bound,
        local_policy_bars("values_act.task_force.local_policy", "gov 7284.6(b)(3)(C)"),
        Rule("values_act.task_force.immigration_purpose", X, ("gov 7284.6(b)(3)(A)",),
             "The task force's primary purpose is immigration enforcement, so the exception for task forces does not apply.",
             when=Fact("task_force_primary_purpose_immigration")),
        Rule("values_act.task_force.immigration_duties", X, ("gov 7284.6(b)(3)(B)",),
             "The duties asked are not primarily related to violations of law unrelated to immigration enforcement.",
             when=~Fact("task_force_duties_primarily_non_immigration")),
        # (b)(3) "so long as the following conditions are met"; with (A) and (B) met (and (C) above), the agency may take part.
        Rule("values_act.task_force", P, ("gov 7284.6(b)(3)",),
             "The task force's primary purpose is not immigration enforcement and the duties are primarily related "
             "to other violations of law, so the agency may take part, sharing information for task force "
             "investigations."),
    ],
)

# ---------------------------------------------------------------- 7284.6(b)(4)
tu_visa = Decision(
    "inquire_for_tu_visa_certification", "Make inquiries to certify a T or U visa (or for 18 U.S.C. 922(d)(5))", ACT,
    values_act_actor & asks(R.TU_VISA_CERTIFICATION),
    [
        cdcr_not_bound,
        local_policy_bars("values_act.tu_visa.local_policy"),
        Rule("values_act.tu_visa", P, ("gov 7284.6(b)(4)",),
             "Inquiries needed to certify a potential crime or trafficking victim for a T or U visa, or to comply "
             "with 18 U.S.C. 922(d)(5), are allowed."),
    ],
)

# ---------------------------------------------------------------- 7284.6(b)(5)
# "Giving immigration authorities access to interview an individual in agency or department custody. All interview
# access shall comply with requirements of the TRUTH Act".
# The consent form tells the person "that the interview is voluntary, and that the individual may decline to be
# interviewed or may choose to be interviewed only with the individual's attorney present" (7283.1(a); for the CDCR,
# 7284.10(a)(1)). Where the person has declined, letting the interview go ahead would contradict the form; the text
# in the corpus does not say in so many words what the agency must then do: needs review, never a plain "permitted".
# Unknown (not yet asked) is not "declined": IsTrue.
interview_declined = IsTrue(Fact("interview_declined"))
# (b)(5) "access to interview an individual in agency or department custody"; 7283.1(a) "an individual in local law
# enforcement custody"; 7284.10(a)(1) "an individual in department custody". `in_custody` is never unknown.
in_custody = IsTrue(Fact("in_custody"))
interview = Decision(
    "allow_interview", "Let immigration authorities interview the person in custody", ACT,
    values_act_actor & asks(R.INTERVIEW),
    [
        Rule("cdcr.interview.declined", REVIEW, ("gov 7284.10(a)(1)",),
             "The person declined the interview (or asked for an attorney who is not present). The department's "
             "consent form tells the person the interview is voluntary and may be declined (7284.10(a)(1)); "
             "letting it go ahead against that choice needs review.",
             when=cdcr & interview_declined),
        cdcr_not_bound,
        local_policy_bars("values_act.interview.local_policy"),
        Rule("values_act.interview.not_in_custody", REVIEW, ("gov 7284.6(b)(5)", "gov 7284.6(a)(1)"),
             "7284.6(b)(5) allows giving immigration authorities access to interview \"an individual in agency or "
             "department custody\", and the person is not in the agency's custody, so it does not decide. Holding or "
             "questioning a person for an ICE interview may be using agency personnel to \"investigate, interrogate, "
             "detain, detect, or arrest persons for immigration enforcement purposes\" (7284.6(a)(1)); the TRUTH Act "
             "consent form (7283.1(a)) is for an individual in custody. Have counsel review the arrangement.",
             when=~in_custody),
        Rule("values_act.interview.declined", REVIEW, ("gov 7283.1(a)", "gov 7284.6(b)(5)"),
             "The person declined the interview (or asked for an attorney who is not present). Interview access must "
             "comply with the TRUTH Act (7284.6(b)(5)), whose consent form tells the person the interview is "
             "voluntary and may be declined (7283.1(a)); letting it go ahead against that choice needs review.",
             when=interview_declined),
        Rule("values_act.interview", P, ("gov 7284.6(b)(5)",),
             "The agency may give immigration authorities access to interview a person in its custody, in compliance "
             "with the TRUTH Act (written consent form first; the interview is voluntary)."),
    ],
)

# ---------------------------------------------------------------- 7284.6(e)
# "This section does not prohibit or restrict any government entity or official from sending to, or receiving
# from, federal immigration authorities, information regarding the citizenship or immigration status ... pursuant
# to Sections 1373 and 1644 of Title 8".
status_information = Decision(
    "exchange_immigration_status_information", "Send, receive or request citizenship or immigration status information", ACT,
    values_act_actor & asks(R.IMMIGRATION_STATUS_INFO),
    [
        cdcr_not_bound,
        Rule("values_act.status_information", P, ("gov 7284.6(e)",),
             "The Values Act does not restrict sending to, receiving from, or requesting from federal immigration "
             "authorities information on a person's citizenship or immigration status (8 U.S.C. 1373, 1644). This "
             "covers status information the agency has; it does not allow asking the person (7284.6(a)(1)(A))."),
    ],
)

# ---------------------------------------------------------------- 7284.6(f)
own_jurisdiction = Decision(
    "enforce_state_criminal_law", "Assert the agency's own jurisdiction over criminal law enforcement", ACT,
    values_act_actor & asks(R.OWN_CRIMINAL_ENFORCEMENT),
    [
        cdcr_not_bound,
        Rule("values_act.own_jurisdiction", P, ("gov 7284.6(f)",),
             "Nothing in 7284.6 prohibits the agency from asserting its own jurisdiction over criminal law enforcement matters."),
    ],
)

# ---------------------------------------------------------------- duties of 7284.6(c)
transfer_report = Decision(
    "report_transfers_annually", "Report the transfer to the Department of Justice", ACT,
    california_law_enforcement_agency & asks(R.TRANSFER),
    [
        Rule("values_act.transfer_report", REQ, ("gov 7284.6(c)(2)",),
             "Every law enforcement agency reports each year to the Department of Justice the number of transfers "
             "under 7284.6(a)(4) and the offense that allowed each.",
             duty=Duty("Count the transfer, and the offense that allowed it, in the annual report to the Department of Justice",
                       "annually, in the manner the Attorney General specifies", to_whom="California Department of Justice",
                       only_if="if the agency transfers the person")),
    ],
    kind="duty",
)

task_force_report = Decision(
    "report_task_force_annually", "Report task force participation to the Department of Justice", ACT,
    california_law_enforcement_agency & asks(R.JOINT_TASK_FORCE),
    [
        # "for which a California law enforcement agency has agreed to dedicate personnel or resources on an ongoing
        # basis": the commitment decides; not known, the engine answers needs review (it was left out of the answer).
        Rule("values_act.task_force_report", REQ, ("gov 7284.6(c)(1)", "gov 7284.6(c)(4)", "gov 7284.6(c)(3)"),
             "An agency that dedicates personnel or resources to a joint task force on an ongoing basis reports each "
             "year, if known, its purpose, the agencies involved, the total arrests and the arrests for immigration "
             "enforcement. Where more than one California law enforcement agency takes part, the task force designates "
             "one local or state agency to complete the report (7284.6(c)(4)); the records are public records, with "
             "personal identifying information redactable (7284.6(c)(3)).",
             duty=Duty("Report the task force's purpose, the agencies involved, the total arrests and the number arrested for immigration enforcement",
                       "annually, as the Attorney General specifies", to_whom="California Department of Justice",
                       only_if="if the agency takes part in the task force"),
             when=Fact("task_force_ongoing_commitment")),
        Rule("values_act.task_force_report.not_ongoing", P, ("gov 7284.6(c)(1)",),
             "Not required: the annual report of 7284.6(c)(1) is for a joint task force \"for which a California law "
             "enforcement agency has agreed to dedicate personnel or resources on an ongoing basis\", and this "
             "participation is not on an ongoing basis."),
    ],
    kind="duty",
)

# ---------------------------------------------------------------- 7284.10: the Department of Corrections and Rehabilitation
cdcr_consent_form = Decision(
    "cdcr_interview_consent_form", "Give the person a written consent form before an ICE interview", ACT,
    cdcr & asks(R.INTERVIEW) & in_custody,
    [
        Rule("values_act.cdcr.consent_form", REQ, ("gov 7284.10(a)(1)",),
             "Before any ICE interview about civil immigration violations, the department gives the person a written "
             "consent form explaining the purpose of the interview, that it is voluntary, and that the person may "
             "decline or have an attorney present.",
             duty=Duty("Give a written consent form (English, Spanish, Chinese, Tagalog, Vietnamese or Korean) explaining the interview's purpose, that it is voluntary, and that the person may decline or be interviewed only with an attorney present",
                       "in advance of the interview", to_whom="the person in custody",
                       only_if="if the department allows an interview about civil immigration violations")),
    ],
    kind="duty",
)

# As 7283.1(b) (truth_act.py): 7284.4(e) gives "notification request" the meaning of Section 7283, whose text the
# corpus lacks, so a request only for the release date is left for review, not silently outside the duty.
cdcr_copy_of_request = Decision(
    "cdcr_copy_of_request", "Give the person a copy of the request and say whether the department will comply", ACT,
    cdcr & asks(R.HOLD, R.NOTIFICATION, R.TRANSFER, R.RELEASE_DATE),
    [
        Rule("values_act.cdcr.copy_of_request.release_date_only", REVIEW, ("gov 7284.10(a)(2)", "gov 7284.4(e)"),
             "The request asks only for the release date. 7284.10(a)(2) applies to \"any ICE hold, notification, or "
             "transfer request\", and 7284.4(e) gives \"notification request\" the meaning of Gov. Code 7283, whose "
             "definition the corpus lacks. Giving the person a copy is the safe course; have counsel confirm.",
             when=~asks(R.HOLD, R.NOTIFICATION, R.TRANSFER)),
        Rule("values_act.cdcr.copy_of_request", REQ, ("gov 7284.10(a)(2)",),
             "Upon receiving any ICE hold, notification or transfer request, the department gives the person a copy "
             "and says whether it intends to comply.",
             duty=Duty("Give the person a copy of the request and say whether the department intends to comply",
                       "upon receiving the request", starts_from="receipt of the request", to_whom="the person in custody")),
    ],
    kind="duty",
)

cdcr_programming = Decision(
    "cdcr_restrict_programming", "Restrict programs or credit-earning for immigration reasons", ACT,
    cdcr & asks(R.PROGRAMMING_RESTRICTION),
    [
        Rule("values_act.cdcr.no_programming_restriction", X, ("gov 7284.10(b)(1)",),
             "The department may not restrict access to educational or rehabilitative programming or credit-earning "
             "opportunities on the sole basis of citizenship or immigration status, including a hold, transfer or "
             "notification request or a civil immigration warrant."),
    ],
)

cdcr_classification = Decision(
    "cdcr_status_in_classification", "Consider immigration status in custodial classification", ACT,
    cdcr & asks(R.CUSTODY_CLASSIFICATION),
    [
        Rule("values_act.cdcr.no_status_in_classification", X, ("gov 7284.10(b)(2)",),
             "The department may not consider citizenship or immigration status, including removal proceedings or "
             "immigration requests and warrants, in determining a person's custodial classification level."),
    ],
)

# ---------------------------------------------------------------- 7284.8(a): the model policies
# "All public schools, health facilities operated by the state or a political subdivision of the state, and
# courthouses shall implement the model policy, or an equivalent policy." The model policies are the Attorney
# General's, "limiting assistance with immigration enforcement to the fullest extent possible consistent with
# federal and state law" (due October 1, 2018). 7284.4(j): "Public schools" means all public elementary and secondary
# schools under the jurisdiction of local governing boards or a charter school board (and the CSU and community
# colleges, not actors here). Asked whenever a local educational agency or a court answers an immigration
# enforcement question about its site. Health facilities are not answered here: 7284.8(a) binds only those
# "operated by the state or a political subdivision", which the case does not say (an open fact would turn every
# health facility answer into needs review). Gov. Code 12532.5(a)(2) (a newer model policy, "on or before January 1,
# 2027") is answered below (model_policy_12532_5).
model_policy = Decision(
    "implement_model_policy", "Implement the Attorney General's model policy limiting assistance with immigration enforcement, or an equivalent policy", ACT,
    ((actor_kind == ActorKind.LOCAL_EDUCATIONAL_AGENCY)
     & asks(R.ENTER_NONPUBLIC_AREA, R.PUPIL_INFORMATION, R.COLLECT_IMMIGRATION_STATUS))
    | ((actor_kind == ActorKind.COURT) & asks(R.CIVIL_ARREST_IN_COURTHOUSE, R.PROTECT_COURTHOUSE_ACCESS)),
    [
        Rule("values_act.model_policy", REQ, ("gov 7284.8(a)",),
             "Public schools and courthouses (and health facilities operated by the state or a political subdivision) "
             "must implement the Attorney General's model policy limiting assistance with immigration enforcement, or "
             "an equivalent policy. The statute sets no separate date for implementing it; the Attorney General was to "
             "publish the model policies by October 1, 2018.",
             duty=Duty("Implement the Attorney General's model policy limiting assistance with immigration enforcement at "
                       "the site, or an equivalent policy",
                       "the statute sets no date (the model policies were due from the Attorney General by October 1, 2018)")),
    ],
    kind="duty",
)

DECISIONS = [inquire_status, hold, notification, personal_information, civil_warrant_arrest, enforcement_assistance,
             reentry_arrest, border_search, officer_functions, deputization, interpreter, transfer, office_space,
             house_detainees, criminal_history, joint_task_force, tu_visa, interview, status_information,
             own_jurisdiction, transfer_report, task_force_report, cdcr_consent_form, cdcr_copy_of_request,
             cdcr_programming, cdcr_classification]
# model_policy (7284.8(a)) is answered after the school and courthouse decisions it accompanies: rules/us_ca/__init__.py

# ---------------------------------------------------------------- Gov. Code 12532.5 (SB 580, Stats. 2025, ch. 670)
# "(a) (1) On or before July 1, 2026, ... the Attorney General shall publish model policies for state and local
# agencies relating to interaction with immigration authorities consistent with federal and state law. (2) On or
# before January 1, 2027, a state or local agency shall implement the model policy or an equivalent policy."
# The duty does not depend on any request; it is answered beside the questions about an agency's own dealings with
# immigration authorities, not beside every hold or interview: for law enforcement agencies, the CDCR (a state agency;
# 7284.4(a) excludes it only from "California law enforcement agency") and cities and counties, their standing
# arrangements (task forces, office space, housing and detention contracts, deputation, 287(g)); for school districts
# and county offices of education, an immigration officer's request to enter, for pupil information or to collect
# status (their own model policies under 7284.8(a) and Ed. Code 234.7(h) are no exception: 12532.5(a)(2) names
# none); for public employers, an agent's worksite entry, records request or I-9 inspection (not an internal
# reverification); for a health care provider entity, a request for access, answered needs review: whether a state
# or local agency operates it is not in the case. Courts are left out: whether the judicial branch is a "state
# agency" here is not settled by the text. 12532.5 defines neither "state agency" nor "local agency"; 7282(e)'s
# "any city, county, city and county, special district, or other political subdivision of the state" is for
# Chapter 17.1 only. From the section's first date in the corpus only (a date before is not asked, rather than
# answered "no text").
_state_or_local_agency = california_law_enforcement_agency | cdcr | (actor_kind == ActorKind.LOCAL_GOVERNMENT)
_arrangements = asks(R.JOINT_TASK_FORCE, R.OFFICE_SPACE, R.HOUSE_FEDERAL_DETAINEES, R.DEPUTIZATION,
                     R.IMMIGRATION_OFFICER_FUNCTIONS, R.DETENTION_CONTRACT, R.DETENTION_LAND_OR_PERMIT)
_health_provider = actor_kind == ActorKind.HEALTH_CARE_PROVIDER_ENTITY
_dealings_with_immigration_authorities = (
    (_state_or_local_agency & _arrangements)
    | ((actor_kind == ActorKind.LOCAL_EDUCATIONAL_AGENCY)
       & asks(R.ENTER_NONPUBLIC_AREA, R.PUPIL_INFORMATION, R.COLLECT_IMMIGRATION_STATUS))
    | ((actor_kind == ActorKind.PUBLIC_EMPLOYER) & asks(R.WORKSITE_ENTRY, R.EMPLOYEE_RECORDS, R.I9_INSPECTION))
    | (_health_provider & asks(R.ENTER_NONPUBLIC_AREA)))
model_policy_12532_5 = Decision(
    "implement_immigration_interaction_policy",
    "Implement the Attorney General's model policy on interaction with immigration authorities, or an equivalent policy",
    "us-ca/gov_12532_5",
    _dealings_with_immigration_authorities & (as_of >= dt.date(2026, 1, 1)),
    [
        Rule("model_policy.12532_5.operator_unknown", REVIEW, ("gov 12532.5(a)(2)", "gov 12532.5(a)(1)"),
             "If a state or local agency operates this health facility, it must implement, on or before January 1, "
             "2027, the Attorney General's model policy relating to interaction with immigration authorities, or an "
             "equivalent policy (Gov. Code 12532.5(a)(2)); a privately operated facility is not a state or local "
             "agency. The case does not say who operates the facility: check, or have counsel review. The corpus "
             "reads 12532.5 from a third-party copy and dates it from January 1, 2026.",
             when=_health_provider),
        Rule("model_policy.12532_5", REQ, ("gov 12532.5(a)(2)", "gov 12532.5(a)(1)"),
             "A state or local agency must implement, on or before January 1, 2027, the Attorney General's model "
             "policy relating to interaction with immigration authorities, or an equivalent policy (Gov. Code "
             "12532.5(a)(2)); the Attorney General was to publish it on or before July 1, 2026 (12532.5(a)(1)). The "
             "corpus reads 12532.5 from a third-party copy and dates it from January 1, 2026 (SB 580 is not an urgency "
             "act).",
             duty=Duty("Implement the Attorney General's model policy on interaction with immigration authorities, or an "
                       "equivalent policy", "on or before January 1, 2027")),
    ],
    kind="duty",
)
