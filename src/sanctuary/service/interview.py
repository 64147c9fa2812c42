"""The web questionnaire's plan: which questions matter for a given actor and request, read off the rules.

No law lives here. The rulebook's decisions say which facts they read (`Expr.facts()`, `AnyRecord`); a question is
asked only when a decision that applies to the chosen actor and request reads the fact it sets. The wording of
the questions is the case vocabulary's, in plain words (`Field(description=...)` where the vocabulary has one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

import itertools

from sanctuary.engine.expr import AnyRecord, Const, Env, walk
from sanctuary.engine.rules import Decision
from sanctuary.vocabulary.case import (CALIFORNIA_LAW_ENFORCEMENT, CIVIL_WARRANTS, EMPLOYERS, Actor, ActorKind, Case, DocumentKind,
                                       Request, RequestKind)
from sanctuary.vocabulary.facts import REQUEST_CONTEXT_FACTS, case_facts, doc_fact

PATHS = {
    "clerk": {"title": "Jail, police or corrections clerk",
              "actors": [*CALIFORNIA_LAW_ENFORCEMENT, ActorKind.CDCR]},
    "employer": {"title": "Employer or HR staff", "actors": list(EMPLOYERS)},
    # every other actor the vocabulary knows: courthouses, schools, health facilities, detention, officers (issue 9)
    "other": {"title": "Court, school, health facility, local government, detention operator or officer",
              "actors": [k for k in ActorKind if k not in (*CALIFORNIA_LAW_ENFORCEMENT, ActorKind.CDCR, *EMPLOYERS)]},
}

ACTOR_LABELS = {
    ActorKind.COUNTY_JAIL: "County jail, custody division or juvenile hall",
    ActorKind.COUNTY_SHERIFF: "Sheriff's patrol or investigations",
    ActorKind.CITY_POLICE: "City police department",
    ActorKind.COUNTY_PROBATION: "Probation department",
    ActorKind.SCHOOL_POLICE: "School police or security department",
    ActorKind.STATE_LAW_ENFORCEMENT: "State law enforcement agency (e.g. Highway Patrol)",
    ActorKind.CDCR: "California Department of Corrections and Rehabilitation (state prison)",
    ActorKind.PRIVATE_EMPLOYER: "Private employer",
    ActorKind.PUBLIC_EMPLOYER: "Public employer",
    ActorKind.COURT: "A court, judicial officer or court staff",
    ActorKind.PARTY_OR_ATTORNEY: "A party to a civil or criminal action, or their attorney",
    ActorKind.LOCAL_EDUCATIONAL_AGENCY: "School district, county office of education or charter school (officials and employees)",
    ActorKind.HEALTH_CARE_PROVIDER_ENTITY: "Health facility or health care provider, and its personnel",
    ActorKind.LOCAL_GOVERNMENT: "City, county or city and county (contracts, land, permits)",
    ActorKind.PRIVATE_DETENTION_OPERATOR: "Operator of a private detention facility under a government contract",
    ActorKind.PRIVATE_IMMIGRATION_DETENTION_OPERATOR: "Operator of a private facility detaining people for ICE",
    ActorKind.ATTORNEY_GENERAL: "The Attorney General or designee",
    ActorKind.FEDERAL_LAW_ENFORCEMENT: "A federal law enforcement officer (or a person acting for a federal agency)",
    ActorKind.OTHER_STATE_LAW_ENFORCEMENT: "A law enforcement officer of another state",
}

ASK_LABELS = {
    RequestKind.HOLD: "Hold the person past their release time (detainer)",
    RequestKind.NOTIFICATION: "Notify immigration authorities when the person is released",
    RequestKind.TRANSFER: "Transfer (hand over) the person to immigration authorities",
    RequestKind.INTERVIEW: "Interview the person in custody",
    RequestKind.RELEASE_DATE: "Give the person's release date",
    RequestKind.HOME_OR_WORK_ADDRESS: "Give the person's home or work address",
    RequestKind.PERSONAL_INFORMATION: "Give other personal information about the person",
    RequestKind.CRIMINAL_HISTORY: "Give the person's criminal history",
    RequestKind.IMMIGRATION_STATUS_INFO: "Send or receive citizenship or immigration status information",
    RequestKind.INQUIRE_IMMIGRATION_STATUS: "Ask a person about their immigration status",
    RequestKind.ARREST_CIVIL_WARRANT: "Make or join an arrest on a civil immigration warrant",
    RequestKind.IMMIGRATION_ENFORCEMENT_ASSISTANCE: "Help investigate, detect, detain or arrest people for immigration enforcement",
    RequestKind.ILLEGAL_REENTRY_ARREST: "Investigate or arrest for illegal reentry (8 U.S.C. 1326)",
    RequestKind.BORDER_SEARCH_ASSISTANCE: "Assist with border searches (8 U.S.C. 1357(a)(3))",
    RequestKind.IMMIGRATION_OFFICER_FUNCTIONS: "Perform immigration officer functions (287(g) or informal)",
    RequestKind.DEPUTIZATION: "Place officers under federal supervision or deputize them",
    RequestKind.JOINT_TASK_FORCE: "Join a joint task force with federal agencies",
    RequestKind.OFFICE_SPACE: "Provide office space to immigration authorities",
    RequestKind.INTERPRETER: "Use immigration authorities as interpreters",
    RequestKind.HOUSE_FEDERAL_DETAINEES: "Contract to house federal detainees",
    RequestKind.OWN_CRIMINAL_ENFORCEMENT: "Enforce state criminal law in our own jurisdiction",
    RequestKind.TU_VISA_CERTIFICATION: "Certify a T or U visa (or 18 U.S.C. 922(d)(5) inquiry)",
    RequestKind.PROGRAMMING_RESTRICTION: "Restrict programs or credits for immigration reasons (CDCR)",
    RequestKind.CUSTODY_CLASSIFICATION: "Use immigration status in custody classification (CDCR)",
    RequestKind.WORKSITE_ENTRY: "Let an immigration agent enter the workplace",
    RequestKind.EMPLOYEE_RECORDS: "Give access to employee records",
    RequestKind.I9_INSPECTION: "Inspection of I-9 forms (Notice of Inspection)",
    RequestKind.REVERIFICATION: "Reverify a current employee's work authorization",
    RequestKind.CIVIL_ARREST_IN_COURTHOUSE: "Make or allow a civil arrest in a courthouse",
    RequestKind.PROTECT_COURTHOUSE_ACCESS: "Prohibit activities that threaten access to the courthouse (judicial officer)",
    RequestKind.DISCLOSE_STATUS_IN_OPEN_COURT: "Disclose a person's immigration status in open court",
    RequestKind.ENTER_NONPUBLIC_AREA: "Let an immigration officer enter a nonpublic area of a school or health facility",
    RequestKind.PUPIL_INFORMATION: "Give education records or information about a pupil, family, teacher or school employee",
    RequestKind.COLLECT_IMMIGRATION_STATUS: "Collect citizenship or immigration status of pupils or their families",
    RequestKind.DETENTION_CONTRACT: "Enter, renew or modify a contract to detain noncitizens in civil immigration custody",
    RequestKind.DETENTION_LAND_OR_PERMIT: "Approve a land conveyance or permit for a private immigration detention facility",
    RequestKind.OPERATE_PRIVATE_DETENTION_FACILITY: "Operate a private detention facility",
    RequestKind.REVIEW_DETENTION_FACILITIES: "Review immigration detention facilities (Attorney General)",
    RequestKind.REVIEW_APPREHENSION_AND_TRANSFER: "Review how detainees were apprehended and transferred (Attorney General)",
    RequestKind.WEAR_FACIAL_COVERING: "An officer wears a facial covering on duty",
    RequestKind.OPERATE_WITHOUT_VISIBLE_ID: "A non-uniformed officer does enforcement work without visible identification",
    RequestKind.POST_IDENTIFICATION_POLICY: "The agency's written visible-identification policy",
    RequestKind.POST_FACIAL_COVERING_POLICY: "The agency's written facial-covering policy",
    RequestKind.REQUEST_OFFICER_IDENTIFICATION: "A peace officer asks someone who says they are an officer for identification",
}

DOC_LABELS = {
    DocumentKind.JUDICIAL_WARRANT: "A warrant signed by a federal judge or magistrate (criminal)",
    DocumentKind.JUDICIAL_PROBABLE_CAUSE: "A judicial probable cause determination",
    DocumentKind.ADMINISTRATIVE_WARRANT_I200: "Form I-200, Warrant for Arrest of Alien (signed by an immigration officer)",
    DocumentKind.ADMINISTRATIVE_WARRANT_I205: "Form I-205, Warrant of Removal/Deportation",
    DocumentKind.DETAINER_I247A: "Form I-247A, Immigration Detainer",
    DocumentKind.DETAINER_I247D: "Form I-247D",
    DocumentKind.NOTIFICATION_I247N: "Form I-247N, Request for Voluntary Notification",
    DocumentKind.TRANSFER_I247X: "Form I-247X, Request for Voluntary Transfer",
    DocumentKind.OTHER_CIVIL_WARRANT: "Another civil immigration warrant (including one entered in NCIC)",
    DocumentKind.SUBPOENA: "A subpoena",
    DocumentKind.NOTICE_OF_INSPECTION: "Form I-9 Notice of Inspection",
    DocumentKind.INSPECTION_RESULTS: "The immigration agency's written notice of the inspection results",
    DocumentKind.JUDICIAL_SUBPOENA: "A subpoena issued by a court",
    DocumentKind.COURT_ORDER: "A court order",
}


@dataclass(frozen=True)
class Question:
    id: str  # form field name
    fact: str  # the fact the rules read
    path: tuple[str, ...]  # where it goes in the case
    text: str
    help: str = ""
    tri: bool = True  # yes / no / don't know (null)
    kind: str = "yesno"  # yesno | choice | datetime | multi | count
    choices: tuple[tuple[str, str], ...] = ()
    also: tuple[str, ...] = ()  # further facts the answer feeds
    statement: bool = False  # the text is a statement (the vocabulary's description): answer whether it holds


def _emp(fid: str, fact: str, text: str, *sub: str, **kw) -> Question:
    return Question(fid, fact, ("employer", *sub, fid.split("__")[-1]), text, **kw)


QUESTIONS = [
    Question("local_policy_restricts", "local_policy_restricts", ("actor", "local_policy_restricts"),
             "Does a local law or policy of your agency or jurisdiction forbid the cooperation asked?"),
    Question("information_is_public", "information_is_public", ("request", "information_is_public"),
             "Is the information asked for available to the public?"),
    Question("in_custody", "in_custody", ("person", "in_custody"), "Is the person in your custody?", tri=False),
    Question("current_sex_arson_registrant", "current_sex_arson_registrant",
             ("person", "history", "current_sex_arson_registrant"),
             "Is the person a current registrant on the California Sex and Arson Registry?"),
    Question("federal_felony_warrant_identified_by_ice", "federal_felony_warrant_identified_by_ice",
             ("person", "history", "federal_felony_warrant_identified_by_ice"),
             "Has ICE identified the person as the subject of an outstanding federal felony arrest warrant?", tri=False),
    Question("task_force_primary_purpose_immigration", "task_force_primary_purpose_immigration",
             ("request", "task_force_primary_purpose_immigration"), "Is the task force's primary purpose immigration enforcement?"),
    Question("task_force_duties_primarily_non_immigration", "task_force_duties_primarily_non_immigration",
             ("request", "task_force_duties_primarily_non_immigration"),
             "Would your officers' task force duties be primarily something other than immigration enforcement?"),
    Question("task_force_ongoing_commitment", "task_force_ongoing_commitment", ("request", "task_force_ongoing_commitment"),
             "Is the participation an ongoing commitment (not a single event)?"),
    Question("reentry_suspected_with_aggravated_felony", "reentry_suspected_with_aggravated_felony",
             ("request", "reentry_suspected_with_aggravated_felony"),
             "Is the person suspected of illegal reentry after a conviction for an aggravated felony (8 U.S.C. 1326(b)(2))?"),
    Question("reentry_detected_during_unrelated_activity", "reentry_detected_during_unrelated_activity",
             ("request", "reentry_detected_during_unrelated_activity"),
             "Was the suspected reentry detected during an unrelated law enforcement activity?"),
    Question("office_space_exclusively_for_immigration", "office_space_exclusively_for_immigration",
             ("request", "office_space_exclusively_for_immigration"),
             "Would the office space be dedicated exclusively to immigration authorities?"),
    Question("housing_contract_existed_2017_06_15", "housing_contract_existed_2017_06_15",
             ("request", "housing_contract_existed_2017_06_15"),
             "On June 15, 2017, did the agency have a contract to detain adults in civil immigration custody?"),
    Question("housing_contract_expands_beds", "housing_contract_expands_beds", ("request", "housing_contract_expands_beds"),
             "Would the contract expand the number of beds?"),
    Question("interview_declined", "interview_declined", ("request", "interview_declined"),
             "Given the written consent form, has the person declined the interview, or asked to be interviewed only "
             "with an attorney who is not present?",
             help="Gov. Code 7283.1(a): the form says the interview is voluntary. Answer \"don't know\" if the form has not been given yet."),
    # employers (AB 450): the fields of vocabulary/employer.py
    _emp("area", "worksite_area", "Which area does the immigration agent ask to enter?", kind="choice",
         choices=(("public", "An area open to the public (shop floor, lobby, dining room)"),
                  ("nonpublic", "An area not open to the public (kitchen, office, warehouse floor)"),
                  ("unknown", "I don't know"))),
    _emp("escort_to_verify_warrant", "escort_to_verify_warrant",
         "Do you mean to take the agent to a nonpublic area only to check whether they have a judicial warrant?", tri=False),
    _emp("employees_present_in_area", "employees_present_in_area", "Are employees present in that nonpublic area?"),
    _emp("federal_law_requires_otherwise", "federal_law_requires_otherwise",
         "Does a federal law require you to act otherwise here?"),
    _emp("records_covered_by_notice_of_inspection", "records_covered_by_notice_of_inspection",
         "Are the records asked for I-9 forms or other documents named in a Notice of Inspection you received?"),
    _emp("notice_of_inspection_received_at", "notice_of_inspection_received_at",
         "When did you receive the Notice of Inspection? (date and time, California time)", kind="datetime",
         also=("notice_of_inspection_received",)),
    _emp("results_received_at", "results_received_at",
         "When did you receive the immigration agency's written notice of the inspection results? (date and time, California time)",
         kind="datetime", also=("results_received",)),
    _emp("affected_employees", "affected_employee_count",
         "How many employees do the inspection results identify as affected (who may lack work authorization, or whose "
         "work authorization documents have deficiencies)? Leave blank if you do not know yet.", kind="count",
         help="Lab. Code 90.2(b)(2). Only the number is used here; the notice form asks each employee's details."),
    _emp("employee_requested_notice_copy", "employee_requested_notice_copy",
         "Has an affected employee reasonably asked for a copy of the Notice of Inspection?", tri=False),
    _emp("employees_have_authorized_representative", "employees_have_authorized_representative",
         "Do the employees have a union or other exclusive collective bargaining representative?"),
    _emp("federal_direction_not_to_notify", "federal_direction_not_to_notify",
         "Did the federal government expressly and specifically direct or request that notice not be given?"),
    _emp("reverification__required_by_federal_law", "reverification_required_by_federal_law",
         "Does federal law (8 U.S.C. 1324a(b)) require the reverification at this time and in this manner?", "reverification"),
    _emp("reverification__consistent_with_8_cfr_274a_2_b_1_vii", "reverification_per_8cfr_274a2b1vii",
         "Is the reverification because the employee's work authorization is expiring (8 CFR 274a.2(b)(1)(vii))?", "reverification"),
    _emp("reverification__employer_knows_unauthorized", "employer_knows_unauthorized",
         "Do you know (for example from specific and detailed DHS information) that the employee is not authorized to work?", "reverification"),
    _emp("reverification__reminder_90_days_before", "reverification_reminder_90_days",
         "Are you only reminding the employee, at least 90 days ahead, of the documents to present?", "reverification"),
    _emp("reverification__correcting_i9_errors", "correcting_i9_errors",
         "Are you correcting errors or omissions in a missing or incomplete Form I-9?", "reverification"),
    _emp("reverification__e_verify_mou_compliance", "e_verify_mou_compliance",
         "Are you complying with an E-Verify memorandum of understanding?", "reverification"),
    _emp("reverification__unfair_immigration_related_practice", "reverification_unfair_practice",
         "Is the reverification done to retaliate against the employee for exercising a right under the Labor Code or "
         "a local ordinance, using an unfair immigration-related practice (asking for more or different documents, "
         "refusing genuine-looking ones, E-Verify out of time, threatening false reports or to contact immigration "
         "authorities)?", "reverification", tri=False,
         help="Lab. Code 1019.1(a)(4), 1019(a), (b)(1)"),
]

# The place facts (vocabulary/places.py: courthouses, schoolsites, health facilities, detention, officers), one
# question per field, in the vocabulary's own words (each field's description names the provision it feeds).
PLACE_CHOICE_LABELS = {
    "civil": "A civil action (not governed by Evid. Code 351.2)",
    "civil_governed_by_351_2": "A civil action governed by Evid. Code 351.2",
    "criminal": "A criminal action",
    "public": "An area open to the public",
    "nonpublic": "An area not open to the public",
    "federal": "The federal government or a federal agency",
    "private_corporation": "A private corporation",
    "adults": "Adults",
    "minors": "Minors in ORR or ICE custody",
    "new": "Enter a new contract",
    "renew_or_modify": "Renew or modify an existing contract",
    "opaque": "A balaclava, tactical mask, gaiter, ski mask or similar (opaque)",
    "translucent_per_policy": "A translucent or clear covering allowed by the agency's policy",
    "medical_or_protective": "A medical or protective mask (N95, surgical mask, respirator)",
    "underwater": "Underwater breathing gear",
    "motorcycle_helmet": "A motorcycle helmet",
    "laser_eyewear": "Eyewear protecting against lasers",
    "none": "Nothing over the face",
    "undercover": "Undercover operation (authorized by supervisors or a court order)",
    "plainclothes_listed_agency": "Plainclothes officer of an agency the statute lists",
    "protective_equipment": "Wearing tactical protective equipment",
    "exigent": "Exigent circumstances",
    "swat": "SWAT team unit, actively performing SWAT duties",
    "swat_or_tactical": "Other tactical team (not SWAT), or not known which",
    "dignitary_protection": "Dignitary protection",
    "occupational_safety_law": "Required by occupational safety law",
    "identity_during_prosecution": "Protecting identity during a prosecution",
    "reasonable_accommodation": "A reasonable accommodation",
}


def _place_questions() -> list[Question]:
    import enum
    import typing

    from sanctuary.vocabulary.places import PlaceFacts

    out = []
    for part, pf in PlaceFacts.model_fields.items():
        model = next(a for a in typing.get_args(pf.annotation) if a is not type(None))
        for name, f in model.model_fields.items():
            fid, text = f"place__{part}__{name}", f.description or name.replace("_", " ").capitalize()
            text = text.replace("null if not known", "answer \"I don't know\" if you do not know")
            args = [a for a in typing.get_args(f.annotation) if a is not type(None)] or [f.annotation]
            if name == "exemptions":
                enum_t = typing.get_args(f.annotation)[0]
                out.append(Question(fid, f"{part}_exemptions", ("place", part, name), text + ". Tick all that apply.",
                                    kind="multi", choices=tuple((e.value, PLACE_CHOICE_LABELS.get(e.value, e.value)) for e in enum_t),
                                    also=tuple(f"{part}_exempt_{e.value}" for e in enum_t)))
            elif isinstance(args[0], type) and issubclass(args[0], enum.Enum):
                out.append(Question(fid, f"{part}_{name}", ("place", part, name), text, kind="choice",
                                    choices=(*((e.value, PLACE_CHOICE_LABELS.get(e.value, e.value)) for e in args[0]),
                                             ("unknown", "I don't know"))))
            else:
                out.append(Question(fid, f"{part}_{name}", ("place", part, name), text, statement=True))
    return out


QUESTIONS += _place_questions()
# Facts the form sets without a question of its own: who, when, what was asked, which documents, the records.
FORM_FACTS = {"actor_kind", "as_of"}
# The record facts the conviction and charge rows set (the classifier's cls_* columns follow from citation and
# level). A rule reading any other record fact makes the form refuse, as for any fact it has no question for.
CONV_ROW_FACTS = {"conv_citation", "conv_level", "conv_date", "conv_jurisdiction", "conv_reduced_prop47",
                  "conv_state_prison_sentence", "conv_aggravated_felony", "conv_enhancements"}
CHARGE_ROW_FACTS = {"charge_citation", "charge_level", "charge_magistrate_pc"}
CLASSIFIED_PREFIX = "cls_"


def label(labels: dict, k) -> str:
    return labels.get(k) or str(getattr(k, "value", k)).replace("_", " ").capitalize()


assert {q.fact for q in QUESTIONS} >= set(REQUEST_CONTEXT_FACTS)


@dataclass
class Plan:
    actor: ActorKind
    asks: list[RequestKind]
    decisions: list[Decision]
    questions: list[Question]
    documents: list[DocumentKind]
    convictions: bool
    charges: bool
    received_at: bool
    unasked: list[str]  # facts the applicable rules read that this form has no question for

    @property
    def empty(self) -> bool:
        return not (self.questions or self.documents or self.convictions or self.charges or self.received_at)


def _applicable(rulebook, actor: ActorKind, asks: list[RequestKind], as_of: dt.date, loose: bool = True) -> list[Decision]:
    """The decisions that may apply to this actor and these asks: every fact step 2 may still set (documents, the
    worksite, the place ...) is unknown here, so a decision that applies only on such a fact (taking the agent to
    a nonpublic area to verify a warrant; the results notice of an inspection) is kept and its questions asked."""
    skeleton = Case(actor=Actor(kind=actor), request=Request(asks=asks))
    facts, records = case_facts(skeleton, as_of)
    if not loose:  # the skeleton's defaults: what applies on the asks alone (step 1's list of requests)
        env = Env(facts, records)
        return [d for d in rulebook.decisions if d.applies.eval(env) is not False]
    facts = {k: (v if k in FORM_FACTS or k.startswith("ask_") else None) for k, v in facts.items()}
    out = []
    for d in rulebook.decisions:
        # a fact read as "unknown is false" (IsTrue) would hide the decision: try the values the free facts may take
        free = sorted(f for f in d.applies.facts() if f not in FORM_FACTS and not f.startswith("ask_"))
        values = [None, True, False, *{e.value for e in walk(d.applies) if isinstance(e, Const) and isinstance(e.value, str)}]
        for combo in itertools.product(values, repeat=len(free)) if len(free) <= 3 else [(None,) * len(free)]:
            v = d.applies.eval(Env(facts | dict(zip(free, combo)), records))
            if v is True or v is None:
                out.append(d)
                break
    return out


def plan(rulebook, actor: ActorKind, asks: list[RequestKind], as_of: dt.date | None = None) -> Plan:
    decisions = _applicable(rulebook, actor, asks, as_of or dt.date.today())
    facts: set[str] = set()
    records: set[str] = set()
    deadline = False
    for d in decisions:
        facts |= d.applies.facts()
        for r, cond in d.flat():
            facts |= cond.facts()
            records |= {e.records for e in walk(cond) if isinstance(e, AnyRecord)}
            if r.duty and r.duty.deadline_hours:
                start = getattr(r.duty, "starts_at_fact", None)
                if start:
                    facts.add(start)
                else:
                    deadline = True
    questions = [q for q in QUESTIONS if q.fact in facts or set(q.also) & facts]
    # the documents a rule reads, and the federal forms the answer's "Federal view" describes whatever was asked
    # (rules/us/federal.py: a warrant shown at a worksite or a courthouse is named there, as by the CLI and the API)
    from sanctuary.rules.us.federal import FORMS

    federal = set(FORMS) if actor in (*CALIFORNIA_LAW_ENFORCEMENT, ActorKind.CDCR) else set(FORMS) & set(CIVIL_WARRANTS)
    documents = [k for k in DocumentKind if doc_fact(k) in facts or k in federal]
    covered = FORM_FACTS | {q.fact for q in questions} | {f for q in questions for f in q.also} | {doc_fact(k) for k in documents}
    covered |= CONV_ROW_FACTS | CHARGE_ROW_FACTS
    unasked = sorted(f for f in facts if f not in covered and not f.startswith(("ask_", CLASSIFIED_PREFIX)))
    return Plan(
        actor=actor, asks=asks, decisions=decisions, questions=questions, documents=documents,
        convictions="convictions" in records, charges="charges" in records, received_at=deadline, unasked=unasked,
    )


@cache
def answers_ask(actor: ActorKind, ask: RequestKind) -> bool:
    """Whether some decision of the default rulebook applies to this actor for this request alone (as step 1's list
    is built)."""
    from sanctuary.engine.rulebook import default_rulebook

    return bool(_applicable(default_rulebook(), actor, [ask], dt.date.today(), loose=False))


@cache
def asks_for_path(path: str) -> list[RequestKind]:
    """The request kinds some decision answers for one of the path's actors (asked one at a time)."""
    from sanctuary.engine.rulebook import default_rulebook

    rb = default_rulebook()
    out = []
    for k in RequestKind:
        if any(_applicable(rb, a, [k], dt.date.today(), loose=False) for a in PATHS[path]["actors"]):
            out.append(k)
    return out


