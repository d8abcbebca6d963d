"""The dossier view: one case's data, route decision, actions, referrals, documents and
log, read-only, with one key to continue the intake."""

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.case import CaseId, CaseStatus
from casedesk.domain.dossier import Dossier, ReferralLine
from casedesk.domain.intake import display_name
from casedesk.domain.regions import Municipality
from casedesk.errors import KnownError
from casedesk.services.closing import ClosingPreview
from casedesk.ui.documents.panel import DocumentsPanel
from casedesk.ui.documents.plan_preview import PlanPreview
from casedesk.ui.dossier.closing_dialog import ClosingDialog, ReopenDialog
from casedesk.ui.dossier.models import (
    documents_model,
    follow_ups_model,
    log_model,
    referrals_model,
)
from casedesk.ui.dossier.ports import DossierPorts
from casedesk.ui.dossier.referral_dialog import ReferralDialog, StatusDialog
from casedesk.ui.intake.actions_model import ActionsModel
from casedesk.ui.intake.ports import IntakePort
from casedesk.ui.intake.summary import summary_html
from casedesk.ui.shared.dialog_parts import documents_folder
from casedesk.ui.shared.display_text import date_and_time, escape
from casedesk.ui.shared.errors import show_error
from casedesk.ui.shared.help_windows import ShortcutsDialog
from casedesk.ui.shared.presence import PresenceNotice
from casedesk.ui.shared.screen_fit import fit_to_screen
from casedesk.ui.today.view import FollowUpDialog

_GEOMETRY_KEY = "dossier_view/geometry"
TABS = ("Gegevens", "Afspraken", "Verwijzingen", "Opvolging", "Documenten", "Logboek")
ALREADY_CLOSED = (
    "Dit dossier is al afgesloten. Moet er toch weer aan gewerkt worden? "
    "Kies dan ‘Dossier heropenen’ in het menu Dossier."
)
NOT_CLOSED = (
    "Dit dossier is niet afgesloten, dus heropenen is niet nodig. U kunt er gewoon mee verder."
)


