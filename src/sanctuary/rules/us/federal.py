"""Federal law beside the state answer: what a federal request form or ask is, under which provision, and whether
the federal text commands or requests.

Only the corpus speaks here (src/sanctuary/law/corpus/us: 8 U.S.C. 1101(a)(43), 1326, 1357(a), (d), (g), 1373,
1644; 8 C.F.R. 287.7). The texts of the forms themselves (I-247A, I-247D, I-247N, I-247X, I-200, I-205) are NOT in
the corpus, so nothing below describes a form's wording: where a form's content or authority is not in the corpus,
`gaps` says so. This module decides nothing about state law; it never changes a state answer.

8 C.F.R. 287.7 (2015 edition in the corpus) names one form, "Form I-247, Immigration Detainer-Notice of Action"
(287.7(a)); it calls a detainer "a request" (287.7(a)) and says, "Upon a determination by the Department to issue a
detainer for an alien not otherwise detained by a criminal justice agency", that "such agency shall maintain custody
... for a period not to exceed 48 hours, excluding Saturdays, Sundays, and holidays" (287.7(d)). 287.7(d) is quoted
whole, never from "such agency" on: cut there it reads as an unconditional command to hold. Both are quoted, never
reconciled here: whether a detainer binds a state agency is a question the corpus's texts alone do not settle.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from sanctuary.vocabulary.case import DocumentKind as D, RequestKind as R

NOT_SETTLED_1373 = "not settled: whether 8 U.S.C. 1373 reaches it (no court had held on it by this date)"
HELD_OUTSIDE_1373 = "held outside 8 U.S.C. 1373"
# The state provision each ask's 1373 question concerns (7284.6(a)(1)(C): release dates; (a)(1)(D): addresses):
# the court-order records (law/timeline/court-orders.yaml, said_to_obstruct with `state:`) name them.
_1373_STATE = {R.RELEASE_DATE: "gov 7284.6(a)(1)(C)", R.HOME_OR_WORK_ADDRESS: "gov 7284.6(a)(1)(D)"}

FORM_TEXT_GAP = ("The text of this form is not in the law corpus; what it asks is not described from memory. "
                 "Read the form itself.")


@dataclass(frozen=True)
class FormInfo:
    document: D
    form: str
    asks: tuple[R, ...]  # the asks this project's vocabulary files the form under (vocabulary/case.py), not the form's words
    provisions: tuple[str, ...]  # federal corpus addresses that speak to this kind of request, if any
    nature: str  # "request" | "not in corpus"
    what: str  # what the corpus text says, quoted
    gaps: tuple[str, ...]


@dataclass(frozen=True)
class FederalAskInfo:
    ask: R
    provisions: tuple[str, ...]
    nature: str  # "request" | "bar on state restriction" | NOT_SETTLED_1373 | HELD_OUTSIDE_1373 | "authorization of federal officers" | "voluntary agreement" | "federal crime" | "not in corpus"
    what: str
    state_actions: tuple[str, ...]  # the state decisions that answer this ask
    gaps: tuple[str, ...] = ()


_DETAINER_WHAT = (
    "8 C.F.R. 287.7(a): \"The detainer is a request that such agency advise the Department, prior to release of the "
    "alien, in order for the Department to arrange to assume custody\". 287.7(d), whole (its opening condition "
    "limits it): \"Upon a determination by the Department to issue a detainer for an alien not otherwise detained by "
    "a criminal justice agency, such agency shall maintain custody of the alien for a period not to exceed 48 hours, "
    "excluding Saturdays, Sundays, and holidays in order to permit assumption of custody by the Department.\"")
_I247_GAP = ("8 C.F.R. 287.7(a) in the corpus (2015 edition; later amendments not checked) names only \"Form I-247, "
             "Immigration Detainer-Notice of Action\"; that this form is issued under 287.7 is this project's "
             "reading of its vocabulary (a detainer form), not a text in the corpus.")

FORMS: dict[D, FormInfo] = {
    D.DETAINER_I247A: FormInfo(
        D.DETAINER_I247A, "I-247A", (R.HOLD, R.NOTIFICATION), ("cfr8 287.7(a)", "cfr8 287.7(d)"), "request",
        _DETAINER_WHAT, (FORM_TEXT_GAP, _I247_GAP)),
    D.DETAINER_I247D: FormInfo(
        D.DETAINER_I247D, "I-247D", (R.HOLD, R.NOTIFICATION), ("cfr8 287.7(a)", "cfr8 287.7(d)"), "request",
        _DETAINER_WHAT, (FORM_TEXT_GAP, _I247_GAP)),
    D.NOTIFICATION_I247N: FormInfo(
        D.NOTIFICATION_I247N, "I-247N", (R.NOTIFICATION,), ("cfr8 287.7(a)",), "request",
        "8 C.F.R. 287.7(a): a detainer is \"a request that such agency advise the Department, prior to release of "
        "the alien\". The corpus holds no other federal text on release notification requests.",
        (FORM_TEXT_GAP, _I247_GAP + " Whether a notification-only form is a 287.7 detainer is not in the corpus.")),
    D.TRANSFER_I247X: FormInfo(
        D.TRANSFER_I247X, "I-247X", (R.TRANSFER,), (), "not in corpus",
        "The corpus holds no federal text on requests to transfer custody.",
        (FORM_TEXT_GAP, "No federal provision behind a transfer request is in the corpus.")),
    D.ADMINISTRATIVE_WARRANT_I200: FormInfo(
        D.ADMINISTRATIVE_WARRANT_I200, "I-200", (R.ARREST_CIVIL_WARRANT,), (), "not in corpus",
        "The corpus holds no federal text on administrative arrest warrants (8 C.F.R. 287.7(a) mentions \"sections "
        "236 and 287 of the Act\" only as the source of detainers; section 236, 8 U.S.C. 1226, is not in the corpus).",
        (FORM_TEXT_GAP, "8 U.S.C. 1226 (INA 236) is not in the corpus.")),
    D.ADMINISTRATIVE_WARRANT_I205: FormInfo(
        D.ADMINISTRATIVE_WARRANT_I205, "I-205", (R.TRANSFER, R.ARREST_CIVIL_WARRANT), (), "not in corpus",
        "The corpus holds no federal text on warrants of removal.",
        (FORM_TEXT_GAP, "The federal removal provisions (e.g. 8 U.S.C. 1231) are not in the corpus.")),
}

ASKS: dict[R, FederalAskInfo] = {
    R.HOLD: FederalAskInfo(R.HOLD, ("cfr8 287.7(d)", "cfr8 287.7(a)"), "request", _DETAINER_WHAT,
                           ("detain_on_hold_request",)),
    R.NOTIFICATION: FederalAskInfo(
        R.NOTIFICATION, ("cfr8 287.7(a)",), "request",
        "8 C.F.R. 287.7(a): \"The detainer is a request that such agency advise the Department, prior to release of "
        "the alien\".", ("provide_release_date_or_notification",)),
    # What the courts held on 1373 and these asks is added by date in federal_view (_1373_holdings), from the
    # court-order records: a 2018 date must not be told of a 2019 holding.
    R.RELEASE_DATE: FederalAskInfo(
        R.RELEASE_DATE, ("usc8 1373(a)",), NOT_SETTLED_1373,
        "8 U.S.C. 1373(a) bars restricting the sending of \"information regarding the citizenship or immigration "
        "status\" of an individual; its text does not say whether a release date is such information.",
        ("provide_release_date_or_notification",)),
    R.HOME_OR_WORK_ADDRESS: FederalAskInfo(
        R.HOME_OR_WORK_ADDRESS, ("usc8 1373(a)",), NOT_SETTLED_1373,
        "8 U.S.C. 1373(a) covers \"information regarding the citizenship or immigration status\"; its text does not "
        "say whether a home or work address is such information.",
        ("provide_personal_information",)),
    R.IMMIGRATION_STATUS_INFO: FederalAskInfo(
        R.IMMIGRATION_STATUS_INFO, ("usc8 1373(a)", "usc8 1373(b)", "usc8 1644"), "bar on state restriction",
        "8 U.S.C. 1373(a): a government entity or official \"may not prohibit, or in any way restrict, any "
        "government entity or official from sending to, or receiving from, the Immigration and Naturalization "
        "Service information regarding the citizenship or immigration status, lawful or unlawful, of any "
        "individual.\" 8 U.S.C. 1644: \"no State or local government entity may be prohibited, or in any way "
        "restricted, from sending to or receiving from the Immigration and Naturalization Service information "
        "regarding the immigration status, lawful or unlawful, of an alien in the United States\" (immigration "
        "status only; it does not name citizenship).",
        ("exchange_immigration_status_information",)),
    R.IMMIGRATION_OFFICER_FUNCTIONS: FederalAskInfo(
        R.IMMIGRATION_OFFICER_FUNCTIONS, ("usc8 1357(g)(1)", "usc8 1357(g)(9)"), "voluntary agreement",
        "8 U.S.C. 1357(g)(1): the Attorney General \"may enter into a written agreement\" with a State or "
        "subdivision; 1357(g)(9): \"Nothing in this subsection shall be construed to require any State or political "
        "subdivision of a State to enter into an agreement\".", ("perform_immigration_officer_functions",)),
    R.BORDER_SEARCH_ASSISTANCE: FederalAskInfo(
        R.BORDER_SEARCH_ASSISTANCE, ("usc8 1357(a)(3)",), "authorization of federal officers",
        "8 U.S.C. 1357(a)(3) empowers federal immigration officers to board and search within a reasonable distance "
        "from the border; it asks nothing of state agencies.", ("assist_border_searches",)),
    R.ILLEGAL_REENTRY_ARREST: FederalAskInfo(
        R.ILLEGAL_REENTRY_ARREST, ("usc8 1326(a)", "usc8 1326(b)(2)"), "federal crime",
        "8 U.S.C. 1326(a) makes reentry after removal a federal crime; 1326(b)(2) raises the penalty where removal "
        "followed an aggravated felony conviction (8 U.S.C. 1101(a)(43)).", ("arrest_for_illegal_reentry",)),
    R.TRANSFER: FederalAskInfo(
        R.TRANSFER, (), "not in corpus", "The corpus holds no federal text on requests to transfer custody.",
        ("transfer_to_immigration_authorities",), ("No federal provision behind a transfer request is in the corpus.",)),
    R.ARREST_CIVIL_WARRANT: FederalAskInfo(
        R.ARREST_CIVIL_WARRANT, (), "not in corpus",
        "The corpus holds no federal text on civil immigration arrest warrants.",
        ("arrest_on_civil_immigration_warrant",), ("8 U.S.C. 1226 (INA 236) is not in the corpus.",)),
    # Employers (AB 450). The state sections defer to federal law by name ("Except as otherwise required by federal
    # law", Gov. Code 7285.1(a), 7285.2(a)(1), Lab. Code 90.2(a)(1), (b)(1), 1019.2(a); "Section 1324a(b) of Title 8",
    # 1019.2(a); "Section 274a.2(b)(1)(vii) of Title 8 of the Code of Federal Regulations", 1019.2(c)(1), 1019.4), but
    # those federal texts are not in the corpus: say so rather than describe them from memory.
    R.WORKSITE_ENTRY: FederalAskInfo(
        R.WORKSITE_ENTRY, (), "not in corpus",
        "The corpus holds no federal text on immigration agents' entry to a place of labor.",
        ("consent_to_worksite_entry", "take_agent_to_nonpublic_area_to_verify_warrant"),
        ("Gov. Code 7285.1(a) yields where federal law requires otherwise; no federal text on worksite entry (e.g. 8 "
         "U.S.C. 1357, of which the corpus holds only (a), (d) and (g), or 8 U.S.C. 1324a) is in the corpus for it.",)),
    R.EMPLOYEE_RECORDS: FederalAskInfo(
        R.EMPLOYEE_RECORDS, (), "not in corpus",
        "The corpus holds no federal text on immigration agents' access to employee records.",
        ("consent_to_employee_records_access", "post_notice_of_inspection", "notify_representative_of_inspection"),
        ("8 U.S.C. 1324a and 8 C.F.R. 274a (employment verification and inspection of I-9 forms) are not in the "
         "corpus; Gov. Code 7285.2(a)(1) yields where federal law requires otherwise.",)),
    R.I9_INSPECTION: FederalAskInfo(
        R.I9_INSPECTION, (), "not in corpus",
        "The corpus holds no federal text on Notices of Inspection of I-9 forms or on the employer's federal duty to "
        "produce them.",
        ("consent_to_employee_records_access", "post_notice_of_inspection", "notify_representative_of_inspection",
         "notify_affected_employees_of_results"),
        ("8 U.S.C. 1324a and 8 C.F.R. 274a (including the inspection of Forms I-9 on notice) are not in the corpus; "
         "what the Notice of Inspection requires, and by when, is not described from memory. Read the Notice itself.",)),
    R.REVERIFICATION: FederalAskInfo(
        R.REVERIFICATION, (), "not in corpus",
        "The corpus holds no federal text on reverification of employment eligibility.",
        ("reverify_current_employee",),
        ("Labor Code 1019.2(a) turns on what 8 U.S.C. 1324a(b) requires, 1019.2(c)(1) and 1019.4 on 8 C.F.R. "
         "274a.2(b)(1)(vii), and 1019.2(e) on 8 C.F.R. 274a.1(l); none of them is in the corpus.",)),
}


@lru_cache(maxsize=1)
def _orders():
    from sanctuary.law.orders import load_orders
    return tuple(load_orders())


def _1373_holdings(state_provision: str, as_of: dt.date) -> list[str]:
    """The holdings on 8 U.S.C. 1373 filed by `as_of` that the records tie to this state provision, as text."""
    out = []
    for o in _orders():
        if o.filed > as_of:
            continue
        for h in o.holdings:
            if any(ob.provision == "usc8 1373" and ob.state and state_provision in ob.state for ob in h.said_to_obstruct):
                out.append(f"{o.court}, {o.case}, {o.docket}" + (f", {o.cite}" if o.cite else "")
                           + f" (filed {o.filed}): {h.grounds}")
    return out


# Asks whose state provision a court-order record says obstructs a federal provision the corpus does not hold
# (said_to_obstruct in law/timeline/court-orders.yaml): the record is told beside the ask from its filing date, and
# the nature stays "not in corpus" (the federal text itself is missing).
_OBSTRUCTED = {R.REVERIFICATION: ("usc8 1324a", "lab 1019.2")}


def _obstruction_records(federal: str, state_provision: str, as_of: dt.date) -> list[str]:
    out = []
    for o in _orders():
        if o.filed > as_of:
            continue
        for h in o.holdings:
            for ob in h.said_to_obstruct:
                if ob.provision == federal and (ob.state is None or any(
                        state_provision == s or s.startswith(state_provision + "(") for s in ob.state)):
                    who = ", ".join(h.actors) if h.actors else "all actors"
                    out.append(f"{o.court}, {o.case}, {o.docket} (filed {o.filed}), {h.effect} as to "
                               f"{', '.join(h.provisions)} for {who}: {ob.by} [{ob.source}]")
    return out


def _dated(info: FederalAskInfo, as_of: dt.date) -> FederalAskInfo:
    if info.ask in _OBSTRUCTED:
        said = _obstruction_records(*_OBSTRUCTED[info.ask], as_of)
        if not said:
            return info
        return FederalAskInfo(info.ask, info.provisions, info.nature,
                              info.what + " Court records: " + " ".join(said) + " (us-ca/STATUS.md §4)",
                              info.state_actions, info.gaps)
    state = _1373_STATE.get(info.ask)
    if state is None:
        return info
    held = _1373_holdings(state, as_of)
    if not held:
        return info
    return FederalAskInfo(info.ask, info.provisions, HELD_OUTSIDE_1373,
                          info.what + " Held: " + " ".join(held) + " (us-ca/STATUS.md §3)",
                          info.state_actions, info.gaps)


def federal_view(case, answers, as_of: dt.date, corpus):
    """The federal view of one case: for each document and ask, what federal law in the corpus says, the provision
    behind it (quoted), whether it commands or requests, and the state answers beside it. Never changes an answer."""
    from sanctuary.vocabulary.answer import CitedText, FederalItem, FederalView
    from sanctuary.law.corpus import parse_address

    def cite(address: str) -> CitedText:
        v, node = corpus.provision(address)  # federal texts carry no in-force date in the corpus: latest text
        a = parse_address(address)
        return CitedText(address=str(a), display=a.display, quote=corpus.quote(a), source=v.source,
                         in_force_from=v.in_force_from, caveat=v.currency_caveat or (
                             "The corpus does not know when this federal text came into force; it is the text at the "
                             "source's release point (see the file's front matter)."),
                         incomplete=node.incomplete)

    by_action = {a.action: a for a in answers}

    def beside(actions) -> list[str]:
        return [f"{by_action[x].title}: {by_action[x].status} ({by_action[x].citations[0].display if by_action[x].citations else by_action[x].rule})"
                + (f"; court order {by_action[x].order.id}" if by_action[x].order else "")
                for x in actions if x in by_action]

    items: list[FederalItem] = []
    for doc in case.request.documents:
        f = FORMS.get(doc)
        if f is None:
            continue
        actions = tuple(x for ask in f.asks if ask in ASKS for x in ASKS[ask].state_actions)
        items.append(FederalItem(
            source=f"document {f.form}", asks=[a.value for a in f.asks], what=f.what, nature=f.nature,
            provisions=[cite(p) for p in f.provisions], gaps=list(f.gaps), state_answers=beside(actions)))
    for ask in case.request.asks:
        info = ASKS.get(ask)
        if info is None:
            continue
        info = _dated(info, as_of)
        items.append(FederalItem(
            source=f"ask {ask.value}", asks=[ask.value], what=info.what, nature=info.nature,
            provisions=[cite(p) for p in info.provisions], gaps=list(info.gaps), state_answers=beside(info.state_actions)))
    if not items:
        return None
    return FederalView(items=items)


__all__ = ["ASKS", "FORMS", "FORM_TEXT_GAP", "FederalAskInfo", "FormInfo", "federal_view"]
