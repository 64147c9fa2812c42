"""The notices of Labor Code 90.2 (Immigrant Worker Protection Act): the posting to employees of an inspection of
I-9 forms or other employment records (90.2(a)(1)) and the notice to each affected employee of the inspection
results (90.2(b)(1)). Content: exactly the elements the statute lists; deadlines: from the engine's answer.

Translation: 90.2(a)(1) requires the posting "in the language the employer normally uses to communicate
employment-related information to the employee". sanctuary bundles English text only (no translation of these
notices is in the corpus; the Labor Commissioner's template posting, in English and Spanish per STATUS.md §4, is
not bundled), so a notice for any other language says so on its face.
"""

from __future__ import annotations

from typing import Any

from . import NoticeError, NoticeInput, NoticeSpec, register

BUNDLED_LANGUAGES = ("english", "en")


def _decide(case, as_of=None):
    from sanctuary.engine.rulebook import default_rulebook

    return {a.action: a for a in default_rulebook().decide(case, as_of).answers}


def _common(case, problems: list[str]) -> dict[str, Any]:
    from sanctuary.vocabulary.case import EMPLOYERS

    if case.actor.kind not in EMPLOYERS:
        problems.append(f"actor.kind: {case.actor.kind.value!r} is not an employer (private_employer or public_employer)")
    e = case.employer
    if e is None:
        problems.append("employer: missing (the notice is filled from the employer facts)")
        raise NoticeError(problems)
    name = e.employer_name or case.actor.name
    if not name:
        problems.append("employer.employer_name (or actor.name): missing; the notice must say who gives it")
    lang = e.language.strip()
    return {
        "employer_name": name, "worksite": e.worksite, "agency": e.agency, "language": lang,
        "translation_missing": lang.lower() not in BUNDLED_LANGUAGES, "representative": e.representative,
        "has_representative": e.employees_have_authorized_representative,
    }


def _answer_context(a) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"status": a.status, "reason": a.reason, "due_by": a.duty.due_by if a.duty else None,
            "review": a.review, "penalty": a.penalty, "rule": a.rule}


def _received(case, name: str):
    """The time of receipt the engine counts the 72 hours from (vocabulary/employer.py): the employer's own field, or
    the request's time of receipt when exactly one of the two notices came with the request."""
    from sanctuary.vocabulary.employer import employer_facts

    return employer_facts(case, None)[name]


def posting_context(case) -> dict[str, Any]:
    problems: list[str] = []
    ctx = _common(case, problems)
    ctx["language_rule"] = "posting"  # 90.2(a)(1): "by posting in the language the employer normally uses ..."
    e = case.employer
    received_at = _received(case, "notice_of_inspection_received_at")
    if not e.agency:
        problems.append("employer.agency: missing; Labor Code 90.2(a)(1)(A) requires the name of the immigration agency")
    if received_at is None:
        problems.append("employer.notice_of_inspection_received_at: missing (or request.received_at, with the Notice of "
                        "Inspection listed); Labor Code 90.2(a)(1)(B) requires the date the employer received notice of "
                        "the inspection (and the 72 hours run from it)")
    if problems:
        raise NoticeError(problems)
    answers = _decide(case)
    ctx.update(
        received_at=received_at,
        nature=e.nature_of_inspection,
        posting=_answer_context(answers.get("post_notice_of_inspection")),
        representative_notice=_answer_context(answers.get("notify_representative_of_inspection")),
    )
    return ctx


def affected_context(case) -> dict[str, Any]:
    problems: list[str] = []
    ctx = _common(case, problems)
    ctx["language_rule"] = "none"  # 90.2(b)(1) names no language for this notice
    e = case.employer
    results_received_at = _received(case, "results_received_at")
    if results_received_at is None:
        problems.append("employer.results_received_at: missing (or request.received_at, with only the results notice "
                        "listed); the 72 hours of Labor Code 90.2(b)(1) run from receipt of the results notice")
    if not e.affected_employees:
        problems.append("employer.affected_employees: none listed; the notice of 90.2(b)(1) goes to each affected employee (90.2(b)(2))")
    for i, emp in enumerate(e.affected_employees or []):
        if not emp.deficiencies:
            problems.append(f"employer.affected_employees[{i}].deficiencies: empty; 90.2(b)(1)(A) requires a description of "
                            "any and all deficiencies or other items the results identify for the employee")
        if not emp.correction_period:
            problems.append(f"employer.affected_employees[{i}].correction_period: missing; 90.2(b)(1)(B) requires the time "
                            "period for correcting the deficiencies")
    if problems:
        raise NoticeError(problems)
    answers = _decide(case)
    ctx.update(results_received_at=results_received_at, employees=e.affected_employees,
               results=_answer_context(answers.get("notify_affected_employees_of_results")))
    return ctx


