"""The dossier view: one case's data, route decision, actions, referrals, documents and
log, read-only, with one key to continue the intake."""

from collections.abc import Sequence

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.case import CaseId
from casedesk.domain.dossier import Dossier
from casedesk.domain.intake import display_name
from casedesk.domain.regions import Municipality
from casedesk.ui.actions_model import ActionsModel
from casedesk.ui.dossier_models import documents_model, log_model, referrals_model
from casedesk.ui.intake_ports import IntakePort
from casedesk.ui.intake_summary import summary_html
from casedesk.ui.intake_text import date_and_time, escape

_GEOMETRY_KEY = "dossier_view/geometry"
TABS = ("Gegevens", "Afspraken", "Verwijzingen", "Documenten", "Logboek")


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

    Signals:
        continue_intake_requested(int): open the intake window of this case.
    """

    continue_intake_requested = Signal(int)

    def __init__(
        self,
        port: IntakePort,
        case_id: CaseId,
        *,
        municipalities: Sequence[Municipality] = (),
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """Reads the dossier (``port.dossier``, an audited read; may raise ``KnownError``)."""
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
        self.log_table = _read_only_table(self, "dossierLog", "Logboek")
        self.log_table.setModel(self.log_model)
        for page, title in zip(
            (self.details, agreements, self.referrals_table, self.documents_table, self.log_table),
            TABS,
            strict=True,
        ):
            self.tabs.addTab(page, title)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignTop)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addLayout(top)
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
        close_action = QAction("Sluiten", self)
        close_action.setObjectName("closeDossierAction")
        close_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Close),
                                   QKeySequence(Qt.Key.Key_Escape)])  # fmt: skip
        close_action.triggered.connect(self.close)  # read-only: nothing to lose
        self.addAction(close_action)
        for number in range(1, len(TABS) + 1):
            tab_action = QAction(self)
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
        route = f" · {escape(intake.decision.primary.short_label)}" if intake.decision else ""
        self.heading.setText(
            f"<h2 style='margin:0'>{escape(name)}</h2>"
            f"<p style='margin:0'>{escape(trade) + ' · ' if trade else ''}"
            f"Dossier {int(intake.case_id)} · {escape(intake.status.label)}{route}</p>"
        )
        self.details.setHtml(summary_html(intake, None, self._municipalities))
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
        self.log_model.set_rows(dossier.log)
        for index, (title, count) in enumerate(
            (("Verwijzingen", len(dossier.referrals)), ("Documenten", len(dossier.documents)),
             ("Logboek", len(dossier.log))), start=2):  # fmt: skip
            self.tabs.setTabText(index, f"{title} ({count})")
        self.tabs.setTabText(1, f"Afspraken ({len(intake.actions)})")

    def _continue(self) -> None:
        self.continue_intake_requested.emit(int(self.case_id))

    def _restore_layout(self) -> None:
        geometry = self._settings.value(_GEOMETRY_KEY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1100, 720)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self._settings.setValue(_GEOMETRY_KEY, self.saveGeometry())
        self._settings.sync()
        super().closeEvent(event)
