# The README's two commands: `make demo` and `make test`. Everything installs from this repository's own files.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SYSTEM := $(VENV)/.system-deps
SANCTUARY := $(VENV)/bin/sanctuary

.PHONY: demo test install system-deps bench soak clean

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

test: $(STAMP) $(SYSTEM)
	$(PY) -m pytest -n 2 -p no:cacheprovider

bench: $(STAMP)
	$(PY) -m benchmarks.run

soak: $(STAMP) $(SYSTEM)
	$(PY) -m pytest -p no:cacheprovider -m slow tests

clean:
	rm -rf $(VENV) build dist *.egg-info out
