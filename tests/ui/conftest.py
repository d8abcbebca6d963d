"""Qt tests run offscreen in one QApplication configured as casedesk configures its own."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtWidgets import QApplication

from casedesk.ui.app import configure_application


@pytest.fixture(scope="session", autouse=True)
def dutch_application(qapp: QApplication) -> QApplication:
    configure_application(qapp)
    return qapp


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform cannot resize native windows to fit; harmless here, and
    # pytest-qt would otherwise fail every test that shows a window.
    offscreen_only = pytest.mark.qt_log_ignore(
        "does not support propagateSizeHints",
        "does not support raise",
        "does not support grabbing the keyboard",
    )
    for item in items:
        if "tests/ui/" in item.nodeid.replace("\\", "/"):
            item.add_marker(offscreen_only)
