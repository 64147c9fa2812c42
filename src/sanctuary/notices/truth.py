"""The TRUTH Act notices of Gov. Code 7283.1, filled from a case: exactly the content the statute names.

- `interview-consent` (7283.1(a)): before any ICE interview of a person in local law enforcement custody about civil
  immigration violations, a written consent form that "explains the purpose of the interview, that the interview is
  voluntary, and that the individual may decline to be interviewed or may choose to be interviewed only with the
  individual's attorney present". The form marks one of those three choices and carries a signature line: that is
  the form's mechanics, not added law.
- `request-notice` (7283.1(b), first sentence): on receiving an ICE hold, notification or transfer request, "provide a
  copy of the request to the individual and inform the individual whether the law enforcement agency intends to
  comply with the request".
- `release-notice` (7283.1(b), second sentence): if the agency tells ICE the person "is being, or will be, released on
  a certain date", it "shall promptly provide the same notification in writing to the individual and to the
  individual's attorney or to one additional person who the individual shall be permitted to designate".

Which notices a case calls for comes from the engine's answer (the duties of rules/us_ca/truth_act.py), never from
this file. Languages: 7283.1(a) requires the consent form "in English, Spanish, Chinese, Tagalog, Vietnamese, and
Korean" (and county-threshold languages where certified translations are given free). sanctuary bundles English text
only (no translation is in the corpus), and the consent form says so on its face.
"""

from __future__ import annotations

from typing import Any

from . import NoticeError, NoticeInput, NoticeSpec, register

# 7283.1(a)'s languages, in the statute's order
CONSENT_LANGUAGES = ("English", "Spanish", "Chinese", "Tagalog", "Vietnamese", "Korean")
# The asks 7283.1(b) names ("any ICE hold, notification, or transfer request"), and a request for the release date,
# for which the engine answers the duty "needs review" (whether it is a "notification request" turns on 7283's
# definition, not in the corpus); and the action whose answer says whether the agency may comply with each (the
# rules of rules/us_ca: a test checks these actions exist).
TRUTH_ASKS = ("hold", "notification", "transfer", "release_date")
COMPLY_ACTION = {
    "hold": "detain_on_hold_request",
    "notification": "provide_release_date_or_notification",
    "transfer": "transfer_to_immigration_authorities",
    "release_date": "provide_release_date_or_notification",
}
# Plain words for each ask on the notice to the person; "hold request" in the words of 7283(b).
ASK_WORDS = {
    "hold": ("Hold request", "that this agency keep you in custody beyond the time you would otherwise be eligible "
             "for release, in order to facilitate transfer to ICE"),
    "notification": ("Notification request", "that this agency tell ICE when you are being, or will be, released"),
    "transfer": ("Transfer request", "that this agency transfer you to ICE"),
    "release_date": ("Request for your release date", "that this agency give ICE the date you will be released"),
}


def _answers(case) -> dict:
    from sanctuary.engine.rulebook import default_rulebook

    return {a.action: a for a in default_rulebook().decide(case, None).answers}


def _required(answers: dict, action: str) -> bool:
    a = answers.get(action)
    return a is not None and a.status in ("required", "needs_review")


def _answer_context(a) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"status": a.status, "title": a.title, "reason": a.reason, "review": a.review,
            "deadline": a.duty.deadline if a.duty else None, "only_if": a.duty.only_if if a.duty else None,
            "citations": [{"display": c.display, "quote": c.quote} for c in a.citations]}


