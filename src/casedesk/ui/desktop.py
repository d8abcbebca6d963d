"""Starting the desktop app: first run, the main window, then the store behind it.

The window shows at once and the store opens right after, in the first turn of the event
loop: opening (loading the database layer, checking the key and the file) takes a few
hundred milliseconds that the caseworker should not spend looking at nothing. A store that
cannot be opened is explained over the window, which then closes.

The composition root (``casedesk.cli``) hands in what to do as plain callables, so this
module knows Qt and nothing of the store's insides.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from casedesk.domain.case import CaseSummary
from casedesk.domain.regions import Municipality
from casedesk.errors import KnownError, RestorableError
from casedesk.ui.app import create_application
from casedesk.ui.errors import TITLE, error_box
from casedesk.ui.main_window import MainWindow
from casedesk.ui.ports import CasePageSource, CreateStore, MainWindowActions, StoreInfo

if TYPE_CHECKING:
    from casedesk.ui.workspace import Workspace, WorkspacePorts


@dataclass(frozen=True)
class OpenedStore:
    """An open store, as the main window uses it."""

    cases: CasePageSource
    warning: str | None
    actions: MainWindowActions
    close: Callable[[], None]
    """Called once when the app quits: makes the closing backup and frees the store."""
    workspace: "Callable[[], WorkspacePorts] | None" = None
    """Intakes, dossiers and the Vandaag page, made once the list shows; None for a bare
    case list."""
    housekeeping: Callable[[], str | None] = lambda: None
    """Run soon after the list is shown and then every hour: the daily backup when it is
    due. Returns a short Dutch status-bar message when it did something."""


@dataclass(frozen=True)
class DesktopStart:
    store_path: Path
    store_exists: Callable[[], bool]
    municipalities: Callable[[], Sequence[Municipality]]
    create_store: CreateStore
    open_store: Callable[[], OpenedStore]
    restore_backup: Callable[[Path], Path | None]
    """Puts a backup in place of the store; returns where the old store was kept."""


HOUSEKEEPING_DELAY_MS = 1500
HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000
STATUS_MESSAGE_MS = 10_000


class StoreNotOpenError(KnownError):
    def __init__(self) -> None:
        super().__init__("De opslag is nog niet open. Wacht even en probeer het opnieuw.")


class DesktopSession:
    """The store behind the main window: not open yet, open, or closed."""

    def __init__(self, start: DesktopStart) -> None:
        self._start = start
        self.opened: OpenedStore | None = None
        self.workspace: Workspace | None = None
        self._timer: QTimer | None = None

    def fetch_page(self, query: str, after: CaseSummary | None, limit: int, /) -> list[CaseSummary]:
        if self.opened is None:
            return []
        return list(self.opened.cases(query, after, limit))

    def window_actions(self) -> MainWindowActions:
        """The main window's commands; they reach the store (or workspace) once it is open."""
        return MainWindowActions(
            make_backup=lambda: self._command("make_backup")(),
            new_intake=lambda: self._workspace().new_intake(),
            import_catalog=lambda path: self._command("import_catalog")(path),
            export_catalog=lambda path: self._command("export_catalog")(path),
            export_calendar=lambda path, names: self._command("export_calendar")(path, names),
            municipality_settings=lambda: self._workspace().open_settings(),
            close_windows=lambda: self.workspace is None or self.workspace.close_all(),
            count_cases=lambda query, cap, kept: self._command("count_cases")(query, cap, kept),
            filtered_cases=lambda kept: lambda query, after, limit: (
                self._command("filtered_cases")(kept)(query, after, limit)
            ),
        )

    def open_into(self, window: MainWindow) -> bool:
        opened = self.opened = open_or_restore(self._start, window)
        if opened is None:
            return False
        window.store_opened(opened.warning)
        if opened.workspace is not None:
            # The dossier screens load after the list is painted, not before.
            QTimer.singleShot(0, lambda: self.open_workspace(window))
        # After the list is painted: a due backup takes a second or two on a large store.
        QTimer.singleShot(HOUSEKEEPING_DELAY_MS, lambda: self.housekeeping(window))
        self._timer = QTimer(window)
        self._timer.setInterval(HOUSEKEEPING_INTERVAL_MS)
        self._timer.timeout.connect(lambda: self.housekeeping(window))
        self._timer.start()
        return True

    def open_workspace(self, window: MainWindow) -> None:
        if self.opened is None or self.opened.workspace is None or self.workspace is not None:
            return
        from casedesk.ui.workspace import Workspace

        try:
            self.workspace = Workspace(window, self.opened.workspace())
        except Exception as error:
            error_box(window, error).exec()

    def housekeeping(self, window: MainWindow) -> None:
        if self.opened is None:
            return
        window.statusBar().showMessage("Reservekopie controleren…")
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        try:
            message = self.opened.housekeeping()
        except KnownError as error:
            message = str(error)
        finally:
            QApplication.restoreOverrideCursor()
        window.statusBar().showMessage(message or "", STATUS_MESSAGE_MS)

    def close(self) -> None:
        if self.workspace is not None:
            self.workspace.close_all()
            self.workspace = None
        if self.opened is not None:
            opened, self.opened = self.opened, None
            opened.close()

    def _workspace(self) -> "Workspace":
        if self.workspace is None:
            raise StoreNotOpenError()
        return self.workspace

    def _command(self, name: str) -> Callable[..., Any]:
        if self.opened is None:
            raise StoreNotOpenError()
        command = getattr(self.opened.actions, name)
        assert command is not None, f"the open store offers no {name}"
        return cast("Callable[..., Any]", command)


def run_desktop(start: DesktopStart, argv: Sequence[str]) -> int:
    """Runs the app until its window closes; returns the process exit status."""
    app = create_application(argv)
    if not start.store_exists():
        from casedesk.ui.first_run import FirstRunDialog  # printing support: first run only

        first_run = FirstRunDialog(start.municipalities(), start.create_store)
        if first_run.exec() != QDialog.DialogCode.Accepted:
            return 1
    session = DesktopSession(start)
    window = MainWindow(
        session.fetch_page,
        StoreInfo(start.store_path),
        session.window_actions(),
        store_opening=True,
    )
    app.aboutToQuit.connect(session.close)
    window.show()
    QTimer.singleShot(0, lambda: _open_or_quit(session, window, app))
    return app.exec()


def _open_or_quit(session: DesktopSession, window: MainWindow, app: QApplication) -> None:
    if not session.open_into(window):
        app.exit(1)


def open_or_restore(start: DesktopStart, parent: QWidget | None) -> OpenedStore | None:
    """Opens the store; a damaged one is offered a restore from its newest good backup."""
    try:
        return start.open_store()
    except RestorableError as error:
        if error.newest_good_backup is None or not ask_restore(parent, error):
            if error.newest_good_backup is None:
                error_box(parent, error).exec()
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
        QMessageBox.Icon.Warning, TITLE, error.message, QMessageBox.StandardButton.Cancel, parent
    )
    box.setInformativeText(
        f"Wilt u de nieuwste goede reservekopie terugzetten ({error.newest_good_backup.name})? "
        "Wat na die reservekopie is ingevoerd, moet u dan opnieuw invoeren."
    )
    restore = box.addButton("Reservekopie terugzetten", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is restore