def _read_only_table(parent: QWidget, name: str, accessible: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setTabKeyNavigation(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


class DossierView(QMainWindow):
    """One dossier, read-only.

    Attributes:
        tabs: Gegevens, Afspraken, Verwijzingen, Documenten, Logboek (Alt+1..5).
        continue_button: "Intake verder" (Ctrl+I).
        presence_notice: who else has this dossier open (on a regional server).

    Signals:
        continue_intake_requested(int): open the intake window of this case.
        changed(int): a referral, follow-up or closing changed this case.
    """

    continue_intake_requested = Signal(int)
    changed = Signal(int)

    def __init__(
        self,
        port: IntakePort,
        case_id: CaseId,
        *,
        municipalities: Sequence[Municipality] = (),
        settings: QSettings | None = None,
        ports: DossierPorts | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """Reads the dossier (``port.dossier``, an audited read; may raise ``KnownError``).

        With ``ports`` the Documenten tab lists the stored plan versions (reopen,
        reprint), Ctrl+P makes and previews a new action plan, and the dossier can be
        referred (Ctrl+R), followed up (Ctrl+U), closed and reopened.
        """
        super().__init__(parent)
        self.setObjectName("dossierView")
        self.case_id = case_id
        self._port = port
        self._municipalities = list(municipalities)
        self._settings = settings if settings is not None else QSettings()

        self.heading = QLabel(self)
        self.heading.setObjectName("dossierHeading")
        self.heading.setAccessibleName("Dossier")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.continue_button = QPushButton("Intake &verder (Ctrl+I)", self)
        self.continue_button.setObjectName("continueIntakeButton")
        self.continue_button.setAccessibleName("Intake verder")
        self.continue_button.clicked.connect(self._continue)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("dossierTabs")
        self.tabs.setAccessibleName("Onderdelen van het dossier")
        self.details = QTextBrowser(self)
        self.details.setObjectName("dossierDetails")
        self.details.setAccessibleName("Gegevens van het dossier")
        self.actions_model = ActionsModel(editable=False, parent=self)
        agreements = QWidget(self)
        self.actions_table = _read_only_table(agreements, "dossierActions", "Afspraken")
        self.actions_table.setModel(self.actions_model)
        self.actions_table.horizontalHeader().setStretchLastSection(False)
        self.actions_table.horizontalHeader().setSectionResizeMode(
            ActionsModel.COL_DESCRIPTION, QHeaderView.ResizeMode.Stretch
        )
        self.appointment_label = QLabel(agreements)
        self.appointment_label.setObjectName("dossierAppointment")
        self.appointment_label.setAccessibleName("Volgende afspraak")
        agreements_layout = QVBoxLayout(agreements)
        agreements_layout.addWidget(self.actions_table, 1)
        agreements_layout.addWidget(self.appointment_label)
        self.referrals_model = referrals_model((), self)
        self.documents_model = documents_model((), self)
        self.log_model = log_model((), self)
        self.referrals_table = _read_only_table(self, "dossierReferrals", "Verwijzingen")
        self.referrals_table.setModel(self.referrals_model)
        self.documents_table = _read_only_table(self, "dossierDocuments", "Documenten")
        self.documents_table.setModel(self.documents_model)
        self._ports = ports
        self.documents_panel = DocumentsPanel(ports.plan, self) if ports is not None else None
        self.plan_button: QPushButton | None = None
        if self.documents_panel is not None:
            self.documents_table.hide()
            self.plan_button = QPushButton("&Actieplan (Ctrl+P)", self)
            self.plan_button.setObjectName("planButton")
            self.plan_button.setAccessibleName("Actieplan maken en bekijken")
            self.plan_button.clicked.connect(self.open_plan)
        self.follow_ups_model = follow_ups_model((), self)
        self.follow_ups_table = _read_only_table(self, "dossierFollowUps", "Opvolging")
        self.follow_ups_table.setModel(self.follow_ups_model)
        follow_up_header = self.follow_ups_table.horizontalHeader()
        follow_up_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        follow_up_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        follow_up_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.log_table = _read_only_table(self, "dossierLog", "Logboek")
        self.log_table.setModel(self.log_model)
        documents_page: QWidget = self.documents_panel or self.documents_table
        for page, title in zip(
            (self.details, agreements, self.referrals_table, self.follow_ups_table,
             documents_page, self.log_table),
            TABS,
            strict=True,
        ):
            self.tabs.addTab(page, title)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        if self.plan_button is not None:
            top.addWidget(self.plan_button, 0, Qt.AlignmentFlag.AlignTop)
        self.closed_label = QLabel(self)
        self.closed_label.setObjectName("closedLabel")
        self.closed_label.setAccessibleName("Dossier afgesloten")
        self.closed_label.setStyleSheet("font-weight: bold;")
        self.closed_label.hide()
        top.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignTop)
        central = QWidget(self)
        # Who else has it open (a regional server); the workspace fills it in.
        self.presence_notice = PresenceNotice(central)
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.presence_notice)
        layout.addWidget(self.closed_label)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._build_actions()
        self.refresh()
        self._restore_layout()
        self.continue_button.setFocus()

    def _build_actions(self) -> None:
        continue_action = QAction("Intake verder", self)
        continue_action.setObjectName("continueIntakeAction")
        continue_action.setShortcut(QKeySequence("Ctrl+I"))
        continue_action.triggered.connect(self._continue)
        self.addAction(continue_action)
        if self.documents_panel is not None:
            plan_action = QAction("Actieplan", self)
            plan_action.setObjectName("planAction")
            plan_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
            plan_action.triggered.connect(self.open_plan)
            self.addAction(plan_action)
            self._build_case_menu()
        close_action = QAction("Sluiten", self)
        close_action.setObjectName("closeDossierAction")
        close_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Close),
                                   QKeySequence(Qt.Key.Key_Escape)])  # fmt: skip
        close_action.triggered.connect(self.close)  # read-only: nothing to lose
        self.addAction(close_action)
        for number in range(1, len(TABS) + 1):
            tab_action = QAction(f"Naar {TABS[number - 1]}", self)
            tab_action.setObjectName(f"dossierTab{number}")
            tab_action.setShortcut(QKeySequence(f"Alt+{number}"))
            tab_action.triggered.connect(lambda _=False, i=number - 1: self.tabs.setCurrentIndex(i))
            self.addAction(tab_action)

    def refresh(self) -> None:
        """Read the dossier again (after the intake changed it)."""
        self.show_dossier(self._port.dossier(self.case_id))

    def show_dossier(self, dossier: Dossier) -> None:
        intake = dossier.intake
        answers = intake.answers
        name = display_name(answers.entrepreneur) or "Naam nog niet ingevuld"
        trade = answers.business.trade_name
        self.setWindowTitle(f"Dossier {int(intake.case_id)}: {name} — casedesk")
        self._about = f"dossier {int(intake.case_id)} {display_name(answers.entrepreneur)}"
        if self.documents_panel is not None:
            self.documents_panel.about = self._about
        route = f" · {escape(intake.decision.primary.short_label)}" if intake.decision else ""
        self.heading.setText(
            f"<h2 style='margin:0'>{escape(name)}</h2>"
            f"<p style='margin:0'>{escape(trade) + ' · ' if trade else ''}"
            f"Dossier {int(intake.case_id)} · {escape(intake.status.label)}{route}</p>"
        )
        self.details.setHtml(summary_html(intake, None, self._municipalities))
        closed = intake.status is CaseStatus.CLOSED
        self.closed_label.setVisible(closed)
        self.closed_label.setText(
            "Dit dossier is afgesloten en kan alleen worden gelezen. "
            "Heropen het (menu Dossier) om iets te veranderen."
        )
        self.continue_button.setEnabled(not closed)
        self.actions_model.set_actions(intake.actions)
        appointment = intake.appointment
        self.appointment_label.setText(
            "Volgende afspraak: nog niet gemaakt."
            if appointment is None
            else f"Volgende afspraak: {date_and_time(appointment.starts_at)}, "
            f"{appointment.mode.label.lower()}"
            + (f", {appointment.location}" if appointment.location else "")
        )
        self.referrals_model.set_rows(dossier.referrals)
        self.documents_model.set_rows(dossier.documents)
        if self.documents_panel is not None:
            self.documents_panel.refresh()
        self.log_model.set_rows(dossier.log)
        self.follow_ups_model.set_rows(dossier.follow_ups)
        counts = {
            "Afspraken": len(intake.actions),
            "Verwijzingen": len(dossier.referrals),
            "Opvolging": sum(1 for f in dossier.follow_ups if f.done_at is None),
            "Documenten": len(dossier.documents),
            "Logboek": len(dossier.log),
        }
        for index, title in enumerate(TABS):
            if title in counts:
                self.tabs.setTabText(index, f"{title} ({counts[title]})")

    def _build_case_menu(self) -> None:
        menu = self.menuBar().addMenu("&Dossier")
        for text, keys, slot, name in (
            ("&Verwijzen…", "Ctrl+R", self._refer, "referAction"),
            ("&Status van verwijzing…", "Ctrl+Shift+R", self._change_referral, "statusAction"),
            ("Verwijs&brief…", "Ctrl+L", self._referral_letter, "letterAction"),
            ("&Opvolging toevoegen…", "Ctrl+U", self._add_follow_up, "followUpAction"),
            ("Dossier af&sluiten…", "", self._close_case, "closeCaseAction"),
            ("Dossier &heropenen…", "", self._reopen_case, "reopenCaseAction"),
            ("&Inzage…", "", self._inzage, "inzageAction"),
            ("Voorgoed &verwijderen…", "", self._ask_erase, "eraseAction"),
            ("Snel&toetsen", "F1", self._show_shortcuts, "shortcutsAction"),
        ):
            action = QAction(text, self)
            action.setObjectName(name)
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            menu.addAction(action)
            self.addAction(action)
        self.referrals_table.activated.connect(lambda _index: self._change_referral())

    def _inzage(self) -> None:
        """Everything kept about the entrepreneur, as PDF and JSON, into a chosen folder."""
        ports = self._ports_or_fail()
        if ports.make_inzage is None:
            return
        chosen = QFileDialog.getExistingDirectory(
            self, "Map voor de inzage kiezen", str(documents_folder())
        )
        if not chosen:
            return
        try:
            written = ports.make_inzage(Path(chosen))
        except Exception as error:
            show_error(self, error)
            return
        self.refresh()
        names = "\n".join(f"• {path.name}" for path in written)
        box = QMessageBox(QMessageBox.Icon.Information, "Inzage gemaakt",
                          f"De inzage staat in {chosen}:\n{names}", parent=self)  # fmt: skip
        box.setObjectName("inzageDoneBox")
        box.open()

    def _ask_erase(self) -> None:
        """At the entrepreneur's request (AVG art. 17); refused while the term runs."""
        if self._ports_or_fail().erase is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Dossier voorgoed verwijderen",
            f"Dossier {int(self.case_id)} voorgoed verwijderen? Alle gegevens van de "
            "ondernemer gaan weg, ook uit het zoeken en de opgeslagen actieplannen. Dit kan "
            "niet ongedaan worden gemaakt. Het logboek houdt alleen het dossiernummer.",
            QMessageBox.StandardButton.NoButton, self,
        )  # fmt: skip
        box.setObjectName("eraseQuestion")
        self.erase_button = box.addButton(
            "Voorgoed verwijderen", QMessageBox.ButtonRole.DestructiveRole
        )
        keep = box.addButton("Niet verwijderen", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        self.erase_button.clicked.connect(self._erase)
        box.open()

    def _erase(self) -> None:
        erase = self._ports_or_fail().erase
        assert erase is not None
        try:
            erase()
        except Exception as error:
            show_error(self, error)
            return
        self.close()  # first: a closed window is not refreshed (it would find no dossier)
        self.changed.emit(int(self.case_id))

    def _show_shortcuts(self) -> None:
        self.help_dialog = ShortcutsDialog([self], self)
        self.help_dialog.open()

    def _ports_or_fail(self) -> DossierPorts:
        assert self._ports is not None
        return self._ports

    def _after_change(self) -> None:
        self.refresh()
        self.changed.emit(int(self.case_id))

    def _refer(self) -> None:
        ports = self._ports_or_fail()
        try:
            targets = ports.referral_targets()
            dialog = ReferralDialog(targets, ports.today(), ports.create_referral, self)
        except Exception as error:
            show_error(self, error)
            return
        if dialog.exec():
            self._after_change()

    def _chosen_referral_id(self) -> int | None:
        index = self.referrals_table.currentIndex()
        if not index.isValid():
            self.tabs.setCurrentWidget(self.referrals_table)
            show_error(self, KnownError("Kies eerst een verwijzing in het tabblad Verwijzingen."))
            return None
        return self.referrals_model.row_at(index.row()).referral_id

    def letter_choice_dialog(self) -> QInputDialog:
        """Asks for which of several referrals the letter is; the current row is chosen."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Verwijsbrief")
        dialog.setLabelText("Voor welke verwijzing maakt u de brief?")
        dialog.setComboBoxItems([_referral_choice(line) for line in self._referral_lines()])
        dialog.setComboBoxEditable(False)
        index = self.referrals_table.currentIndex()
        combo = dialog.findChild(QComboBox)
        if index.isValid() and combo is not None:
            combo.setCurrentIndex(index.row())
        dialog.setOkButtonText("Brief maken")
        dialog.setCancelButtonText("Annuleren")
        return dialog

    def _referral_lines(self) -> list[ReferralLine]:
        model = self.referrals_model
        return [model.row_at(row) for row in range(model.rowCount())]

    def letter_referral_id(self) -> int | None:
        lines = self._referral_lines()
        if not lines:
            show_error(self, KnownError("Dit dossier heeft nog geen verwijzing. Maak die eerst."))
            return None
        if len(lines) == 1:
            return lines[0].referral_id
        dialog = self.letter_choice_dialog()
        if not dialog.exec():
            return None
        # By position, not by text: two referrals may read the same.
        combo = dialog.findChild(QComboBox)
        return lines[combo.currentIndex() if combo is not None else 0].referral_id

    def _referral_letter(self) -> None:
        ports = self._ports_or_fail()
        referral_id = self.letter_referral_id()
        render = ports.plan.render_referral_letter
        if referral_id is None or render is None:
            return
        try:
            document = render(referral_id)
        except Exception as error:
            show_error(self, error)
            return
        preview = PlanPreview(
            document, ports.plan.store_version, self, title="Verwijsbrief", about=self._about,
            record_output=ports.plan.record_output,
        )  # fmt: skip
        preview.version_stored.connect(lambda _id: self._after_change())
        preview.show()

    def _change_referral(self) -> None:
        ports = self._ports_or_fail()
        referral_id = self._chosen_referral_id()
        if referral_id is None:
            return
        try:
            referral = next(r for r in ports.referrals() if r.referral_id == referral_id)
        except Exception as error:
            show_error(self, error)
            return
        dialog = StatusDialog(
            referral,
            ports.today(),
            lambda status, on, note: ports.change_referral_status(
                referral.referral_id, status, on, note
            ),
            self,
        )
        if dialog.exec():
            self._after_change()

    def _add_follow_up(self) -> None:
        ports = self._ports_or_fail()
        if FollowUpDialog(int(self.case_id), ports.today(), ports.add_follow_up, self).exec():
            self._after_change()

    def _closing_preview(self, *, closed: bool) -> ClosingPreview | None:
        """The closing preview if the dossier is (``closed``) or is not closed; otherwise
        ``None`` after telling the caseworker why."""
        try:
            preview = self._ports_or_fail().closing_preview()
        except Exception as error:
            show_error(self, error)
            return None
        if preview.state.is_closed != closed:
            show_error(self, KnownError(NOT_CLOSED if closed else ALREADY_CLOSED))
            return None
        return preview

    def _close_case(self) -> None:
        ports = self._ports_or_fail()
        preview = self._closing_preview(closed=False)
        if preview is None:
            return
        if ClosingDialog(preview, ports.today(), ports.close_case, self).exec():
            self._after_change()

    def _reopen_case(self) -> None:
        ports = self._ports_or_fail()
        preview = self._closing_preview(closed=True)
        if preview is None:
            return
        if ReopenDialog(preview, ports.reopen_case, self).exec():
            self._after_change()

    def open_plan(self) -> None:
        """Make and preview a new action plan (Ctrl+P)."""
        assert self.documents_panel is not None
        try:
            self.documents_panel.open_new_plan()
        except Exception as error:
            show_error(self, error)

    def _continue(self) -> None:
        self.continue_intake_requested.emit(int(self.case_id))

    def _restore_layout(self) -> None:
        geometry = self._settings.value(_GEOMETRY_KEY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1100, 720)
        fit_to_screen(self)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self._settings.setValue(_GEOMETRY_KEY, self.saveGeometry())
        self._settings.sync()
        super().closeEvent(event)


def _referral_choice(line: ReferralLine) -> str:
    return f"{line.partner_name}, {line.referred_on:%d-%m-%Y} ({line.status_label.lower()})"
