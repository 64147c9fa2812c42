"""Case tests written from the statute text, in YAML beside each act (tests/cases/<jurisdiction>/<act>.yaml).

Each entry: the provision it tests, a case, and per action the expected status and the deciding citation
(the first address the answer cites). `error:` expects the case to be refused with a message containing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sanctuary.engine.rulebook import OutOfCoverage, default_rulebook
from sanctuary.law.corpus import default_corpus
from sanctuary.vocabulary.load import CaseError, case_from_data

HERE = Path(__file__).parent / "cases"


def load_cases():
    for f in sorted(HERE.rglob("*.yaml")):
        for i, entry in enumerate(yaml.safe_load(f.read_text()) or []):
            yield pytest.param(entry, id=f"{f.relative_to(HERE).with_suffix('')}:{i}:{entry['name'][:60]}")


CASES = list(load_cases())


@pytest.mark.parametrize("entry", CASES)
def test_case(entry):
    rb = default_rulebook()
    for p in entry.get("provisions", [entry.get("provision")]):
        if p:
            assert default_corpus().exists(p), f"the test names {p}, which is not in the corpus"
    if "error" in entry:
        with pytest.raises((OutOfCoverage, CaseError, ValueError)) as exc:
            rb.decide(case_from_data(entry["case"]))
        assert entry["error"] in str(exc.value)
        return
    decision = rb.decide(case_from_data(entry["case"]))
    got = {a.action: a for a in decision.answers}
    for action, want in (entry.get("expect") or {}).items():
        assert action in got, f"{action} not answered; answers: {sorted(got)}"
        a = got[action]
        assert a.status == want["status"], f"{action}: {a.status} ({a.rule}: {a.reason})"
        if "cites" in want:
            assert a.citations[0].address == want["cites"], f"{action}: cites {[c.address for c in a.citations]}"
        if "rule" in want:
            assert a.rule == want["rule"]
        if "order" in want:
            assert a.order is not None and a.order.id == want["order"]
        if "due_by" in want:
            assert a.duty is not None and a.duty.due_by is not None and a.duty.due_by.isoformat() == str(want["due_by"])
    for action in entry.get("absent", []):
        assert action not in got, f"{action} should not be in question"
    assert decision.disclaimer.startswith("Not legal advice")


def test_there_are_case_tests_for_every_rule_of_the_law_enforcement_acts():
    """Each rule of the Values, TRUST and TRUTH Acts decides at least one case test (found by rule id)."""
    rb = default_rulebook()
    decided: set[str] = set()
    for p in CASES:
        entry = p.values[0]
        if "error" in entry:
            continue
        for a in rb.decide(case_from_data(entry["case"])).answers:
            decided.add(a.rule)
    acts = {"us-ca/values_act", "us-ca/truth_act"}
    missing = [r.id for d in rb.decisions if d.act in acts for r, _ in d.flat() if r.id not in decided]
    assert not missing, f"rules no case test reaches: {missing}"
