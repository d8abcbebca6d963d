"""``make screenshots`` renders the screens from outside the shipped package."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_screenshot_tool_writes_pngs(tmp_path: Path) -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run(
        [sys.executable, "-m", "tools.screenshots", str(tmp_path)],
        cwd=REPO,
        env=environment,
        capture_output=True,
        check=True,
    )
    written = sorted(path.name for path in tmp_path.glob("*.png"))
    assert written == [
        "first_run_details.png",
        "first_run_key.png",
        "main_window.png",
        "main_window_search.png",
        "menu_1.png",
        "menu_2.png",
        "menu_3.png",
        "menu_5.png",  # menu 4, Rapportage, needs a store
    ]
