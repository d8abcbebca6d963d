# The two set-up commands of the README: `make run` and `make test`.
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest bench bench-scale bench-server bench-sorted-search fuzz screenshots translations clean bundle deb

# A venv of an older Python (3.11 crashes with PySide6 6.12) is made anew.
$(STAMP): pyproject.toml
	@if [ -x $(VENV)/bin/python ] && ! $(VENV)/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then rm -rf $(VENV); fi
	"$$(scripts/find-python.sh)" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	scripts/install-run-system-packages.sh $(VENV)
	$(BIN)/casedesk

# One pytest worker per core; a test file stays on one worker, so its module fixtures (a
# region, a module_backend store) are built once. PYTEST_WORKERS=0 runs in this process.
PYTEST_WORKERS ?= auto

test: $(STAMP)
	scripts/install-test-system-packages.sh
	scripts/start-test-printer.sh >/dev/null
	$(BIN)/ruff check src tests bench installer tools
	$(BIN)/mypy
	installer/build-bundle.sh $(BIN)/python
	DEB_COMPRESSION=gzip installer/build-deb.sh
	scripts/run-with-keychain.sh scripts/run-with-postgres.sh $(BIN)/python -m pytest \
		-n $(PYTEST_WORKERS) --dist loadfile

bench: $(STAMP)
	scripts/run-with-keychain.sh $(BIN)/python -m bench

# 10,000 hostile inputs per reader (make test runs 200); prints the table at the end.
fuzz: $(STAMP)
	CASEDESK_FUZZ_PROFILE=fuzz scripts/run-with-keychain.sh $(BIN)/python -m pytest tests/fuzz \
		-q -p no:cacheprovider --timeout=7200 -W ignore::hypothesis.errors.HypothesisWarning

# The one-dir bundle dist/casedesk/ (skipped when its inputs are unchanged) and the .deb.
bundle: $(STAMP)
	installer/build-bundle.sh $(BIN)/python

deb: bundle
	installer/build-deb.sh

# The same start-up and search rows at a million dossiers; the store is filled once (minutes)
# and kept in build/bench-scale/ while it matches. START_ONLY=1: only the start-up rows.
bench-scale: $(STAMP)
	scripts/run-with-keychain.sh $(BIN)/python -m bench.bench_scale $(if $(START_ONLY),--start-only)

# 50 caseworkers at once on a regional server of a million dossiers (issue 12); the cluster
# and its fill are kept in build/bench-server/ while they match. A small run:
# BENCH_SERVER_SCALE=10000 BENCH_SERVER_SECONDS=20 make bench-server
bench-server: $(STAMP)
	$(BIN)/python -m bench.bench_server

# A searched case list in every order on the server, 100,000 dossiers (kept cluster in
# build/bench-sorted-search/); BENCH_SORTED_KEYS picks columns.
bench-sorted-search: $(STAMP)
	$(BIN)/python -m bench.bench_sorted_search

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tools.screenshots build/screenshots

# Qt's own dialogs: the Dutch texts qtbase_nl.qm lacks (a test checks the .qm is current).
translations: $(STAMP)
	$(BIN)/pyside6-lrelease -silent resources/translations/qt_extra_nl.ts -qm resources/translations/qt_extra_nl.qm

clean:
	rm -rf $(VENV) build .mypy_cache .pytest_cache .ruff_cache
