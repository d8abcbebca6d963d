"""Referring to a partner or instrument (with consent), and changing a referral's status.

Both dialogs call an injected ``save`` (the services ``create_referral`` and
``change_referral_status``); a ``KnownError`` is shown inside the dialog in Dutch and the
dialog stays open with everything typed, so nothing is lost.
"""

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.referrals import (
    Consent,
    ConsentMethod,
    Referral,
    ReferralDraft,
    ReferralStatus,
    StatusStep,
    next_statuses,
)
from casedesk.errors import KnownError
from casedesk.services.referrals import ReferralTarget
from casedesk.ui.shared.dialog_parts import (
    date_edit,
    dates_can_be_kept,
    error_label,
    show_dialog_error,
)
from casedesk.ui.shared.display_text import escape, weekday_date
from casedesk.ui.shared.screen_fit import fit_to_screen
from casedesk.ui.shared.tables import AnyIndex, HeadedTableModel


class ReferralDialog(QDialog):
    """A new referral: to whom, what is asked, when, and whether data are shared.

    Attributes:
        target_field, partner_field, contact_field, request_field, date_field,
        status_field, shares_data_check, consent_given, consent_refused, consent_not_asked,
        data_field, method_field, consent_date_field, error_label, save_button.
    """

    def __init__(
        self,
        targets: Sequence[ReferralTarget],
        today: date,
        save: Callable[[ReferralDraft], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("referralDialog")
        self.setWindowTitle("Verwijzen")
        self._targets = list(targets)
        self._save = save

        self.target_field = QComboBox(self)
        self.target_field.setObjectName("referralTarget")
        self.target_field.setAccessibleName("Partner of instrument uit de catalogus")
        self.target_field.addItem("— Kies uit de catalogus, of typ hieronder een partner —")
        for target in self._targets:
            self.target_field.addItem(target.name)
        self.target_field.setMaxVisibleItems(20)
        self.partner_field = self._line("referralPartner", "Partner", 300)
        self.contact_hint = QLabel(self)
        self.contact_hint.setObjectName("referralContactHint")
        self.contact_hint.setWordWrap(True)
        self.contact_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contact_field = self._line("referralContact", "Contactpersoon", 300)
        self.request_field = QPlainTextEdit(self)
        self.request_field.setObjectName("referralRequest")
        self.request_field.setAccessibleName("Wat wordt gevraagd")
        self.request_field.setTabChangesFocus(True)
        self.request_field.setFixedHeight(self.request_field.fontMetrics().lineSpacing() * 3 + 14)
        self.date_field = date_edit(self, today, "Datum van verwijzen")
        self.date_field.setObjectName("referralDate")
        self.status_field = QComboBox(self)
        self.status_field.setObjectName("referralStatus")
        self.status_field.setAccessibleName("Status")
        for status in (ReferralStatus.REFERRED, ReferralStatus.PROPOSED):
            self.status_field.addItem(status.label, status.value)

        self.shares_data_check = QCheckBox(
            "Gegevens van de ondernemer delen met deze partner", self
        )
        self.shares_data_check.setObjectName("referralSharesData")
        consent_box = self._build_consent_box(today)

        self.error_label = error_label(self, "referralError")
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton("Opslaan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("referralSave")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("&Catalogus:", self.target_field)
        form.addRow("&Partner:", self.partner_field)
        form.addRow("", self.contact_hint)
        form.addRow("Contactpe&rsoon:", self.contact_field)
        form.addRow("&Wat wordt gevraagd:", self.request_field)
        form.addRow("&Datum:", self.date_field)
        form.addRow("&Status:", self.status_field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.shares_data_check)
        layout.addWidget(consent_box)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

        self.target_field.currentIndexChanged.connect(self._target_chosen)
        self.consent_group.idToggled.connect(self._consent_changed)
        self.partner_field.textChanged.connect(self._partner_changed)
        self._consent_changed()
        self.resize(620, self.sizeHint().height())
        fit_to_screen(self)

    def _line(self, name: str, accessible_name: str, max_length: int) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setAccessibleName(accessible_name)
        field.setMaxLength(max_length)
        return field

    def _build_consent_box(self, today: date) -> QGroupBox:
        box = QGroupBox("Toestemming van de ondernemer om gegevens te delen", self)
        box.setObjectName("consentBox")
        self.consent_not_asked = QRadioButton(
            "Niet gevraagd (er worden geen gegevens gedeeld)", box
        )
        self.consent_given = QRadioButton("Toestemming gegeven", box)
        self.consent_refused = QRadioButton("Toestemming geweigerd", box)
        self.consent_group = QButtonGroup(box)
        for number, button in enumerate(
            (self.consent_not_asked, self.consent_given, self.consent_refused)
        ):
            self.consent_group.addButton(button, number)
        self.consent_not_asked.setChecked(True)
        self.data_field = QLineEdit(box)
        self.data_field.setObjectName("consentData")
        self.data_field.setAccessibleName("Welke gegevens")
        self.data_field.setPlaceholderText("Bijvoorbeeld: naam, telefoonnummer en hulpvraag")
        self.method_field = QComboBox(box)
        self.method_field.setObjectName("consentMethod")
        self.method_field.setAccessibleName("Hoe gegeven")
        for method in ConsentMethod:
            self.method_field.addItem(method.label, method.value)
        self.consent_date_field = date_edit(box, today, "Datum van de toestemming")
        self.consent_date_field.setObjectName("consentDate")
        form = QFormLayout(box)
        form.addRow(self.consent_not_asked)
        form.addRow(self.consent_given)
        form.addRow(self.consent_refused)
        form.addRow("Welke &gegevens:", self.data_field)
        form.addRow("&Hoe:", self.method_field)
        form.addRow("D&atum:", self.consent_date_field)
        return box

    # -- behaviour -----------------------------------------------------------------------

    def chosen_target(self) -> ReferralTarget | None:
        index = self.target_field.currentIndex()
        return self._targets[index - 1] if index > 0 else None

    def draft(self) -> ReferralDraft:
        target = self.chosen_target()
        partner = self.partner_field.text().strip()
        from_catalog = target is not None and partner == target.partner_name
        # Qt hands enum data back as plain strings: store values, convert back.
        status = ReferralStatus(self.status_field.currentData())
        return ReferralDraft(
            partner_name=partner,
            request_text=self.request_field.toPlainText(),
            referred_on=self.date_field.kept_value(),
            status=status,
            shares_data=self.shares_data_check.isChecked(),
            consent=self._consent(partner),
            partner_id=target.partner_id if from_catalog and target else None,
            instrument_id=target.instrument_id if from_catalog and target else None,
            contact_person=self.contact_field.text(),
        )

    def try_save(self) -> None:
        dates = [self.date_field]
        if not self.consent_not_asked.isChecked():
            dates.append(self.consent_date_field)
        if not dates_can_be_kept(self, self.error_label, *dates):
            return
        try:
            self._save(self.draft())
        except KnownError as error:
            show_dialog_error(self, self.error_label, error.message)
            return
        self.accept()

    def _consent(self, partner: str) -> Consent | None:
        if self.consent_not_asked.isChecked():
            return None
        method = ConsentMethod(self.method_field.currentData())
        return Consent(
            given=self.consent_given.isChecked(),
            data_shared=self.data_field.text() if self.consent_given.isChecked() else "",
            recipient=partner,
            given_on=self.consent_date_field.kept_value(),
            method=method,
        )

    def _target_chosen(self) -> None:
        target = self.chosen_target()
        if target is None:
            self.contact_hint.clear()
            return
        self.partner_field.setText(target.partner_name)
        self.contact_hint.setText(target.contact)

    def _partner_changed(self) -> None:
        target = self.chosen_target()
        if target is not None and self.partner_field.text().strip() != target.partner_name:
            self.contact_hint.setText("Eigen invoer: niet uit de catalogus.")
        elif target is not None:
            self.contact_hint.setText(target.contact)

    def _consent_changed(self) -> None:
        given = self.consent_given.isChecked()
        asked = not self.consent_not_asked.isChecked()
        self.data_field.setEnabled(given)
        self.method_field.setEnabled(asked)
        self.consent_date_field.setEnabled(asked)
        if self.consent_refused.isChecked() and self.shares_data_check.isChecked():
            # A refusal is respected: sharing goes off at once, and the caseworker sees it.
            self.shares_data_check.setChecked(False)


class ReferralHistoryModel(HeadedTableModel):
    """A referral's status steps, oldest first."""

    COL_DATE = 0
    COL_STATUS = 1
    COL_NOTE = 2
    HEADERS = ("Datum", "Status", "Notitie")

    def __init__(self, steps: Sequence[StatusStep] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps = list(steps)

    def set_steps(self, steps: Sequence[StatusStep]) -> None:
        self.beginResetModel()
        self._steps = list(steps)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._steps)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._steps):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        step = self._steps[index.row()]
        column = index.column()
        if column == self.COL_DATE:
            return weekday_date(step.changed_on)
        if column == self.COL_STATUS:
            return step.status.label
        if column == self.COL_NOTE:
            return step.note
        return None


def consent_text(referral: Referral) -> str:
    consent = referral.consent
    if consent is None:
        return "Geen toestemming gevraagd; er worden geen gegevens gedeeld."
    when = f"{consent.method.label.lower()}, {weekday_date(consent.given_on)}"
    if consent.given:
        return f"Toestemming gegeven ({when}) voor: {consent.data_shared}."
    return f"Toestemming geweigerd ({when}); er worden geen gegevens gedeeld."


class StatusDialog(QDialog):
    """A referral's history, and a new dated status with an optional note."""

    def __init__(
        self,
        referral: Referral,
        today: date,
        change: Callable[[ReferralStatus, date, str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("referralStatusDialog")
        self.setWindowTitle("Status van de verwijzing")
        self._change = change
        heading = QLabel(
            f"<b>{escape(referral.partner_name)}</b><br>{escape(referral.request_text)}", self
        )
        heading.setWordWrap(True)
        consent = QLabel(consent_text(referral), self)
        consent.setObjectName("referralConsent")
        consent.setWordWrap(True)
        self.history_model = ReferralHistoryModel(referral.history, self)
        self.history_view = QTableView(self)
        self.history_view.setObjectName("referralHistory")
        self.history_view.setAccessibleName("Geschiedenis van de verwijzing")
        self.history_view.setModel(self.history_model)
        self.history_view.verticalHeader().hide()
        self.history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.history_view.setWordWrap(False)
        self.history_view.horizontalHeader().setSectionResizeMode(
            ReferralHistoryModel.COL_NOTE, QHeaderView.ResizeMode.Stretch
        )
        self.history_view.resizeColumnsToContents()
        rows = max(3, min(8, len(referral.history)))
        self.history_view.setFixedHeight(
            self.history_view.horizontalHeader().sizeHint().height()
            + rows * self.history_view.verticalHeader().defaultSectionSize()
            + 4
        )

        self.status_field = QComboBox(self)
        self.status_field.setObjectName("newStatus")
        self.status_field.setAccessibleName("Nieuwe status")
        for status in next_statuses(referral.status):
            self.status_field.addItem(status.label, status.value)
        self.date_field = date_edit(self, today, "Datum van de wijziging")
        self.date_field.setObjectName("statusDate")
        self.note_field = QLineEdit(self)
        self.note_field.setObjectName("statusNote")
        self.note_field.setAccessibleName("Notitie (niet verplicht)")
        self.note_field.setPlaceholderText("Niet verplicht")
        self.error_label = error_label(self, "statusError")

        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(
            "Status opslaan", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("&Nieuwe status:", self.status_field)
        form.addRow("&Datum:", self.date_field)
        form.addRow("N&otitie:", self.note_field)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(consent)
        layout.addWidget(QLabel("Geschiedenis:", self))
        layout.addWidget(self.history_view)
        if self.status_field.count():
            layout.addLayout(form)
        else:
            final = QLabel(
                f"Deze verwijzing is ‘{referral.status.label}’; de status kan niet meer "
                "veranderen. Is er een nieuwe poging nodig? Maak dan een nieuwe verwijzing.",
                self,
            )
            final.setObjectName("statusFinal")
            final.setWordWrap(True)
            layout.addWidget(final)
            self.save_button.hide()
            for widget in (self.status_field, self.date_field, self.note_field):
                widget.hide()
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())
        fit_to_screen(self)

    def try_save(self) -> None:
        if self.status_field.count() == 0:
            return
        status = ReferralStatus(self.status_field.currentData())
        if not dates_can_be_kept(self, self.error_label, self.date_field):
            return
        try:
            self._change(status, self.date_field.kept_value(), self.note_field.text())
        except KnownError as error:
            show_dialog_error(self, self.error_label, error.message)
            return
        self.accept()

