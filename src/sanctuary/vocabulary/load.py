"""Reading a case file (YAML or JSON) into a validated Case, with errors that name the field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .case import Case

MAX_CASE_BYTES = 1_000_000


class CaseError(ValueError):
    """A case that cannot be read or is not valid; `problems` holds one line per bad field."""

    def __init__(self, problems: list[str], source: str = "case"):
        self.problems = problems
        self.source = source
        super().__init__(f"{source}: " + "; ".join(problems))


def describe_validation_error(e: ValidationError) -> list[str]:
    """One line per problem: the field's dotted path, what was wrong, and what was given."""
    out = []
    for err in e.errors():
        loc = ".".join(str(p) for p in err["loc"]) or "(top level)"
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown field (check its spelling; see `sanctuary schema`)"
        elif err["type"] == "enum":
            msg = f"{msg}"
        given = err.get("input")
        shown = "" if isinstance(given, (dict, list)) or err["type"] == "missing" else f" (got {given!r})"
        out.append(f"{loc}: {msg}{shown}")
    return out


def case_from_data(data: Any, source: str = "case") -> Case:
    if not isinstance(data, dict):
        raise CaseError([f"expected a mapping of fields at the top level, got {type(data).__name__}"], source)
    try:
        return Case.model_validate(data)
    except ValidationError as e:
        raise CaseError(describe_validation_error(e), source) from None
    except ValueError as e:  # a model validator's message
        raise CaseError([str(e)], source) from None


def parse_case_text(text: str, source: str = "case") -> Any:
    try:
        if source.endswith(".json"):
            return json.loads(text)
        return yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as e:
        raise CaseError([f"cannot be read as {'JSON' if source.endswith('.json') else 'YAML'}: {e}".replace("\n", " ")], source) from None


def load_case(path: str | Path) -> Case:
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as e:
        raise CaseError([f"cannot open the file: {e.strerror}"], str(p)) from None
    if size > MAX_CASE_BYTES:
        raise CaseError([f"the file is {size} bytes; a case file may be at most {MAX_CASE_BYTES}"], str(p))
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CaseError(["the file is not UTF-8 text"], str(p)) from None
    return case_from_data(parse_case_text(text, p.name), str(p))
