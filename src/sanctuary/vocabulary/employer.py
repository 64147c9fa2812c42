"""The employer side of a case: the worksite facts the Immigrant Worker Protection Act (AB 450) turns on.

Gov. Code 7285.1 (entry to nonpublic areas), 7285.2 (employee records), Labor Code 90.2 (notices of I-9 and records
inspections) and 1019.2 (reverification). Each field names the words of the statute it feeds. A fact the user does
not know is `null`; the engine answers "needs review" where the law turns on it.

Times: the 72-hour deadlines of Labor Code 90.2 count hours from receipt of a notice, so receipt times are datetimes.
A time given without a UTC offset is read as California time (America/Los_Angeles); deadlines are computed in
elapsed hours (72 hours across a weekend or a daylight-saving change is 72 real hours).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# No import of case.py or facts.py at module level: case.py imports this module to type `Case.employer`.

CALIFORNIA_TIME = ZoneInfo("America/Los_Angeles")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False, str_strip_whitespace=True)


def aware(t: dt.datetime | None) -> dt.datetime | None:
    """A naive time is California time; an aware time is kept as given."""
    if t is None or t.tzinfo is not None:
        return t
    return t.replace(tzinfo=CALIFORNIA_TIME)


class Area(StrEnum):
    """Gov. Code 7285.1(a) limits consent to enter "any nonpublic areas of a place of labor"."""

    PUBLIC = "public"  # open to the public (a shop floor, a lobby, a dining room)
    NONPUBLIC = "nonpublic"  # not open to the public (a kitchen, an office, a warehouse floor)


class AffectedEmployee(Strict):
    """One "affected employee" (Labor Code 90.2(b)(2)) and what the notice of 90.2(b)(1)(A)-(D) must tell them."""

    reference: Annotated[str, Field(min_length=1, max_length=100, description="Name or employee number, for addressing the notice; never logged")]
    deficiencies: list[Annotated[str, Field(min_length=1, max_length=1000)]] = Field(
        default_factory=list, max_length=50,
        description="90.2(b)(1)(A): any and all deficiencies or other items the inspection results identify for this employee")
    correction_period: str | None = Field(None, max_length=300, description="90.2(b)(1)(B): the time period for correcting them, as the agency gives it")
    meeting_at: dt.datetime | None = Field(None, description="90.2(b)(1)(C): time and date of any meeting with the employer to correct them")
    email_known: bool | None = Field(None, description="90.2(b)(1): if hand delivery is not possible, by mail and email if the email address is known")

    @field_validator("meeting_at")
    @classmethod
    def _aware(cls, v):
        return aware(v)


class Reverification(Strict):
    """Labor Code 1019.2: reverifying a current employee's employment eligibility."""

    required_by_federal_law: bool | None = Field(
        None, description="1019.2(a): the time and manner are required by 8 U.S.C. 1324a(b) (that federal text is not in the corpus; say so if you know)")
    consistent_with_8_cfr_274a_2_b_1_vii: bool | None = Field(
        None, description="1019.2(c)(1): reverifying in a time and manner consistent with 8 CFR 274a.2(b)(1)(vii) (expiring work authorization)")
    employer_knows_unauthorized: bool | None = Field(
        None, description="1019.2(c)(2): the employer knows (as 1019.2(e) defines it) the employee is or has become unauthorized, e.g. specific and detailed DHS information")
    reminder_90_days_before: bool | None = Field(
        None, description="1019.2(c)(3): only reminding the employee, at least 90 days before reverification is required, of the documents to present")
    correcting_i9_errors: bool | None = Field(
        None, description="1019.2(c)(4): a lawful action to correct errors or omissions in a missing or incomplete Form I-9")
    e_verify_mou_compliance: bool | None = Field(
        None, description="1019.2(d): complying with a memorandum of understanding governing the use of E-Verify")
    unfair_immigration_related_practice: bool = Field(
        False, description="1019.1(a)(4): the reverification is attempted using an unfair immigration-related practice "
                           "(1019(b)(1): requesting more or different documents than 8 U.S.C. 1324a(b) requires or refusing "
                           "genuine-looking ones, E-Verify at a time or in a manner not required, threatening or filing false "
                           "reports, threatening to contact or contacting immigration authorities) undertaken to retaliate "
                           "against a person for exercising a right under the Labor Code or a local ordinance (1019(a)); not "
                           "conduct at the express and specific direction or request of the federal government (1019(b)(2)); "
                           "answered (reverify_using_unfair_practice) only if true")


