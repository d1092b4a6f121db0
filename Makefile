# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test lint venv test-venv bench translations clean

$(BIN)/crm-desktop: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-deps: $(BIN)/crm-desktop
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

venv: $(BIN)/crm-desktop

## Open the app on the demo database in the user data dir (demo data made on first run).
run: $(BIN)/crm-desktop
	$(BIN)/crm-desktop --demo

lint: $(VENV)/.test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

## Lint, layer contracts, types, and the whole test suite (Qt offscreen; PostgreSQL tests need
## the server binaries: `apt install postgresql`, else they are skipped).
test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(VENV)/.test-deps
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python bench/contacts.py
	$(BIN)/python bench/excel.py
	$(BIN)/python bench/pipeline.py
	$(BIN)/python bench/service.py

## Refresh resources/i18n/*.ts from the sources and compile the .qm files.
translations: $(BIN)/crm-desktop
	$(BIN)/python -m crm_desktop.i18n_tool

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
