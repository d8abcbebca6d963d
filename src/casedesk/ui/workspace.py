"""The windows around the main window: intakes, dossiers, the Vandaag page, settings.

Keeps one window per dossier (a second Enter on the same case brings the open window to
the front instead of opening a rival copy) and refreshes the case list and the Vandaag
page when an intake, a referral or a follow-up changed something.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QMainWindow, QWidget

from casedesk.domain.case import CaseId
from casedesk.domain.followups import TodayOverview
from casedesk.domain.regions import Municipality
from casedesk.errors import KnownError
from casedesk.ui.documents.ports import SettingsPorts
from casedesk.ui.dossier.ports import DossierPorts
from casedesk.ui.dossier.view import DossierView
from casedesk.ui.intake.ports import IntakePort
from casedesk.ui.intake.window import IntakeWindow, open_new_intake
from casedesk.ui.main_window import MainWindow
from casedesk.ui.privacy.logbook_window import LogbookPorts, LogbookWindow
from casedesk.ui.privacy.purge_dialog import PurgeDialog, PurgePorts, PurgeQuestion
from casedesk.ui.setup.settings_dialog import SettingsDialog
from casedesk.ui.shared.errors import show_error
from casedesk.ui.shared.presence import PresencePorts, presence_notice
from casedesk.ui.shared.screen_fit import bring_to_front
from casedesk.ui.today.view import TodayView

if TYPE_CHECKING:
    from casedesk.ui.catalog.manager import CatalogManager
    from casedesk.ui.catalog.ports import CatalogPorts

STATUS_MESSAGE_MS = 15_000
PRESENCE_RENEW_MS = 30_000
"""``services/presence.RENEW_INTERVAL``."""


@dataclass(frozen=True)
class WorkspacePorts:
    intake: IntakePort
    dossier: Callable[[CaseId], DossierPorts]
    settings: SettingsPorts
    load_today: Callable[[], TodayOverview]
    mark_follow_up_done: Callable[[int, str], None]
    counter_municipality: str | None
    """The CBS code of this counter's municipality (set at first start)."""
    municipalities: Sequence[Municipality]
    start_message: str | None = None
    """Shown in the status bar once the store is open (e.g. overdue follow-ups)."""
    catalog: "Callable[[], CatalogPorts] | None" = None
    """The ports of Catalogus › Beheren…, made when the window is first opened."""
    purge: PurgePorts | None = None
    logbook: LogbookPorts | None = None
    presence: PresencePorts | None = None
    """Who else has a dossier open (a regional server); None: nobody else can."""


class NoCounterMunicipalityError(KnownError):
    def __init__(self) -> None:
        super().__init__(
            "De gemeente van dit loket is nog niet ingesteld. Vul haar in via "
            "Bestand > Gegevens van de gemeente, of maak de opslag opnieuw aan met "
            "`casedesk init --municipality GEMEENTE`."
        )


