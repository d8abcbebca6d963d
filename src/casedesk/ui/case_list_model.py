"""The case list as a Qt table model that loads pages on demand.

Only the rows a view has asked for are in memory; the view asks for more
(``canFetchMore``/``fetchMore``) as the caseworker scrolls, so 100,000 dossiers open as
fast as 100.
"""

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)

from casedesk.domain.case import NEWEST_FIRST, CaseId, CaseOrder, CaseSortKey, CaseSummary
from casedesk.ui.ports import CasePageSource
from casedesk.ui.shared.tables import AnyIndex, HeadedTableModel

PAGE_SIZE = 50
"""Rows per page: more than a full-height list shows, so the first page fills the view.
Every keystroke of a search loads one page; turning 200 rows into summaries took most
of a keystroke's time at a million dossiers, and scrolling loads the next page anyway."""
DATE_TIME_FORMAT = "d MMM yyyy HH:mm"  # Dutch locale: "27 nov 2026 14:05"


def format_date_time(moment: datetime) -> str:
    """A moment in the default (Dutch) locale, in local time."""
    return QLocale().toString(QDateTime(_local(moment)), DATE_TIME_FORMAT)


class CaseListModel(HeadedTableModel):
    """Read-only table of case summaries for the current search query.

    Signals:
        load_failed(Exception): the page source raised; the list shows what it had and
            stops asking for more until the next ``set_query``.
        order_changed(CaseOrder): the caseworker sorted by a column (a header click or
            ``sort``); the window gives the model a source in that order and reloads.
    """

    COL_NAME = 0
    COL_TRADE_NAME = 1
    COL_MUNICIPALITY = 2
    COL_ROUTE = 3
    COL_STATUS = 4
    COL_UPDATED = 5

    HEADERS = ("Naam", "Handelsnaam", "Gemeente", "Route", "Status", "Laatst gewijzigd")

    SORT_KEYS = (
        CaseSortKey.NAME,
        CaseSortKey.TRADE_NAME,
        CaseSortKey.MUNICIPALITY,
        CaseSortKey.ROUTE,
        CaseSortKey.STATUS,
        CaseSortKey.UPDATED,
    )
    """The sort key of each column, in column order."""

    load_failed = Signal(object)
    order_changed = Signal(object)

    def __init__(
        self, source: CasePageSource, page_size: int = PAGE_SIZE, parent: QObject | None = None
    ) -> None:
        """Create an empty model; ``set_query`` (or a view calling ``fetchMore``) loads it."""
        super().__init__(parent)
        self._source = source
        self._page_size = page_size
        self._query = ""
        self._rows: list[CaseSummary] = []
        self._exhausted = False
        self._order = NEWEST_FIRST

    @property
    def query(self) -> str:
        return self._query

    def set_source(self, source: CasePageSource) -> None:
        """Read pages from another source (the list with a filter) from the next query on."""
        self._source = source

    def set_query(self, query: str) -> None:
        """Show the cases that match ``query``, starting again from the first page."""
        self.beginResetModel()
        self._query = query.strip()
        self._exhausted = False
        # Load the first page inside the reset so views and the status bar see it at once.
        self._rows = self._load_page(after=None)
        self.endResetModel()

    def show_before_opening(self, rows: list[CaseSummary]) -> None:
        """Shows rows read while the store was still opening; asks for no further page
        until the next ``set_query`` (the source cannot serve one yet)."""
        self.beginResetModel()
        self._query = ""
        self._exhausted = True
        self._rows = list(rows)
        self.endResetModel()

    @property
    def order(self) -> CaseOrder:
        return self._order

    def column_of(self, key: CaseSortKey) -> int:
        return self.SORT_KEYS.index(key)

    def case_at(self, row: int) -> CaseSummary:
        return self._rows[row]

    def case_id_at(self, row: int) -> CaseId:
        return self._rows[row].case_id

    # -- Qt model interface ------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: AnyIndex) -> bool:  # noqa: N802 (Qt override)
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: AnyIndex) -> None:  # noqa: N802 (Qt override)
        if not self.canFetchMore(parent):
            return
        page = self._load_page(after=self._rows[-1] if self._rows else None)
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting happens in the store (a million dossiers are never all in memory)."""
        if not 0 <= column < len(self.SORT_KEYS):
            return
        wanted = CaseOrder(self.SORT_KEYS[column], order == Qt.SortOrder.DescendingOrder)
        if wanted != self._order:
            self._order = wanted
            self.order_changed.emit(wanted)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        case = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display_text(case, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(case, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # Screen readers read the header with the cell; an empty cell says so.
            return self._display_text(case, column) or "leeg"
        return None

    # -- helpers -----------------------------------------------------------------------

    def _load_page(self, after: CaseSummary | None) -> list[CaseSummary]:
        try:
            page = list(self._source(self._query, after, self._page_size))
        except Exception as error:  # shown by the window; the list keeps what it has
            self._exhausted = True
            self.load_failed.emit(error)
            return []
        if len(page) < self._page_size:
            self._exhausted = True
        return page

    def _display_text(self, case: CaseSummary, column: int) -> str | None:
        if column == self.COL_NAME:
            return case.entrepreneur_name
        if column == self.COL_TRADE_NAME:
            return case.trade_name
        if column == self.COL_MUNICIPALITY:
            return case.municipality
        if column == self.COL_ROUTE:
            return case.route.short_label if case.route is not None else ""
        if column == self.COL_STATUS:
            return case.status.label
        if column == self.COL_UPDATED:
            return format_date_time(case.updated_at)
        return None

    def _tooltip(self, case: CaseSummary, column: int) -> str | None:
        if column == self.COL_ROUTE:
            return case.route.label if case.route is not None else "Nog geen route gekozen"
        if column == self.COL_UPDATED:
            return QLocale().toString(
                QDateTime(_local(case.updated_at)), "dddd d MMMM yyyy 'om' HH:mm"
            )
        return self._display_text(case, column) or None


def _local(moment: datetime) -> datetime:
    """Stored moments are aware (UTC); the caseworker reads Dutch time."""
    # Imported at the first row shown: loading the time zone data (zoneinfo, sysconfig)
    # is not needed to show the empty window.
    from casedesk.domain.dutch import dutch_time

    return dutch_time(moment).replace(tzinfo=None)
