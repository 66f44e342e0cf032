# The two commands the README promises:
#   make run   set up what a build needs and build the feeds from config.toml + seeds/
#   make test  set everything up, test tools too, and run the whole test suite (what .ci/run calls)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CONFIG ?= config.toml

.PHONY: run test lint typecheck unit docs system clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstalled whenever pyproject.toml changes. `make run` needs feedpub and its runtime
# dependencies only; `make test` adds the dev extra (test tools, real peers, MkDocs).
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

run: $(VENV)/.installed-run
	$(BIN)/feedpub build --config $(CONFIG)

lint: $(VENV)/.installed
	$(BIN)/ruff check feedpub tests tools bench
	$(BIN)/ruff format --check feedpub tests tools bench

typecheck: $(VENV)/.installed
	$(BIN)/mypy

# Real programs the tests drive (newsboat, headless chromium), from Debian's packages.
system:
	tools/install-system-packages

# PYTEST_WORKERS=0 runs the suite in this one process (to debug a test with pdb, say).
PYTEST_WORKERS ?= 4
unit: $(VENV)/.installed system
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS)

# docs/ built as a site, every warning an error: a broken link or anchor fails.
docs: $(VENV)/.installed
	$(BIN)/mkdocs build --strict --quiet --site-dir build/docs

test: lint typecheck unit docs

clean:
	rm -rf $(VENV) public build .mypy_cache .ruff_cache .pytest_cache .hypothesis
