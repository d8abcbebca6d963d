"""The window half of ``casedesk --smoke``: the real start-up path, offscreen, looked at.

It starts the desktop app the way ``run_desktop`` does (the main window first, the store
behind it), but opens the store without the interactive fallbacks: a smoke test must fail
with a message, never wait for a click on an error box nobody sees.
"""

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QCollator,
    QMessageLogContext,
    QSettings,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from casedesk.domain.case import CaseSummary
from casedesk.ui.app import DUTCH, create_application
from casedesk.ui.desktop import DesktopSession, DesktopStart
from casedesk.ui.main_window import MainWindow
from casedesk.ui.ports import StoreInfo


@dataclass(frozen=True)
class WindowCheck:
    """What the smoke test saw of the desktop app."""

    query: str
    """What was searched: a name of one of the dossiers ``prepare`` made."""
    window_title: str
    has_icon: bool
    cancel_text: str
    """Qt's own Cancel button: "Annuleren" when Qt's Dutch translations loaded."""
    found: tuple[CaseSummary, ...]
    """The case list after typing the search."""
    dossier_title: str
    """The window title of the first case found, opened as a dossier."""
    plan_pdf: bytes
    """That dossier's action plan, rendered through the ports the plan preview uses."""
    dutch_order: tuple[str, ...] = ()
    """``COLLATION_SAMPLE`` as Qt sorts it for Dutch (file dialogs, sorted lists): proves
    the ICU data the bundle ships (trimmed to Dutch and English) still holds the rules."""


COLLATION_SAMPLE = ("Zoë", "Özdemir", "van Dam", "Aart", "IJzerman", "Émile")
"""Names whose Dutch order needs ICU's collation data (a byte order puts Ö and É last)."""


def dutch_order(names: tuple[str, ...]) -> tuple[str, ...]:
    collator = QCollator(DUTCH)
    return tuple(sorted(names, key=collator.sortKey))


def keep_settings_in(folder: Path) -> None:
    """Window layouts go to ``folder`` instead of the user's own settings (or registry)."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


OFFSCREEN_ONLY_WARNINGS = ("does not support propagateSizeHints",)
"""Qt's offscreen platform says it cannot resize native windows; true and harmless here."""


def _print_qt_message(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if not any(known in message for known in OFFSCREEN_ONLY_WARNINGS):
        print(message, file=sys.stderr)


def check_desktop(
    start: DesktopStart, prepare: Callable[[], str], on_shown: Callable[[], None] = lambda: None
) -> WindowCheck:
    """Shows the main window, runs ``prepare`` (which makes the store and returns a search
    term), opens the store behind the window, searches in the window and opens the first
    case found; closes everything again (with the closing backup).

    Raises what opening the store raises (a ``KnownError`` with a Dutch message).
    """
    qInstallMessageHandler(_print_qt_message)
    app = create_application(["casedesk"])
    session = DesktopSession(start)
    window = MainWindow(
        session.fetch_page, StoreInfo(start.store_path), session.window_actions(),
        store_opening=True,
    )
    try:
        window.show()
        QApplication.processEvents()
        on_shown()
        query = prepare()
        opened = session.opened = start.open_store()
        window.store_opened(opened.warning)
        if opened.workspace is None:
            raise RuntimeError("the desktop start offers no dossier screens")
        from casedesk.ui.workspace import Workspace  # as DesktopSession loads it: late

        workspace_ports = opened.workspace()
        workspace = session.workspace = Workspace(window, workspace_ports)
        window.search_field.setText(query)
        window.refresh_cases()
        found = tuple(window.case_model.case_at(row) for row in range(window.case_model.rowCount()))
        dossier_title = plan_pdf = None
        if found:
            dossier = workspace.open_dossier(found[0].case_id)
            QApplication.processEvents()
            dossier_title = dossier.windowTitle()
            plan_pdf = workspace_ports.dossier(found[0].case_id).plan.render_plan().pdf
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        return WindowCheck(
            query=query,
            window_title=window.windowTitle() if window.isVisible() else "",
            has_icon=not app.windowIcon().isNull(),
            cancel_text=buttons.button(QDialogButtonBox.StandardButton.Cancel).text(),
            found=found,
            dossier_title=dossier_title or "",
            plan_pdf=plan_pdf or b"",
            dutch_order=dutch_order(COLLATION_SAMPLE),
        )
    finally:
        session.close()
        window.close()
        QApplication.processEvents()
