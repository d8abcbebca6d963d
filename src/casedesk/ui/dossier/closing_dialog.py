"""Closing a case (outcome, date, warnings to confirm) and reopening it with a reason.

The dialogs call injected functions (the services ``close_case`` and ``reopen_case``); a
``KnownError`` is shown inside the dialog in Dutch and nothing typed is lost.
"""

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.closing import Outcome, retention_until
from casedesk.domain.dutch import lower_first
from casedesk.errors import KnownError
from casedesk.services.closing import ClosingPreview
from casedesk.ui.shared.dialog_parts import (
    date_edit,
    dates_can_be_kept,
    error_label,
    show_dialog_error,
)
from casedesk.ui.shared.display_text import escape, weekday_date
from casedesk.ui.shared.screen_fit import fit_to_screen

CloseCase = Callable[[Outcome, date, bool], date]
"""(outcome, closing date, warnings confirmed) -> the retention date stored."""


class ClosingDialog(QDialog):
    """Close a case: the outcome, the date, and (when work is open) a confirmation.

    Attributes:
        outcome_field, date_field, confirm_check, retention_label, error_label,
        close_button, retention_until: the stored retention date after closing.
    """

    def __init__(
        self,
        preview: ClosingPreview,
        today: date,
        close: CloseCase,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("closingDialog")
        self.setWindowTitle(f"Dossier {preview.state.case_id} afsluiten")
        self._close = close
        self._preview = preview
        self._warnings = preview.warnings
        self.retention_until: date | None = None

        self.outcome_field = QComboBox(self)
        self.outcome_field.setObjectName("closingOutcome")
        self.outcome_field.setAccessibleName("Uitkomst")
        self.outcome_field.addItem("— Kies de uitkomst —", None)
        for outcome in Outcome:
            self.outcome_field.addItem(outcome.label, outcome.value)
        self.date_field = date_edit(self, today, "Datum van afsluiten")
        self.date_field.setObjectName("closingDate")
        self.retention_label = QLabel(self)
        self.retention_label.setObjectName("retentionNote")
        self.retention_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow("&Uitkomst:", self.outcome_field)
        form.addRow("&Datum:", self.date_field)
        layout.addLayout(form)
        layout.addWidget(self.retention_label)

        self.warnings_label = QLabel(self)
        self.warnings_label.setObjectName("closingWarnings")
        self.warnings_label.setWordWrap(True)
        self.confirm_check = QCheckBox("&Ik heb dit gelezen en sluit het dossier toch af", self)
        self.confirm_check.setObjectName("closingConfirm")
        if preview.warnings:
            items = "".join(f"<li>{escape(warning)}</li>" for warning in preview.warnings)
            self.warnings_label.setText(f"<b>Let op:</b><ul>{items}</ul>")
            layout.addWidget(self.warnings_label)
            layout.addWidget(self.confirm_check)
        else:
            self.warnings_label.hide()
            self.confirm_check.hide()
        read_only = QLabel("Na afsluiten kan het dossier alleen nog worden gelezen, tot het "
                           "(met een reden) wordt heropend.", self)  # fmt: skip
        read_only.setWordWrap(True)
        layout.addWidget(read_only)
        self.error_label = error_label(self, "closingError")
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(self)
        self.close_button = buttons.addButton(
            "Dossier afsluiten", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button.setObjectName("closeCase")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.date_field.value_changed.connect(self._update)
        self.outcome_field.currentIndexChanged.connect(self._update)
        self.confirm_check.toggled.connect(self._update)
        self._update()
        self.resize(520, self.sizeHint().height())
        fit_to_screen(self)

    def try_close(self) -> None:
        value = self.outcome_field.currentData()
        if not value:
            self._show("Kies de uitkomst van de begeleiding. Het dossier is niet afgesloten.")
            return
        if self._warnings and not self.confirm_check.isChecked():
            self._show("Vink aan dat u de punten hierboven hebt gelezen. Het dossier is niet "
                       "afgesloten.")  # fmt: skip
            return
        if not dates_can_be_kept(self, self.error_label, self.date_field):
            return
        try:
            self.retention_until = self._close(
                Outcome(value), self.date_field.kept_value(), self.confirm_check.isChecked()
            )
        except KnownError as error:
            self._show(error.message)
            return
        self.accept()

    def _show(self, message: str) -> None:
        show_dialog_error(self, self.error_label, message)

    def _update(self) -> None:
        closed_on = self.date_field.value()
        if closed_on is None:
            self.retention_label.setText("Typ de datum van afsluiten.")
            return
        value = self.outcome_field.currentData()
        outcome = None if value is None else Outcome(value)
        years = self._preview.years_for(outcome)
        keep_until = retention_until(closed_on, years)
        result = None if outcome is None else self._preview.result_by_outcome.get(outcome)
        archive = f"; voor het archief: {lower_first(result.label)}" if result else ""
        self.retention_label.setText(
            f"Het dossier wordt bewaard tot {weekday_date(keep_until)} "
            f"({years} jaar na afsluiten{archive})."
        )


class ReopenDialog(QDialog):
    """Reopen a closed case; the reason is required and kept with the case."""

    def __init__(
        self,
        preview: ClosingPreview,
        reopen: Callable[[str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reopenDialog")
        self.setWindowTitle(f"Dossier {preview.state.case_id} heropenen")
        self._reopen = reopen
        state = preview.state
        closed = "Dit dossier is afgesloten"
        if state.closed_on is not None:
            closed += f" op {weekday_date(state.closed_on)}"
        if state.outcome is not None:
            closed += f" met als uitkomst ‘{state.outcome.label}’"
        intro = QLabel(closed + ".\n\nWaarom gaat het dossier weer open?", self)
        intro.setWordWrap(True)
        self.reason_field = QPlainTextEdit(self)
        self.reason_field.setObjectName("reopenReason")
        self.reason_field.setAccessibleName("Reden om te heropenen")
        self.reason_field.setPlaceholderText("Bijvoorbeeld: ondernemer meldt zich opnieuw.")
        self.reason_field.setTabChangesFocus(True)
        self.reason_field.setFixedHeight(self.reason_field.fontMetrics().lineSpacing() * 4 + 12)
        intro.setBuddy(self.reason_field)
        self.error_label = error_label(self, "reopenError")
        buttons = QDialogButtonBox(self)
        self.reopen_button = buttons.addButton("Heropenen", QDialogButtonBox.ButtonRole.AcceptRole)
        self.reopen_button.setObjectName("reopenCase")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_reopen)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reason_field)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())
        fit_to_screen(self)

    def try_reopen(self) -> None:
        try:
            self._reopen(self.reason_field.toPlainText())
        except KnownError as error:
            show_dialog_error(self, self.error_label, error.message)
            return
        self.accept()

