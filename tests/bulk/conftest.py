import pytest


def pytest_collection_modifyitems(config, items):
    """The 100,000-row differential runs with `-m slow` (make soak), not in make test."""
    if "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with -m slow")
    for item in items:
        if "slow" in item.keywords and "tests/bulk" in str(item.fspath):
            item.add_marker(skip)
