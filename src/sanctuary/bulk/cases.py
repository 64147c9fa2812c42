"""A row of the bulk tables as a single `Case`: the row-by-row baseline and the differential test's other side.

This goes through the case vocabulary (pydantic validation, `case_facts`), not through anything in the bulk
engine, so a disagreement between the two shows a columnar bug. Records dated after the request's date are left
out, as the bulk engine leaves them out (they are not the person's history as of that date).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from sanctuary.vocabulary.case import Case
from sanctuary.vocabulary.facts import REQUEST_CONTEXT_FACTS


def case_of(req: dict[str, Any], records: Iterable[dict[str, Any]]) -> Case:
    """`req`: one accepted request row (typed); `records`: the person's accepted history rows (typed)."""
    as_of: dt.date = req["received_date"]
    convictions, charges = [], []
    for r in records:
        if r["date"] is not None and r["date"] > as_of:
            continue
        if r["record_type"] == "conviction":
            c = {"citation": r["citation"], "level": r["level"], "date": r["date"],
                 "jurisdiction": r["jurisdiction"] or "california"}
            if r["reduced_under_prop47"] is not None:
                c["reduced_under_prop47"] = r["reduced_under_prop47"]
            if r["sentenced_to_state_prison"] is not None:
                c["sentenced_to_state_prison"] = r["sentenced_to_state_prison"]
            if r["aggravated_felony"] is not None:
                c["aggravated_felony"] = r["aggravated_felony"]
            if r.get("enhancements"):
                c["enhancements"] = list(r["enhancements"])
            convictions.append(c)
        else:
            c = {"citation": r["citation"], "level": r["level"], "date": r["date"]}
            if r["magistrate_probable_cause"] is not None:
                c["magistrate_probable_cause"] = r["magistrate_probable_cause"]
            if r["current_arrest"] is not None:
                c["current_arrest"] = r["current_arrest"]
            charges.append(c)
    request = {"asks": [req["request_kind"]], "documents": list(req["documents"] or []),
               "information_is_public": req["information_is_public"]}
    for name in REQUEST_CONTEXT_FACTS:
        if name != "information_is_public":
            request[name] = req[name]
    history = {"convictions": convictions, "pending_charges": charges,
               "current_sex_arson_registrant": req["current_sex_arson_registrant"]}
    if req["federal_felony_warrant_identified_by_ice"] is not None:
        history["federal_felony_warrant_identified_by_ice"] = req["federal_felony_warrant_identified_by_ice"]
    person: dict[str, Any] = {"history": history}
    if req["in_custody"] is not None:
        person["in_custody"] = req["in_custody"]
    return Case.model_validate({
        "as_of": as_of,
        "actor": {"kind": req["actor_kind"], "name": req.get("agency"), "local_policy_restricts": req["local_policy_restricts"]},
        "request": request,
        "person": person,
    })


def single_case_answers(requests, history, rb=None) -> list[dict[str, Any]]:
    """The row-by-row baseline: every accepted request decided by `Rulebook.decide`, as rows of
    (request_id, action, status, rule, citation)."""
    from collections import defaultdict

    from sanctuary.engine.rulebook import default_rulebook

    rb = rb or default_rulebook()
    by_person: dict[str, list[dict]] = defaultdict(list)
    for r in history.iter_rows(named=True):
        by_person[r["person_id"]].append(r)
    out = []
    for req in requests.iter_rows(named=True):
        d = rb.decide(case_of(req, by_person.get(req["person_id"], [])), req["received_date"])
        for a in d.answers:
            out.append({"request_id": req["request_id"], "action": a.action, "status": a.status, "rule": a.rule,
                        "citation": a.citations[0].address if a.citations else None})
    return out
