"""What the app's tables share: column titles from ``HEADERS``, and Enter opens a row."""

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QTableView

if TYPE_CHECKING:  # a key press brings it; the first window shows without (nor QEvent)
    from PySide6.QtGui import QKeyEvent

AnyIndex = QModelIndex | QPersistentModelIndex


class HeadedTableModel(QAbstractTableModel):
    """A table without child rows whose column titles are ``HEADERS``.

    Screen readers get the same title as the eye (``AccessibleTextRole``). Subclasses give
    ``rowCount`` and ``data``.
    """

    HEADERS: tuple[str, ...] = ()
    """The column titles; a model whose columns are chosen at run time sets its own."""

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(  # noqa: N802 (Qt override)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.HEADERS[section]
        return None


class ActivatingTableView(QTableView):
    """A table where Enter or Return opens (activates) the current row on every platform.

    (Qt's own views only activate on Enter on some platforms; macOS starts editing.)
    """

    def keyPressEvent(self, event: "QKeyEvent") -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)
