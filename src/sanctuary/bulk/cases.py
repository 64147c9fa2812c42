"""A row of the bulk tables as a single `Case`: the row-by-row baseline and the differential test's other side.

This goes through the case vocabulary (pydantic validation, `case_facts`), not through anything in the bulk
engine, so a disagreement between the two shows a columnar bug. Records dated after the request's date are left
out, as the bulk engine leaves them out (they are not the person's history as of that date).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from sanctuary.vocabulary.case import Case

# The columns that are not a case field read through request_fields(): they give the case's date, actor, asks,
# documents and history (below), or are the agency's own record (not facts).
FIXED_COLUMNS = ("request_id", "received_date", "agency", "actor_kind", "request_kind", "documents", "person_id",
                 "agency_response", "agency_action_date", "duties_done", "demographic_group")


class UnmappedColumn(ValueError):
    """A request column with no case field (a fact provider derives it in a way request_fields does not know)."""


def _fields(columns) -> list[tuple[str, Any]]:
    from .schema import request_fields

    fields = request_fields()
    out = []
    for name in columns:
        if name in FIXED_COLUMNS or name.startswith("_"):
            continue
        if name not in fields:
            raise UnmappedColumn(f"request column {name!r} stands for no case field that sanctuary.bulk.schema.request_fields "
                                 "knows; add it there (DERIVED_FIELDS) so that a row and its case mean the same")
        out.append((name, fields[name]))
    return out


def _put(tree: dict, path: tuple[str, ...], value: Any) -> None:
    for p in path[:-1]:
        tree = tree.setdefault(p, {})
    tree[path[-1]] = value


def case_of(req: dict[str, Any], records: Iterable[dict[str, Any]]) -> Case:
    """`req`: one accepted request row (typed); `records`: the person's accepted history rows (typed).

    Every request column (but the fixed ones: date, actor, ask, documents, ids, the agency's response) is given to
    the case field it stands for (schema.request_fields), an empty cell as an explicit null, so that the case does
    not fall back on the field's default where the table said "not known". A fact derived from a field that does not
    hold it (schema.DERIVED_FIELDS): a notice received (true) is given as received on the request's date (the table
    has no time; no rule reads the time, only a duty's deadline does); a count of affected employees as that many
    employees (`employee 1`, ...)."""
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
    tree: dict[str, Any] = {
        "as_of": as_of,
        "actor": {"kind": req["actor_kind"], "name": req.get("agency")},
        "request": {"asks": [req["request_kind"]], "documents": list(req["documents"] or [])},
        "person": {"history": {"convictions": convictions, "pending_charges": charges}},
    }
    for name, ref in _fields(req):
        v = req[name]
        if v is ref.default or (type(v) is type(ref.default) and v == ref.default):
            continue  # the field's default: the case that leaves it out means the same (and stays small)
        if ref.how == "member":
            if v is None:  # (an empty cell is false: a case file cannot leave an exemption unknown)
                raise ValueError(f"{name}: null, but {ref.address} cannot be unknown in a case")
            _put(tree, ref.path, [*_get(tree, ref.path), ref.member])
        elif ref.how == "received":
            _put(tree, ref.path, dt.datetime.combine(as_of, dt.time(0, 0)) if v else None)
        elif ref.how == "count":
            _put(tree, ref.path, None if v is None else [{"reference": f"employee {i + 1}"} for i in range(v)])
        else:
            _put(tree, ref.path, v)
    return Case.model_validate(tree)


def _get(tree: dict, path: tuple[str, ...]) -> list:
    for p in path[:-1]:
        tree = tree.setdefault(p, {})
    return tree.setdefault(path[-1], [])


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
