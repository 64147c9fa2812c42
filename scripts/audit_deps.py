"""Dependency audit for `make test` (make audit-deps): pip-audit over the installed environment (the project itself,
installed editable, is skipped). Prints every vulnerability found and a one-line summary; exits 1 if any installed
package has a known vulnerability, 2 if pip-audit could not run at all.

A package pip-audit could not look up (its vulnerability service answered "not found" or was unreachable) is
listed and counted, not failed: a registry mirror without PyPI's per-version JSON would otherwise fail every build.
The summary says how many packages were actually audited, so "no vulnerabilities" is never claimed for packages
that were not checked.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path


def summarize(report: dict) -> tuple[int, list[str]]:
    """(exit code, lines to print) for a pip-audit JSON report."""
    deps = [d for d in report.get("dependencies", []) if "editable" not in d.get("skip_reason", "")]  # sanctuary itself
    audited = [d for d in deps if "skip_reason" not in d]
    skipped = [d for d in deps if "skip_reason" in d]
    vulnerable = [d for d in audited if d.get("vulns")]
    lines = []
    for d in vulnerable:
        for v in d["vulns"]:
            fix = ", ".join(v.get("fix_versions") or []) or "no fixed version listed"
            lines.append(f"VULNERABLE {d['name']} {d['version']}: {v['id']} (fixed in: {fix}) "
                         f"{(v.get('description') or '').splitlines()[0][:160] if v.get('description') else ''}".rstrip())
    if skipped:
        reasons: dict[str, int] = {}
        for d in skipped:
            key = d["skip_reason"].split(":")[0]
            reasons[key] = reasons.get(key, 0) + 1
        lines.append("not audited: " + "; ".join(f"{n} package(s): {r}" for r, n in sorted(reasons.items())))
    n_vulns = sum(len(d["vulns"]) for d in vulnerable)
    lines.append(f"pip-audit: {len(audited)} of {len(deps)} installed packages audited, {n_vulns} known "
                 f"vulnerabilit{'y' if n_vulns == 1 else 'ies'} in {len(vulnerable)} package(s)"
                 + (f"; {len(skipped)} could not be looked up" if skipped else ""))
    return (1 if vulnerable else 0), lines


def main() -> int:
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "audit.json"
        proc = subprocess.run([sys.executable, "-m", "pip_audit", "--skip-editable", "--progress-spinner", "off",
                               "--desc", "on", "-f", "json", "-o", str(out)], capture_output=True, text=True)
        if not out.exists() or not out.read_text().strip():
            sys.stderr.write(proc.stdout + proc.stderr)
            print(f"pip-audit did not run (exit {proc.returncode}); see above", file=sys.stderr)
            return 2
        code, lines = summarize(json.loads(out.read_text()))
    for line in lines:
        print(line)
    return code


if __name__ == "__main__":
    sys.exit(main())
