"""Every top-level window and dialog fits a 1366x768 laptop, at 100 % and at 125 % scaling,
with room for a taskbar (40 px) and a title bar (40 px): its buttons are always in reach."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from casedesk.ui.shared.screen_fit import fit_to_screen, room_on_screen

pytestmark = pytest.mark.qt

TASKBAR = 40
TITLE_BAR = 40
LAPTOP = {"screens": [{"name": "Laptop", "x": 0, "y": 0, "width": 1366, "height": 768 - TASKBAR,
                       "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}  # fmt: skip


def measure(scale: str, tmp_path: Path) -> dict[str, Any]:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(LAPTOP), encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": scale,
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.ui.window_fit_child"],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    measured: dict[str, Any] = json.loads(result.stdout)
    return measured


@pytest.mark.parametrize("scale", ["1", "1.25"])
def test_every_window_and_dialog_fits_a_laptop_screen(scale: str, tmp_path: Path) -> None:
    measured = measure(scale, tmp_path)
    left, top, width, height = measured["screen"]
    too_big = []
    for window in measured["windows"]:
        x, y, w, h = window["geometry"]
        smallest_w, smallest_h = window["smallest"]
        fits = (
            x >= left and y - TITLE_BAR >= top - TITLE_BAR and x + w <= left + width
            and y + h <= top + height and h + TITLE_BAR <= height
            and smallest_w <= width and smallest_h + TITLE_BAR <= height
        )  # fmt: skip
        if not fits:
            too_big.append(window)
    assert too_big == [], f"screen {width}x{height}: {too_big}"
    assert len(measured["windows"]) >= 15


def test_a_window_restored_off_the_screen_comes_back_onto_it(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(5000, 300)
    window.move(4000, 4000)
    fit_to_screen(window)
    assert room_on_screen(window).contains(window.geometry())
