"""What the engine answers: per action a status, the subdivision that decides it with its words, a plain reason,
any duty with its deadline, and the trace. The same model is printed by the CLI, returned by the API and stored."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

DISCLAIMER = ("Not legal advice: sanctuary applies the statute texts in its corpus to the facts you gave; "
              "check the cited text and consult counsel for your situation.")


class CitedText(BaseModel):
    address: str = Field(description="Corpus address, e.g. 'gov 7284.6(a)(4)'")
    display: str = Field(description="Citation as a lawyer writes it, e.g. 'Gov. Code § 7284.6(a)(4)'")
    quote: str = Field(description="The words of the subdivision, with its lead-in")
    source: str
    in_force_from: dt.date | None
    caveat: str | None = None
    incomplete: bool = False


class DutyAnswer(BaseModel):
    what: str
    deadline: str
    deadline_hours: int | None = None
    due_by: dt.datetime | None = None
    starts_from: str | None = None
    to_whom: str | None = None
    only_if: str | None = None


class PenaltyAnswer(BaseModel):
    first_violation: tuple[int, int] | None = Field(None, description="(min, max) dollars for a first violation")
    subsequent_violation: tuple[int, int] | None = Field(None, description="(min, max) dollars for each subsequent violation")
    enforced_by: str
    how: str | None = None
    not_imposed_if: list[str] = Field(default_factory=list)
    cites: list[str] = Field(default_factory=list)


class OrderApplied(BaseModel):
    id: str
    reason: str
    cites: list[str]
    start: dt.date
    end: dt.date | None


class TraceStep(BaseModel):
    rule: str
    holds: bool | None = Field(description="true, false, or null where the facts could not decide")


class Answer(BaseModel):
    action: str
    title: str
    act: str
    kind: str = Field(description="'action' (may I?) or 'duty' (must I?)")
    status: str = Field(description="prohibited | permitted | required | needs_review | unenforceable")
    rule: str = Field(description="The rule that decided, or that could not be decided for needs_review")
    reason: str
    citations: list[CitedText]
    duty: DutyAnswer | None = None
    penalty: PenaltyAnswer | None = None
    review: list[str] = Field(default_factory=list, description="Why the answer needs review, or what was left open without changing it")
    order: OrderApplied | None = None
    trace: list[TraceStep] = Field(default_factory=list)


class FederalItem(BaseModel):
    """One federal request (a form or an ask): what federal law in the corpus says of it, beside the state answer."""

    source: str = Field(description="'document I-247D' or 'ask hold'")
    asks: list[str]
    what: str = Field(description="What the federal text says, quoted from the corpus")
    nature: str = Field(description="request | bar on state restriction | voluntary agreement | authorization of federal officers | federal crime | not in corpus")
    provisions: list[CitedText] = Field(default_factory=list)
    gaps: list[str] = Field(default_factory=list, description="What the corpus lacks (e.g. the form's own text)")
    state_answers: list[str] = Field(default_factory=list)


class FederalView(BaseModel):
    items: list[FederalItem]
    note: str = ("Federal law beside the state answer; it does not change the state answer. Forms are not in the "
                 "law corpus: read the form itself.")


class CaseDecision(BaseModel):
    as_of: dt.date
    actor: str
    answers: list[Answer]
    variables: dict[str, Any] = Field(default_factory=dict, description="Intermediate results, e.g. which 7282.5 grounds hold")
    matched_records: dict[str, list[int]] = Field(default_factory=dict, description="Indexes of the convictions/charges that met a test")
    caveats: list[str] = Field(default_factory=list)
    federal: FederalView | None = Field(None, description="What the federal request asked and under which provision (rules/us/federal.py)")
    corpus_version: str
    engine_version: str
    disclaimer: str = DISCLAIMER
