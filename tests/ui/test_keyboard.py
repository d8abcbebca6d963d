"""By keyboard alone: no two controls of a window answer to the same Alt letter, on any
tab or step, so Alt+letter always goes where its underline says."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from casedesk.ui.intake.window import STEPS, IntakeWindow
from tests.ui.mnemonics import clashes
from tests.ui.window_fit_child import windows

pytestmark = pytest.mark.qt

NAMES = list(windows(Path()))


def moments(window: QWidget) -> Iterator[str]:
    """Show each tab or step in turn; yields what is shown."""
    if isinstance(window, IntakeWindow):
        window.duplicates_bar.show()  # the bar's buttons are on every step
        for step, name in enumerate(STEPS):
            window.open_step(step)
            yield name
        return
    tabs = [tab for tab in window.findChildren(QTabWidget) if tab.window() is window]
    if not tabs:
        yield "venster"
        return
    for index in range(tabs[0].count()):
        tabs[0].setCurrentIndex(index)
        yield tabs[0].tabText(index)


@pytest.mark.parametrize("name", NAMES)
def test_no_two_controls_share_an_alt_letter(qtbot: QtBot, tmp_path: Path, name: str) -> None:
    window = windows(tmp_path)[name]()
    qtbot.addWidget(window)
    window.show()
    found = {}
    for moment in moments(window):
        QApplication.processEvents()
        if clashes(window):
            found[moment] = clashes(window)
    assert found == {}
