"""Help › Sneltoetsen and Help › Handleiding.

The shortcut list is read from the windows' own actions at the moment it opens, so it says
exactly what the keys do now and never goes out of date. The guide is an HTML page shipped
in ``resources/guide``: it opens without a network or a web browser.
"""

from collections.abc import Sequence

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from casedesk.resources import resource_path
from casedesk.ui.shared.display_text import escape
from casedesk.ui.shared.screen_fit import fit_to_screen

GUIDE_FILE = ("guide", "handleiding.html")


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(what it does, its keys) for every action and shortcut of ``window`` that has keys,
    in the order they were made; an action on the window and in a menu is listed once."""
    rows: list[tuple[str, str]] = []
    seen: set[int] = set()
    for action in [*window.actions(), *window.findChildren(QAction)]:
        if id(action) in seen or not action.isVisible():
            continue
        seen.add(id(action))
        keys = _keys(action.shortcuts())
        if keys:
            rows.append((_plain(action.text()) or _plain(action.toolTip()), keys))
    for shortcut in window.findChildren(QShortcut):
        keys = _keys(shortcut.keys())
        if keys and shortcut.isEnabled():
            rows.append((shortcut.whatsThis(), keys))
    return rows


def _keys(sequences: Sequence[QKeySequence]) -> str:
    texts = [seq.toString(QKeySequence.SequenceFormat.NativeText) for seq in sequences]
    return " of ".join(text for text in texts if text)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _title(window: QWidget) -> str:
    return window.windowTitle().removesuffix(" — casedesk").strip() or "casedesk"


def shortcuts_html(windows: Sequence[QWidget]) -> str:
    parts = []
    for window in windows:
        rows = "".join(
            f"<tr><td style='padding-right:24px'>{escape(what)}</td><td><b>{escape(keys)}</b>"
            "</td></tr>"
            for what, keys in shortcut_rows(window)
        )
        parts.append(f"<h3>{escape(_title(window))}</h3><table>{rows}</table>")
    common = (
        "<h3>Overal</h3><table>"
        "<tr><td style='padding-right:24px'>Naar het volgende of vorige veld</td>"
        "<td><b>Tab</b> en <b>Shift+Tab</b></td></tr>"
        "<tr><td style='padding-right:24px'>Een knop of veld met een onderstreepte letter"
        "</td><td><b>Alt</b> + die letter</td></tr>"
        "<tr><td style='padding-right:24px'>Kalender bij een datum</td>"
        "<td><b>Alt+Pijl omlaag</b> of <b>F4</b></td></tr></table>"
    )
    return "".join(parts) + common


class _TextWindow(QDialog):
    def __init__(self, title: str, name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName(f"{name}Text")
        self.browser.setAccessibleName(title)
        self.browser.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(640, 620)
        fit_to_screen(self)


class ShortcutsDialog(_TextWindow):
    """Every key of the windows given (the main window and whatever else is open)."""

    def __init__(self, windows: Sequence[QWidget], parent: QWidget | None = None) -> None:
        super().__init__("Sneltoetsen", "shortcutsDialog", parent)
        self.browser.setHtml(shortcuts_html(windows))


class GuideDialog(_TextWindow):
    """The short Dutch guide that ships with the app."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Handleiding", "guideDialog", parent)
        self.browser.setSource(QUrl.fromLocalFile(str(resource_path(*GUIDE_FILE))))
