"""Starting the desktop app: first run, the main window, then the store behind it.

The window shows at once and the store opens right after, in the first turn of the event
loop: opening (loading the database layer, checking the key and the file) takes a few
hundred milliseconds that the caseworker should not spend looking at nothing. A store that
cannot be opened is explained over the window, which then closes.

The composition root (``casedesk.cli``) hands in what to do as plain callables, so this
module knows Qt and nothing of the store's insides.
"""

import os
import sys
import threading
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from casedesk.domain.case import CaseSummary
from casedesk.errors import KnownError, RestorableError
from casedesk.ui.app import create_application
from casedesk.ui.case_list_model import PAGE_SIZE
from casedesk.ui.main_window import MainWindow
from casedesk.ui.ports import MainWindowActions, StoreInfo
from casedesk.ui.shared.errors import TITLE, error_box, install_crash_hook

if TYPE_CHECKING:
    from casedesk.domain.regions import Municipality
    from casedesk.ui.catalog.manager import CatalogManager
    from casedesk.ui.connection_status import ConnectionStatus
    from casedesk.ui.opened_store import OpenedStore  # made once the window shows
    from casedesk.ui.setup.ports import CreateStore, ServerConnectionPorts
    from casedesk.ui.workspace import Workspace


@dataclass(frozen=True)
class DesktopStart:
    store_path: Path
    store_exists: Callable[[], bool]
    municipalities: "Callable[[], Sequence[Municipality]]"
    create_store: "CreateStore"
    open_store: "Callable[[], OpenedStore]"
    restore_backup: Callable[[Path], Path | None]
    """Puts a backup in place of the store; returns where the old store was kept."""
    store_description: str | None = None
    """The status bar's text for a regional server (``StoreInfo.description``)."""
    server_connection: "Callable[[], ServerConnectionPorts] | None" = None
    """Bestand › Verbinden met regionale server…; casedesk switches at its next start."""
    back_to_local: Callable[[], str] | None = None
    """Bestand › Terug naar opslag op deze computer, when connected to a server."""
    newest_cases: Callable[[int], list[CaseSummary] | None] = lambda _limit: None
    """The newest dossiers, read while the store is not yet open (a raw, read-only look);
    None when the usual open must come first."""


