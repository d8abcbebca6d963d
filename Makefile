# The two set-up commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest bench screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/casedesk

test: $(STAMP)
	scripts/install-test-system-packages.sh
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	scripts/run-with-keychain.sh $(BIN)/python -m pytest

bench: $(STAMP)
	scripts/run-with-keychain.sh $(BIN)/python -m bench

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m casedesk.ui.screenshots build/screenshots

clean:
	rm -rf $(VENV) build .mypy_cache .pytest_cache .ruff_cache
