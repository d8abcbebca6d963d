"""Rapportage › Rapport van de regio: the figures on screen, per area, saved as PDF or CSV."""

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from casedesk.db import settings_repo
from casedesk.db.keys import Keychain
from casedesk.db.store import Store
from casedesk.domain.dossier import Registration
from casedesk.domain.intake import Channel, IntakeAnswers
from casedesk.domain.report import HIDDEN_TEXT, Report
from casedesk.services.intake import IntakeService
from casedesk.services.report import make_report, save_report
from casedesk.ui.main_window import MainWindow
from casedesk.ui.ports import MainWindowActions, StoreInfo
from casedesk.ui.report.window import ReportWindow
from tests.stores import new_store
from tests.ui.case_source_double import InMemoryCaseSource
from tests.ui.mnemonics import clashes

pytestmark = pytest.mark.qt

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
TODAY = NOW.date()


@pytest.fixture
def store(tmp_path: Path, keychain: Keychain) -> Iterator[Store]:
    with new_store(tmp_path / "data", keychain) as opened:
        with opened.session() as session:
            actor_id = settings_repo.current_caseworker_id(session)
        service = IntakeService(opened, actor_id, today=lambda: TODAY, now=lambda: NOW)
        for code, count in (("GM0855", 7), ("GM0785", 2)):
            for _ in range(count):
                service.start_intake(
                    Registration(date(2026, 3, 2), code), IntakeAnswers(channel=Channel.WEBSITE)
                )
        yield opened


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> ReportWindow:
    shown = ReportWindow(
        lambda first, last: make_report(store, first, last, TODAY),
        lambda report, path: save_report(store, report, path),
        TODAY,
    )
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _cells(window: ReportWindow) -> list[list[str]]:
    model = window.model
    return [
        [str(model.index(row, column).data()) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def _row(window: ReportWindow, label: str) -> list[str]:
    return next(row for row in _cells(window) if row[0] == label)


def test_the_window_shows_the_regions_figures_of_the_period(window: ReportWindow) -> None:
    window.first_input.setText("1-1-2026")
    window.last_input.setText("31-12-2026")
    window.make_button.click()
    assert window.scope_box.currentText() == "Hele regio"
    assert _row(window, "Aanmeldingen")[1] == "9"
    assert _row(window, "Via de website over hulp aan ondernemers")[1:3] == ["9", "100 %"]


def test_choosing_a_municipality_shows_its_figures_with_small_ones_hidden(
    window: ReportWindow,
) -> None:
    window.make_button.click()
    areas = [window.scope_box.itemText(i) for i in range(window.scope_box.count())]
    assert areas == ["Hele regio", "Goirle", "Tilburg"]
    window.scope_box.setCurrentIndex(1)
    assert _row(window, "Aanmeldingen")[1] == HIDDEN_TEXT


def test_an_unreadable_date_is_said_and_no_figures_are_made(
    window: ReportWindow, qtbot: QtBot
) -> None:
    window.first_input.setText("31-02-2026")
    window.make_button.click()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox) is not None)
    box = window.findChild(QMessageBox)
    assert box is not None and "31 februari 2026 bestaat niet" in box.text()
    assert window.report is None and not window.pdf_button.isEnabled()


def test_the_report_shown_is_saved_as_pdf_and_as_csv(window: ReportWindow, tmp_path: Path) -> None:
    window.make_button.click()
    pdf = window.save_as(".pdf", tmp_path / "regio")
    csv_file = window.save_as(".csv", tmp_path / "regio.csv")
    assert pdf == tmp_path / "regio.pdf" and pdf.read_bytes().startswith(b"%PDF")
    assert csv_file is not None and "aanmeldingen" in csv_file.read_text("utf-8-sig")


def test_the_main_window_offers_the_report_only_where_a_store_can_make_one(
    qtbot: QtBot, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "casedesk.ini"), QSettings.Format.IniFormat)

    def report(first: date, last: date) -> Report:
        raise AssertionError("not asked for in this test")

    with_report = MainWindow(
        InMemoryCaseSource([]), StoreInfo(tmp_path / "casedesk.db"),
        MainWindowActions(make_report=report, save_report=lambda made, path: None),
        settings=settings,
    )  # fmt: skip
    without = MainWindow(InMemoryCaseSource([]), StoreInfo(tmp_path / "x.db"), settings=settings)
    for shown in (with_report, without):
        qtbot.addWidget(shown)
    assert with_report.findChild(QAction, "reportAction") is not None
    assert without.findChild(QAction, "reportAction") is None


def test_every_alt_letter_of_the_window_leads_to_one_control(window: ReportWindow) -> None:
    window.make_button.click()
    assert clashes(window) == {}
