"""What the engine answers: per action a status, the subdivision that decides it with its words, a plain reason,
any duty with its deadline, and the trace. The same model is printed by the CLI, returned by the API and stored."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

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


class RecordFinding(BaseModel):
    """One finding of the offense classifier (sanctuary.offenses.classify) about a record, as it bears on a test.
    Frozen: the engine shares one object between the answers that cite the same finding."""

    model_config = ConfigDict(frozen=True)

    category: str = Field(description="serious_felony | violent_felony | state_prison_felony | 7282.5(a)(3)(X) | wobbler | "
                                      "prop47_misdemeanor | unreadable | level | jurisdiction")
    reference: str = Field(description="Corpus address of the list or provision, e.g. 'pen 667.5(c)(9)'")
    item: str | None = Field(None, description="The list item as cited, where finer than the reference, e.g. 'pen 1192.7(c)(19)'")
    confidence: str = Field(description="listed (the text names the section) | doj_description (the DOJ offense code "
                                        "table describes the statute with a words-only item's words) | statute_text (the corpus text of the statute "
                                        "itself matches a words-only item's words) | needs_review")
    reason: str
    doj_rows: tuple[str, ...] = Field((), description="DOJ offense code table rows behind a doj_description match, "
                                                      "e.g. '12004 ROBBERY'")


class RecordDetail(BaseModel):
    """A conviction or charge that met, or left open, a record test of the rule that decided an answer, and why.
    No person identifiers: the record is named by its list and index in the case."""

    list_name: str = Field(description="convictions | charges")
    index: int = Field(description="Position in the case's list (0-based)")
    citation: str
    level: str
    date: dt.date | None = None
    jurisdiction: str | None = None
    test: str = Field(description="The record test, e.g. 'convicted_of_serious_or_violent_felony'")
    test_reference: str | None = Field(None, description="The provision the test reads, e.g. 'gov 7282.5(a)(1)'")
    outcome: str = Field(description="met (the record meets the test) | open (whether it does cannot be decided)")
    facts: list[str] = Field(default_factory=list, description="Facts of the record given in the case that bear on the "
                                                               "test, e.g. 'sentenced to state prison'")
    findings: list[RecordFinding] = Field(default_factory=list)
    enhancements: list[str] = Field(default_factory=list, description="The conviction's enhancements found true, as given")
    counted_by_enhancements: list[str] = Field(default_factory=list, description=(
        "outcome met: the enhancements that make the record meet the test where its citation alone does not, "
        "e.g. 'PC 12022.7(a)' (Pen. Code 667.5(c)(8))"))

    def summary(self) -> str:
        """One readable line (CLI, web page): the record, then why it meets the test or why it is left open."""
        head = " ".join(str(x) for x in ({"convictions": "conviction", "charges": "charge"}.get(self.list_name, self.list_name),
                                         self.citation, self.level, self.date) if x)
        if self.enhancements:
            head += f" with enhancement{'s' if len(self.enhancements) > 1 else ''} " + ", ".join(
                e + (" (which makes it count)" if e in self.counted_by_enhancements else "") for e in self.enhancements)
        if self.jurisdiction and self.jurisdiction != "california":
            head += f" ({self.jurisdiction.replace('_', ' ')})"
        test = _display(self.test_reference) if self.test_reference else self.test.replace("_", " ")
        if self.outcome == "met":
            parts = [_finding_line(f) for f in self.findings] + self.facts
            return f"{head} — " + ("; ".join(parts) if parts else f"meets {test}")
        why = [f"{_CATEGORY_WORDS.get(f.category, f.category)}: {f.reason}" for f in self.findings] + self.facts
        return f"{head} — left open under {test}" + (": " + "; ".join(why) if why else "")


_CATEGORY_WORDS = {"serious_felony": "serious felony", "violent_felony": "violent felony", "wobbler": "wobbler",
                   "state_prison_felony": "state prison felony", "prop47_misdemeanor": "Proposition 47 misdemeanor",
                   "unreadable": "citation unreadable", "level": "level", "jurisdiction": "jurisdiction"}


def _display(address: str) -> str:
    from sanctuary.law.corpus import AddressError, parse_address

    try:
        return parse_address(address).display
    except AddressError:
        return address


def _finding_line(f: RecordFinding) -> str:
    what = _CATEGORY_WORDS.get(f.category) or ("offense listed in" if f.category.startswith("7282.5(a)(3)") else f.category)
    line = f"{what}, {_display(f.item or f.reference)}"
    if f.confidence == "doj_description" and f.doj_rows:
        code, _, desc = f.doj_rows[0].partition(" ")
        line += f" (DOJ table description {desc}, row {code})"
    elif f.confidence == "listed" and f.item:
        line += " (section named in the list)"
    elif f.confidence == "statute_text":
        line += " (read from the statute's own text in the corpus)"
    return line


class TextNotInCorpus(BaseModel):
    """A section an answer would rest on, of which the corpus holds no text in force on the date asked."""

    address: str = Field(description="Corpus address of the section, e.g. 'gov 7284.6'")
    display: str = Field(description="As a lawyer writes it, e.g. 'Gov. Code § 7284.6'")
    first_in_force: dt.date = Field(description="The first date on which the corpus holds a text of it in force")


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
    records: list[RecordDetail] = Field(default_factory=list, description="For an answer whose rule reads the person's "
                                        "convictions or charges: the records that met its test, or that left it open "
                                        "(needs_review), with the classifier's findings")
    not_in_corpus: list[TextNotInCorpus] = Field(default_factory=list, description="For an action the corpus holds no "
                                                 "text for on the date asked (rule coverage.no_text_in_force, status "
                                                 "needs_review, no citation): the sections missing and the first date "
                                                 "the corpus holds each; empty otherwise")


class FederalItem(BaseModel):
    """One federal request (a form or an ask): what federal law in the corpus says of it, beside the state answer."""

    source: str = Field(description="'document I-247D' or 'ask hold'")
    asks: list[str]
    what: str = Field(description="What the federal text says, quoted from the corpus")
    nature: str = Field(description="request | bar on state restriction | not settled: whether 8 U.S.C. 1373 reaches it (...) | held outside 8 U.S.C. 1373 | voluntary agreement | authorization of federal officers | federal crime | not in corpus")
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
