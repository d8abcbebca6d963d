"""The Afspraken step: the table of actions and the next appointment."""

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QSignalBlocker, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.agreements import Action, ActionOwner, Appointment, AppointmentMode
from casedesk.domain.dates import far_ahead, far_ahead_question
from casedesk.domain.dutch import AMSTERDAM
from casedesk.ui.intake.actions_model import ActionsModel, OwnerDelegate
from casedesk.ui.intake.fields import wrap_with_message
from casedesk.ui.shared.date_input import DateInput, DateInputDelegate
from casedesk.ui.shared.display_text import long_date

_LOCATION_LABELS = {
    AppointmentMode.IN_PERSON: "Adres of ruimte",
    AppointmentMode.PHONE: "Telefoonnummer",
    AppointmentMode.VIDEO: "Link of programma",
}


class AgreementsPanel(QWidget):
    """Signals:
    actions_changed(): a row was added, removed or edited.
    appointment_changed(): a field of the next appointment changed.
    """

    actions_changed = Signal()
    appointment_changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.model = ActionsModel(parent=self)
        self.table = QTableView(self)
        self.table.setObjectName("actionsTable")
        self.table.setAccessibleName("Afspraken: wat, wie, wanneer, klaar")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(ActionsModel.COL_OWNER, OwnerDelegate(self.table))
        self.table.setItemDelegateForColumn(
            ActionsModel.COL_DUE, DateInputDelegate(today, "Wanneer", self.table)
        )
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ActionsModel.COL_DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        widths = {
            ActionsModel.COL_OWNER: 130,
            ActionsModel.COL_OWNER_DETAIL: 180,
            ActionsModel.COL_DUE: 110,
            ActionsModel.COL_DONE: 60,
        }
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)

        self.add_button = QPushButton("Actie &toevoegen (Ins)", self)
        self.add_button.setObjectName("addActionButton")
        self.add_button.setAccessibleName("Actie toevoegen")
        self.remove_button = QPushButton("Actie ver&wijderen (Del)", self)
        self.remove_button.setObjectName("removeActionButton")
        self.remove_button.setAccessibleName("Actie verwijderen")
        add_key = QShortcut(QKeySequence(Qt.Key.Key_Insert), self.table, self.add_action,
                            context=Qt.ShortcutContext.WidgetShortcut)  # fmt: skip
        add_key.setWhatsThis("Actie toevoegen (in de tabel Afspraken)")
        remove_key = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.remove_current,
                               context=Qt.ShortcutContext.WidgetShortcut)  # fmt: skip
        remove_key.setWhatsThis("Gekozen actie verwijderen (in de tabel Afspraken)")
        self.removed: list[tuple[int, Action]] = []
        """Removed actions with their rows, newest last, for Ctrl+Z."""
        self.undo_label = QLabel(self)
        self.undo_label.setObjectName("undoRemoveLabel")
        self.undo_label.setAccessibleName("Verwijderde actie")
        self.undo_label.hide()
        undo_key = QShortcut(
            QKeySequence(QKeySequence.StandardKey.Undo),
            self.table,
            self.undo_remove,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        undo_key.setWhatsThis("Verwijderde actie terugzetten (in de tabel Afspraken)")
        self.add_button.clicked.connect(self.add_action)
        self.remove_button.clicked.connect(self.remove_current)

        self.appointment_box = self._build_appointment_box()

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        hint = QLabel(
            "Typ in een cel om te beginnen; Enter bewaart de cel. Ins voegt een actie toe, "
            "Del verwijdert de gekozen actie.",
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.undo_label)
        layout.addWidget(self.appointment_box)
        self.setTabOrder(self.table, self.add_button)
        self.setTabOrder(self.add_button, self.remove_button)
        self.setTabOrder(self.remove_button, self.appointment_box)

        self.model.dataChanged.connect(self.actions_changed)
        self.model.rowsInserted.connect(self.actions_changed)
        self.model.rowsRemoved.connect(self.actions_changed)

    def _build_appointment_box(self) -> QGroupBox:
        box = QGroupBox("Volgende afs&praak", self)
        box.setObjectName("appointmentBox")
        box.setAccessibleName("Volgende afspraak maken")
        box.setCheckable(True)
        box.setChecked(False)
        self.appointment_date = DateInput(box, self._today, "Datum van de afspraak")
        self.appointment_date.setObjectName("appointmentDate")
        self.appointment_date.set_value(self._today)
        self._appointment_day = self._today
        date_row, self.appointment_message = wrap_with_message(
            self.appointment_date, "Datum van de afspraak", box
        )
        self.appointment_message.setObjectName("appointmentMessage")
        self.appointment_time = QTimeEdit(box)
        self.appointment_time.setObjectName("appointmentTime")
        self.appointment_time.setAccessibleName("Tijd van de afspraak")
        self.appointment_time.setDisplayFormat("HH:mm")
        self.appointment_time.setTime(QTime(10, 0))
        self.appointment_mode = QComboBox(box)
        self.appointment_mode.setObjectName("appointmentMode")
        self.appointment_mode.setAccessibleName("Soort afspraak")
        for mode in AppointmentMode:
            self.appointment_mode.addItem(mode.label, mode.value)
        self.appointment_location = QLineEdit(box)
        self.appointment_location.setObjectName("appointmentLocation")
        self.appointment_location.setMaxLength(200)
        self.location_label = QLabel(box)
        self.location_label.setBuddy(self.appointment_location)
        self.appointment_duration = QSpinBox(box)
        self.appointment_duration.setObjectName("appointmentDuration")
        self.appointment_duration.setAccessibleName("Duur van de afspraak in minuten")
        self.appointment_duration.setRange(0, 480)
        self.appointment_duration.setSingleStep(15)
        self.appointment_duration.setSuffix(" minuten")
        # 0 means "not said": the plan then prints only the start time.
        self.appointment_duration.setSpecialValueText("niet opgegeven")
        self.appointment_note = QLineEdit(box)
        self.appointment_note.setObjectName("appointmentNote")
        self.appointment_note.setAccessibleName("Notitie bij de afspraak")
        self.appointment_note.setPlaceholderText(
            "Bijvoorbeeld: neem de brieven van de Belastingdienst mee"
        )
        self.appointment_note.setMaxLength(300)
        form = QFormLayout(box)
        date_label = QLabel("&Datum:", box)
        date_label.setBuddy(self.appointment_date)
        form.addRow(date_label, date_row)
        for text, widget in (("T&ijd:", self.appointment_time),
                             ("D&uur:", self.appointment_duration),
                             ("&Soort:", self.appointment_mode)):  # fmt: skip
            label = QLabel(text, box)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow(self.location_label, self.appointment_location)
        note_label = QLabel("&Notitie:", box)
        note_label.setBuddy(self.appointment_note)
        form.addRow(note_label, self.appointment_note)
        self._mode_changed()
        box.toggled.connect(self.appointment_changed)
        self.appointment_date.value_changed.connect(self._appointment_date_changed)
        box.toggled.connect(self._show_appointment_date_message)
        self.appointment_time.timeChanged.connect(self.appointment_changed)
        self.appointment_mode.currentIndexChanged.connect(self._mode_changed)
        self.appointment_mode.currentIndexChanged.connect(self.appointment_changed)
        self.appointment_location.textChanged.connect(self.appointment_changed)
        self.appointment_duration.valueChanged.connect(self.appointment_changed)
        self.appointment_note.textChanged.connect(self.appointment_changed)
        return box

    def _mode_changed(self) -> None:
        mode = AppointmentMode(str(self.appointment_mode.currentData()))
        self.location_label.setText(f"&{_LOCATION_LABELS[mode]}:")
        self.appointment_location.setAccessibleName(_LOCATION_LABELS[mode])

    # -- actions -------------------------------------------------------------------------

    def add_action(self) -> None:
        row = self.model.add_action(Action(description="", owner=ActionOwner.ENTREPRENEUR))
        index = self.model.index(row, ActionsModel.COL_DESCRIPTION)
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def remove_current(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        removed = self.model.actions[index.row()]
        self.model.remove_action(index.row())
        self.removed.append((index.row(), removed))
        what = f"‘{removed.description}’" if removed.description.strip() else "zonder tekst"
        self.undo_label.setText(f"Actie {what} verwijderd. Ctrl+Z zet haar terug.")
        self.undo_label.show()
        if self.model.rowCount() > 0:
            row = min(index.row(), self.model.rowCount() - 1)
            self.table.setCurrentIndex(self.model.index(row, index.column()))

    def undo_remove(self) -> None:
        """Put the last removed action back where it was (stored again as a new action)."""
        if not self.removed:
            return
        row, action = self.removed.pop()
        row = self.model.add_action(replace(action, action_id=None), row)
        self.table.setCurrentIndex(self.model.index(row, ActionsModel.COL_DESCRIPTION))
        self.undo_label.setVisible(bool(self.removed))
        if self.removed:
            self.undo_label.setText("Ctrl+Z zet nog een verwijderde actie terug.")

    # -- appointment ---------------------------------------------------------------------

    def appointment(self) -> Appointment | None:
        if not self.appointment_box.isChecked():
            return None
        qtime = self.appointment_time.time()
        moment = time(qtime.hour(), qtime.minute())
        starts_at = datetime.combine(self._appointment_day, moment, AMSTERDAM)
        minutes = self.appointment_duration.value()
        return Appointment(
            starts_at=starts_at,
            mode=AppointmentMode(str(self.appointment_mode.currentData())),
            location=self.appointment_location.text().strip(),
            ends_at=starts_at + timedelta(minutes=minutes) if minutes else None,
            note=self.appointment_note.text().strip(),
        )

    def set_appointment(self, appointment: Appointment | None) -> None:
        controls = (
            self.appointment_box,
            self.appointment_date,
            self.appointment_time,
            self.appointment_mode,
            self.appointment_location,
            self.appointment_duration,
            self.appointment_note,
        )
        blockers = [QSignalBlocker(control) for control in controls]
        self.appointment_box.setChecked(appointment is not None)
        if appointment is not None:
            local = appointment.starts_at.astimezone(AMSTERDAM)
            self.appointment_date.set_value(local.date())
            self._appointment_day = local.date()
            self.appointment_time.setTime(QTime(local.hour, local.minute))
            self.appointment_mode.setCurrentIndex(
                self.appointment_mode.findData(appointment.mode.value)
            )
            self.appointment_location.setText(appointment.location)
            duration = (
                appointment.ends_at - appointment.starts_at if appointment.ends_at else None
            )
            self.appointment_duration.setValue(
                int(duration.total_seconds() // 60) if duration else 0
            )
            self.appointment_note.setText(appointment.note)
        del blockers
        self._mode_changed()
        self._show_appointment_date_message()

    def _appointment_date_changed(self) -> None:
        # A half-typed date keeps the last whole one, so saving while typing loses nothing.
        day = self.appointment_date.value()
        if day is not None:
            self._appointment_day = day
        self._show_appointment_date_message()
        self.appointment_changed.emit()

    def appointment_date_message(self) -> str:
        """What the caseworker should know about the typed date: unreadable, passed (such
        an appointment is not printed on the plan) or far ahead; empty when all is well."""
        if not self.appointment_box.isChecked():
            return ""
        reading = self.appointment_date.reading()
        if reading.problem is not None:
            return f"{reading.problem} Tot dan blijft {long_date(self._appointment_day)} bewaard."
        if reading.day is None:
            return f"Typ de datum; tot dan blijft {long_date(self._appointment_day)} bewaard."
        if reading.day < self._today:
            return ("Deze datum is voorbij. Een afspraak in het verleden komt niet op het "
                    "actieplan: kies een nieuwe datum of zet de afspraak uit.")  # fmt: skip
        if far_ahead(reading.day, self._today):
            return far_ahead_question(reading.day)
        return ""

    def _show_appointment_date_message(self) -> None:
        message = self.appointment_date_message()
        self.appointment_message.setText(message)
        self.appointment_message.setVisible(bool(message))
        self.appointment_date.setAccessibleDescription(message)