# ------------------------------------------------------------------------ form <-> case

def _tri(v: str | None) -> bool | None:
    return {"yes": True, "no": False}.get((v or "").strip().lower())


def _set(data: dict, path: tuple[str, ...], value: Any) -> None:
    node = data
    for p in path[:-1]:
        node = node.setdefault(p, {})
    node[path[-1]] = value


def rows(form, prefix: str, fields: tuple[str, ...]) -> list[dict[str, str]]:
    """Repeated rows `prefix-<i>-<field>`, in index order, dropping rows left entirely blank."""
    idx = sorted({int(k.split("-")[1]) for k in form.keys()
                  if k.startswith(prefix + "-") and k.count("-") == 2 and k.split("-")[1].isdigit() and int(k.split("-")[1]) < 500})
    out = []
    for i in idx:
        row = {f: (form.get(f"{prefix}-{i}-{f}") or "").strip() for f in fields}
        if any(v for k, v in row.items() if k not in ("level", "jurisdiction")):
            out.append(row)
    return out


CONV_FIELDS = ("citation", "level", "date", "jurisdiction", "prop47", "state_prison", "aggravated_felony", "enhancements")
CHARGE_FIELDS = ("citation", "level", "magistrate_pc")  # no date: no rule reads a charge's date (Charge.date)


