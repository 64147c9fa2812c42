"""The TRUTH Act: Gov. Code 7283, 7283.1 (Chapter 17.2). Duties of a "local law enforcement agency".

The corpus holds 7283 only through the start of (e) and 7283.1 only through the start of (c); 7283.2 and the
community-forum duty of 7283.1(d) are not in it. The duties below are the ones whose text the corpus has.
"""

from sanctuary.engine import Decision, Duty, Fact, IsTrue, Rule, Status
from sanctuary.vocabulary.case import ActorKind, RequestKind as R

from ..common import actor_kind, asks, california_law_enforcement_agency, local_law_enforcement_agency

ACT = "us-ca/truth_act"
REQ, REVIEW = Status.REQUIRED, Status.NEEDS_REVIEW

# 7283(e), as far as the corpus has it: "“Local law enforcement agency” means any agency of a city, county, city and
# county, special [TEXT NOT FOUND IN SOURCES]". A police or security department of a school district, county office
# of education or charter school is not an agency of a city, county or city and county, and the words that might
# reach it are missing; the Values Act names "school police" expressly (7284.4(a), (k)) but only for its own term
# "California law enforcement agency". So each TRUTH Act duty is needs review for school police, never a confident
# "required" (nor a silent "no duty").
school_police = actor_kind == ActorKind.SCHOOL_POLICE


def _school_police_open(rule_id: str, cite: str) -> Rule:
    return Rule(
        rule_id, REVIEW, (cite, "gov 7283(e)"),
        "The TRUTH Act binds a \"local law enforcement agency\", which Gov. Code 7283(e) defines as \"any agency of a "
        "city, county, city and county, special ...\"; the rest of the definition is not in the corpus, and a school "
        "district's, county office of education's or charter school's police or security department is not an agency "
        "of a city or county. Whether this duty binds school police cannot be read from the text in the corpus. "
        "Following it is the safe course; have counsel confirm.",
        when=school_police,
    )

# 7283.1(b), first sentence: "Upon receiving any ICE hold, notification, or transfer request, the local law
# enforcement agency shall provide a copy of the request to the individual and inform the individual whether the
# law enforcement agency intends to comply with the request."
# A request only for the release date: whether it is a "notification request" turns on 7283's definition, which the
# corpus lacks (its text stops within (e); a non-English mirror shows (f) "notification request" follows). 7283(d)
# lists "Responding to an ICE hold, notification, or transfer request" and, separately, "Providing ICE
# non-publicly available information regarding release dates" as kinds of ICE access, so the text in the corpus
# does not settle it: needs review, not a silent "no duty".
copy_of_request = Decision(
    "give_person_copy_of_request", "Give the person a copy of the request and say whether the agency will comply", ACT,
    local_law_enforcement_agency & asks(R.HOLD, R.NOTIFICATION, R.TRANSFER, R.RELEASE_DATE),
    [
        _school_police_open("truth_act.copy_of_request.school_police", "gov 7283.1(b)"),
        Rule("truth_act.copy_of_request.release_date_only", REVIEW, ("gov 7283.1(b)", "gov 7283(d)"),
             "The request asks only for the release date. 7283.1(b) applies to \"any ICE hold, notification, or "
             "transfer request\"; whether a release-date request is a \"notification request\" depends on the "
             "definition in Gov. Code 7283, whose text the corpus lacks. Giving the person a copy is the safe course; "
             "have counsel confirm.",
             when=~asks(R.HOLD, R.NOTIFICATION, R.TRANSFER)),
        Rule("truth_act.copy_of_request", REQ, ("gov 7283.1(b)",),
             "On receiving an ICE hold, notification or transfer request, the agency must give the person a copy of "
             "the request and tell the person whether it intends to comply.",
             duty=Duty("Give the person a copy of the request and tell the person whether the agency intends to comply",
                       "upon receiving the request (the statute sets no number of hours)", starts_from="receipt of the request",
                       to_whom="the person in custody")),
    ],
    kind="duty",
)

