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


def _short(value: Any, limit: int = 80) -> str:
    r = repr(value)
    return r if len(r) <= limit else r[:limit] + f"... ({len(r)} characters)"


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
        shown = "" if isinstance(given, (dict, list)) or err["type"] == "missing" else f" (got {_short(given)})"
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


class _CaseLoader(yaml.SafeLoader):
    """YAML's safe loader, except that a scalar YAML would turn into an impossible date ("2026-02-30") or an integer
    too long for Python to read is kept as the text written, so that the case's own checks name the field."""


def _lenient(construct):
    def wrapped(loader, node):
        try:
            return construct(loader, node)
        except ValueError:
            return loader.construct_scalar(node)
    return wrapped


_CaseLoader.add_constructor("tag:yaml.org,2002:timestamp", _lenient(yaml.SafeLoader.construct_yaml_timestamp))
_CaseLoader.add_constructor("tag:yaml.org,2002:int", _lenient(yaml.SafeLoader.construct_yaml_int))


def parse_case_text(text: str, source: str = "case") -> Any:
    kind = "JSON" if source.endswith(".json") else "YAML"
    try:
        if kind == "JSON":
            return json.loads(text)
        return yaml.load(text, Loader=_CaseLoader)  # noqa: S506 - a SafeLoader subclass
    except RecursionError:
        raise CaseError([f"cannot be read as {kind}: it is nested too deeply"], source) from None
    except (ValueError, yaml.YAMLError) as e:  # json.JSONDecodeError is a ValueError; so is a number too long to read
        raise CaseError([f"cannot be read as {kind}: {e}".replace("\n", " ")], source) from None


def load_case(path: str | Path) -> Case:
    p = Path(path)
    try:
        if p.is_dir():
            raise CaseError(["is a folder, not a case file"], str(p))
        with p.open("rb") as f:  # read at most one byte past the limit: a pipe or device has no size to check first
            raw = f.read(MAX_CASE_BYTES + 1)
    except OSError as e:
        raise CaseError([f"cannot open the file: {e.strerror or e}"], str(p)) from None
    if len(raw) > MAX_CASE_BYTES:
        raise CaseError([f"the file is larger than {MAX_CASE_BYTES} bytes, the most a case file may be"], str(p))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CaseError([f"the file is not UTF-8 text (byte {e.start})"], str(p)) from None
    return case_from_data(parse_case_text(text, str(p)), str(p))
