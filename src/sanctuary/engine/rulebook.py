"""The rulebook: every decision of every act, the dated overlays, and the corpus they cite; one entry point.

`Rulebook.decide(case)` answers one case with citations and a trace; the bulk engine (sanctuary.bulk.engine) runs
the same decisions as polars expressions. Both check dates the same way (Rulebook.covered and rule_covered, one
definition): an action whose deciding rule cites a section the corpus holds no text of in force on the date asked is
answered needs review (rule COVERAGE_RULE, no citation, the section and its first date named) while the other actions
of the case are answered; a case none of whose actions could rest on a text in force is refused (OutOfCoverage). A date after `covers_until` is answered
with a caveat saying so (see Rulebook.after_corpus_date). docs/coverage.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Iterable

from sanctuary import __version__
from sanctuary.law.corpus import AddressError, Corpus, default_corpus, parse_address
from sanctuary.vocabulary.answer import (Answer, CaseDecision, CitedText, DutyAnswer, OrderApplied, PenaltyAnswer,
                                         TextNotInCorpus, TraceStep)
from sanctuary.yamldata import load_yaml

from .expr import AnyRecord, Env, Expr, Not, Variable, children, walk
from .rules import Decision, Outcome, Overlay, Rule, Status, apply_overlays, decide, in_question


class OutOfCoverage(ValueError):
    """The date asked for is outside what the corpus can answer (for every action the case raises)."""


# The rule id of an answer the corpus holds no text for on the date asked (status needs_review, no citation): not a
# rule of any decision, so that no statute's words are quoted for a date they were not in force.
COVERAGE_RULE = "coverage.no_text_in_force"
# The rule id of an answer the corpus holds no text for on the date asked, but which a court order in force that day
# decides whatever the text said (Rulebook.enjoined_overlay): unenforceable, no citation, the order applied.
ENJOINED_RULE = "coverage.enjoined_without_text"


def _trust_act_hint(section: str) -> str:
    """The TRUST Act (7282, 7282.5) of 2014-2017 governed holds before SB 54 added 7284-7284.12; AB 450's sections
    (7285.1, 7285.2) and the TRUTH Act (7283) are other acts: no TRUST Act hint for them."""
    if section in ("gov 7282", "gov 7282.5") or section.startswith("gov 7284"):
        return " (the TRUST Act text in force from 2014-01-01 to 2017-12-31 is not in the corpus)"
    return ""


def load_section_floors(folder: Path | None = None) -> dict[str, dt.date]:
    """timeline/section-floors.yaml: for a section whose corpus text has no known first day in force, the day before
    which no text of it was in force at all (its enacting act's effective date)."""
    folder = folder or Path(str(resources.files("sanctuary.law") / "timeline"))
    f = folder / "section-floors.yaml"
    data = load_yaml(f.read_text(encoding="utf-8")) if f.exists() else {}
    return {e["section"]: e["not_before"] for e in (data or {}).get("section_floors", [])}


def load_overlays(folder: Path | None = None) -> list[Overlay]:
    """The dated overlays: first those the court orders impose (court-orders.yaml, through sanctuary.law.orders,
    so a court order wins over a disputed-date overlay on the same answer), then each file's `overlays:`."""
    from sanctuary.law.orders import load_orders, order_overlays

    folder = folder or Path(str(resources.files("sanctuary.law") / "timeline"))
    out: list[Overlay] = order_overlays(load_orders(folder))
    for f in sorted(folder.glob("*.yaml")):
        data = load_yaml(f.read_text(encoding="utf-8")) or {}
        for o in data.get("overlays", []):
            out.append(Overlay(
                id=o["id"], provisions=tuple(o["provisions"]), start=o["start"], end=o.get("end"),
                new_status=Status(o["new_status"]), reason=" ".join(str(o["reason"]).split()),
                cites=tuple(o.get("cites", [])), actors=tuple(o["actors"]) if o.get("actors") else None,
                statuses=tuple(Status(s) for s in o.get("statuses", ["prohibited", "required", "permitted"])),
            ))
    return out


@dataclass
class Rulebook:
    decisions: list[Decision]
    overlays: list[Overlay]
    corpus: Corpus

    def __post_init__(self):
        manifest = load_yaml((self.corpus.root / "MANIFEST.yaml").read_text()) if (self.corpus.root / "MANIFEST.yaml").exists() else {}
        self.covers_until: dt.date | None = manifest.get("covers_until")
        self._floors = load_section_floors()
        self._starts = {d.action: self._coverage_start(d) for d in self.decisions}
        self._rule_starts = {(d.action, r.id): self._texts_start(r.cites) for d in self.decisions for r, _ in d.flat()}
        # the first date on which some rule of the decision has every text it cites: before it, no outcome of the
        # decision can rest on a text in force
        self._first_starts = {d.action: min(self._rule_starts[(d.action, r.id)][0] for r, _ in d.flat())
                              for d in self.decisions}
        self._orders_deciding = {d.action: self._find_orders_deciding(d) for d in self.decisions}
        self.variables = sorted({e.name: e for d in self.decisions for _, c in d.flat() for e in walk(c)
                                 if isinstance(e, Variable)}.values(), key=lambda v: v.name)

    # ---------------------------------------------------------------- citations and dates

    def citations(self) -> Iterable[tuple[Decision, Rule, str]]:
        for d in self.decisions:
            for r, _ in d.flat():
                for c in r.cites:
                    yield d, r, c

    def missing_citations(self) -> list[str]:
        """Every cited address that names no text in the corpus (should be empty; a test fails otherwise)."""
        out = []
        for d, r, c in self.citations():
            if not self.corpus.exists(c):
                out.append(f"{r.id} cites {c!r}, which is not in the corpus")
        for v in self.variables:
            for ref in (v.reference,) if isinstance(v.reference, str) else v.reference:
                if ref and not self.corpus.exists(ref):
                    out.append(f"variable {v.name} cites {ref!r}, which is not in the corpus")
        return out

    def _first_in_force(self, address: str) -> dt.date | None:
        """The first day the corpus holds a text of this section in force; for a text whose first day is not known,
        the day its act took effect (section-floors.yaml), if known; None: no constraint known."""
        versions = self.corpus.versions(address)
        first = versions[0].in_force_from if versions else None
        return self._floors.get(address.split("(")[0]) if versions and first is None else first

    def _texts_start(self, cites: Iterable[str]) -> tuple[dt.date, str]:
        """The first date on which every one of these sections has a text in force in the corpus (and the section
        that starts last)."""
        start, why = dt.date.min, ""
        for c in cites:
            first = self._first_in_force(c)
            if first and first > start:
                start, why = first, c.split("(")[0]
        return start, why

    def _coverage_start(self, d: Decision) -> tuple[dt.date, str]:
        """The first date on which every section this decision's rules cite has a text in force in the corpus."""
        return self._texts_start(c for r, _ in d.flat() for c in r.cites)

    def coverage_start(self, decision: Decision) -> tuple[dt.date, str]:
        """(the first date on which the corpus holds a text in force of every section the decision's rules cite, the
        section that starts last): what the refusal and the bulk reject name (coverage_gap). Whether an answer rests
        on a text in force is decided per rule: covered, rule_covered."""
        return self._starts[decision.action]

    def covered(self, as_of: dt.date, decision: Decision) -> bool:
        """Whether some outcome of the decision can rest on texts in force on `as_of` (some rule of it has every text
        it cites). A decision not covered is answered needs review without being evaluated; a covered one is
        evaluated, and its outcome stands if the deciding rule's texts are in force (rule_covered)."""
        return as_of >= self.first_start(decision)

    def first_start(self, decision: Decision) -> dt.date:
        """The first date on which the decision is covered (see covered)."""
        return self._first_starts[decision.action]

    def rule_start(self, decision: Decision, rule) -> dt.date:
        """The first date on which the corpus holds a text in force of every section this rule cites."""
        return self._rule_starts[(decision.action, rule.id)][0]

    def rule_covered(self, as_of: dt.date, decision: Decision, rule) -> bool:
        """Whether an outcome decided (or left open) by this rule rests on texts in force on `as_of`. The rules
        before it that did not apply need no text that day: a provision not yet enacted does not apply either."""
        return as_of >= self.rule_start(decision, rule)

    def coverage_gap(self, decision: Decision) -> str:
        """Why a date before the decision's coverage start is not answered from the law, without the date itself:
        'before START, the first date the corpus holds a text of SECTION in force[ (TRUST Act hint)]'."""
        start, section = self._starts[decision.action]
        return f"before {start}, the first date the corpus holds a text of {section} in force{_trust_act_hint(section)}"

    def missing_texts(self, as_of: dt.date, decision: Decision, rules: list | None = None) -> list[TextNotInCorpus]:
        """The sections the decision's rules (or only `rules`) cite of which the corpus holds no text in force on
        `as_of` (their first text is later), each with that first date."""
        out: dict[str, dt.date] = {}
        for r in rules if rules is not None else [r for r, _ in decision.flat()]:
            for c in r.cites:
                first = self._first_in_force(c)
                if first and first > as_of:
                    section = c.split("(")[0]
                    out[section] = max(first, out.get(section, first))
        return [TextNotInCorpus(address=a, display=parse_address(a).display, first_in_force=f) for a, f in out.items()]

    def after_corpus_date(self, as_of: dt.date) -> str | None:
        """For a date after `covers_until` (the day the corpus was last checked against its sources): the answer
        applies the texts and court orders known then, and says so. Refusing would leave a clerk without an answer
        for today from the day after the last check; a change in the law since is the user's to rule out."""
        if self.covers_until and as_of > self.covers_until:
            return (f"The law corpus was last checked against its sources on {self.covers_until}; this answer for "
                    f"{as_of} applies the statutes and court orders known then. Check for later amendments and "
                    "court orders before relying on it.")
        return None

    def orders_deciding(self, decision: Decision) -> list[Overlay]:
        """The court orders under which the decision can end only in permitted or in unenforceable, whatever the
        facts: the order reaches a provision one of its rules cites first, each of its rules that can end otherwise
        cites first a provision the order reaches, and the order turns prohibited, required and needs review alike
        into unenforceable (for the actors and dates it names). Computed once per rulebook (_orders_deciding)."""
        return self._orders_deciding[decision.action]

    def _find_orders_deciding(self, decision: Decision) -> list[Overlay]:
        opens = {Status.PROHIBITED, Status.REQUIRED, Status.NEEDS_REVIEW}
        return [ov for ov in self.overlays
                if ov.new_status == Status.UNENFORCEABLE and opens <= set(ov.statuses)
                and any(ov.covers_rule(r) for r, _ in decision.flat())
                and all(r.status == Status.PERMITTED or ov.covers_rule(r) for r, _ in decision.flat())]

    def enjoined_overlay(self, decision: Decision, as_of: dt.date, actor: str | None) -> Overlay | None:
        """The first of orders_deciding in force on `as_of` for `actor`. Such an action is answered from the order
        (ENJOINED_RULE) on a date the corpus holds no text of it: the order bars enforcing the provision against the
        actor whatever its words were that day (Lab. Code 1019.2 as applied to private employers from 2018-07-05,
        whose text before 2019-09-27 is not in the corpus)."""
        return next((ov for ov in self.orders_deciding(decision) if ov.active(as_of, actor)), None)

    def check_date(self, as_of: dt.date, decisions: Iterable[Decision], actor: str | None = None) -> list[Decision]:
        """The decisions not covered on `as_of` (answered needs review by `decide`, or from a court order:
        enjoined_overlay); OutOfCoverage, naming the first of them, if none of `decisions` is covered and no order
        answers any of them."""
        decisions = list(decisions)
        uncovered = [d for d in decisions if not self.covered(as_of, d)]
        if (uncovered and len(uncovered) == len(decisions)
                and not any(self.enjoined_overlay(d, as_of, actor) for d in uncovered)):
            raise OutOfCoverage(f"as_of {as_of} is {self.coverage_gap(uncovered[0])}; "
                                "sanctuary does not answer for dates it holds no law for")
        return uncovered

    def _unanswered_asks(self, case, facts: dict, records: dict) -> list[str]:
        """The asks of a case with several for which no decision would be in question were it the only ask."""
        from sanctuary.vocabulary.facts import ask_fact

        asks = list(case.request.asks)
        if len(asks) < 2:
            return []
        out = []
        for k in asks:
            alone = Env({**facts, **{ask_fact(j): j == k for j in asks}}, records)
            if not any(in_question(d, alone) for d in self.decisions):
                out.append(k.value)
        return out

    def _uncovered_answer(self, d: Decision, as_of: dt.date, rule=None, actor: str | None = None) -> Answer:
        """An action the corpus holds no text for on `as_of` (or whose outcome rests on `rule`, one of whose texts is
        not in force then): needs review, naming each missing section and the first date the corpus holds it; no
        citation (no words of a text not in force that day). Unless a court order in force then decides it whatever
        the text said (enjoined_overlay): unenforceable, with the order."""
        missing = self.missing_texts(as_of, d, None if rule is None else [rule])
        if (ov := self.enjoined_overlay(d, as_of, actor)) is not None:
            sections = " and ".join(t.display for t in missing)
            reason = (f"The corpus holds no text in force on {as_of} of {sections}, but the court order applied here, "
                      "in force that day, bars enforcing it against this actor whatever it provided: any prohibition "
                      "or duty it imposed here is unenforceable.")
            order = OrderApplied(id=ov.id, reason=ov.reason, cites=list(ov.cites), start=ov.start, end=ov.end)
            return Answer(action=d.action, title=d.title, act=d.act, kind=d.kind, status=Status.UNENFORCEABLE.value,
                          rule=ENJOINED_RULE, reason=reason, citations=[], review=[ov.reason], order=order,
                          not_in_corpus=missing)
        firsts = {t.first_in_force for t in missing}
        if len(firsts) == 1:
            texts = (" and ".join(t.display for t in missing) + ", on which this answer rests; its first text of "
                     f"{'it' if len(missing) == 1 else 'each'} is in force from {firsts.pop()}")
        else:
            texts = " and ".join(f"{t.display} (its first text in force from {t.first_in_force})" for t in missing) \
                + ", on which this answer rests"
        hint = next((h for t in missing if (h := _trust_act_hint(t.address))), "")
        reason = (f"Not answered from the law: the corpus holds no text in force on {as_of} of {texts}{hint}. "
                  "sanctuary answers only from a text in force on the date asked: check the law in force on that "
                  "date, or have counsel review.")
        return Answer(action=d.action, title=d.title, act=d.act, kind=d.kind, status=Status.NEEDS_REVIEW.value,
                      rule=COVERAGE_RULE, reason=reason, citations=[], not_in_corpus=missing)

    # ---------------------------------------------------------------- one case

    def decide(self, case, as_of: dt.date | None = None) -> CaseDecision:
        from sanctuary.vocabulary.facts import case_facts

        as_of = as_of or case.as_of or dt.date.today()
        facts, records = case_facts(case, as_of)
        env = Env(facts, records)
        applicable = [d for d in self.decisions if in_question(d, env)]
        if not applicable:
            raise ValueError(
                f"no rule in the corpus answers request.asks {[a.value for a in case.request.asks]} for actor.kind "
                f"{case.actor.kind.value!r}")
        if unanswered := self._unanswered_asks(case, facts, records):
            # refused whole rather than answered without them: an ask left out of the answers would be lost
            raise ValueError(
                f"no rule in the corpus answers request.asks {unanswered} for actor.kind {case.actor.kind.value!r} "
                f"(the others can be answered: ask again without {'it' if len(unanswered) == 1 else 'them'})")
        actor = facts["actor_kind"]
        uncovered = self.check_date(as_of, applicable, actor)
        not_covered = {d.action for d in uncovered}
        answers: list[Answer] = []
        for d in applicable:
            if d.action in not_covered:
                answers.append(self._uncovered_answer(d, as_of, actor=actor))
                continue
            o = decide(d, env)
            if o is not None and not self.rule_covered(as_of, d, o.rule):
                # decided (or left open) by a rule whose text is not in force yet: not answered from the law
                uncovered.append(d)
                answers.append(self._uncovered_answer(d, as_of, o.rule, actor=actor))
            elif o is not None:
                o = apply_overlays(o, self.overlays, as_of, facts["actor_kind"])
                answers.append(self._answer(o, as_of, case, facts, env))
        caveats = sorted({c.caveat for a in answers for c in a.citations if c.caveat})
        if (after := self.after_corpus_date(as_of)) is not None:
            caveats.insert(0, after)
        uncovered = [d for d in uncovered if self.enjoined_overlay(d, as_of, actor) is None]  # those answered needs review
        if uncovered:
            titles = "; ".join(d.title for d in uncovered)
            caveats.insert(0, (
                f"On {as_of} the corpus holds no text in force for {len(uncovered)} of the {len(applicable)} actions in "
                f"question ({titles}): they are answered needs review, not decided from the law"
                + ("; the others are answered from the texts in force that day." if len(uncovered) < len(applicable) else ".")))
        from sanctuary.rules.us.federal import federal_view

        return CaseDecision(
            as_of=as_of, actor=facts["actor_kind"], answers=answers,
            federal=federal_view(case, answers, as_of, self.corpus),
            variables={k: v for k, v in env.cache.items()}, matched_records=env.matches,
            caveats=caveats, corpus_version=self.corpus.version, engine_version=__version__,
        )

    def _cite(self, address: str, as_of: dt.date) -> CitedText:
        """The cited text as of a date. Cached per rulebook (the corpus does not change under it): looking up and
        quoting the provision was a third of a decision's time. Bounded: cleared past 4096 (address, date) pairs."""
        cache = self.__dict__.setdefault("_cite_cache", {})
        hit = cache.get((address, as_of))
        if hit is None:
            if len(cache) >= 4096:
                cache.clear()
            hit = cache[(address, as_of)] = self._cite_uncached(address, as_of)
        return hit

    def _cite_uncached(self, address: str, as_of: dt.date) -> CitedText:
        v, node = self.corpus.provision(address, as_of)
        a = parse_address(address)
        return CitedText(address=str(a), display=a.display, quote=self.corpus.quote(a, as_of), source=v.source,
                         in_force_from=v.in_force_from, caveat=v.currency_caveat, incomplete=node.incomplete)

    def _record_tests(self, decision: Decision, rule: Rule) -> tuple[tuple[AnyRecord, str, str | None, frozenset[str]], ...]:
        """The record tests (AnyRecord) a rule's effective condition reads, not under a negation, each with the name
        and reference of the variable it belongs to and the facts its condition reads. Cached per rule."""
        cache = self.__dict__.setdefault("_record_tests_cache", {})
        key = (decision.action, rule.id)
        if key not in cache:
            cond = next(c for r, c in decision.flat() if r is rule)
            out: dict[int, tuple[AnyRecord, str, str | None, frozenset[str]]] = {}

            def visit(e: Expr, var: Variable | None, negated: bool):
                if isinstance(e, Variable):
                    var = e
                if isinstance(e, Not):
                    negated = not negated
                if isinstance(e, AnyRecord):
                    if not negated and id(e) not in out:
                        ref = None if var is None else (var.reference if isinstance(var.reference, str)
                                                        else ", ".join(var.reference))
                        out[id(e)] = (e, var.name if var else f"any of {e.records}", ref or None, frozenset(e.cond.facts()))
                    return
                for child in children(e):
                    visit(child, var, negated)

            visit(cond, None, False)
            cache[key] = tuple(out.values())
        return cache[key]

    def _record_details(self, o: Outcome, env: Env) -> list:
        """The records behind an answer whose rule reads a record test: those that met it (the rule held), or those
        that left it open and the classifier findings that did (the rule could not be decided: needs review)."""
        held = o.steps[-1].rule  # engine.rules.decide stops at the first rule that holds
        if held == o.rule.id:  # the rule that decides held
            tests = [(t, True) for t in self._record_tests(o.decision, o.rule)]
        else:
            # needs review because rules could not be decided: every such rule with another outcome than the one
            # that held left the answer open (the first is o.rule), as in engine.rules.decide
            index = self.__dict__.setdefault("_rule_index", {})
            by_id = index.get(o.decision.action)
            if by_id is None:
                by_id = index[o.decision.action] = {r.id: r for r, _ in o.decision.flat()}
            held_status = by_id[held].status
            rules = [o.rule] + [u for u in o.unresolved if u is not o.rule and u.status != held_status]
            tests = [(t, None) for r in rules for t in self._record_tests(o.decision, r)]
        if not tests:
            return []  # the common case: decided by a rule that reads no record
        from sanctuary.vocabulary.facts import record_detail

        out, seen = [], set()
        for (node, name, ref, reads), value in tests:
            res = env.record_results.get(node)
            if res is None or id(node) in seen:
                continue
            seen.add(id(node))
            hits, unknown = res
            recs = env.records.get(node.records, [])
            if value is None:
                out += [record_detail(node.records, i, recs[i], reads, "open", name, ref) for i in unknown]
            out += [record_detail(node.records, i, recs[i], reads, "met", name, ref) for i in hits]
        return out

    def _answer(self, o: Outcome, as_of: dt.date, case, facts: dict | None = None, env: Env | None = None) -> Answer:
        r = o.rule
        review: list[str] = []
        reason = r.because
        if o.status == Status.NEEDS_REVIEW and r.status != Status.NEEDS_REVIEW and o.overlay is None:
            reason = (f"Could not decide whether this holds from the facts given: {r.because} "
                      f"(rule {r.id}; supply the missing facts or have counsel review)")
        for u in o.unresolved:
            if u is not r:
                review.append(f"Left open without changing the answer: whether {parse_address(u.cites[0]).display} "
                              f"applies could not be decided from the facts ({u.id})")
        order = None
        if o.overlay is not None:
            ov = o.overlay
            order = OrderApplied(id=ov.id, reason=ov.reason, cites=list(ov.cites), start=ov.start, end=ov.end)
            review.insert(0, ov.reason)
        duty = None
        if r.duty is not None and o.status == Status.REQUIRED:
            d = r.duty
            due = None
            received = getattr(case.request, "received_at", None)
            if d.starts_at_fact:
                received = (facts or {}).get(d.starts_at_fact)
            if d.deadline_hours and received is not None:
                due = _add_elapsed_hours(received, d.deadline_hours)
            duty = DutyAnswer(what=d.what, deadline=d.deadline, deadline_hours=d.deadline_hours, due_by=due,
                              starts_from=d.starts_from, to_whom=d.to_whom, only_if=d.only_if)
        penalty = None
        if r.penalty is not None and o.status in (Status.PROHIBITED, Status.REQUIRED):
            p = r.penalty
            penalty = PenaltyAnswer(first_violation=p.first_violation, subsequent_violation=p.subsequent_violation,
                                    enforced_by=p.enforced_by, how=p.how, not_imposed_if=list(p.not_imposed_if),
                                    cites=list(p.cites))
        return Answer(
            action=o.decision.action, title=o.decision.title, act=o.decision.act, kind=o.decision.kind,
            status=o.status.value, rule=r.id, reason=reason, citations=[self._cite(c, as_of) for c in r.cites],
            duty=duty, penalty=penalty, review=review, order=order, trace=[TraceStep(rule=s.rule, holds=s.value) for s in o.steps],
            records=self._record_details(o, env) if env is not None else [],
        )

    def decision(self, action: str) -> Decision:
        return next(d for d in self.decisions if d.action == action)

    def rule(self, rule_id: str) -> tuple[Decision, Rule]:
        for d in self.decisions:
            for r, _ in d.flat():
                if r.id == rule_id:
                    return d, r
        raise KeyError(rule_id)


def _add_elapsed_hours(start: dt.datetime, hours: int) -> dt.datetime:
    """`hours` elapsed hours after `start`, shown in start's time zone. Python adds a timedelta to an aware time
    on the wall clock, which is off by an hour across a daylight-saving change; so the sum is taken in UTC."""
    if start.tzinfo is None:
        return start + dt.timedelta(hours=hours)
    return (start.astimezone(dt.timezone.utc) + dt.timedelta(hours=hours)).astimezone(start.tzinfo)



@cache
def default_rulebook() -> Rulebook:
    from sanctuary.rules import all_decisions

    return Rulebook(all_decisions(), load_overlays(), default_corpus())


__all__ = ["Rulebook", "OutOfCoverage", "COVERAGE_RULE", "ENJOINED_RULE", "default_rulebook", "load_overlays", "AddressError"]
