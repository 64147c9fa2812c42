"""The bulk input format: a requests table and a history table (CSV or Parquet), column by column.

The columns carry the fact names the rules read where they can (`actor_kind`, `information_is_public`,
`local_policy_restricts`, ...); `received_date` becomes the fact `as_of`, `request_kind` the `ask_<kind>` facts and
`documents` the `doc_<kind>` facts. `schema_json()` is the machine-readable form (written to `bulk-schema.json` by
`sanctuary audit --schema`); docs/bulk.md is the same, in words.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import cache

from sanctuary.vocabulary.case import ActorKind, DocumentKind, Jurisdiction, Level, RequestKind
from sanctuary.vocabulary.facts import REQUEST_CONTEXT_FACTS

RESPONSES = ("complied", "declined", "no_response", "unknown")
RECORD_TYPES = ("conviction", "charge")
TRUE_WORDS = ("true", "1", "yes")
FALSE_WORDS = ("false", "0", "no")


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # string | date | bool | enum | enum_list | citation_list
    required: bool  # the column must be in the file
    doc: str
    values: tuple[str, ...] = ()  # allowed values (enum, enum_list)
    nullable: bool = True  # an empty cell is allowed
    empty: str = ""  # what an empty cell means
    default: object = None  # the value used when an optional column is absent from the file
    max_length: int | None = None
    fill: object = None  # the value an empty cell stands for, where the case vocabulary has no "not known" (None: unknown)
    bounds: tuple[int, int] | None = None  # int columns: the smallest and largest value allowed


def _bool(name, doc, empty, default, required=False):
    return Column(name, "bool", required, doc, nullable=True, empty=empty, default=default)


REQUEST_COLUMNS: tuple[Column, ...] = (
    Column("request_id", "string", True, "Unique id of the request within the file", nullable=False, max_length=100),
    Column("received_date", "date", True, "Date the agency received the request (YYYY-MM-DD); the row is decided as of this date (fact `as_of`)",
           nullable=False),
    Column("agency", "string", False, "Name of the agency (not personal data)", max_length=200, empty="not given"),
    Column("actor_kind", "enum", True, "Kind of agency asked to act (fact `actor_kind`)", tuple(k.value for k in ActorKind), nullable=False),
    Column("request_kind", "enum", True, "What was asked, one kind per row (facts `ask_<kind>`)", tuple(k.value for k in RequestKind), nullable=False),
    Column("documents", "enum_list", False, "Documents that came with the request, separated by ';' (facts `doc_<kind>`)",
           tuple(k.value for k in DocumentKind), empty="no documents", default=""),
    Column("person_id", "string", True, "Id of the person the request is about; joins the history table (never a name)", nullable=False, max_length=100),
    _bool("information_is_public", "The information asked for is available to the public (7284.6(a)(1)(C), (D))", "not known (needs review where it matters)", False),
    _bool("local_policy_restricts", "A local law or policy forbids the cooperation asked (7282.5(a), 7284.6(b))", "not known (needs review where it matters)", False),
    Column("in_custody", "bool", False, "The person is in the agency's custody", empty="true (as in a case file, which cannot leave it unknown)",
           default=True, fill=True),
    _bool("current_sex_arson_registrant", "A current registrant on the California Sex and Arson Registry (7282.5(a)(4))", "not known", False),
    Column("federal_felony_warrant_identified_by_ice", "bool", False,
           "ICE identifies the person as the subject of an outstanding federal felony arrest warrant (7282.5(a)(5))",
           empty="false (as in a case file, which cannot leave it unknown)", default=False, fill=False),
    *(_bool(n, f"Request context fact `{n}` (see the case schema)", "not known", None) for n in REQUEST_CONTEXT_FACTS if n != "information_is_public"),
    Column("agency_response", "enum", True, "What the agency did: complied (did what was asked), declined, no_response, unknown",
           RESPONSES, nullable=False),
    Column("agency_action_date", "date", False, "Date the agency acted on the request (on or after received_date)", empty="not recorded"),
    Column("duties_done", "enum_list", False,
           "Duty actions the agency records as done, separated by ';' (e.g. give_person_copy_of_request). Without this "
           "column duties are not assessed; with it, a required duty missing from the list is flagged",
           (), empty="none done", default=None),
    Column("demographic_group", "string", False, "Group used for the TRUTH Act figures (as the agency records it)", max_length=100, empty="not recorded"),
)

HISTORY_COLUMNS: tuple[Column, ...] = (
    Column("person_id", "string", True, "Id of the person (joins requests.person_id)", nullable=False, max_length=100),
    Column("record_type", "enum", True, "conviction or charge (a pending charge)", RECORD_TYPES, nullable=False),
    Column("citation", "string", True, "Statute as written, e.g. 'PC 245(a)(1)'", nullable=False, max_length=80),
    Column("level", "enum", True, "felony, misdemeanor or infraction", tuple(k.value for k in Level), nullable=False),
    Column("date", "date", True, "Date of conviction (required for convictions) or of arrest/filing (charges, optional). "
           "A record dated after a request's received_date is not part of the history as of that request", empty="charges only: not known"),
    Column("jurisdiction", "enum", False, "Convictions: california, federal or other_state. Charges: california (or empty)",
           tuple(k.value for k in Jurisdiction), empty="california", default=None),
    _bool("reduced_under_prop47", "Convictions only: reduced to a misdemeanor under Proposition 47 (Pen. Code 1170.18)", "false", None),
    _bool("sentenced_to_state_prison", "Convictions only: the record shows a state prison sentence for this felony (7282.5(a)(2))", "not known", None),
    _bool("aggravated_felony", "Federal convictions only: meets 8 U.S.C. 1101(a)(43)(A)-(P)", "not known", None),
    Column("enhancements", "citation_list", False,
           "California convictions only: enhancements found true, as citations separated by ';' (e.g. 'PC 12022.7(a)'); "
           "the offense classifier reads them with the citation (e.g. Pen. Code 667.5(c)(8)). Each must be readable",
           empty="none", default="", max_length=80),
    _bool("magistrate_probable_cause", "Charges only: a magistrate found probable cause (Pen. Code 872)", "false", None),
    _bool("current_arrest", "Charges only: the arrest the person is now held on", "true", None),
)



@dataclass(frozen=True)
class FieldRef:
    """Where a request column's fact lives in a case file: the path of its field from the case's top level
    (e.g. ('place', 'officer', 'performing_duties')), how the fact is read from it, and what the field allows.

    `how`: 'value' (the fact is the field's value, an enum by its value); 'member' (the fact is whether `member` is
    in the list field: `officer_exempt_<e>` for `place.officer.exemptions`); 'received' (the fact is whether a
    time of receipt is given: the field is a datetime, e.g. `employer.results_received_at`); 'count' (the fact is
    the length of the list field, e.g. `employer.affected_employees`)."""

    path: tuple[str, ...]
    how: str = "value"
    member: str | None = None
    type: str = "bool"  # bool | enum | int | string
    values: tuple[str, ...] = ()
    nullable: bool = True  # the case vocabulary can leave it unknown (null)
    default: object = None  # the field's default (a case file that leaves it out)

    @property
    def address(self) -> str:
        return ".".join(self.path) + (f" contains {self.member!r}" if self.member else "")


# The facts a fact provider derives from a field that does not hold the fact itself (no field holds the value):
# fact -> (path, how). Every other column is found by probing the vocabulary (see request_fields).
DERIVED_FIELDS = {
    "notice_of_inspection_received": (("employer", "notice_of_inspection_received_at"), "received"),
    "results_received": (("employer", "results_received_at"), "received"),
    "affected_employee_count": (("employer", "affected_employees"), "count"),
}
# Case fields the fixed columns give (or that are not facts): not probed.
_NOT_PROBED = {("actor", "kind"), ("request", "asks"), ("request", "documents"), ("schema_version",), ("as_of",),
               ("person", "history", "convictions"), ("person", "history", "pending_charges")}


def _leaf_fields(model, path: tuple[str, ...] = ()):
    """(path, pydantic field) of every leaf field of the case vocabulary, through nested (optional) models; a list
    of models is a leaf."""
    import types
    import typing

    from pydantic import BaseModel

    for name, f in model.model_fields.items():
        ann = f.annotation
        args = typing.get_args(ann) if typing.get_origin(ann) in (typing.Union, types.UnionType) else (ann,)
        sub = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        if sub:
            yield from _leaf_fields(sub[0], path + (name,))
        elif path + (name,) not in _NOT_PROBED:
            yield path + (name,), f


def _nest(path: tuple[str, ...], value) -> dict:
    out: dict = {}
    d = out
    for p in path[:-1]:
        d = d.setdefault(p, {})
    d[path[-1]] = value
    return out


def _merge(into: dict, more: dict) -> dict:
    for k, v in more.items():
        if isinstance(v, dict) and isinstance(into.get(k), dict):
            _merge(into[k], v)
        else:
            into[k] = v
    return into


_BASE_CASE = {"actor": {"kind": "county_jail"}, "request": {"asks": ["hold"]}}


@cache
def request_fields() -> dict[str, FieldRef]:
    """Fact name -> the case field it stands for, for every request-level fact a case's fields give (the columns
    of the requests table read these names). Found by probing the case vocabulary itself: each leaf field set, on
    its own, to a value other than its default, in a minimal case; the fact whose value becomes that value is the
    field's (`case_facts`, the single-case engine's own flattening, with every area's fact provider). The facts a
    provider derives (DERIVED_FIELDS) are named there."""
    import datetime as dt
    import enum
    import types
    import typing

    from sanctuary.engine.rulebook import default_rulebook
    from sanctuary.vocabulary.case import Case
    from sanctuary.vocabulary.facts import case_facts

    default_rulebook()  # loading the rules registers their areas' fact providers
    day = dt.date(2020, 1, 1)
    base, _ = case_facts(Case.model_validate(_BASE_CASE), day)
    out: dict[str, FieldRef] = {}
    for path, f in _leaf_fields(Case):
        ann = f.annotation
        args = typing.get_args(ann) if typing.get_origin(ann) in (typing.Union, types.UnionType) else (ann,)
        nullable = type(None) in args
        kinds = [a for a in args if a is not type(None)]
        if len(kinds) != 1:
            continue
        t = kinds[0]
        default = None if f.is_required() else f.get_default(call_default_factory=True)
        probes: list[tuple[object, object, str | None]] = []  # (field value, expected fact value, member)
        if t is bool:
            probes = [(not default if isinstance(default, bool) else True, None, None)]
        elif isinstance(t, type) and issubclass(t, enum.Enum):
            probes = [(m.value, m.value, None) for m in t if m != default][:1]
        elif typing.get_origin(t) is list and typing.get_args(t) and isinstance(typing.get_args(t)[0], type) \
                and issubclass(typing.get_args(t)[0], enum.Enum):
            probes = [([m.value], True, m.value) for m in typing.get_args(t)[0]]
        elif t is int:
            probes = [(7, 7, None)]
        elif t is str:
            probes = [("probe value", "probe value", None)]
        for value, expect, member in probes:
            expect = value if expect is None else expect
            try:
                facts, _ = case_facts(Case.model_validate(_merge(_nest(path, value), dict(_BASE_CASE))), day)
            except ValueError:
                continue
            hits = [k for k, v in facts.items() if v == expect and type(v) is type(expect) and base.get(k) != v]
            if len(hits) != 1:
                continue
            if member is not None:
                out[hits[0]] = FieldRef(path, "member", member, "bool", (), False, False)
            elif t is bool:
                out[hits[0]] = FieldRef(path, "value", None, "bool", (), nullable, default)
            elif isinstance(t, type) and issubclass(t, enum.Enum):
                out[hits[0]] = FieldRef(path, "value", None, "enum", tuple(m.value for m in t), nullable,
                                        getattr(default, "value", default))
            else:
                out[hits[0]] = FieldRef(path, "value", None, "int" if t is int else "string", (), nullable, default)
    for fact, (path, how) in DERIVED_FIELDS.items():
        out[fact] = FieldRef(path, how, None, "int" if how == "count" else "bool", (), how == "count",
                             None if how == "count" else False)
    return out


@cache
def extra_fact_columns() -> tuple[Column, ...]:
    """Facts other areas of the vocabulary add (`@fact_provider`: employers, courthouses, schools, detention ...)
    and the rules read: optional columns of the requests table, named as the fact, typed as the case field it
    stands for (request_fields), with the case vocabulary's default (the value a case that does not mention them
    gets) when the column is absent. An empty cell is "not known" where the case field can be null; where it cannot
    (a boolean without null, an exemption, a notice received or not), the empty cell is the field's default, as
    in a case file that leaves it out (`fill`)."""
    import datetime as dt

    from sanctuary.vocabulary.case import Case
    from sanctuary.vocabulary.facts import case_facts

    from .engine import needed_request_facts

    from sanctuary.engine.rulebook import default_rulebook

    rb = default_rulebook()  # first: loading the rules registers their areas' fact providers, whose facts case_facts adds
    base, _ = case_facts(Case.model_validate(_BASE_CASE), dt.date(2020, 1, 1))
    fixed = {c.name for c in REQUEST_COLUMNS} | {"as_of"}
    fields = request_fields()
    out = []
    for name in sorted(needed_request_facts(rb)):
        if name in fixed or name.startswith(("ask_", "doc_")) or name not in base:
            continue
        default = base[name]
        ref = fields.get(name)
        if ref is None:  # no case field found for it: case_of refuses such a column (a test holds every column mapped)
            out.append(Column(name, "bool" if default is None or isinstance(default, bool) else "string", False,
                              f"Fact `{name}` of the case vocabulary (added by a fact provider)", empty="not known", default=default))
            continue
        where = f"case field `{ref.address}`" + {"received": " (given: received)", "count": " (how many)"}.get(ref.how, "")
        if ref.nullable:
            empty = "not known" + (f" (column absent: {default!r}, the case file's default)" if default is not None else "")
            fill = None
        else:
            empty = f"{default!r} (as in a case file that leaves it out; a case file cannot leave it unknown)"
            fill = default
        out.append(Column(name, ref.type, False, f"Fact `{name}`: {where}; see the case schema", ref.values,
                          empty=empty, default=default, fill=fill,
                          bounds=(0, 2000) if ref.how == "count" else None))
    return tuple(out)


def request_columns() -> tuple[Column, ...]:
    return REQUEST_COLUMNS + extra_fact_columns()


class _Tables(dict):
    def __getitem__(self, k):
        return request_columns() if k == "requests" else HISTORY_COLUMNS

    def items(self):
        return [("requests", request_columns()), ("history", HISTORY_COLUMNS)]


TABLES = _Tables(requests=None, history=None)


def duty_actions() -> tuple[str, ...]:
    from sanctuary.engine.rulebook import default_rulebook

    return tuple(d.action for d in default_rulebook().decisions if d.kind == "duty")


def schema_json() -> dict:
    """The machine-readable schema of both tables."""
    out = {"format": "sanctuary bulk input", "version": 1, "files": "CSV (UTF-8, header row) or Parquet",
           "booleans": {"true": list(TRUE_WORDS), "false": list(FALSE_WORDS), "parquet": "Boolean also accepted"},
           "dates": "YYYY-MM-DD (Parquet: Date also accepted)", "lists": "values separated by ';'", "tables": {}}
    for t, cols in TABLES.items():
        rows = []
        for c in cols:
            d = {k: v for k, v in asdict(c).items() if v not in (None, (), "")}
            d["values"] = list(c.values) if c.values else (list(duty_actions()) if c.name == "duties_done" else None)
            d["required"] = c.required
            d["nullable"] = c.nullable
            rows.append({k: v for k, v in d.items() if v is not None})
        out["tables"][t] = rows
    return out


def schema_text() -> str:
    return json.dumps(schema_json(), indent=2, default=str)