def _agency(case, problems: list[str], cite: str, cdcr: bool = False, b5: bool = False) -> str | None:
    """`b5`: the consent form, which 7284.6(b)(5) applies to every California law enforcement agency (state agencies
    included, 7284.4(a)) that gives interview access: "All interview access shall comply with requirements of the
    TRUTH Act". The 7283.1(b) notices have no such bridge and stay with local agencies."""
    from sanctuary.vocabulary.case import CALIFORNIA_LAW_ENFORCEMENT, LOCAL_LAW_ENFORCEMENT, ActorKind

    if cdcr and case.actor.kind != ActorKind.CDCR:
        problems.append(f"actor.kind: {case.actor.kind.value!r} is not the Department of Corrections and Rehabilitation; "
                        f"Gov. Code {cite} binds the department (local agencies: 7283.1)")
    elif not cdcr and b5 and case.actor.kind not in CALIFORNIA_LAW_ENFORCEMENT:
        problems.append(f"actor.kind: {case.actor.kind.value!r} is not a California law enforcement agency; Gov. Code "
                        f"{cite} binds local law enforcement agencies, and 7284.6(b)(5) the others that give interview access"
                        + ("; the department's own form is cdcr-interview-consent (7284.10(a)(1))"
                           if case.actor.kind == ActorKind.CDCR else ""))
    elif not cdcr and not b5 and case.actor.kind not in LOCAL_LAW_ENFORCEMENT:
        problems.append(f"actor.kind: {case.actor.kind.value!r} is not a local law enforcement agency; Gov. Code "
                        f"{cite} binds local law enforcement agencies")
    if not case.actor.name:
        problems.append(f"actor.name: missing; the notice must name the agency that gives it (Gov. Code {cite})")
    return case.actor.name


# ---------------------------------------------------------------------------- 7283.1(a): interview consent form

def consent_applies(case) -> bool:
    return case.person.in_custody and _required(_answers(case), "give_interview_consent_form")


def cdcr_consent_applies(case) -> bool:
    return case.person.in_custody and _required(_answers(case), "cdcr_interview_consent_form")


def _consent(case, section: str, duty_action: str, cdcr: bool) -> dict[str, Any]:
    problems: list[str] = []
    agency = _agency(case, problems, section, cdcr, b5=not cdcr)
    if "interview" not in [k.value for k in case.request.asks]:
        problems.append(f"request.asks: no interview was asked; the consent form of {section} is given in advance of an ICE interview")
    if not case.person.in_custody:
        problems.append(f"person.in_custody: false; {section} is about an individual in "
                        f"{'department' if cdcr else 'local law enforcement'} custody")
    purpose = case.request.interview_purpose
    if not purpose:
        problems.append(f"request.interview_purpose: missing; {section} requires the consent form to explain the purpose of the interview")
    if problems:
        raise NoticeError(problems)
    answers = _answers(case)
    return {"agency": agency, "purpose": purpose, "reference": case.person.reference, "languages": CONSENT_LANGUAGES,
            "duty": _answer_context(answers.get(duty_action)),
            "interview": _answer_context(answers.get("allow_interview")),
            # 7284.10(a)(1) names the six languages only; the county-threshold languages and "ICE access" are 7283.1's and 7283's
            "section": section, "county_threshold": not cdcr, "truth_act": not cdcr,
            # state agencies and school police: the engine's duty rests on 7284.6(b)(5), which applies 7283.1(a) to them
            "bridge": (None if cdcr or not _rests_on_b5(answers.get(duty_action))
                       else {"section": "7284.6(b)(5)", "words": "All interview access shall comply with requirements of the TRUTH Act"})}


def _rests_on_b5(a) -> bool:
    return a is not None and bool(a.citations) and a.citations[0].address == "gov 7284.6(b)(5)"


def consent_context(case) -> dict[str, Any]:
    return _consent(case, "7283.1(a)", "give_interview_consent_form", cdcr=False)


def cdcr_consent_context(case) -> dict[str, Any]:
    return _consent(case, "7284.10(a)(1)", "cdcr_interview_consent_form", cdcr=True)


# ---------------------------------------------------------------------------- 7283.1(b): copy of the request

def _truth_asks(case) -> list[str]:
    return [k.value for k in case.request.asks if k.value in TRUTH_ASKS]


def request_notice_applies(case) -> bool:
    return _required(_answers(case), "give_person_copy_of_request")


def cdcr_request_notice_applies(case) -> bool:
    return _required(_answers(case), "cdcr_copy_of_request")


def request_notice_context(case) -> dict[str, Any]:
    return _request_notice(case, "7283.1(b)", "give_person_copy_of_request", cdcr=False)


