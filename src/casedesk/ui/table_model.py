"""What every flat table model of the app shares: its columns are titled by ``HEADERS``."""

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

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
