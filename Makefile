# The README's two commands: `make demo` and `make test`. Everything installs from this repository's own files.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SYSTEM := $(VENV)/.system-deps
SANCTUARY := $(VENV)/bin/sanctuary

.PHONY: demo test install system-deps bench soak clean audit-deps fuzz-soak

install: $(STAMP)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

# Debian packages: Chromium for the browser tests, Pango for the PDF renderer (WeasyPrint).
$(SYSTEM): scripts/install-system-deps.sh
	bash scripts/install-system-deps.sh
	mkdir -p $(VENV) && touch $(SYSTEM)

system-deps: $(SYSTEM)

demo: $(STAMP) $(SYSTEM)
	bash scripts/demo.sh

test: $(STAMP) $(SYSTEM) audit-deps
	$(PY) -m pytest -n 2 -p no:cacheprovider

# Known vulnerabilities in the installed Python packages (pip-audit against PyPI): fails on any; prints how many
# packages it could check (docs/reliability.md).
audit-deps: $(STAMP)
	$(PY) scripts/audit_deps.py

# The hostile-input tests (tests/hardening/test_fuzz_*) with many more inputs each, random rather than fixed;
# the inputs tried go to test-artifacts/hardening/fuzz-summary.json. Part of make soak.
FUZZ_EXAMPLES ?= 1000
fuzz-soak: $(STAMP)
	SANCTUARY_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -n 2 -p no:cacheprovider tests/hardening -k fuzz

bench: $(STAMP)
	$(PY) -m benchmarks.run

# The long runs (not in make test, not in CI): tests marked slow, then the full load test, whose figures go to
# test-artifacts/load/ (see docs/reliability.md).
soak: $(STAMP) $(SYSTEM)
	$(PY) -m pytest -p no:cacheprovider -m slow tests
	$(MAKE) fuzz-soak
	$(PY) -m benchmarks.load --json test-artifacts/load/load.json --markdown test-artifacts/load/load.md

clean:
	rm -rf $(VENV) build dist *.egg-info out
