"""Saying in a dossier's window who else has it open ("Kim heeft dit dossier open").

Only on a regional server; the store on this computer has one caseworker and no such port.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from casedesk.domain.dutch import join_dutch


@dataclass(frozen=True)
class PresencePorts:
    """``services/presence.CasePresence``, bound to the open store. Each may raise
    ``KnownError`` (the server cannot be reached)."""

    enter: Callable[[int], Sequence[str]]
    """A window opened this dossier; returns the names of the others who have it open."""
    leave: Callable[[int], None]
    renew: Callable[[], Mapping[int, Sequence[str]]]
    """Renews this app's presence; returns the others per open dossier (only those with
    anyone)."""
    leave_all: Callable[[], None]


def presence_text(names: Sequence[str]) -> str:
    """``Kim Jansen heeft dit dossier open.``; two or more: ``… en … hebben …``."""
    if not names:
        return ""
    verb = "heeft" if len(names) == 1 else "hebben"
    return f"{join_dutch(names)} {verb} dit dossier open."


class PresenceNotice(QLabel):
    """Who else has the dossier open; hidden while nobody has."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("presenceNotice")
        self.setAccessibleName("Wie dit dossier ook open heeft")
        self.setWordWrap(True)
        self.setStyleSheet("font-weight: bold;")
        self.hide()

    def show_names(self, names: Sequence[str]) -> None:
        self.setText(presence_text(names))
        self.setVisible(bool(names))


def presence_notice(window: QMainWindow) -> PresenceNotice:
    """The window's notice; a window without one of its own (the intake) gets one in its
    status bar."""
    notice = window.findChild(PresenceNotice)
    if notice is None:
        notice = PresenceNotice(window)
        window.statusBar().addWidget(notice, 1)
    return notice