def cdcr_request_notice_context(case) -> dict[str, Any]:
    return _request_notice(case, "7284.10(a)(2)", "cdcr_copy_of_request", cdcr=True)


def _request_notice(case, section: str, duty_action: str, cdcr: bool) -> dict[str, Any]:
    problems: list[str] = []
    agency = _agency(case, problems, section, cdcr)
    asked = _truth_asks(case)
    if not asked:
        problems.append(f"request.asks: none of hold, notification, transfer or release_date; {section} is about an ICE "
                        "hold, notification or transfer request")
    will = case.request.agency_will_comply
    if will is None and asked:
        problems.append(f"request.agency_will_comply: not given; {section} requires informing the individual whether the "
                        f"{'department' if cdcr else 'agency'} intends to comply with the request (say it for each of: {', '.join(asked)})")
    answers = _answers(case)
    will_values = [k.value for k in will or []]
    for k in asked:
        a = answers.get(COMPLY_ACTION[k])
        if k in will_values and a is not None and a.status == "prohibited":
            cite = a.citations[0].display if a.citations else a.rule
            problems.append(f"request.agency_will_comply: {k!r}, but the answer for this case is PROHIBITED ({cite}): "
                            f"{a.title}. sanctuary will not print that the agency intends to do what the law prohibits")
    if problems:
        raise NoticeError(problems)
    rows = []
    for k in asked:
        head, words = ASK_WORDS[k]
        rows.append({"ask": k, "head": head, "words": words, "comply": k in will_values,
                     "answer": _answer_context(answers.get(COMPLY_ACTION[k]))})
    # the written release notification to the person is 7283.1(b)'s second sentence; 7284.10 has none
    notifies = not cdcr and any(k in will_values for k in ("notification", "release_date"))
    # 7283.1(b), second sentence: the written release notice follows the notification to ICE, not the intention; where
    # the agency says it will not give ICE the release date, its page says what is owed if it does so after all
    # (not where giving ICE the date is itself prohibited: there is no "after all")
    may = answers.get("provide_release_date_or_notification")
    release_duty = (None if cdcr or notifies or (may is not None and may.status == "prohibited")
                    else answers.get("notify_person_of_release_notice"))
    return {"agency": agency, "reference": case.person.reference, "received_at": case.request.received_at,
            "rows": rows, "notifies": notifies, "documents": [d.value for d in case.request.documents],
            "duty": _answer_context(answers.get(duty_action)), "section": section,
            "release_duty": _answer_context(release_duty) if release_duty is not None else None}


# ---------------------------------------------------------------------------- 7283.1(b): the release notification

def release_notice_applies(case) -> bool:
    answers = _answers(case)
    if not _required(answers, "notify_person_of_release_notice"):
        return False
    may = answers.get("provide_release_date_or_notification")
    if may is not None and may.status == "prohibited":
        return False  # offered only where the answer lets the agency give ICE the release date
    will = case.request.agency_will_comply
    return will is None or any(k.value in ("notification", "release_date") for k in will)


def release_notice_context(case) -> dict[str, Any]:
    problems: list[str] = []
    agency = _agency(case, problems, "7283.1(b)")
    answers = _answers(case)
    may = answers.get("provide_release_date_or_notification")
    if may is None:
        problems.append("request.asks: neither notification nor release_date; the written notice of 7283.1(b) follows a "
                        "notification to ICE that the person is being, or will be, released")
    elif may.status == "prohibited":
        cite = may.citations[0].display if may.citations else may.rule
        problems.append(f"request.asks: giving ICE the release date or notice of release is PROHIBITED for this case "
                        f"({cite}); sanctuary prints no notice of a notification the law prohibits")
    will = case.request.agency_will_comply
    if will is not None and not any(k.value in ("notification", "release_date") for k in will):
        problems.append("request.agency_will_comply: the agency does not intend to give ICE the release date or notice "
                        "of release, so 7283.1(b) calls for no release notice")
    if case.person.release_at is None:
        problems.append("person.release_at: missing; 7283.1(b) requires the same notification given to ICE: that the "
                        "individual is being, or will be, released on a certain date")
    if problems:
        raise NoticeError(problems)
    import datetime as dt

    r = case.person.release_at
    return {"agency": agency, "reference": case.person.reference, "release_at": r,
            "has_time": isinstance(r, dt.datetime),
            "duty": _answer_context(answers.get("notify_person_of_release_notice")), "may": _answer_context(may)}


