"""The project's own YAML data (law timeline, court orders, offense lists, manifests), read with libyaml's C
loader when PyYAML was built with it (several times faster than the pure-Python one; the same safe subset).
Case files have their own stricter loader (vocabulary/load.py)."""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