def case_data_from_form(form, p: Plan) -> dict:
    """The case the answers describe. Questions that were not asked keep the vocabulary's defaults: by
    construction no applicable rule reads them."""
    data: dict = {"actor": {"kind": p.actor.value}, "request": {"asks": [a.value for a in p.asks]}}
    if form.get("as_of"):
        data["as_of"] = form.get("as_of")
    for q in p.questions:
        raw = str(form.get(q.id) or "").strip()
        if q.kind == "choice":
            _set(data, q.path, None if raw in ("", "unknown") else raw)
            continue
        if q.kind == "datetime":
            if raw:
                _set(data, q.path, raw)
            continue
        if q.kind == "count":  # a number of records the rules count; each detailed later (the notice form)
            if raw:
                n = int(raw) if raw.isdigit() and int(raw) <= 2000 else raw
                _set(data, q.path, [{"reference": f"Affected employee {i + 1}"} for i in range(n)]
                     if isinstance(n, int) else n)
            continue
        if q.kind == "multi":
            _set(data, q.path, [v for v in form.getlist(q.id) if v])
            continue
        v = _tri(raw)
        if q.tri or v is not None:  # a yes/no question left unanswered keeps the vocabulary's default
            _set(data, q.path, v)
    docs = [d.value for d in p.documents if d.value in form.getlist("documents")]
    if docs:
        data["request"]["documents"] = docs
    if p.actor in EMPLOYERS and "employer" not in data:
        data["employer"] = {}
    if p.received_at and form.get("received_at"):
        data["request"]["received_at"] = form.get("received_at")
    if p.convictions:
        convs = []
        for r in rows(form, "conv", CONV_FIELDS):
            c = {"citation": r["citation"], "level": r["level"] or "felony", "date": r["date"] or None,
                 "jurisdiction": r["jurisdiction"] or "california"}
            if r["prop47"] == "yes":
                c["reduced_under_prop47"] = True
            if r["state_prison"] == "yes":  # unticked: not shown on the record (null), never "no"
                c["sentenced_to_state_prison"] = True
            if r["aggravated_felony"] in ("yes", "no"):  # federal convictions only; the case says so if not federal
                c["aggravated_felony"] = r["aggravated_felony"] == "yes"
            enhancements = [e.strip() for e in r["enhancements"].split(";") if e.strip()]  # one field, ';'-separated
            if enhancements:
                c["enhancements"] = enhancements
            convs.append(c)
        if convs:
            _set(data, ("person", "history", "convictions"), convs)
    if p.charges:
        charges = []
        for r in rows(form, "charge", CHARGE_FIELDS):
            charges.append({"citation": r["citation"], "level": r["level"] or "felony",
                            "magistrate_probable_cause": r["magistrate_pc"] == "yes"})
        if charges:
            _set(data, ("person", "history", "pending_charges"), charges)
    return data
