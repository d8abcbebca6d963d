"""Error boxes: a KnownError says what to do; a bug says it was ours, without personal data."""

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from casedesk.errors import KnownError
from casedesk.ui.errors import BUG_TEXT, error_box, show_error

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