# 7283.1(b), second sentence: "If a local law enforcement agency provides ICE with notification that an individual
# is being, or will be, released on a certain date, the local law enforcement agency shall promptly provide the same
# notification in writing to the individual and to the individual's attorney or to one additional person who the
# individual shall be permitted to designate."
release_notice_to_person = Decision(
    "notify_person_of_release_notice", "Tell the person, and their attorney or designee, in writing of any release notice given to ICE", ACT,
    local_law_enforcement_agency & asks(R.NOTIFICATION, R.RELEASE_DATE),
    [
        _school_police_open("truth_act.release_notice_to_person.school_police", "gov 7283.1(b)"),
        Rule("truth_act.release_notice_to_person", REQ, ("gov 7283.1(b)",),
             "If the agency tells ICE that the person is being or will be released on a certain date, it must promptly "
             "give the same notification in writing to the person and to the person's attorney or one designee. The "
             "duty arises only from that notification: if the agency does not give ICE the release date (for example, "
             "it declines the notification request), no written notice is owed; an intention not to notify ICE does "
             "not discharge it if the agency gives ICE the date after all.",
             duty=Duty("Give the same release notification in writing to the person and to the person's attorney or one person the individual designates",
                       "promptly", starts_from="the notification to ICE",
                       to_whom="the person, and the person's attorney or one designee",
                       only_if="if the agency gives ICE the release date or notice of release")),
    ],
    kind="duty",
)

# 7283.1(a): "In advance of any interview between ICE and an individual in local law enforcement custody regarding
# civil immigration violations, the local law enforcement entity shall provide the individual with a written
# consent form ..." -- "in local law enforcement custody": a person the agency does not hold is outside the duty
# (allow_interview answers needs review for that person: values_act.py).
# 7284.6(b)(5) (Values Act): a "California law enforcement agency" -- 7284.4(a): "a state or local law enforcement
# agency, including school police or security departments" -- may give "immigration authorities access to interview
# an individual in agency or department custody. All interview access shall comply with requirements of the TRUTH
# Act". So the consent form does not turn on 7283(e)'s missing words: school police and state agencies that give
# interview access must follow 7283.1(a) by force of (b)(5). (The copy-of-request and release-notice duties of
# 7283.1(b) have no such bridge and stay open for school police.)
_b5_only = actor_kind.isin([ActorKind.SCHOOL_POLICE, ActorKind.STATE_LAW_ENFORCEMENT])
_CONSENT_DUTY = Duty("Give a written consent form explaining the interview's purpose, that it is voluntary, and that the person may decline or be interviewed only with an attorney present; available in English, Spanish, Chinese, Tagalog, Vietnamese and Korean, and in county-threshold languages where certified translations are provided free",
                     "in advance of the interview", to_whom="the person in custody",
                     only_if="if the agency allows an interview about civil immigration violations")
interview_consent_form = Decision(
    "give_interview_consent_form", "Give the person a written consent form before the ICE interview", ACT,
    california_law_enforcement_agency & asks(R.INTERVIEW) & IsTrue(Fact("in_custody")),
    [
        Rule("truth_act.interview_consent_form.values_act_b5", REQ, ("gov 7284.6(b)(5)", "gov 7283.1(a)"),
             "The Values Act lets a California law enforcement agency (state agencies and school police included, "
             "7284.4(a)) give ICE access to interview a person in its custody only on the terms that \"All interview "
             "access shall comply with requirements of the TRUTH Act\" (7284.6(b)(5)). The TRUTH Act requires a "
             "written consent form before any ICE interview about civil immigration violations, explaining the "
             "purpose of the interview, that it is voluntary, and that the person may decline or be interviewed only "
             "with an attorney present (7283.1(a)).",
             when=_b5_only, duty=_CONSENT_DUTY),
        Rule("truth_act.interview_consent_form", REQ, ("gov 7283.1(a)",),
             "Before any ICE interview about civil immigration violations, the agency must give the person a written "
             "consent form explaining the purpose of the interview, that it is voluntary, and that the person may "
             "decline or be interviewed only with an attorney present.",
             duty=_CONSENT_DUTY),
    ],
    kind="duty",
)

DECISIONS = [copy_of_request, release_notice_to_person, interview_consent_form]
