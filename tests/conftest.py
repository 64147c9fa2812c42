"""Shared by every test folder: tests marked slow run under `-m slow` (make soak), not in make test."""

import pytest


def pytest_collection_modifyitems(config, items):
    if "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with -m slow (make soak)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
