"""Starting the app loads only what the window and the first page of cases need.

The PDF libraries (reportlab, pikepdf), the plan package, Alembic (no migration is due) and
the help windows load later or never: each costs the caseworker tens of milliseconds
before the list appears, a million dossiers or not. Checked in a fresh process, because a
test process has loaded everything already.
"""

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import keyring
import pytest

from casedesk.db.keys import open_keychain
from casedesk.services.demo.fill import fill_with_demo_cases
from tests.conftest import MemoryKeyring
from tests.stores import new_store

REPO = Path(__file__).resolve().parents[2]
NOT_FOR_THE_FIRST_PAGE = (
    "reportlab",
    "pikepdf",
    "alembic",
    "casedesk.plan",
    "casedesk.services.plan",
    "casedesk.services.catalog",
    "casedesk.catalog.regions",
    "casedesk.ui.shared.help_windows",
    "casedesk.ui.intake.window",
    "casedesk.wiring.workspace",
    # Bestand › Verbinden met regionale server…: loaded when chosen.
    "casedesk.ui.setup.connect_dialog",
    # The status of a server's connection: a store on this computer has none.
    "casedesk.ui.connection_status",
    "casedesk.services.connection_setup",
    "casedesk.domain.server_address",
)
DATABASE_LAYER = ("sqlalchemy", "sqlcipher3", "keyring", "casedesk.db.store")
NOT_BEFORE_THE_WINDOW = (
    *DATABASE_LAYER,
    "zoneinfo",  # the time zone data: for the first row's date, not the empty window
    "json",
    "platformdirs",  # the data folder is given: no need to look up the platform's own
    "platform",  # for a crash report's versions
    "casedesk.crash_report",  # a bug's report
    "casedesk.domain.regions",  # the municipalities: first run and intakes
    "casedesk.ui.setup.ports",  # the first run's and the server connection's ports
    "casedesk.ui.opened_store",  # what the open store offers: made once it is open
    "casedesk.db.server.choice",  # no regional server was chosen: the store is here
)
NOT_MADE_BEFORE_THE_WINDOW = (
    # PySide makes a Qt class, with all its enums, when it is first used.
    "QMessageBox",  # when a box opens
    "QFileDialog",  # when a file is asked for
    "QDialog",
    "QEvent",  # no Python code sees an event before the window shows
)


@pytest.fixture(scope="module")
def start_lines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[str]]]:
    """What the started app had loaded (and which Qt classes it had made) when its window
    showed and when the list filled."""
    folder = tmp_path_factory.mktemp("start")
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        keychain = open_keychain()
        with new_store(folder, keychain) as store:
            fill_with_demo_cases(store, 3, datetime.now(UTC))
            key = store.key
    finally:
        keyring.set_keyring(previous)
    child = subprocess.run(
        [sys.executable, "-m", "tests.ui.start_child", str(folder)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
        env={**os.environ, "CASEDESK_TEST_STORE_KEY": key.hex(), "QT_QPA_PLATFORM": "offscreen",
             "XDG_CONFIG_HOME": str(folder / "first-start")},  # no layout kept from before
    )  # fmt: skip
    assert child.returncode == 0, child.stderr
    lines = [json.loads(line) for line in child.stdout.splitlines() if line.startswith("{")]
    return {line["moment"]: line for line in lines}


@pytest.fixture(scope="module")
def start_reports(start_lines: dict[str, dict[str, list[str]]]) -> dict[str, list[str]]:
    return {moment: line["modules"] for moment, line in start_lines.items()}


def loaded(modules: list[str], wanted: tuple[str, ...]) -> list[str]:
    return [name for name in wanted if name in modules]


def test_the_first_page_of_cases_is_listed_without_the_pdf_libraries(
    start_reports: dict[str, list[str]],
) -> None:
    assert loaded(start_reports["listed"], NOT_FOR_THE_FIRST_PAGE) == []


def test_the_window_shows_before_the_database_layer_loads(
    start_reports: dict[str, list[str]],
) -> None:
    assert loaded(start_reports["shown"], NOT_BEFORE_THE_WINDOW) == []


def test_the_window_shows_before_the_dialog_and_event_classes_are_made(
    start_lines: dict[str, dict[str, list[str]]],
) -> None:
    assert loaded(start_lines["shown"]["qt_classes"], NOT_MADE_BEFORE_THE_WINDOW) == []


def test_the_class_check_sees_the_classes_the_window_uses(
    start_lines: dict[str, dict[str, list[str]]],
) -> None:
    # Were the names wrong, the check above could never fail.
    assert loaded(start_lines["shown"]["qt_classes"], ("QMainWindow", "QLineEdit", "Qt")) == [
        "QMainWindow", "QLineEdit", "Qt"
    ]


def test_the_newest_dossiers_are_listed_before_the_database_layer_loads(
    start_reports: dict[str, list[str]],
) -> None:
    assert loaded(start_reports["first rows"], ("sqlalchemy", "casedesk.db.store")) == []


def test_the_check_sees_what_the_app_loads(start_reports: dict[str, list[str]]) -> None:
    # Were the names wrong, the two checks above could never fail.
    assert loaded(start_reports["listed"], DATABASE_LAYER) == list(DATABASE_LAYER)
