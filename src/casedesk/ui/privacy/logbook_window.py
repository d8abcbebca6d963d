"""Bestand › Logboek: the audit log for the privacy officer, with filters on who, which
dossier, which action and which period; the newest events first."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casedesk.errors import KnownError
from casedesk.services.logbook import LIMIT, LogChoices, LogFilter, LogRow
from casedesk.ui.dossier.models import RowsModel
from casedesk.ui.shared.date_input import DateInput
from casedesk.ui.shared.display_text import date_and_time
from casedesk.ui.shared.errors import show_error
from casedesk.ui.shared.screen_fit import fit_to_screen


@dataclass(frozen=True)
class LogbookPorts:
    choices: Callable[[], LogChoices]
    search: Callable[[LogFilter], Sequence[LogRow]]
    today: Callable[[], date]


def log_rows_model(parent: QWidget) -> RowsModel[LogRow]:
    return RowsModel(
        [
            ("Wanneer", lambda row: date_and_time(row.at)),
            ("Wie", lambda row: row.who),
            ("Wat", lambda row: row.text),
            ("Dossier", lambda row: "" if row.case_id is None else str(row.case_id)),
            ("Uitkomst", lambda row: row.outcome),
            ("Werkplek", lambda row: row.origin),
            ("Verbetering", lambda row: row.correction),
        ],
        (),
        parent,
    )


class LogbookWindow(QDialog):
    def __init__(self, ports: LogbookPorts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logbookWindow")
        self.setWindowTitle("Logboek")
        self._ports = ports
        choices = ports.choices()
        today = ports.today
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.who_field = QComboBox(self)
        self.who_field.setAccessibleName("Wie")
        self.who_field.addItem("Iedereen", None)
        for caseworker_id, name in choices.caseworkers:
            self.who_field.addItem(name, caseworker_id)
        self.case_field = QLineEdit(self)
        self.case_field.setAccessibleName("Dossiernummer")
        self.case_field.setPlaceholderText("alle dossiers")
        self.action_field = QComboBox(self)
        self.action_field.setAccessibleName("Wat")
        self.action_field.addItem("Alles", None)
        for code, label in choices.actions:
            self.action_field.addItem(f"{label} ({code})", code)
        self.first_field = DateInput(self, today, "Vanaf")
        self.last_field = DateInput(self, today, "Tot en met")
        period = QHBoxLayout()
        period.addWidget(self.first_field)
        period.addWidget(QLabel("tot en met", self))
        period.addWidget(self.last_field)
        form.addRow("&Wie:", self.who_field)
        form.addRow("&Dossier:", self.case_field)
        form.addRow("W&at:", self.action_field)
        form.addRow("&Periode:", period)
        layout.addLayout(form)
        self.search_button = QPushButton("&Zoeken", self)
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.search)
        layout.addWidget(self.search_button)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("logbookCount")
        layout.addWidget(self.count_label)
        self.model = log_rows_model(self)
        self.table = QTableView(self)
        self.table.setAccessibleName("Gebeurtenissen in het logboek")
        self.table.setModel(self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        close = QPushButton("&Sluiten", self)
        close.clicked.connect(self.reject)
        layout.addWidget(close)
        self.resize(1000, 600)
        fit_to_screen(self)

    def current_filter(self) -> LogFilter:
        """The filter as filled in; raises ``KnownError`` (Dutch) for what cannot be read."""
        case_text = self.case_field.text().strip()
        if case_text and not (case_text.isascii() and case_text.isdigit()):
            raise KnownError(
                f"Een dossiernummer is een getal, zoals 1024 (u typte “{case_text}”)."
            )
        for field, name in ((self.first_field, "begindatum"), (self.last_field, "einddatum")):
            if field.text().strip() and field.value() is None:
                raise KnownError(f"De {name} is geen datum: {field.problem()}")
        return LogFilter(
            actor_id=self.who_field.currentData(),
            case_id=int(case_text) if case_text else None,
            action=self.action_field.currentData(),
            first=self.first_field.value(),
            last=self.last_field.value(),
        )

    def search(self) -> None:
        try:
            rows = self._ports.search(self.current_filter())
        except Exception as error:
            show_error(self, error)
            return
        self.model.set_rows(rows)
        shown = f"{len(rows)} gebeurtenissen" if len(rows) != 1 else "1 gebeurtenis"
        more = f" (de nieuwste {LIMIT}; maak de filters nauwer)" if len(rows) >= LIMIT else ""
        self.count_label.setText(shown + more)