class EmployerFacts(Strict):
    """Facts about the place of labor, the inspection and the employees."""

    area: Area | None = Field(None, description="7285.1(a): the area the agent asks to enter; null if not known")
    escort_to_verify_warrant: bool = Field(
        False, description="7285.1(c): the employer means to take the agent to a nonpublic area to verify whether the agent has a judicial warrant")
    employees_present_in_area: bool | None = Field(None, description="7285.1(c): employees are present in that nonpublic area")
    federal_law_requires_otherwise: bool | None = Field(
        False, description="'Except as otherwise required by federal law' (7285.1(a), 7285.2(a)(1), 90.2(a)(1), (b)(1), 1019.2(a)): a federal requirement compels otherwise; null if not known")
    records_covered_by_notice_of_inspection: bool | None = Field(
        None, description="7285.2(a)(2): the records asked for are I-9 forms or other documents for which a Notice of Inspection was provided; default: true for an I-9 inspection with a Notice of Inspection")
    # Labor Code 90.2
    agency: str | None = Field(None, max_length=200, description="90.2(a)(1)(A): the immigration agency conducting the inspection")
    nature_of_inspection: str | None = Field(None, max_length=1000, description="90.2(a)(1)(C): the nature of the inspection, to the extent known")
    notice_of_inspection_received_at: dt.datetime | None = Field(None, description="90.2(a)(1): when the employer received notice of the inspection (starts 72 hours)")
    results_received_at: dt.datetime | None = Field(None, description="90.2(b)(1): when the employer received the written inspection results notice (starts 72 hours)")
    employees_have_authorized_representative: bool | None = Field(
        None, description="90.2(a)(1), (b)(1), (d): the employees have an exclusive collective bargaining representative; null if not known")
    representative: str | None = Field(None, max_length=200, description="The representative's name, for the notices")
    language: str = Field("English", min_length=2, max_length=60, description="90.2(a)(1): the language the employer normally uses to communicate employment-related information to employees")
    affected_employees: list[AffectedEmployee] | None = Field(None, max_length=2000, description="90.2(b)(2): employees the results identify; null if the results are not in yet")
    employee_requested_notice_copy: bool = Field(False, description="90.2(a)(3): an affected employee reasonably requested a copy of the Notice of Inspection")
    federal_direction_not_to_notify: bool | None = Field(
        False, description="90.2(c): the federal government expressly and specifically directed or requested that notice not be given")
    reverification: Reverification | None = None
    employer_name: str | None = Field(None, max_length=200, description="For the notices; defaults to actor.name")
    worksite: str | None = Field(None, max_length=300, description="The place of labor, for the notices")

    @field_validator("notice_of_inspection_received_at", "results_received_at")
    @classmethod
    def _aware(cls, v):
        return aware(v)

    @model_validator(mode="after")
    def _order(self):
        a, b = self.notice_of_inspection_received_at, self.results_received_at
        if a and b and b < a:
            raise ValueError("employer.results_received_at is before employer.notice_of_inspection_received_at")
        return self


def employer_facts(case, as_of: dt.date) -> dict[str, Any]:
    """The named facts of the worker-protection rules (also the bulk table's columns). Registered as a fact
    provider by `register()` (called when the worker-protection rules are loaded)."""
    from .case import DocumentKind, RequestKind

    def _ask(kind):
        return kind in case.request.asks

    e = case.employer or EmployerFacts()
    docs = case.request.documents
    r = e.reverification or Reverification()
    noi = DocumentKind.NOTICE_OF_INSPECTION in docs or e.notice_of_inspection_received_at is not None
    covered = e.records_covered_by_notice_of_inspection
    if covered is None and noi and _ask(RequestKind.I9_INSPECTION) and not _ask(RequestKind.EMPLOYEE_RECORDS):
        covered = True  # 7285.2(a)(2) names I-9 forms themselves
    affected = None if e.affected_employees is None else len(e.affected_employees)
    # The 72 hours of 90.2(a)(1) and (b)(1) run from receipt of the Notice, or of the results notice. When only the
    # request's time of receipt is given and exactly one of the two documents came with it, that is its receipt.
    noi_doc = DocumentKind.NOTICE_OF_INSPECTION in docs
    results_doc = DocumentKind.INSPECTION_RESULTS in docs
    request_at = aware(case.request.received_at)
    noi_at = e.notice_of_inspection_received_at or (request_at if noi_doc and not results_doc else None)
    results_at = e.results_received_at or (request_at if results_doc and not noi_doc else None)
    return {
        "worksite_area": e.area.value if e.area else None,
        "escort_to_verify_warrant": e.escort_to_verify_warrant,
        "employees_present_in_area": e.employees_present_in_area,
        "federal_law_requires_otherwise": e.federal_law_requires_otherwise,
        "records_covered_by_notice_of_inspection": covered,
        "notice_of_inspection_received": noi,
        "notice_of_inspection_received_at": noi_at,
        "results_received": DocumentKind.INSPECTION_RESULTS in docs or e.results_received_at is not None,
        "results_received_at": results_at,
        "employees_have_authorized_representative": e.employees_have_authorized_representative,
        "affected_employee_count": affected,
        "employee_requested_notice_copy": e.employee_requested_notice_copy,
        "federal_direction_not_to_notify": e.federal_direction_not_to_notify,
        "employer_language": e.language,
        "reverification_required_by_federal_law": r.required_by_federal_law,
        "reverification_per_8cfr_274a2b1vii": r.consistent_with_8_cfr_274a_2_b_1_vii,
        "employer_knows_unauthorized": r.employer_knows_unauthorized,
        "reverification_reminder_90_days": r.reminder_90_days_before,
        "correcting_i9_errors": r.correcting_i9_errors,
        "e_verify_mou_compliance": r.e_verify_mou_compliance,
        "reverification_unfair_practice": r.unfair_immigration_related_practice,
    }


def register() -> None:
    from .facts import FACT_PROVIDERS

    if employer_facts not in FACT_PROVIDERS:
        FACT_PROVIDERS.append(employer_facts)