HOUSEKEEPING_DELAY_MS = 1500
FULL_CHECK_DELAY_MS = 5000
"""After the list and the daily backup: the check reads the whole file (a gigabyte at a
million dossiers), at low priority."""
HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000
READ_LOG_FLUSH_MS = 60 * 1000
"""``services/read_log.FLUSH_INTERVAL``: a kill loses at most this long of read counts."""
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
        self._log_timer: QTimer | None = None
        self.connection_status: ConnectionStatus | None = None
        self.catalog_manager: CatalogManager | None = None
        """Catalogus › Beheren… when there is no workspace to keep it (a coordinator)."""

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
            preview_catalog_import=lambda path: self._command("preview_catalog_import")(path),
            manage_catalog=self._open_catalog_manager,
            write_routekaart=lambda path: self._command("write_routekaart")(path),
            export_calendar=lambda path, names: self._command("export_calendar")(path, names),
            municipality_settings=lambda: self._workspace().open_settings(),
            make_report=lambda first, last: self._command("make_report")(first, last),
            save_report=lambda report, path: self._command("save_report")(report, path),
            close_windows=self._close_windows,
            # Not the open store's: they change what the next start opens.
            server_connection=self._start.server_connection,
            back_to_local=self._start.back_to_local,
            count_cases=lambda query, cap, kept: self._command("count_cases")(query, cap, kept),
            filtered_cases=lambda kept: lambda query, after, limit: (
                self._command("filtered_cases")(kept)(query, after, limit)
            ),
            sorted_cases=lambda kept, order: lambda query, after, limit: (
                self._command("sorted_cases")(kept, order)(query, after, limit)
            ),
        )

    def show_newest(self, window: MainWindow) -> None:
        """The newest dossiers in the list before the store is open, when they can be read
        without opening it (``DesktopStart.newest_cases``)."""
        newest = self._start.newest_cases(PAGE_SIZE)
        if newest:
            window.show_newest_cases(newest)

    def open_into(self, window: MainWindow) -> bool:
        opened = self.opened = open_or_restore(self._start, window)
        if opened is None:
            return False
        window.store_opened(opened.warning)
        if opened.connection is not None:
            from casedesk.ui.connection_status import ConnectionStatus  # a server only

            self.connection_status = ConnectionStatus(window, opened.connection)
        if opened.workspace is not None:
            # The dossier screens load after the list is painted, not before.
            QTimer.singleShot(0, lambda: self.open_workspace(window))
        # After the list is painted: a due backup takes a second or two on a large store.
        QTimer.singleShot(HOUSEKEEPING_DELAY_MS, lambda: self.housekeeping(window))
        QTimer.singleShot(FULL_CHECK_DELAY_MS, lambda: self.start_full_check(window))
        self._timer = QTimer(window)
        self._timer.setInterval(HOUSEKEEPING_INTERVAL_MS)
        self._timer.timeout.connect(lambda: self.housekeeping(window))
        self._timer.start()
        self._log_timer = QTimer(window)
        self._log_timer.setInterval(READ_LOG_FLUSH_MS)
        self._log_timer.timeout.connect(lambda: self.flush_log(window))
        self._log_timer.start()
        return True

    def flush_log(self, window: MainWindow) -> None:
        if self.opened is None:
            return
        # A store that cannot write now (a full disk) must not stop the caseworker every
        # minute: those counts are lost, said in the status bar; a bug still reports.
        try:
            self.opened.flush_log()
        except KnownError as error:
            window.statusBar().showMessage(str(error), STATUS_MESSAGE_MS)

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

    def start_full_check(self, window: MainWindow) -> None:
        """Checks the whole store file in a low-priority thread; offers a restore on damage."""
        if self.opened is None:
            return
        relay = _CheckRelay(window, lambda found: self._full_check_done(window, found))
        threading.Thread(
            target=_run_full_check, args=(self.opened.full_check, relay),
            name="casedesk-full-check", daemon=True,
        ).start()  # fmt: skip

    def _full_check_done(self, window: MainWindow, found: object) -> None:
        if found is None:
            window.statusBar().showMessage("Controle van de opslag: in orde.", STATUS_MESSAGE_MS)
            return
        if not isinstance(found, RestorableError):
            text = str(found) if isinstance(found, KnownError) else "onbekende fout"
            window.statusBar().showMessage(
                f"De controle van de opslag is niet gelukt ({text}). Voer `casedesk check` uit."
            )
            return
        window.statusBar().showMessage(
            "De opslag is beschadigd: zet de nieuwste goede reservekopie terug."
        )
        if found.newest_good_backup is None:
            error_box(window, found).exec()
        elif ask_restore(window, found):
            self.restore_into(window, found.newest_good_backup)

    def restore_into(self, window: MainWindow, backup: Path) -> None:
        """Closes the damaged store, puts ``backup`` in its place and opens that."""
        if self.workspace is not None:
            self.workspace.detach()
            self.workspace = None
        with suppress(KnownError):  # the closing backup of a damaged store fails its check
            self.close()
        try:
            kept = self._start.restore_backup(backup)
        except KnownError as failure:
            error_box(window, failure).exec()
            return
        if self.open_into(window):
            _say_restored(window, kept)

    def close(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self._log_timer is not None:
            self._log_timer.stop()
        if self.connection_status is not None:
            self.connection_status.stop()
        if self.catalog_manager is not None:
            self.catalog_manager.close()
        if self.workspace is not None:
            self.workspace.close_all()
            self.workspace = None
        if self.opened is not None:
            opened, self.opened = self.opened, None
            opened.close()

    def _open_catalog_manager(self) -> "CatalogManager":
        opened = self.opened
        if self.workspace is None and opened is not None and opened.catalog is not None:
            from casedesk.ui.catalog.manager import open_one_manager

            self.catalog_manager = open_one_manager(
                self.catalog_manager,
                opened.catalog,
                lambda: setattr(self, "catalog_manager", None),
            )
            return self.catalog_manager
        return self._workspace().open_catalog_manager()

    def _close_windows(self) -> bool:
        if self.catalog_manager is not None:
            self.catalog_manager.close()
        return self.workspace is None or self.workspace.close_all()

    def _workspace(self) -> "Workspace":
        if self.workspace is None and self.opened is not None and self.opened.no_workspace:
            raise KnownError(self.opened.no_workspace)
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
    install_crash_hook()
    if not start.store_exists():
        from PySide6.QtWidgets import QDialog

        from casedesk.ui.setup.first_run import FirstRunDialog  # printing support: first run only

        first_run = FirstRunDialog(start.municipalities(), start.create_store)
        if first_run.exec() != QDialog.DialogCode.Accepted:
            return 1
    session = DesktopSession(start)
    window = MainWindow(
        session.fetch_page,
        StoreInfo(start.store_path, description=start.store_description),
        session.window_actions(),
        store_opening=True,
    )
    app.aboutToQuit.connect(session.close)
    window.show()
    QTimer.singleShot(0, lambda: _list_then_open(session, window, app))
    return app.exec()


def _list_then_open(session: DesktopSession, window: MainWindow, app: QApplication) -> None:
    """The newest dossiers first, then the store: loading the database layer takes most
    of a second, which the caseworker spends reading the list instead of an empty window."""
    session.show_newest(window)
    # A timer set from a timer's slot fires after the list is painted.
    QTimer.singleShot(0, lambda: _open_or_quit(session, window, app))


def _open_or_quit(session: DesktopSession, window: MainWindow, app: QApplication) -> None:
    if not session.open_into(window):
        app.exit(1)


def open_or_restore(start: DesktopStart, parent: QWidget | None) -> "OpenedStore | None":
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
        _say_restored(parent, kept)
        return opened
    except KnownError as error:
        error_box(parent, error).exec()
        return None


def _say_restored(parent: QWidget | None, kept: Path | None) -> None:
    from PySide6.QtWidgets import QMessageBox  # a box made only when one is shown

    QMessageBox.information(parent, TITLE, restored_text(kept))


def restored_text(kept: Path | None) -> str:
    done = "De reservekopie is teruggezet."
    if kept is not None:
        done += f" De opslag van daarvoor is bewaard als {kept}."
    return done


class _CheckRelay(QObject):
    """Carries the background check's finding to the window's thread.

    ``done`` is connected to a slot of this object, which lives in the window's thread, so
    Qt queues the call there; a signal connected to a bare function would run it in the
    checking thread.
    """

    done = Signal(object)

    def __init__(self, parent: QObject, deliver: Callable[[object], None]) -> None:
        super().__init__(parent)
        self._deliver = deliver
        self.done.connect(self._delivered)

    @Slot(object)
    def _delivered(self, found: object) -> None:
        self.deleteLater()
        self._deliver(found)


def _run_full_check(check: "Callable[[], RestorableError | None]", relay: _CheckRelay) -> None:
    _lower_this_threads_priority()
    found: object
    try:
        found = check()
    except Exception as error:  # reported in the status bar, the app works on
        found = error
    with suppress(RuntimeError):  # the window closed while the check ran
        relay.done.emit(found)


def _lower_this_threads_priority() -> None:
    # On Linux a thread has its own nice value; elsewhere this would renice the app.
    if sys.platform == "linux":
        with suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)


def ask_restore(parent: QWidget | None, error: RestorableError) -> bool:
    assert error.newest_good_backup is not None
    from PySide6.QtWidgets import QMessageBox  # when a restore is offered, not for the window

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
