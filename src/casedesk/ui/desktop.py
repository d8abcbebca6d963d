"""Starting the desktop app: first run, opening the store (or restoring it), the main window.

The composition root (``casedesk.cli``) hands in what to do as plain callables, so this
module knows Qt and nothing of the store's insides.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from casedesk.domain.regions import Municipality
from casedesk.errors import KnownError, RestorableError
from casedesk.ui.app import create_application
from casedesk.ui.errors import TITLE, error_box
from casedesk.ui.first_run import FirstRunDialog
from casedesk.ui.main_window import MainWindow
from casedesk.ui.ports import CasePageSource, CreateStore, MainWindowActions, StoreInfo


@dataclass(frozen=True)
class OpenedStore:
    """An open store, as the main window uses it."""

    cases: CasePageSource
    info: StoreInfo
    actions: MainWindowActions
    close: Callable[[], None]
    """Called once when the window closes: makes the closing backup and frees the store."""


@dataclass(frozen=True)
class DesktopStart:
    store_exists: Callable[[], bool]
    municipalities: Sequence[Municipality]
    create_store: CreateStore
    open_store: Callable[[], OpenedStore]
    restore_backup: Callable[[Path], Path | None]
    """Puts a backup in place of the store; returns where the old store was kept."""


def run_desktop(start: DesktopStart, argv: Sequence[str]) -> int:
    """Runs the app until its window closes; returns the process exit status."""
    app = create_application(argv)
    if not start.store_exists():
        first_run = FirstRunDialog(start.municipalities, start.create_store)
        if first_run.exec() != QDialog.DialogCode.Accepted:
            return 1
    opened = open_or_restore(start, None)
    if opened is None:
        return 1
    window = MainWindow(opened.cases, opened.info, opened.actions)
    app.aboutToQuit.connect(opened.close)
    window.show()
    return app.exec()


def open_or_restore(start: DesktopStart, parent: QWidget | None) -> OpenedStore | None:
    """Opens the store; a damaged one is offered a restore from its newest good backup."""
    try:
        return start.open_store()
    except RestorableError as error:
        if error.newest_good_backup is None or not ask_restore(parent, error):
            return None
        try:
            kept = start.restore_backup(error.newest_good_backup)
            opened = start.open_store()
        except KnownError as failure:
            error_box(parent, failure).exec()
            return None
        done = "De reservekopie is teruggezet."
        if kept is not None:
            done += f" Het beschadigde bestand is bewaard als {kept}."
        QMessageBox.information(parent, TITLE, done)
        return opened
    except KnownError as error:
        error_box(parent, error).exec()
        return None


def ask_restore(parent: QWidget | None, error: RestorableError) -> bool:
    assert error.newest_good_backup is not None
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        TITLE,
        error.message,
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setInformativeText(
        f"Wilt u de nieuwste goede reservekopie terugzetten ({error.newest_good_backup.name})? "
        "Wat na die reservekopie is ingevoerd, moet u dan opnieuw invoeren."
    )
    restore = box.addButton("Reservekopie terugzetten", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is restore