AGENCY = NoticeInput("actor.name", "Name of your agency, as it should appear on the notice")
REFERENCE = NoticeInput("person.reference", "The person's name or booking number (optional: printed on the notice, "
                        "never stored or logged)", required=False)

register(NoticeSpec(
    "interview-consent", "Written Consent Form: Interview by Immigration and Customs Enforcement (ICE)",
    "interview_consent.html.j2", ("gov 7283.1(a)",), consent_context, applies=consent_applies,
    inputs=(AGENCY, NoticeInput("request.interview_purpose", "The purpose of the interview, as the form must explain it",
                                "textarea", help="Gov. Code 7283.1(a): the form explains the purpose of the interview"),
            REFERENCE),
    summary="Give it to the person in custody in advance of any ICE interview (Gov. Code 7283.1(a)).",
))

register(NoticeSpec(
    "request-notice", "Notice to the Person: ICE Request and Whether the Agency Intends to Comply",
    "request_notice.html.j2", ("gov 7283.1(b)",), request_notice_context, applies=request_notice_applies,
    inputs=(AGENCY, NoticeInput("request.agency_will_comply", "Does your agency intend to comply with each request?", "comply"),
            NoticeInput("request.received_at", "When the request was received (optional)", "datetime", required=False),
            REFERENCE),
    summary="Give it, with a copy of the request, to the person on receiving an ICE hold, notification or transfer "
            "request (Gov. Code 7283.1(b)).",
))

register(NoticeSpec(
    "release-notice", "Written Notice to the Person: Release Notification Given to ICE",
    "release_notice.html.j2", ("gov 7283.1(b)",), release_notice_context, applies=release_notice_applies,
    inputs=(AGENCY, NoticeInput("person.release_at", "The release date given to ICE (and the time, if given)", "date_time"),
            REFERENCE),
    summary="Only if your agency tells ICE the release date: give the same notification in writing, promptly, to the "
            "person and their attorney or one person they designate (Gov. Code 7283.1(b)).",
))

# The Department of Corrections and Rehabilitation: Gov. Code 7284.10(a)(1) and (a)(2) say the same of the department
# as 7283.1(a) and the first sentence of 7283.1(b) say of local agencies.
CDCR_NAME = NoticeInput("actor.name", "Name of the institution or office, as it should appear on the notice")

register(NoticeSpec(
    "cdcr-interview-consent", "Written Consent Form: Interview by Immigration and Customs Enforcement (ICE)",
    "interview_consent.html.j2", ("gov 7284.10(a)(1)",), cdcr_consent_context, applies=cdcr_consent_applies,
    inputs=(CDCR_NAME, NoticeInput("request.interview_purpose", "The purpose of the interview, as the form must explain it",
                                   "textarea", help="Gov. Code 7284.10(a)(1): the form explains the purpose of the interview"),
            REFERENCE),
    summary="Give it to the person in department custody in advance of any ICE interview (Gov. Code 7284.10(a)(1)).",
))

register(NoticeSpec(
    "cdcr-request-notice", "Notice to the Person: ICE Request and Whether the Department Intends to Comply",
    "request_notice.html.j2", ("gov 7284.10(a)(2)",), cdcr_request_notice_context, applies=cdcr_request_notice_applies,
    inputs=(CDCR_NAME, NoticeInput("request.agency_will_comply", "Does the department intend to comply with each request?", "comply"),
            NoticeInput("request.received_at", "When the request was received (optional)", "datetime", required=False),
            REFERENCE),
    summary="Give it, with a copy of the request, to the person on receiving an ICE hold, notification or transfer "
            "request (Gov. Code 7284.10(a)(2)).",
))