def _asks(case, *kinds: str) -> bool:
    return any(k.value in kinds for k in case.request.asks)


def _is_employer(case) -> bool:
    from sanctuary.vocabulary.case import EMPLOYERS

    return case.actor.kind in EMPLOYERS


def _has_doc(case, kind: str) -> bool:
    return any(d.value == kind for d in case.request.documents)


def posting_applies(case) -> bool:
    """A notice of inspection was received (its time, or the Notice of Inspection itself among the documents)."""
    e = case.employer
    return e is not None and (e.notice_of_inspection_received_at is not None or _has_doc(case, "notice_of_inspection"))


def affected_applies(case) -> bool:
    """The written inspection results were received (their time, or the results notice among the documents)."""
    e = case.employer
    return e is not None and (e.results_received_at is not None or _has_doc(case, "inspection_results_notice"))


def inspection_asked(case) -> bool:
    """An inspection of I-9 forms or employment records was asked: its notices may follow (90.2(a), (b))."""
    return _is_employer(case) and _asks(case, "i9_inspection", "employee_records")


EMPLOYER_NAME = NoticeInput("actor.name", "Name of the employer, as it should appear on the notice")
WORKSITE = NoticeInput("employer.worksite", "The place of labor (optional)", required=False)
LANGUAGE = NoticeInput("employer.language", "The language you normally use to communicate employment-related "
                       "information to employees", required=False, help="Labor Code 90.2(a)(1); sanctuary prints English only")
REPRESENTATIVE = NoticeInput("employer.representative", "The employees' union (authorized representative), if any (optional)",
                             required=False)

register(NoticeSpec(
    "employee-posting", "Notice to Employees of an Inspection of I-9 Forms or Other Employment Records",
    "employee_posting.html.j2",
    ("lab 90.2(a)(1)", "lab 90.2(a)(1)(A)", "lab 90.2(a)(1)(B)", "lab 90.2(a)(1)(C)", "lab 90.2(a)(1)(D)"),
    posting_context,
    applies=posting_applies, may_apply=inspection_asked,
    inputs=(EMPLOYER_NAME, WORKSITE,
            NoticeInput("employer.agency", "Name of the immigration agency conducting the inspection"),
            NoticeInput("employer.notice_of_inspection_received_at", "When you received notice of the inspection", "datetime"),
            NoticeInput("employer.nature_of_inspection", "The nature of the inspection, to the extent known (optional)",
                        "textarea", required=False),
            LANGUAGE, REPRESENTATIVE),
    summary="Post it for current employees within 72 hours of receiving notice of the inspection (Labor Code 90.2(a)).",
))

register(NoticeSpec(
    "affected-employee", "Notice to Affected Employee of the Results of an Immigration Inspection",
    "affected_employee.html.j2",
    ("lab 90.2(b)(1)", "lab 90.2(b)(1)(A)", "lab 90.2(b)(1)(B)", "lab 90.2(b)(1)(C)", "lab 90.2(b)(1)(D)", "lab 90.2(b)(2)"),
    affected_context,
    applies=affected_applies, may_apply=inspection_asked,
    inputs=(EMPLOYER_NAME, WORKSITE,
            NoticeInput("employer.agency", "Name of the immigration agency (optional)", required=False),
            NoticeInput("employer.results_received_at", "When you received the agency's written notice of the inspection results", "datetime"),
            NoticeInput("employer.affected_employees", "Each affected employee", "employees"),
            LANGUAGE, REPRESENTATIVE),
    summary="Give it to each affected employee within 72 hours of receiving the inspection results (Labor Code 90.2(b)).",
))
