"""Form controls for the intake answers, each bound to one answer path.

A ``FieldBinding`` reads its control into a value and writes a value into it, so the
intake window can turn every control into ``IntakeAnswers`` (and back) without knowing
what kind of control it is. Every control gets the Dutch label of ``FIELD_LABELS`` as its
accessible name, and a message label beneath it for inline validation.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSignalBlocker, Qt, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.intake import FIELD_LABELS, LabelledEnum
from casedesk.domain.regions import Municipality, MunicipalityCode
from casedesk.ui.shared.date_input import DateInput

NOT_CHOSEN = "— kies —"


@dataclass
class FieldBinding:
    """One control and how it maps to one answer."""

    path: str
    """``section.field`` as in ``FIELD_LABELS``, or ``channel``."""
    control: QWidget
    read: Callable[[], Any]
    write: Callable[[Any], None]
    changed: SignalInstance
    message: QLabel
    """Shows the validation message for this answer; hidden when there is none."""
    container: QWidget
    """The control with its message, as placed in the form."""
    own_check: Callable[[], str | None] | None = None
    """A check of the typed text the answers cannot hold (a half-typed date)."""

    def show_message(self, message: str | None) -> None:
        self.message.setText(message or "")
        self.message.setVisible(bool(message))
        self.control.setAccessibleDescription(message or "")


def wrap_with_message(control: QWidget, label: str, parent: QWidget) -> tuple[QWidget, QLabel]:
    """The control with a hidden message label beneath it, for inline validation."""
    container = QWidget(parent)
    layout = QVBoxLayout(container)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(control)
    message = QLabel(container)
    message.setObjectName("fieldMessage")
    message.setWordWrap(True)
    message.setStyleSheet("color: #b00020;")
    message.setAccessibleName(f"Melding bij {label}")
    message.hide()
    layout.addWidget(message)
    return container, message


def _binding(
    path: str,
    control: QWidget,
    read: Callable[[], Any],
    write: Callable[[Any], None],
    changed: SignalInstance,
    parent: QWidget,
    own_check: Callable[[], str | None] | None = None,
) -> FieldBinding:
    label = FIELD_LABELS[path]
    control.setObjectName(path)
    control.setAccessibleName(label)
    container, message = wrap_with_message(control, label, parent)
    return FieldBinding(path, control, read, write, changed, message, container, own_check)


def text_field(path: str, parent: QWidget, *, max_length: int = 200) -> FieldBinding:
    edit = QLineEdit(parent)
    edit.setMaxLength(max_length)

    def write(value: Any) -> None:
        if edit.text() != value:
            edit.setText(str(value))

    return _binding(path, edit, edit.text, write, edit.textChanged, parent)


def date_field(path: str, parent: QWidget, today: Callable[[], date]) -> FieldBinding:
    """A date that lies in the past (birth, start): a two-digit year is never ahead."""
    edit = DateInput(parent, today, in_the_past=True)
    label = FIELD_LABELS[path]

    def own_check() -> str | None:
        problem = edit.problem()
        return f"{label}: {problem}" if problem else None

    def write(value: Any) -> None:
        edit.set_value(value)

    return _binding(path, edit, edit.value, write, edit.value_changed, parent, own_check)


def choice_field(path: str, choices: Iterable[LabelledEnum], parent: QWidget) -> FieldBinding:
    """One of a few choices (or not answered yet)."""
    members = list(choices)
    combo = QComboBox(parent)
    combo.addItem(NOT_CHOSEN, None)
    for member in members:
        combo.addItem(member.label, member.value)
    by_value = {member.value: member for member in members}

    def read() -> LabelledEnum | None:
        value = combo.currentData()
        return by_value.get(value) if value is not None else None

    def write(value: Any) -> None:
        combo.setCurrentIndex(max(0, combo.findData(value.value if value is not None else None)))

    return _binding(path, combo, read, write, combo.currentIndexChanged, parent)


def yes_no_field(path: str, parent: QWidget) -> FieldBinding:
    combo = QComboBox(parent)
    for text in (NOT_CHOSEN, "Ja", "Nee"):
        combo.addItem(text)
    values: list[bool | None] = [None, True, False]

    def read() -> bool | None:
        return values[combo.currentIndex()]

    def write(value: Any) -> None:
        combo.setCurrentIndex(values.index(value))

    return _binding(path, combo, read, write, combo.currentIndexChanged, parent)


def number_field(path: str, maximum: int, parent: QWidget, suffix: str = "") -> FieldBinding:
    """A whole number; empty (the spin box's lowest value, shown blank) is not answered."""
    spin = QSpinBox(parent)
    spin.setRange(-1, maximum)
    spin.setSpecialValueText(" ")
    spin.setSuffix(suffix)
    spin.setValue(-1)
    spin.setMaximumWidth(spin.fontMetrics().horizontalAdvance(f"{maximum}{suffix}") + 60)

    def read() -> int | None:
        return None if spin.value() < 0 else spin.value()

    def write(value: Any) -> None:
        spin.setValue(-1 if value is None else int(value))

    return _binding(path, spin, read, write, spin.valueChanged, parent)


class CheckList(QListWidget):
    """Several choices: one tab stop; arrows move, space ticks."""

    def __init__(
        self,
        members: Sequence[LabelledEnum],
        parent: QWidget | None = None,
        label: Callable[[Any], str] = lambda member: str(member.label),
    ) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        for member in members:
            item = QListWidgetItem(label(member), self)
            item.setData(Qt.ItemDataRole.UserRole, member.value)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(Qt.CheckState.Unchecked)
        rows = max(1, len(members))
        self.setFixedHeight(self.sizeHintForRow(0) * rows + 2 * self.frameWidth() + 4)
        # The keyboard starts at the first choice, but nothing looks chosen until ticked.
        self.setCurrentRow(0, QItemSelectionModel.SelectionFlag.NoUpdate)

    def focusInEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().focusInEvent(event)
        if self.currentItem() is not None:
            self.currentItem().setSelected(True)

    def focusOutEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().focusOutEvent(event)
        self.clearSelection()

    def checked_values(self) -> set[str]:
        return {
            str(self.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        }

    def set_checked_values(self, values: set[str]) -> None:
        for row in range(self.count()):
            item = self.item(row)
            wanted = item.data(Qt.ItemDataRole.UserRole) in values
            state = Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked
            if item.checkState() != state:
                item.setCheckState(state)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        # Space ticks the current choice on every platform and style.
        if event.key() == Qt.Key.Key_Space and self.currentItem() is not None:
            item = self.currentItem()
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
            event.accept()
            return
        super().keyPressEvent(event)


def multi_field(
    path: str,
    choices: Iterable[LabelledEnum],
    parent: QWidget,
    label: Callable[[Any], str] = lambda member: str(member.label),
) -> FieldBinding:
    members = list(choices)
    check_list = CheckList(members, parent, label)
    by_value = {member.value: member for member in members}

    def read() -> frozenset[LabelledEnum]:
        return frozenset(by_value[value] for value in check_list.checked_values())

    def write(value: Any) -> None:
        check_list.set_checked_values({member.value for member in value})

    return _binding(path, check_list, read, write, check_list.itemChanged, parent)


class MunicipalityBox(QComboBox):
    """A municipality by name: type a few letters, the list narrows (anywhere in the name)."""

    def __init__(self, municipalities: Sequence[Municipality], parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem("", None)
        for municipality in sorted(municipalities, key=lambda m: m.name):
            self.addItem(municipality.name, municipality.code)
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        line_edit = self.lineEdit()
        assert line_edit is not None  # editable combo boxes have one
        line_edit.setPlaceholderText("Typ de naam van de gemeente")

    def code(self) -> MunicipalityCode | None:
        index = self.findText(self.currentText().strip(), Qt.MatchFlag.MatchFixedString)
        data = self.itemData(index) if index >= 0 else None
        return MunicipalityCode(str(data)) if data else None

    def set_code(self, code: str | None) -> None:
        index = self.findData(code) if code else 0
        with QSignalBlocker(self):
            self.setCurrentIndex(max(0, index))
            self.setEditText(self.itemText(max(0, index)))


def municipality_field(
    path: str, municipalities: Sequence[Municipality], parent: QWidget
) -> FieldBinding:
    box = MunicipalityBox(municipalities, parent)
    label = FIELD_LABELS[path]

    def own_check() -> str | None:
        # A name that is not in the list cannot be stored as a municipality: say so, so
        # the caseworker does not believe it was kept.
        if box.currentText().strip() and box.code() is None:
            return (
                f"{label}: kies een gemeente uit de lijst. Typ een deel van de naam en kies "
                "met de pijltjes."
            )
        return None

    def write(value: Any) -> None:
        if box.code() != value:
            box.set_code(value)

    return _binding(path, box, box.code, write, box.currentTextChanged, parent, own_check)
