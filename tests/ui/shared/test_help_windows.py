"""Help › Sneltoetsen is read from the windows' real actions; Help › Handleiding opens the
shipped Dutch guide without a network."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from casedesk.ui.main_window import MainWindow
from casedesk.ui.shared.help_windows import GuideDialog, ShortcutsDialog, shortcut_rows
from tests.ui.window_fit_child import windows

pytestmark = pytest.mark.qt


def opened(qtbot: QtBot, tmp_path: Path, name: str) -> QMainWindow:
    window = windows(tmp_path)[name]()
    assert isinstance(window, QMainWindow)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.mark.parametrize("name", ["hoofdvenster", "intake", "dossier"])
def test_every_key_of_a_window_is_listed_with_what_it_does(
    qtbot: QtBot, tmp_path: Path, name: str
) -> None:
    window = opened(qtbot, tmp_path, name)
    rows = shortcut_rows(window)
    keyed = {a for a in window.findChildren(QAction) if a.shortcuts() and a.isVisible()}
    assert len(rows) >= len(keyed) > 3
    assert all(what and keys for what, keys in rows)


def test_the_intake_lists_its_plan_and_step_keys(qtbot: QtBot, tmp_path: Path) -> None:
    rows = dict(shortcut_rows(opened(qtbot, tmp_path, "intake")))
    printing = QKeySequence(QKeySequence.StandardKey.Print).toString(
        QKeySequence.SequenceFormat.NativeText
    )
    assert rows["Actieplan maken"] == printing
    assert rows["1. Aanmelding"] == "Alt+1"
    assert rows["Actie toevoegen (in de tabel Afspraken)"] == "Ins"


def test_an_action_added_later_is_listed_too(qtbot: QtBot, tmp_path: Path) -> None:
    window = opened(qtbot, tmp_path, "dossier")
    extra = QAction("Iets nieuws", window)
    extra.setShortcut(QKeySequence("Ctrl+Shift+J"))
    window.addAction(extra)
    assert ("Iets nieuws", "Ctrl+Shift+J") in shortcut_rows(window)


def test_f1_in_the_main_window_shows_the_keys_of_every_open_window(
    qtbot: QtBot, tmp_path: Path
) -> None:
    main = opened(qtbot, tmp_path, "hoofdvenster")
    intake = opened(qtbot, tmp_path, "intake")
    assert isinstance(main, MainWindow)
    with qtbot.waitActive(main):
        main.activateWindow()
    qtbot.keyClick(main, Qt.Key.Key_F1)
    dialog = main.help_dialog
    assert isinstance(dialog, ShortcutsDialog) and dialog.isVisible()
    text = dialog.browser.toPlainText()
    assert "Afsluiten" in text and "Nieuwe intake" in text and "Actieplan maken" in text
    assert intake.windowTitle().removesuffix(" — casedesk") in text
    dialog.close()


def test_the_guide_opens_from_the_shipped_file(qtbot: QtBot) -> None:
    dialog = GuideDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.browser.toPlainText()
    assert "Handleiding casedesk" in text and "Actieplan maken" in text
    assert dialog.browser.source().isLocalFile()
