"""Keyboard helpers for the intake window tests (they act on whatever has focus, as a
caseworker's keys do)."""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from casedesk.ui.intake.window import IntakeWindow

TODAY = date(2026, 11, 27)
WindowFactory = Callable[..., IntakeWindow]


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def press(
    qtbot: QtBot,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    times: int = 1,
) -> None:
    for _ in range(times):
        qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot: QtBot, text: str) -> None:
    """Types ASCII into the focused control (pytest-qt aborts on other characters)."""
    qtbot.keyClicks(focused(), text)


def alt(qtbot: QtBot, number: int) -> None:
    qtbot.keyClick(focused(), Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.AltModifier)
