"""The Alt letters a window offers at one moment, to find two controls on one letter."""

import re
from collections import Counter

from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMainWindow,
    QTabBar,
    QWidget,
)

_MNEMONIC = re.compile(r"&([^&\s])")


def letter(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def offered_letters(window: QWidget) -> list[tuple[str, str]]:
    """(letter, text) of every Alt letter reachable now: visible buttons, labels with a
    buddy, group boxes, tabs and the menu bar."""
    offered: list[tuple[str, str]] = []

    def add(text: str) -> None:
        found = letter(text)
        if found:
            offered.append((found, text))

    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.window() is not window:
            continue
        if isinstance(widget, QAbstractButton | QLabel) and _has_a_target(widget):
            add(widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget.title())
        elif isinstance(widget, QTabBar):
            for tab in range(widget.count()):
                add(widget.tabText(tab))
    if isinstance(window, QMainWindow) and window.menuWidget() is not None:
        for action in window.menuBar().actions():
            if action.isVisible():
                add(action.text())
    return offered


def _has_a_target(widget: QAbstractButton | QLabel) -> bool:
    """A label's letter goes to its buddy; one without a buddy offers no letter."""
    return not isinstance(widget, QLabel) or widget.buddy() is not None


def clashes(window: QWidget) -> dict[str, list[str]]:
    offered = offered_letters(window)
    counts = Counter(found for found, _ in offered)
    return {
        found: [text for other, text in offered if other == found]
        for found, count in counts.items()
        if count > 1
    }
