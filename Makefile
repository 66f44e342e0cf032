# The two commands the README promises:
#   make run   set everything up and build the feeds from config.toml + seeds/
#   make test  set everything up and run the whole test suite (what .ci/run calls)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CONFIG ?= config.toml

.PHONY: run test lint typecheck unit system clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstalled whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/feedpub build --config $(CONFIG)

lint: $(VENV)/.installed
	$(BIN)/ruff check feedpub tests tools bench
	$(BIN)/ruff format --check feedpub tests tools bench

typecheck: $(VENV)/.installed
	$(BIN)/mypy

# Real programs the tests drive (newsboat, headless chromium), from Debian's packages.
system:
	tools/install-system-packages

unit: $(VENV)/.installed system
	$(BIN)/python -m pytest

test: lint typecheck unit

clean:
	rm -rf $(VENV) public .mypy_cache .ruff_cache .pytest_cache .hypothesis
