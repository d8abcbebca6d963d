"""The version comes from one place and shows in the About box and every package name."""

import os
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from casedesk import __version__
from casedesk.ui.main_window import MainWindow
from casedesk.ui.ports import StoreInfo
from tests.installer.conftest import INSTALLER

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def test_the_installer_scripts_read_the_packages_version() -> None:
    printed = subprocess.run(
        [str(INSTALLER / "version.sh")], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert printed == __version__


@pytest.mark.qt
@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_help_about_shows_the_version(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow(lambda _query, _after, _limit, /: [], StoreInfo(tmp_path / "casedesk.db"))
    qtbot.addWidget(window)
    about = window.findChild(QAction, "aboutAction")
    assert isinstance(about, QAction) and about.text() == "&Over casedesk"
    about.trigger()
    box = window.findChild(QMessageBox, "infoBox")
    assert isinstance(box, QMessageBox)
    assert box.text().startswith(f"casedesk {__version__}\n")
