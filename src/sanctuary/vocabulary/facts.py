"""From a validated case to named facts: the names the rules read and the columns of a bulk table.

A case is flattened to one row of request-level facts plus two record lists (convictions, charges). The bulk
format uses the same names, so one rule definition reads both.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

# Other areas of the vocabulary (employers, schools, health facilities ...) register a function that adds their
# request-level facts: provider(case, as_of) -> dict of fact name -> value. The names are also bulk columns.
# Defined before the case import: case.py imports places.py, which registers a provider, so this module may be
# imported half-way when that happens.
FACT_PROVIDERS: list[Callable[[Case, dt.date], dict[str, Any]]] = []


def fact_provider(fn: Callable[[Case, dt.date], dict[str, Any]]):
    FACT_PROVIDERS.append(fn)
    return fn


from .case import Case, DocumentKind, Jurisdiction, RequestKind  # noqa: E402

# Request-level facts read from the case as they are, by name.
REQUEST_CONTEXT_FACTS = (
    "information_is_public", "task_force_primary_purpose_immigration", "task_force_duties_primarily_non_immigration",
    "task_force_ongoing_commitment", "reentry_suspected_with_aggravated_felony", "reentry_detected_during_unrelated_activity",
    "office_space_exclusively_for_immigration", "housing_contract_existed_2017_06_15", "housing_contract_expands_beds",
    "interview_declined",
)
CLASSIFICATION_FACTS = ("cls_serious_or_violent", "cls_state_prison", "cls_a3_listed", "cls_wobbler", "cls_prop47")


def ask_fact(kind: RequestKind | str) -> str:
    return f"ask_{getattr(kind, 'value', kind)}"


def doc_fact(kind: DocumentKind | str) -> str:
    return f"doc_{getattr(kind, 'value', kind)}"


def classification_facts(citation: str, level: str, jurisdiction: str) -> dict[str, Any]:
    """The classification columns for one conviction or charge, from the offense classifier.

    California lists apply to California convictions. An out-of-state conviction may count where the offense
    "if committed in California" would be serious or violent (Gov. Code 7282(f), (g)): that cannot be read from
    the citation, so it is unknown. A federal conviction counts through 7282.5(a)(5) only."""
    if jurisdiction == Jurisdiction.FEDERAL.value:
        return {k: False for k in CLASSIFICATION_FACTS} | {"cls_citation": citation}
    if jurisdiction == Jurisdiction.OTHER_STATE.value:
        return {k: None for k in CLASSIFICATION_FACTS} | {"cls_prop47": False, "cls_citation": citation}
    from sanctuary.offenses.classify import classify

    c = classify(citation, level)
    return {
        "cls_citation": c.citation or citation,
        "cls_serious_or_violent": c.serious_or_violent_felony,
        "cls_state_prison": c.state_prison_felony,
        "cls_a3_listed": c.a3_listed,
        "cls_wobbler": c.wobbler,
        "cls_prop47": c.prop47_misdemeanor,
    }


def case_facts(case: Case, as_of: dt.date) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    req, hist = case.request, case.person.history
    facts: dict[str, Any] = {
        "as_of": as_of,
        "actor_kind": case.actor.kind.value,
        "local_policy_restricts": case.actor.local_policy_restricts,
        "in_custody": case.person.in_custody,
        "current_sex_arson_registrant": hist.current_sex_arson_registrant,
        "federal_felony_warrant_identified_by_ice": hist.federal_felony_warrant_identified_by_ice,
    }
    for k in RequestKind:
        facts[ask_fact(k)] = k in req.asks
    for d in DocumentKind:
        facts[doc_fact(d)] = d in req.documents
    for name in REQUEST_CONTEXT_FACTS:
        facts[name] = getattr(req, name)
    for provider in FACT_PROVIDERS:
        facts.update(provider(case, as_of))
    convictions = [
        {
            "conv_citation": c.citation,
            "conv_level": c.level.value,
            "conv_date": c.date,
            "conv_jurisdiction": c.jurisdiction.value,
            "conv_reduced_prop47": c.reduced_under_prop47,
            "conv_state_prison_sentence": c.sentenced_to_state_prison,
            "conv_aggravated_felony": c.aggravated_felony if c.jurisdiction == Jurisdiction.FEDERAL else False,
            **classification_facts(c.citation, c.level.value, c.jurisdiction.value),
        }
        for c in hist.convictions
    ]
    charges = [
        {
            "charge_citation": c.citation,
            "charge_level": c.level.value,
            "charge_magistrate_pc": c.magistrate_probable_cause,
            "charge_current_arrest": c.current_arrest,
            **classification_facts(c.citation, c.level.value, Jurisdiction.CALIFORNIA.value),
        }
        for c in hist.pending_charges
    ]
    return facts, {"convictions": convictions, "charges": charges}