class Workspace:
    """Opens and tracks the dossier and intake windows of one main window."""

    def __init__(
        self, window: MainWindow, ports: WorkspacePorts, settings: QSettings | None = None
    ) -> None:
        self._window = window
        self._ports = ports
        self._settings = settings
        self.intakes: dict[int, IntakeWindow] = {}
        self._closing_all = False
        self.dossiers: dict[int, DossierView] = {}
        self.catalog_manager: CatalogManager | None = None
        self.today = TodayView(ports.load_today, ports.mark_follow_up_done, window)
        window.add_page("&Vandaag", self.today)
        self.today.case_activated.connect(self._open_dossier_safely)
        self.today.follow_up_done.connect(lambda _id: window.refresh_cases())
        window.case_activated.connect(self._open_dossier_safely)
        self.today.refresh()
        if ports.start_message:
            window.statusBar().showMessage(ports.start_message, STATUS_MESSAGE_MS)
        self.logbook: LogbookWindow | None = None
        logbook = ports.logbook
        if logbook is not None:
            window.add_file_command(
                "&Logboek…",
                lambda: self._guarded(window, lambda: self._open_logbook(logbook)),
                name="logbookAction",
            )
        self.purge_dialog: PurgeDialog | None = None
        purge = ports.purge
        if purge is not None:
            window.add_file_command(
                "&Verwijderen na bewaartermijn…",
                lambda: self._guarded(window, lambda: self._ask_purge(purge.preview())),
                name="purgeAction",
            )
            self._guarded(window, lambda: self._monthly_purge(purge))
        self.presence_timer = QTimer(window)
        self.presence_timer.setInterval(PRESENCE_RENEW_MS)
        self.presence_timer.timeout.connect(self.renew_presence)
        if ports.presence is not None:
            self.presence_timer.start()

    def _open_logbook(self, ports: LogbookPorts) -> None:
        if self.logbook is None:
            self.logbook = LogbookWindow(ports, self._window)
        bring_to_front(self.logbook)

    def _monthly_purge(self, purge: PurgePorts) -> None:
        question = purge.monthly_reminder()
        if question is not None:
            self._ask_purge(question)

    def _ask_purge(self, question: PurgeQuestion) -> None:
        dialog = PurgeDialog(question, self._window)
        dialog.accepted.connect(lambda: self._purged(dialog))
        self.purge_dialog = dialog
        dialog.open()

    def _purged(self, dialog: PurgeDialog) -> None:
        count = len(dialog.erased)
        what = "1 dossier" if count == 1 else f"{count} dossiers"
        self._window.statusBar().showMessage(f"{what} voorgoed verwijderd.", STATUS_MESSAGE_MS)
        self._window.refresh_cases()

    # -- commands ------------------------------------------------------------------------

    def new_intake(self) -> None:
        counter = self._ports.counter_municipality
        if not counter:
            raise NoCounterMunicipalityError()
        window = open_new_intake(
            self._ports.intake,
            counter,
            municipalities=self._ports.municipalities,
            settings=self._settings,
        )
        self._track_intake(window)
        self._window.refresh_cases()

    def open_dossier(self, case_id: int) -> DossierView:
        existing = self.dossiers.get(case_id)
        if existing is not None:
            existing.refresh()
            bring_to_front(existing)
            return existing
        view = DossierView(
            self._ports.intake,
            CaseId(case_id),
            municipalities=self._ports.municipalities,
            settings=self._settings,
            ports=self._ports.dossier(CaseId(case_id)),
        )
        # Closed dossier windows go away; a hidden copy per case opened would pile up all day.
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        view.continue_intake_requested.connect(self._continue_intake_safely)
        view.changed.connect(self._case_changed)
        view.destroyed.connect(lambda: self._dossier_closed(case_id))
        self.dossiers[case_id] = view
        view.show()
        self._enter_presence(case_id, view)
        return view

    def continue_intake(self, case_id: int) -> IntakeWindow:
        existing = self.intakes.get(case_id)
        if existing is not None:
            bring_to_front(existing)
            return existing
        window = IntakeWindow(
            self._ports.intake,
            CaseId(case_id),
            municipalities=self._ports.municipalities,
            settings=self._settings,
        )
        self._track_intake(window)
        window.show()
        return window

    def open_catalog_manager(self) -> "CatalogManager":
        """Catalogus › Beheren…: one window, brought to the front when already open."""
        from casedesk.ui.catalog.manager import open_one_manager

        if self._ports.catalog is None:
            raise KnownError("Het beheren van de catalogus is hier niet beschikbaar.")
        self.catalog_manager = open_one_manager(
            self.catalog_manager,
            self._ports.catalog,
            lambda: setattr(self, "catalog_manager", None),
        )
        return self.catalog_manager

    def open_settings(self) -> None:
        SettingsDialog(self._ports.settings, self._window).open()

    def open_plan(self, case_id: int) -> None:
        """The dossier's window, in front, with a new action plan previewed over it."""
        self.open_dossier(case_id).open_plan()

    def close_all(self) -> bool:
        """Closes every dossier and intake window (intakes save first); returns whether all
        closed (an intake that could not save may stay open at the caseworker's choice)."""
        self._closing_all = True
        windows: list[QWidget] = [*self.intakes.values(), *self.dossiers.values()]
        if self.catalog_manager is not None:
            windows.append(self.catalog_manager)
        try:
            for window in windows:
                window.close()
        finally:
            self._closing_all = False
        all_closed = not any(window.isVisible() for window in windows)
        if all_closed and self._ports.presence is not None:
            # Now, not when Qt deletes the windows: the app may be quitting.
            self._presence_call(self._ports.presence.leave_all)
        return all_closed

    def detach(self) -> None:
        """Closes every window and takes Vandaag off the main window, which stays open:
        another store (a restored backup) gets a workspace of its own."""
        self.close_all()
        self.presence_timer.stop()
        self._window.case_activated.disconnect(self._open_dossier_safely)
        self._window.pages.removeTab(self._window.pages.indexOf(self.today))
        self.today.deleteLater()

    # -- plumbing ------------------------------------------------------------------------

    def _track_intake(self, window: IntakeWindow) -> None:
        case_id = int(window.case_id)
        self.intakes[case_id] = window
        window.saved.connect(self._case_changed)
        window.open_dossier_requested.connect(self._open_dossier_safely)
        window.plan_requested.connect(self._open_plan_safely)
        window.closed.connect(lambda closed_id: self._intake_closed(closed_id))
        self._enter_presence(case_id, window)

    def _intake_closed(self, case_id: int) -> None:
        self.intakes.pop(case_id, None)
        self._leave_presence(case_id)
        self._case_changed(case_id)
        if not self._closing_all:
            # After the talk the caseworker goes on in the dossier: plan, referrals, letters.
            self._open_dossier_safely(case_id)

    def _dossier_closed(self, case_id: int) -> None:
        self.dossiers.pop(case_id, None)
        self._leave_presence(case_id)

    # -- presence (regional server) -------------------------------------------------------

    def renew_presence(self) -> None:
        """Every :data:`PRESENCE_RENEW_MS`: tells the server which dossiers are open here
        and shows in each window who else has its dossier open."""
        presence = self._ports.presence
        if presence is None:
            return
        others = self._presence_call(presence.renew)
        if others is None:
            return  # the server is out of reach: the status bar says so
        windows: list[tuple[int, QMainWindow]] = [*self.dossiers.items(), *self.intakes.items()]
        for case_id, window in windows:
            presence_notice(window).show_names(others.get(case_id, ()))

    def _enter_presence(self, case_id: int, window: QMainWindow) -> None:
        presence = self._ports.presence
        if presence is None:
            return
        names = self._presence_call(lambda: presence.enter(case_id))
        presence_notice(window).show_names(names or ())

    def _leave_presence(self, case_id: int) -> None:
        presence = self._ports.presence
        if presence is not None:
            self._presence_call(lambda: presence.leave(case_id))

    @staticmethod
    def _presence_call[T](call: Callable[[], T]) -> T | None:
        """Who else is there is a courtesy: when the server cannot say it now, the window
        works on without it (the status bar tells of a dropped connection)."""
        try:
            return call()
        except KnownError:
            return None

    def _case_changed(self, case_id: int) -> None:
        self._window.refresh_cases()
        self.today.refresh_soon()
        view = self.dossiers.get(case_id)
        # A closed window (an erased dossier closes its own) waits for deletion: no refresh.
        if view is not None and view.isVisible():
            self._guarded(view, view.refresh)

    def _open_dossier_safely(self, case_id: int) -> None:
        self._guarded(self._window, lambda: self.open_dossier(case_id))

    def _open_plan_safely(self, case_id: int) -> None:
        self._guarded(self._window, lambda: self.open_plan(case_id))

    def _continue_intake_safely(self, case_id: int) -> None:
        self._guarded(self._window, lambda: self.continue_intake(case_id))

    @staticmethod
    def _guarded(parent: QWidget, command: Callable[[], object]) -> None:
        try:
            command()
        except Exception as error:
            show_error(parent, error)
