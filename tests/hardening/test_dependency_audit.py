"""The dependency audit (`make audit-deps`, run by `make test`) fails the build on a known vulnerability and says
how many packages it could actually check."""

import importlib.util

from hardening_helpers import ROOT

spec = importlib.util.spec_from_file_location("audit_deps", ROOT / "scripts" / "audit_deps.py")
audit_deps = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit_deps)


def test_a_vulnerability_fails_and_is_named():
    report = {"dependencies": [
        {"name": "jinja2", "version": "3.1.2", "vulns": [{"id": "GHSA-h5c8-rqwp-cp95", "fix_versions": ["3.1.3"],
                                                          "aliases": ["CVE-2024-22195"], "description": "xmlattr filter XSS"}]},
        {"name": "pyyaml", "version": "6.0.2", "vulns": []},
        {"name": "sanctuary", "skip_reason": "distribution marked as editable"}], "fixes": []}
    code, lines = audit_deps.summarize(report)
    assert code == 1
    assert any("jinja2 3.1.2" in ln and "GHSA-h5c8-rqwp-cp95" in ln and "3.1.3" in ln for ln in lines)
    assert lines[-1].startswith("pip-audit: 2 of 2 installed packages audited, 1 known vulnerability in 1 package")


def test_clean_and_unlookupable_packages_pass_but_are_counted():
    report = {"dependencies": [{"name": "pyyaml", "version": "6.0.2", "vulns": []},
                               {"name": "polars", "skip_reason": "Dependency not found on PyPI and could not be audited: polars (2.1.0)"}]}
    code, lines = audit_deps.summarize(report)
    assert code == 0
    assert "1 of 2 installed packages audited" in lines[-1] and "1 could not be looked up" in lines[-1]
    assert any(ln.startswith("not audited: 1 package(s): Dependency not found on PyPI") for ln in lines)
