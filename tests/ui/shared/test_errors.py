"""Error boxes: a KnownError says what to do; a bug says it was ours, without personal data."""

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from casedesk.crash_report import LOG_DIR_ENV
from casedesk.errors import KnownError
from casedesk.ui.shared.errors import BUG_TEXT, error_box, install_crash_hook, show_error

pytestmark = pytest.mark.qt


def raised(error: Exception) -> Exception:
    try:
        raise error
    except Exception as caught:
        return caught


def test_a_known_error_shows_its_dutch_message_under_the_app_name(qtbot: QtBot) -> None:
    message = "Het bestand is beschadigd. Kies Bestand > Back-up terugzetten."
    box = error_box(None, KnownError(message))
    qtbot.addWidget(box)
    assert (box.windowTitle(), box.text()) == ("casedesk", message)
    assert box.detailedText() == ""
    assert box.icon() == QMessageBox.Icon.Warning


def test_a_bug_says_something_went_wrong_in_dutch(qtbot: QtBot) -> None:
    box = error_box(None, raised(ValueError("oops")))
    qtbot.addWidget(box)
    assert box.windowTitle() == "casedesk"
    assert box.text() == BUG_TEXT == "Er ging iets mis in casedesk"
    assert "beheerder" in box.informativeText()


def test_the_technical_detail_names_the_error_but_not_its_data(qtbot: QtBot) -> None:
    box = error_box(None, raised(ValueError("BSN 123456782 van Fatma Özdemir")))
    qtbot.addWidget(box)
    detail = box.detailedText()
    assert "builtins.ValueError" in detail
    assert "test_errors.py" in detail
    assert "123456782" not in detail
    assert "Özdemir" not in detail


def test_show_error_opens_without_blocking(qtbot: QtBot) -> None:
    box = show_error(None, KnownError("De opslag is vergrendeld."))
    qtbot.addWidget(box)
    qtbot.waitUntil(box.isVisible)
    assert box.text() == "De opslag is vergrendeld."


def test_a_bug_box_names_its_crash_report_without_the_error_message(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(LOG_DIR_ENV, str(tmp_path))
    box = error_box(None, raised(ValueError("BSN 123456782 van Fatma Özdemir")))
    qtbot.addWidget(box)
    (report,) = tmp_path.iterdir()
    assert f"Er is een foutrapport gemaakt: {report}." in box.informativeText()
    assert b"123456782" not in report.read_bytes()


def test_an_error_escaping_a_slot_shows_a_dutch_box_instead_of_a_traceback(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(LOG_DIR_ENV, str(tmp_path))
    previous = install_crash_hook()
    try:
        error = raised(RuntimeError("Özdemir"))
        sys.excepthook(type(error), error, error.__traceback__)
    finally:
        sys.excepthook = previous
    (report,) = tmp_path.iterdir()
    (box,) = [
        widget
        for widget in QApplication.allWidgets()
        if isinstance(widget, QMessageBox) and str(report) in widget.informativeText()
    ]
    qtbot.addWidget(box)
    qtbot.waitUntil(box.isVisible)
    assert box.text() == BUG_TEXT
    assert "Özdemir" not in box.informativeText() + box.detailedText()
