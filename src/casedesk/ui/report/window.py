"""Rapportage › Rapport van de regio: the regional report's figures in a window.

The coordinator picks a period and an area (the region or one municipality) and reads the
same figures the PDF and the CSV hold, small numbers already hidden; "Opslaan als…" writes
the report shown as PDF or CSV.
"""

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.report import HIDDEN_TEXT, MIN_SHOWN, NO_SHARE, WITHHELD_TEXT, Report
from casedesk.errors import KnownError
from casedesk.ui.main_window import ask_save_path
from casedesk.ui.shared.date_input import DateInput
from casedesk.ui.shared.errors import show_error

MakeReport = Callable[[date, date], Report]
SaveReport = Callable[[Report, Path], None]
AnyIndex = QModelIndex | QPersistentModelIndex
HEADERS = ("Onderwerp", "Aantal", "Aandeel", "Landelijk")


class ReportTableModel(QAbstractTableModel):
    """One area's figures: a bold row per topic, then its lines (empty ones left out)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[bool, tuple[str, str, str, str]]] = []

    def show(self, report: Report | None, scope_index: int) -> None:
        self.beginResetModel()
        self._rows = [] if report is None else _rows(report, scope_index)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802 (Qt override)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        is_title, texts = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return texts[index.column()]
        if role == Qt.ItemDataRole.FontRole and is_title:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _rows(report: Report, index: int) -> list[tuple[bool, tuple[str, str, str, str]]]:
    rows: list[tuple[bool, tuple[str, str, str, str]]] = [
        (True, ("Aanmeldingen", report.intakes.cells[index].text, "", ""))
    ]
    for section in report.sections:
        rows.append((True, (section.title, "", "", "")))
        lines = [line for line in section.lines if not line.is_empty]
        if not lines:
            rows.append((False, ("Hierover is nog niets vastgelegd.", "", "", "")))
        for line in lines:
            share = line.shares[index] if line.shares else ""
            rows.append((False, (line.label, line.cells[index].text, share, line.reference)))
        if section.summary and section.summary[index]:
            rows.append((False, (section.summary[index], "", "", "")))
    return rows


class ReportWindow(QDialog):
    """The regional report on screen. Attributes are the controls, for tests and tab order."""

    def __init__(
        self, make: MakeReport, save: SaveReport, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._make = make
        self._save = save
        self.report: Report | None = None
        self.setWindowTitle("Rapport van de regio")
        self.setObjectName("reportWindow")
        self.first_input = DateInput(self, today, "Van")
        self.first_input.set_value(date(today.year, 1, 1))
        self.last_input = DateInput(self, today, "Tot en met")
        self.last_input.set_value(today)
        self.make_button = QPushButton("Cijfers &tonen", self)
        self.make_button.setObjectName("makeReportButton")
        self.make_button.setDefault(True)
        self.make_button.clicked.connect(self.make_report)
        self.scope_box = QComboBox(self)
        self.scope_box.setObjectName("scopeBox")
        self.scope_box.setAccessibleName("Gebied")
        self.scope_box.currentIndexChanged.connect(self._show_scope)
        self.model = ReportTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("reportTable")
        self.table.setAccessibleName("Cijfers")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        rows = self.table.verticalHeader()
        rows.hide()
        # Close rows: a period's figures are read as one list, not as separate records.
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(HEADERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.note = QLabel(
            f"Geen namen of andere persoonsgegevens: een aantal kleiner dan {MIN_SHOWN} staat er "
            f"als {HIDDEN_TEXT}; {WITHHELD_TEXT} is een groter aantal dat niet wordt getoond, "
            f"omdat u anders een klein aantal zou kunnen uitrekenen; {NO_SHARE} is een aandeel "
            "dat daarom niet wordt getoond. De cijfers gaan over de dossiers die in de periode "
            "zijn aangemeld.",
            self,
        )
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.pdf_button = self.buttons.addButton(
            "Opslaan als &PDF…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.csv_button = self.buttons.addButton(
            "Opslaan als &CSV…", QDialogButtonBox.ButtonRole.ActionRole
        )
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText("&Sluiten")
        self.pdf_button.clicked.connect(lambda: self.save_as(".pdf"))
        self.csv_button.clicked.connect(lambda: self.save_as(".csv"))
        self.buttons.rejected.connect(self.reject)
        self._layout()
        self._enable_saving()
        self.resize(760, 640)

    def _layout(self) -> None:
        period = QHBoxLayout()
        # addRow with a text makes the label its field's buddy: Alt+V goes to Van.
        form = QFormLayout()
        form.addRow("&Van:", self.first_input)
        form.addRow("T&ot en met:", self.last_input)
        period.addLayout(form)
        period.addWidget(self.make_button, 0, Qt.AlignmentFlag.AlignBottom)
        period.addStretch(1)
        area = QFormLayout()
        area.addRow("&Gebied:", self.scope_box)
        layout = QVBoxLayout(self)
        layout.addLayout(period)
        layout.addLayout(area)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)

    def make_report(self) -> None:
        problems = [
            problem
            for problem in (self.first_input.check(), self.last_input.check())
            if problem is not None
        ]
        if problems:
            show_error(self, KnownError(" ".join(problems)))
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = self._make(self.first_input.kept_value(), self.last_input.kept_value())
        except Exception as error:
            show_error(self, error)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.report = report
        kept = self.scope_box.currentIndex()
        self.scope_box.blockSignals(True)
        self.scope_box.clear()
        for scope in report.scopes:
            self.scope_box.addItem("Hele regio" if scope.code == "" else scope.name, scope.code)
        self.scope_box.setCurrentIndex(kept if 0 <= kept < len(report.scopes) else 0)
        self.scope_box.blockSignals(False)
        self._show_scope()
        self._enable_saving()

    def _show_scope(self) -> None:
        self.model.show(self.report, max(0, self.scope_box.currentIndex()))

    def _enable_saving(self) -> None:
        for button in (self.pdf_button, self.csv_button):
            button.setEnabled(self.report is not None)

    def save_as(self, suffix: str, path: Path | None = None) -> Path | None:
        """Saves the report shown; asks where unless ``path`` is given."""
        report = self.report
        if report is None:
            return None
        kind = "PDF-bestand (*.pdf)" if suffix == ".pdf" else "CSV-bestand (*.csv)"
        name = f"Rapport regio {report.first.isoformat()} tot {report.last.isoformat()}{suffix}"
        chosen = path or ask_save_path(self, "Rapport opslaan", kind, name)
        if chosen is None:
            return None
        if chosen.suffix.lower() != suffix:
            chosen = chosen.with_name(chosen.name + suffix)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._save(report, chosen)
        except Exception as error:
            show_error(self, error)
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        return chosen
