"""Each module of the case vocabulary can be imported first, in a fresh interpreter (a circular import shows only
when the modules are imported in a particular order)."""

import pkgutil
import subprocess
import sys

import pytest

import sanctuary.vocabulary

MODULES = sorted(f"sanctuary.vocabulary.{m.name}" for m in pkgutil.iter_modules(sanctuary.vocabulary.__path__))


def test_the_vocabulary_has_its_modules():
    assert {"sanctuary.vocabulary.case", "sanctuary.vocabulary.facts", "sanctuary.vocabulary.places"} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_importable_first(module):
    r = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
