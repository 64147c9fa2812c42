"""From a validated case to named facts: the names the rules read and the columns of a bulk table.

A case is flattened to one row of request-level facts plus two record lists (convictions, charges). The bulk
format uses the same names, so one rule definition reads both.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
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


def classification_facts(citation: str, level: str, jurisdiction: str, enhancements: tuple[str, ...] = ()) -> dict[str, Any]:
    """The classification columns for one conviction or charge, from the offense classifier; `enhancements`: the
    conviction's enhancements found true (Conviction.enhancements), which the classifier reads with the citation
    (e.g. Pen. Code 12022.7 under 667.5(c)(8)).

    California lists apply to California convictions. An out-of-state conviction may count where the offense
    "if committed in California" would be serious or violent (Gov. Code 7282(f), (g)): that cannot be read from
    the citation, so it is unknown. A federal conviction counts through 7282.5(a)(5) only."""
    if jurisdiction == Jurisdiction.FEDERAL.value:
        return {k: False for k in CLASSIFICATION_FACTS} | {"cls_citation": citation}
    if jurisdiction == Jurisdiction.OTHER_STATE.value:
        return {k: None for k in CLASSIFICATION_FACTS} | {"cls_prop47": False, "cls_citation": citation}
    from sanctuary.offenses.classify import classify_many

    c = classify_many([(citation, level, tuple(enhancements))])[0]  # the cached object, read here only (classify() deep-copies it)
    return {
        "cls_citation": c.citation or citation,
        "cls_serious_or_violent": c.serious_or_violent_felony,
        "cls_state_prison": c.state_prison_felony,
        "cls_a3_listed": c.a3_listed,
        "cls_wobbler": c.wobbler,
        "cls_prop47": c.prop47_misdemeanor,
    }


# ---------------------------------------------------------------- why a record met (or left open) a test

# The classifier's finding categories behind each classification column.
_CATEGORIES = {
    "cls_serious_or_violent": ("serious_felony", "violent_felony"),
    "cls_state_prison": ("state_prison_felony",),
    "cls_a3_listed": ("7282.5(a)(3)",),  # and its items, "7282.5(a)(3)(F)"
    "cls_wobbler": ("wobbler",),
    "cls_prop47": ("prop47_misdemeanor",),
}
# Facts of a record given in the case (not classified) that a test may turn on, as a clerk would say them.
_RECORD_FACTS = {
    "conv_state_prison_sentence": "sentenced to state prison",
    "conv_reduced_prop47": "reduced to a misdemeanor under Proposition 47",
    "conv_aggravated_felony": "a federal aggravated felony (8 U.S.C. 1101(a)(43))",
    "charge_magistrate_pc": "a magistrate found probable cause (Pen. Code 872)",
    "charge_current_arrest": "the charge of the current arrest",
}
_OUT_OF_STATE = {
    Jurisdiction.OTHER_STATE.value: (
        "gov 7282(f)", "a conviction in another state: whether its offense, if committed in California, would be "
        "punishable as a serious or violent felony (Gov. Code 7282(f), (g)), or is one of the offenses of 7282.5(a)(3), "
        "turns on the other state's statute, which the citation cannot settle"),
    Jurisdiction.FEDERAL.value: (
        "pen 667(d)(2)", "a federal conviction: whether a federal felony is a serious or violent felony, or one of the "
        "offenses of 7282.5(a)(3), turns on whether its offense includes all the elements of one (Pen. Code 667(d)(2), "
        "read in by Gov. Code 7282(a)), which the citation cannot settle"),
}


def classification_findings(citation: str, level: str, jurisdiction: str, enhancements: tuple[str, ...] = ()) -> list:
    """The classifier's findings for one record, as `classification_facts` reads them (cached; read-only objects);
    for a conviction outside California, the one finding that leaves it open."""
    if jurisdiction in _OUT_OF_STATE:
        from sanctuary.offenses.classify import Finding

        ref, why = _OUT_OF_STATE[jurisdiction]
        return [Finding(category="jurisdiction", reference=ref, confidence="needs_review", reason=why)]
    from sanctuary.offenses.classify import classify_many

    return classify_many([(citation, level, tuple(enhancements))])[0].findings


def record_detail(list_name: str, index: int, rec: dict[str, Any], reads: frozenset[str], outcome: str,
                  test: str, test_reference: str | None):
    """Why one record met ('met') or left open ('open') a record test that reads the facts `reads`: its citation,
    level, date and jurisdiction, the record facts given, and the classifier findings for the columns it turned on."""
    from .answer import RecordDetail

    conv = list_name == "convictions"
    p = "conv_" if conv else "charge_"
    citation, level = rec[f"{p}citation"], rec[f"{p}level"]
    jurisdiction = rec["conv_jurisdiction"] if conv else Jurisdiction.CALIFORNIA.value
    enhancements = tuple(rec.get("conv_enhancements") or ()) if conv else ()
    want = True if outcome == "met" else None
    cats = tuple(c for f, cs in _CATEGORIES.items() if f in reads and rec.get(f, False) is want for c in cs)
    facts = [(label if want else f"not given whether {label}") for f, label in _RECORD_FACTS.items()
             if f in reads and rec.get(f, False) is want]
    classified = any(f in reads for f in _CATEGORIES)
    findings = _record_findings(citation, level, jurisdiction, cats, outcome, classified, enhancements)
    counted = (_counting_enhancements(citation, level, jurisdiction, enhancements,
                                      tuple(f for f in _CATEGORIES if f in reads and rec.get(f, False) is True))
               if enhancements and outcome == "met" else ())
    # built from the engine's own values (already validated): no second validation on the single-case path
    return RecordDetail.model_construct(list_name=list_name, index=index, citation=citation, level=level,
                        date=rec.get("conv_date") if conv else None, jurisdiction=jurisdiction, test=test,
                        test_reference=test_reference, outcome=outcome, facts=facts, findings=list(findings),
                        enhancements=list(enhancements), counted_by_enhancements=list(counted))


@lru_cache(maxsize=8192)
def _counting_enhancements(citation: str, level: str, jurisdiction: str, enhancements: tuple[str, ...],
                           columns: tuple[str, ...]) -> tuple[str, ...]:
    """The enhancements that make a record meet a classification column it meets (`columns`) that the citation
    alone does not: each enhancement classified with the citation on its own, by the same classifier."""
    alone = classification_facts(citation, level, jurisdiction)
    lacking = [f for f in columns if alone[f] is not True]
    if not lacking:
        return ()
    return tuple(e for e in enhancements
                 if any(classification_facts(citation, level, jurisdiction, (e,))[f] is True for f in lacking))


@lru_cache(maxsize=8192)
def _record_findings(citation: str, level: str, jurisdiction: str, cats: tuple[str, ...], outcome: str,
                     classified: bool, enhancements: tuple[str, ...] = ()) -> tuple:
    """The findings kept for a record (frozen RecordFinding objects, shared between answers): for 'met', those
    that made it count in the categories `cats`; for 'open', the needs_review ones that left it open."""
    from .answer import RecordFinding

    out = []
    for f in classification_findings(citation, level, jurisdiction, enhancements):
        if outcome == "met":
            keep = f.confidence != "needs_review" and f.category.startswith(cats) if cats else False
        else:
            keep = f.confidence == "needs_review" and classified and (
                f.category in ("unreadable", "level", "jurisdiction") or (bool(cats) and f.category.startswith(cats)))
        if keep:
            out.append(RecordFinding(category=f.category, reference=f.reference, item=f.item,
                                     confidence=f.confidence, reason=f.reason, doj_rows=tuple(f.doj_rows)))
    return tuple(out)


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
            "conv_enhancements": tuple(c.enhancements),
            **classification_facts(c.citation, c.level.value, c.jurisdiction.value, tuple(c.enhancements)),
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
