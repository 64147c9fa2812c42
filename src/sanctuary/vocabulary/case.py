"""The case vocabulary: a situation, validated, in the words of the statutes.

Every field is an enumeration or a typed value, never free text the engine would have to guess at; unknown fields
are refused (a misspelt field must not be silently ignored). A fact the user does not know is `null`, and the
engine answers "needs review" where the law turns on it.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from .base import Strict


class ActorKind(StrEnum):
    """Who is asked to act. The Values Act binds "California law enforcement agencies" (state or local, including
    school police; Gov. Code 7284.4(a)) and treats the Department of Corrections and Rehabilitation separately
    (7284.10). The TRUST and TRUTH Acts bind local agencies (7282(d), (e); 7283)."""

    COUNTY_JAIL = "county_jail"  # sheriff's custody division, county jail or juvenile hall
    COUNTY_SHERIFF = "county_sheriff"  # sheriff's patrol or investigations
    CITY_POLICE = "city_police"
    COUNTY_PROBATION = "county_probation"  # probation department, including juvenile detention
    SCHOOL_POLICE = "school_police"  # police or security department of a school district, county office of education or charter school
    STATE_LAW_ENFORCEMENT = "state_law_enforcement"  # a state agency that enforces criminal law, e.g. the Highway Patrol
    CDCR = "cdcr"  # California Department of Corrections and Rehabilitation
    PRIVATE_EMPLOYER = "private_employer"
    PUBLIC_EMPLOYER = "public_employer"
    # courthouses, schools, health facilities, detention, officers (issue 9; vocabulary/places.py)
    COURT = "court"  # a court, judicial officer or court staff
    PARTY_OR_ATTORNEY = "party_or_attorney"  # a party to a civil or criminal action, or their attorney (Evid. Code 351.3, 351.4)
    LOCAL_EDUCATIONAL_AGENCY = "local_educational_agency"  # school district, county office of education or charter school, its officials and employees (Ed. Code 234.7(l)(2))
    HEALTH_CARE_PROVIDER_ENTITY = "health_care_provider_entity"  # and its personnel (H&S Code 24251; defined in 24250, not in the corpus)
    LOCAL_GOVERNMENT = "local_government"  # a city, county or city and county, as contracting party or permitting authority (Civ. Code 1670.9; Gov. Code 7310, 7311)
    PRIVATE_DETENTION_OPERATOR = "private_detention_operator"  # operates a detention facility under a government contract (Pen. Code 9500(b))
    PRIVATE_IMMIGRATION_DETENTION_OPERATOR = "private_immigration_detention_operator"  # the same, detaining for U.S. Immigration and Customs Enforcement
    ATTORNEY_GENERAL = "attorney_general"  # the Attorney General or designee (Gov. Code 12532)
    FEDERAL_LAW_ENFORCEMENT = "federal_law_enforcement"  # a federal law enforcement agency or its officer, or a person acting on its behalf
    OTHER_STATE_LAW_ENFORCEMENT = "other_state_law_enforcement"  # a law enforcement agency of another state or its officer


LOCAL_LAW_ENFORCEMENT = (ActorKind.COUNTY_JAIL, ActorKind.COUNTY_SHERIFF, ActorKind.CITY_POLICE,
                         ActorKind.COUNTY_PROBATION, ActorKind.SCHOOL_POLICE)
CALIFORNIA_LAW_ENFORCEMENT = LOCAL_LAW_ENFORCEMENT + (ActorKind.STATE_LAW_ENFORCEMENT,)
EMPLOYERS = (ActorKind.PRIVATE_EMPLOYER, ActorKind.PUBLIC_EMPLOYER)


class RequestKind(StrEnum):
    """What the immigration authority (or someone acting for it) asked for. One situation may ask several."""

    HOLD = "hold"  # keep the person past release (a detainer's "maintain custody")
    NOTIFICATION = "notification"  # tell ICE when the person will be released
    TRANSFER = "transfer"  # hand the person over to immigration authorities
    INTERVIEW = "interview"  # interview access to a person in custody
    RELEASE_DATE = "release_date"  # information: the person's release date
    HOME_OR_WORK_ADDRESS = "home_or_work_address"  # information: home or work address
    PERSONAL_INFORMATION = "personal_information"  # other personal information (Civil Code 1798.3)
    CRIMINAL_HISTORY = "criminal_history"  # information: criminal history (arrests, convictions, CLETS)
    IMMIGRATION_STATUS_INFO = "immigration_status_info"  # send or receive citizenship/immigration status information
    INQUIRE_IMMIGRATION_STATUS = "inquire_immigration_status"  # ask a person about their immigration status
    ARREST_CIVIL_WARRANT = "arrest_civil_warrant"  # make or join an arrest on a civil immigration warrant
    IMMIGRATION_ENFORCEMENT_ASSISTANCE = "immigration_enforcement_assistance"  # investigate, detect, detain or arrest for immigration enforcement
    ILLEGAL_REENTRY_ARREST = "illegal_reentry_arrest"  # 8 U.S.C. 1326(a) with the 1326(b)(2) enhancement
    BORDER_SEARCH_ASSISTANCE = "border_search_assistance"  # the activities of 8 U.S.C. 1357(a)(3)
    IMMIGRATION_OFFICER_FUNCTIONS = "immigration_officer_functions"  # 287(g) (8 U.S.C. 1357(g)) or informal
    DEPUTIZATION = "deputization"  # officers under federal supervision or deputized as special federal officers
    JOINT_TASK_FORCE = "joint_task_force"
    OFFICE_SPACE = "office_space"
    INTERPRETER = "interpreter"  # immigration authorities as interpreters for people in custody
    HOUSE_FEDERAL_DETAINEES = "house_federal_detainees"  # contract to house federal detainees
    OWN_CRIMINAL_ENFORCEMENT = "own_criminal_enforcement"  # the agency asserting its own criminal jurisdiction
    TU_VISA_CERTIFICATION = "tu_visa_certification"  # inquiries to certify a T or U visa, or for 18 U.S.C. 922(d)(5)
    PROGRAMMING_RESTRICTION = "programming_restriction"  # CDCR: restrict programs or credits for immigration reasons
    CUSTODY_CLASSIFICATION = "custody_classification"  # CDCR: use immigration status in classification
    # courthouses, schools, health facilities, detention, officers (issue 9)
    CIVIL_ARREST_IN_COURTHOUSE = "civil_arrest_in_courthouse"  # make or allow a civil arrest in a courthouse (Civ. Code 43.54)
    PROTECT_COURTHOUSE_ACCESS = "protect_courthouse_access"  # a judicial officer prohibits activities that threaten access to the courthouse (CCP 177(e))
    DISCLOSE_STATUS_IN_OPEN_COURT = "disclose_status_in_open_court"  # disclose a person's immigration status in open court (Evid. Code 351.3, 351.4)
    ENTER_NONPUBLIC_AREA = "enter_nonpublic_area"  # immigration enforcement asks to enter a nonpublic area of a schoolsite or health facility
    PUPIL_INFORMATION = "pupil_information"  # education records or information about a pupil, family, school employee or teacher (Ed. Code 234.7(b))
    COLLECT_IMMIGRATION_STATUS = "collect_immigration_status"  # collect citizenship or immigration status of pupils or family (Ed. Code 234.7(a)(1))
    DETENTION_CONTRACT = "detention_contract"  # enter, renew or modify a contract to house or detain noncitizens for civil immigration custody
    DETENTION_LAND_OR_PERMIT = "detention_land_or_permit"  # approve a land conveyance or permit for a private immigration detention facility (Civ. Code 1670.9(d))
    OPERATE_PRIVATE_DETENTION_FACILITY = "operate_private_detention_facility"  # Pen. Code 9501
    REVIEW_DETENTION_FACILITIES = "review_detention_facilities"  # the Attorney General's reviews (Gov. Code 12532(a), (b))
    REVIEW_APPREHENSION_AND_TRANSFER = "review_apprehension_and_transfer"  # review of the circumstances of apprehension and transfer (Gov. Code 12532(b)(1)(C))
    WEAR_FACIAL_COVERING = "wear_facial_covering"  # an officer wears a facial covering on duty (Pen. Code 185.5)
    OPERATE_WITHOUT_VISIBLE_ID = "operate_without_visible_id"  # a non-uniformed officer performs enforcement duties without visible identification (Pen. Code 13654)
    POST_IDENTIFICATION_POLICY = "post_identification_policy"  # the agency's visible-identification policy (Gov. Code 7288)
    POST_FACIAL_COVERING_POLICY = "post_facial_covering_policy"  # the agency's facial-covering policy (Gov. Code 7289)
    REQUEST_OFFICER_IDENTIFICATION = "request_officer_identification"  # a peace officer asks an alleged officer for identification (Pen. Code 13653)
    # employers (Immigrant Worker Protection Act, AB 450)
    WORKSITE_ENTRY = "worksite_entry"  # an immigration enforcement agent asks to enter the place of labor (Gov. Code 7285.1)
    EMPLOYEE_RECORDS = "employee_records"  # access, review or obtain the employer's employee records (Gov. Code 7285.2)
    I9_INSPECTION = "i9_inspection"  # inspection of I-9 forms (or other records) under a Notice of Inspection (7285.2(a)(2); Lab. Code 90.2)
    REVERIFICATION = "reverification"  # the employer considers reverifying a current employee's eligibility (Lab. Code 1019.2)


class DocumentKind(StrEnum):
    JUDICIAL_WARRANT = "judicial_warrant"  # federal judge/magistrate, criminal immigration law (Gov. Code 7284.4(i))
    JUDICIAL_PROBABLE_CAUSE = "judicial_probable_cause_determination"  # Gov. Code 7284.4(h)
    ADMINISTRATIVE_WARRANT_I200 = "i200"  # Warrant for Arrest of Alien: signed by an immigration officer, not a judge
    ADMINISTRATIVE_WARRANT_I205 = "i205"  # Warrant of Removal/Deportation: not judicial
    DETAINER_I247A = "i247a"
    DETAINER_I247D = "i247d"
    NOTIFICATION_I247N = "i247n"
    TRANSFER_I247X = "i247x"
    OTHER_CIVIL_WARRANT = "other_civil_immigration_warrant"  # incl. civil warrants entered in NCIC (7284.4(b))
    SUBPOENA = "subpoena"
    NOTICE_OF_INSPECTION = "notice_of_inspection"  # Form I-9 Notice of Inspection
    JUDICIAL_SUBPOENA = "judicial_subpoena"  # a subpoena issued by a court (Ed. Code 234.7(a)(2), (b))
    COURT_ORDER = "court_order"  # a court order (Ed. Code 234.7; H&S Code 24251(b): one "that specifically grants access")
    INSPECTION_RESULTS = "inspection_results_notice"  # the immigration agency's written notice of the inspection results (Lab. Code 90.2(b))


JUDICIAL_DOCUMENTS = (DocumentKind.JUDICIAL_WARRANT, DocumentKind.JUDICIAL_PROBABLE_CAUSE)
CIVIL_WARRANTS = (DocumentKind.ADMINISTRATIVE_WARRANT_I200, DocumentKind.ADMINISTRATIVE_WARRANT_I205,
                  DocumentKind.OTHER_CIVIL_WARRANT)


class Level(StrEnum):
    FELONY = "felony"
    MISDEMEANOR = "misdemeanor"
    INFRACTION = "infraction"


class Jurisdiction(StrEnum):
    CALIFORNIA = "california"
    FEDERAL = "federal"
    OTHER_STATE = "other_state"


def _check_citation(text: str) -> None:
    """A California citation must be readable ("PC 245(a)(1)", "H&S 11350(a)"): an unreadable one is an error
    naming the input, never silently dropped or guessed at."""
    from sanctuary.offenses.citations import CitationError, parse_citation

    try:
        parse_citation(text)
    except CitationError as e:
        raise ValueError(str(e)) from None


class Conviction(Strict):
    """One conviction, as a rap sheet gives it. "Conviction" has the meaning of Penal Code 667(d) (Gov. Code 7282(a))."""

    citation: Annotated[str, Field(min_length=1, max_length=80, description="Statute as written, e.g. 'PC 245(a)(1)'")]
    level: Level
    date: dt.date = Field(description="Date of conviction")
    jurisdiction: Jurisdiction = Jurisdiction.CALIFORNIA
    reduced_under_prop47: bool = Field(False, description="Reduced to a misdemeanor under Proposition 47 (Pen. Code 1170.18)")
    sentenced_to_state_prison: bool | None = Field(None, description="The record shows a state prison sentence for this felony (so it was punishable by imprisonment in the state prison, 7282.5(a)(2)); null if not shown")
    aggravated_felony: bool | None = Field(None, description="Federal conviction only: meets 8 U.S.C. 1101(a)(43)(A)-(P); null if not known")
    enhancements: list[str] = Field(default_factory=list, description="Enhancements found true, e.g. 'PC 186.22(b)'")

    @model_validator(mode="after")
    def _readable_california_citation(self):
        if self.jurisdiction == Jurisdiction.CALIFORNIA:
            _check_citation(self.citation)
            for i, e in enumerate(self.enhancements):
                try:
                    _check_citation(e)
                except ValueError as err:
                    raise ValueError(f"enhancements[{i}]: {err}") from None
        return self

    @model_validator(mode="after")
    def _federal_only(self):
        if self.aggravated_felony is not None and self.jurisdiction != Jurisdiction.FEDERAL:
            raise ValueError("aggravated_felony applies to federal convictions only (Gov. Code 7282.5(a)(5)); set jurisdiction: federal")
        return self


class Charge(Strict):
    """A pending charge. Under Gov. Code 7282.5(b) a magistrate's probable cause finding (Pen. Code 872) on a
    serious, violent or state-prison felony charge allows the notification response only."""

    citation: Annotated[str, Field(min_length=1, max_length=80)]
    level: Level
    date: dt.date | None = Field(None, description="Date of arrest or filing")
    magistrate_probable_cause: bool = Field(False, description="A magistrate found probable cause on this charge under Pen. Code 872")
    current_arrest: bool = Field(True, description="The arrest or detention the person is now held on")

    @field_validator("citation")
    @classmethod
    def _readable(cls, v):
        _check_citation(v)
        return v


class History(Strict):
    convictions: list[Conviction] = Field(default_factory=list, max_length=500)
    pending_charges: list[Charge] = Field(default_factory=list, max_length=200)
    current_sex_arson_registrant: bool | None = Field(False, description="A current registrant on the California Sex and Arson Registry (7282.5(a)(4))")
    federal_felony_warrant_identified_by_ice: bool = Field(False, description="ICE identifies the person as the subject of an outstanding federal felony arrest warrant (7282.5(a)(5))")


class Request(Strict):
    asks: list[RequestKind] = Field(min_length=1, description="What was asked", json_schema_extra={"uniqueItems": True})
    documents: list[DocumentKind] = Field(default_factory=list, description="Documents that came with the request", json_schema_extra={"uniqueItems": True})
    received_at: dt.datetime | None = None
    information_is_public: bool | None = Field(False, description="The information asked for is available to the public (7284.6(a)(1)(C), (D)); null if not known")
    # context for particular asks
    task_force_primary_purpose_immigration: bool | None = None
    task_force_duties_primarily_non_immigration: bool | None = None
    task_force_ongoing_commitment: bool | None = None
    reentry_suspected_with_aggravated_felony: bool | None = Field(None, description="Suspected 8 U.S.C. 1326(a) violation that may be subject to the 1326(b)(2) enhancement")
    reentry_detected_during_unrelated_activity: bool | None = None
    office_space_exclusively_for_immigration: bool | None = None
    housing_contract_existed_2017_06_15: bool | None = Field(None, description="The agency had a contract on June 15, 2017 to detain adult noncitizens for civil immigration custody (Gov. Code 7310)")
    housing_contract_expands_beds: bool | None = None
    interview_declined: bool | None = Field(
        None, description="7283.1(a), 7284.10(a)(1): given the written consent form, the person declined the ICE interview, or chose to "
                          "be interviewed only with an attorney who is not present; null if not known (not yet asked)")
    # for the printable TRUTH Act notices (Gov. Code 7283.1); no rule reads these
    interview_purpose: str | None = Field(None, max_length=1000, description="7283.1(a): the purpose of the ICE interview, which the written consent form must explain")
    agency_will_comply: list[RequestKind] | None = Field(None, description="7283.1(b): which of the asks the agency intends to comply with (empty: none), for the notice to the person; null if not decided")

    @field_validator("asks", "documents")
    @classmethod
    def _unique(cls, v):
        if len(set(v)) != len(v):
            raise ValueError("each value may appear once")
        return v

    @model_validator(mode="after")
    def _will_comply_was_asked(self):
        for k in self.agency_will_comply or []:
            if k not in self.asks:
                raise ValueError(f"agency_will_comply: {k.value!r} is not one of the asks")
        return self


class Actor(Strict):
    kind: ActorKind
    name: str | None = Field(None, max_length=200, description="The agency or employer (not personal data)")
    local_policy_restricts: bool | None = Field(False, description="A local law or policy of the agency or jurisdiction forbids the cooperation asked (7282.5(a), 7284.6(a)(1)(C), (b)); null if not known")


class Person(Strict):
    """The person the request is about. No name is needed to decide, and none is logged."""

    reference: str | None = Field(None, max_length=100, description="Optional case or booking reference; never logged")
    in_custody: bool = True
    history: History = Field(default_factory=History)
    release_at: dt.date | dt.datetime | None = Field(None, description="7283.1(b): the date (and time, if given) the person is being or will be released, as notified to ICE; for the printable notice. A time without a UTC offset is California time")

    @field_validator("release_at")
    @classmethod
    def _california_time(cls, v):
        from .employer import aware

        return aware(v) if isinstance(v, dt.datetime) else v


class Case(Strict):
    """One situation to decide."""

    schema_version: Literal[1] = 1
    as_of: dt.date | None = Field(None, description="The date to decide for; default: today")
    actor: Actor
    request: Request
    person: Person = Field(default_factory=Person)
    employer: "EmployerFacts | None" = None
    place: "PlaceFacts | None" = Field(None, description="Courthouse, schoolsite, health facility, detention and officer facts (vocabulary/places.py)")

    @model_validator(mode="after")
    def _dates(self):
        if self.as_of:
            for i, c in enumerate(self.person.history.convictions):
                if c.date > self.as_of:
                    raise ValueError(f"person.history.convictions[{i}].date {c.date} is after as_of {self.as_of}")
            # a charge filed after the date asked is not the person's history then (7282.5(b) would count it)
            for i, ch in enumerate(self.person.history.pending_charges):
                if ch.date is not None and ch.date > self.as_of:
                    raise ValueError(f"person.history.pending_charges[{i}].date {ch.date} is after as_of {self.as_of}")
        return self


from .employer import EmployerFacts  # noqa: E402  (the worksite facts: vocabulary/employer.py)

from .places import PlaceFacts  # noqa: E402  (places.py builds on Strict above)

Case.model_rebuild()
