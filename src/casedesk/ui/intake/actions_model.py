"""The agreed actions (wat, wie, wanneer, klaar) as an editable Qt table model, with the
delegate that edits the owner (the date cell edits with ``date_input.DateInputDelegate``)."""

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from casedesk.domain.agreements import Action, ActionOwner
from casedesk.ui.shared.dialog_parts import from_qdate
from casedesk.ui.shared.display_text import long_date, short_date
from casedesk.ui.shared.tables import AnyIndex, HeadedTableModel


class ActionsModel(HeadedTableModel):
    """Rows of ``Action``; every edit changes the model's ``actions`` at once.

    The intake window saves after each change (``dataChanged``, rows inserted or removed).
    """

    COL_DESCRIPTION = 0
    COL_OWNER = 1
    COL_OWNER_DETAIL = 2
    COL_DUE = 3
    COL_DONE = 4
    HEADERS = ("Wat", "Wie", "Wie precies", "Wanneer", "Klaar")

    def __init__(
        self,
        actions: tuple[Action, ...] = (),
        *,
        editable: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._actions = list(actions)
        self._editable = editable

    @property
    def actions(self) -> tuple[Action, ...]:
        return tuple(self._actions)

    def set_actions(self, actions: tuple[Action, ...]) -> None:
        self.beginResetModel()
        self._actions = list(actions)
        self.endResetModel()

    def adopt_ids(self, stored: tuple[Action, ...]) -> None:
        """Take the ids the store gave; the rows do not change for the view."""
        if len(stored) == len(self._actions):
            self._actions = [
                replace(mine, action_id=theirs.action_id)
                for mine, theirs in zip(self._actions, stored, strict=True)
            ]

    def add_action(self, action: Action, row: int | None = None) -> int:
        position = len(self._actions) if row is None else max(0, min(row, len(self._actions)))
        self.beginInsertRows(QModelIndex(), position, position)
        self._actions.insert(position, action)
        self.endInsertRows()
        return position

    def remove_action(self, row: int) -> None:
        if not 0 <= row < len(self._actions):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._actions[row]
        self.endRemoveRows()

    # -- Qt model interface ------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._actions)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self._editable:
            return flags
        if index.column() == self.COL_DONE:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._actions):
            return None
        action = self._actions[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(action, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(action, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == self.COL_DONE:
            return Qt.CheckState.Checked if action.done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column == self.COL_DONE:
                return "klaar" if action.done else "nog niet klaar"
            return self._display(action, column) or "leeg"
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_DUE and action.due_date:
            return long_date(action.due_date)
        return None

    def setData(  # noqa: N802 (Qt override)
        self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if not index.isValid() or not self._editable or index.row() >= len(self._actions):
            return False
        action = self._actions[index.row()]
        column = index.column()
        changed: Action | None = None
        if role == Qt.ItemDataRole.CheckStateRole and column == self.COL_DONE:
            done = Qt.CheckState(value) == Qt.CheckState.Checked
            changed = replace(action, done=done)
        elif role == Qt.ItemDataRole.EditRole:
            changed = self._edited(action, column, value)
        if changed is None:
            return False
        if changed != action:
            self._actions[index.row()] = changed
            self.dataChanged.emit(index, index, [role])
        return True

    # -- helpers -----------------------------------------------------------------------

    def _display(self, action: Action, column: int) -> str | None:
        if column == self.COL_DESCRIPTION:
            return action.description
        if column == self.COL_OWNER:
            return action.owner.label
        if column == self.COL_OWNER_DETAIL:
            return action.owner_detail
        if column == self.COL_DUE:
            return short_date(action.due_date) if action.due_date else ""
        return None

    def _edit_value(self, action: Action, column: int) -> Any:
        if column == self.COL_OWNER:
            return action.owner.value
        if column == self.COL_DUE:
            return action.due_date
        return self._display(action, column)

    def _edited(self, action: Action, column: int, value: Any) -> Action | None:
        if column == self.COL_DESCRIPTION:
            return replace(action, description=str(value))
        if column == self.COL_OWNER_DETAIL:
            return replace(action, owner_detail=str(value))
        if column == self.COL_OWNER:
            try:
                return replace(action, owner=ActionOwner(str(value)))
            except ValueError:
                return None
        if column == self.COL_DUE:
            if value is None or isinstance(value, date):
                return replace(action, due_date=value)
            if isinstance(value, QDate) and value.isValid():
                return replace(action, due_date=from_qdate(value))
            return None
        return None


class OwnerDelegate(QStyledItemDelegate):
    """Wie: a list of the three owners."""

    def createEditor(  # noqa: N802 (Qt override)
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName("Wie")
        for owner in ActionOwner:
            combo.addItem(owner.label, owner.value)
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(  # noqa: N802 (Qt override)
        self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
