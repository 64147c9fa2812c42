"""Decisions written as a default and its exceptions, in the order the statute gives them priority.

A `Decision` answers one action ("transfer the person to immigration authorities"). Its `rules` are tried from the
most specific exception to the default, Catala-style: an exception ("unless ...", "notwithstanding ...") is listed
before the rule it overrides, and a rule's own exceptions (`unless=`) are tried before it, only where it applies.

Three-valued conditions: the first rule whose condition is true decides, unless an earlier rule with another
outcome could not be decided (its condition is unknown); then the answer is "needs review", citing that rule.
`decide_case` runs this on one case with a trace; `compile_decision` builds the same logic as polars expressions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Iterable

import polars as pl

from .expr import Const, Env, Expr, IsTrue

TRUE = Const(True)


class Status(StrEnum):
    PROHIBITED = "prohibited"
    PERMITTED = "permitted"
    REQUIRED = "required"
    NEEDS_REVIEW = "needs_review"
    UNENFORCEABLE = "unenforceable"  # the statute reads so, but a court order in force bars its enforcement here


@dataclass(frozen=True)
class Duty:
    """What a REQUIRED answer obliges, by when, and to whom."""

    what: str
    deadline: str  # in the statute's words: "promptly", "upon receiving", "within 72 hours", "annually"
    deadline_hours: int | None = None  # where the statute counts hours from an event
    starts_from: str | None = None  # the event the deadline runs from, e.g. "receipt of the request"
    to_whom: str | None = None
    only_if: str | None = None  # a duty that arises only if the actor takes an action: "if the agency gives ICE the release date"
    starts_at_fact: str | None = None  # the fact holding the (timezone-aware) time the deadline runs from; default request.received_at


@dataclass(frozen=True)
class Penalty:
    """The penalty a statute sets for a violation, and who enforces it (first citation = the penalty subdivision)."""

    cites: tuple[str, ...]
    first_violation: tuple[int, int] | None  # (min, max) in dollars; min 0 where the statute says "up to"
    subsequent_violation: tuple[int, int] | None
    enforced_by: str
    how: str | None = None  # "civil action"
    not_imposed_if: tuple[str, ...] = ()  # the statute's own limits on the penalty, in its words


@dataclass
class Rule:
    id: str
    status: Status
    cites: tuple[str, ...]  # corpus addresses; the first is the subdivision that decides
    because: str  # a plain-language reason a clerk can read
    when: Expr = TRUE
    unless: list["Rule"] = field(default_factory=list)
    duty: Duty | None = None
    penalty: Penalty | None = None  # shown with prohibited and required answers

    def __post_init__(self):
        if isinstance(self.cites, str):
            self.cites = (self.cites,)


@dataclass
class Decision:
    action: str  # stable identifier, e.g. "transfer_to_immigration_authorities"
    title: str  # "Transfer the person to immigration authorities"
    act: str  # "us-ca/values_act"
    applies: Expr  # when this action is in question for the case
    rules: list[Rule]  # highest priority first; the last is the default and has no condition
    kind: str = "action"  # "action" (may I?) or "duty" (must I?)

    def __post_init__(self):
        if self.rules[-1].when is not TRUE:
            raise ValueError(f"{self.action}: the last rule must be the default (no condition)")
        ids = [r.id for r, _ in self.flat()]
        if len(ids) != len(set(ids)):
            raise ValueError(f"{self.action}: duplicate rule ids")

    def flat(self) -> list[tuple[Rule, Expr]]:
        """Rules in the order they are tried, each with its effective condition (an exception holds only where
        the rule it is an exception to would hold)."""
        out: list[tuple[Rule, Expr]] = []

        def add(rules: list[Rule], base: Expr | None):
            for r in rules:
                cond = r.when if base is None else (base if r.when is TRUE else (base & r.when))
                add(r.unless, cond if cond is not TRUE else None)
                out.append((r, cond))

        add(self.rules, None)
        return out

    def rule(self, rule_id: str) -> Rule:
        return next(r for r, _ in self.flat() if r.id == rule_id)


@dataclass
class Step:
    rule: str
    value: bool | None


@dataclass
class Outcome:
    decision: Decision
    rule: Rule  # the rule that decides, or for needs_review the rule that could not be decided
    status: Status
    steps: list[Step]
    unresolved: list[Rule]  # earlier rules left undecided that did not change the outcome
    overlay: "Overlay | None" = None


def in_question(decision: Decision, env: Env) -> bool:
    """Whether the action is in question for this case (an unknown applicability counts as not)."""
    return IsTrue(decision.applies).eval(env) is True


def decide(decision: Decision, env: Env) -> Outcome | None:
    """Decide one action for one case; None if the action is not in question."""
    if not in_question(decision, env):
        return None
    unknown: list[Rule] = []
    steps: list[Step] = []
    for r, cond in decision.flat():
        v = cond.eval(env)
        steps.append(Step(r.id, v))
        if v is True:
            blocking = [u for u in unknown if u.status != r.status]
            if blocking:
                return Outcome(decision, blocking[0], Status.NEEDS_REVIEW, steps, unknown)
            return Outcome(decision, r, r.status, steps, unknown)
        if v is None:
            unknown.append(r)
    raise AssertionError("unreachable: the default rule always holds")


def compile_decision(decision: Decision, conds: list[pl.Expr] | None = None,
                     applies: pl.Expr | None = None) -> tuple[pl.Expr, pl.Expr]:
    """The same decision over a table: (status, rule id) columns, null where the action is not in question.

    `conds` (one per rule, in `flat()` order) and `applies` default to the compiled conditions; a caller that has
    already computed them as columns (the bulk engine, once per frame) passes `pl.col(...)` of those columns, which
    keeps the expression small: the chain below refers to each condition many times."""
    flat = decision.flat()
    conds = [c.to_polars() for _, c in flat] if conds is None else list(conds)
    if len(conds) != len(flat):
        raise ValueError(f"{decision.action}: {len(conds)} conditions given for {len(flat)} rules")
    applies = (decision.applies.to_polars() if applies is None else applies).fill_null(False)
    status_chain = None
    rule_chain = None

    def add(when: pl.Expr, status: str, rule_id: str):
        nonlocal status_chain, rule_chain
        if status_chain is None:
            status_chain, rule_chain = pl.when(when).then(pl.lit(status)), pl.when(when).then(pl.lit(rule_id))
        else:
            status_chain = status_chain.when(when).then(pl.lit(status))
            rule_chain = rule_chain.when(when).then(pl.lit(rule_id))

    for i, (r, _) in enumerate(flat):
        reach = applies & conds[i].fill_null(False)
        for j in range(i):
            reach = reach & ~conds[j].fill_null(False)
        for j in range(i):  # an earlier undecided rule with another outcome makes it needs_review, citing that rule
            if flat[j][0].status != r.status:
                add(reach & conds[j].is_null(), Status.NEEDS_REVIEW.value, flat[j][0].id)
        add(reach, r.status.value, r.id)
    return status_chain.otherwise(pl.lit(None, dtype=pl.String)), rule_chain.otherwise(pl.lit(None, dtype=pl.String))


# ---------------------------------------------------------------- dated overlays (court orders, disputed dates)


@dataclass(frozen=True)
class Overlay:
    """A dated change to how a provision may be applied, from outside its text: a court order, a disputed
    effective date. It changes answers decided by rules that cite the provision, for the actors it covers."""

    id: str
    provisions: tuple[str, ...]  # address prefixes, e.g. "gov 7285.1" covers every subdivision of 7285.1
    start: dt.date
    end: dt.date | None  # last day in force, or None if still in force
    new_status: Status
    reason: str
    cites: tuple[str, ...] = ()  # the order or source, e.g. "E.D. Cal. No. 2:18-cv-00490, ECF 193"
    actors: tuple[str, ...] | None = None  # actor kinds covered; None = all
    statuses: tuple[Status, ...] = (Status.PROHIBITED, Status.REQUIRED, Status.PERMITTED)

    def covers_rule(self, rule: Rule) -> bool:
        return any(_within(c, p) for c in rule.cites[:1] for p in self.provisions)

    def active(self, on: dt.date, actor: str | None) -> bool:
        return self.start <= on and (self.end is None or on <= self.end) and (self.actors is None or actor in self.actors)

    def active_expr(self, as_of: pl.Expr, actor: pl.Expr) -> pl.Expr:
        """`active` as a polars expression over date and actor columns (the bulk engine)."""
        cond = as_of >= pl.lit(self.start)
        if self.end is not None:
            cond = cond & (as_of <= pl.lit(self.end))
        if self.actors is not None:
            cond = cond & actor.is_in(list(self.actors))
        return cond


def _within(address: str, prefix: str) -> bool:
    return address == prefix or address.startswith(prefix + "(") or address.startswith(prefix + " ")


def apply_overlays(outcome: Outcome, overlays: Iterable[Overlay], on: dt.date, actor: str | None) -> Outcome:
    for ov in overlays:
        if outcome.status in ov.statuses and ov.covers_rule(outcome.rule) and ov.active(on, actor):
            outcome.overlay = ov
            outcome.status = ov.new_status
            return outcome
    return outcome


def compile_overlays(decision: Decision, status: pl.Expr, rule: pl.Expr, overlays: Iterable[Overlay],
                     as_of: str = "as_of", actor: str = "actor_kind") -> tuple[pl.Expr, pl.Expr]:
    """Overlay the dated orders on a compiled decision: (status, overlay id) columns."""
    overlay_id: pl.Expr = pl.lit(None, dtype=pl.String)
    new_status = status
    # applied in reverse so that the first matching overlay wins, as in apply_overlays
    for ov in reversed(list(overlays)):
        rule_ids = [r.id for r, _ in decision.flat() if ov.covers_rule(r)]
        if not rule_ids:
            continue
        cond = rule.is_in(rule_ids) & status.is_in([s.value for s in ov.statuses]) & ov.active_expr(pl.col(as_of), pl.col(actor))
        new_status = pl.when(cond).then(pl.lit(ov.new_status.value)).otherwise(new_status)
        overlay_id = pl.when(cond).then(pl.lit(ov.id)).otherwise(overlay_id)
    return new_status, overlay_id


def rules_of(decisions: Iterable[Decision]) -> Iterable[tuple[Decision, Rule]]:
    for d in decisions:
        for r, _ in d.flat():
            yield d, r

