"""The ranked instruments of an advice as a checkable Qt table model, and the filter by
text and route on top of it. The short list comes first; the rest ("ook beschikbaar") is
folded away by the filter until the caseworker unfolds it or searches."""

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from casedesk.domain.advice import InstrumentMatch
from casedesk.domain.catalog import InstrumentId
from casedesk.domain.routes import Route
from casedesk.domain.short_list import ShortListEntry
from casedesk.ui.shared.display_text import contact_text, cost_text, long_date, short_date
from casedesk.ui.shared.tables import AnyIndex, HeadedTableModel
from casedesk.ui.shared.text_match import fold


def stale_text(match: InstrumentMatch) -> str:
    return f"mogelijk verouderd, gecontroleerd op {long_date(match.instrument.last_checked)}"


ALSO_AVAILABLE_COLOUR = "#595959"
"""Grey with enough contrast on white (7:1) for the rows off the short list."""


class InstrumentsModel(HeadedTableModel):
    """One row per matched instrument: the short list in its order, then the rest in the
    advice's order; column 0 is the choice.

    Signals:
        chosen_changed(): the caseworker ticked or unticked an instrument.
    """

    COL_CHOSEN = 0
    COL_NAME = 1
    COL_ROUTE = 2
    COL_COST = 3
    COL_CONTACT = 4
    COL_CHECKED = 5
    HEADERS = ("Kies", "Instrument", "Route", "Kosten", "Contact", "Nagekeken")

    chosen_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._matches: list[InstrumentMatch] = []
        self._reasons: dict[InstrumentId, str] = {}
        self._chosen: set[InstrumentId] = set()

    def set_matches(
        self, matches: Iterable[InstrumentMatch], short_list: Iterable[ShortListEntry] = ()
    ) -> None:
        everything = list(matches)
        reasons = {entry.instrument_id: entry.reason for entry in short_list}
        by_id = {match.instrument.id: match for match in everything}
        first = [by_id[i] for i in reasons if i in by_id]
        new = first + [match for match in everything if match.instrument.id not in reasons]
        if new == self._matches and reasons == self._reasons:
            return
        self.beginResetModel()
        self._matches = new
        self._reasons = {i: reason for i, reason in reasons.items() if i in by_id}
        self.endResetModel()

    @property
    def short_list_size(self) -> int:
        return len(self._reasons)

    def short_list_reason(self, row: int) -> str | None:
        """Why the instrument on ``row`` is on the short list; None when it is not."""
        return self._reasons.get(self._matches[row].instrument.id)

    def is_chosen(self, row: int) -> bool:
        return self._matches[row].instrument.id in self._chosen

    def set_chosen(self, chosen: Iterable[InstrumentId]) -> None:
        self._chosen = set(chosen)
        if self._matches:
            self.dataChanged.emit(
                self.index(0, self.COL_CHOSEN),
                self.index(len(self._matches) - 1, self.COL_CHOSEN),
                [Qt.ItemDataRole.CheckStateRole],
            )

    @property
    def chosen(self) -> set[InstrumentId]:
        return set(self._chosen)

    def chosen_in_order(self) -> list[InstrumentId]:
        """The ticked instruments in the advice's order, then any no longer advised."""
        ranked = [m.instrument.id for m in self._matches if m.instrument.id in self._chosen]
        return ranked + sorted(self._chosen - set(ranked))

    def match_at(self, row: int) -> InstrumentMatch:
        return self._matches[row]

    def toggle(self, row: int) -> None:
        index = self.index(row, self.COL_CHOSEN)
        checked = self.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        self.setData(
            index,
            Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked,
            Qt.ItemDataRole.CheckStateRole,
        )

    # -- Qt model interface ------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._matches)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.COL_CHOSEN:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._matches):
            return None
        match = self._matches[index.row()]
        column = index.column()
        chosen = match.instrument.id in self._chosen
        if role == Qt.ItemDataRole.CheckStateRole and column == self.COL_CHOSEN:
            return Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(match, column)
        reason = self._reasons.get(match.instrument.id)
        also_available = bool(self._reasons) and reason is None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column == self.COL_CHOSEN:
                return "gekozen" if chosen else "niet gekozen"
            if column == self.COL_CHECKED and match.stale:
                return stale_text(match)
            if column == self.COL_NAME and also_available:
                return f"{match.instrument.name}, ook beschikbaar"
            return self._display(match, column) or "leeg"
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.COL_CHECKED and match.stale:
                return stale_text(match)
            return "\n".join(((reason,) if reason else ()) + match.fits)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_CHECKED and match.stale:
            return QColor("#8a5300")
        if role == Qt.ItemDataRole.ForegroundRole and also_available:
            return QColor(ALSO_AVAILABLE_COLOUR)
        if role == Qt.ItemDataRole.FontRole and column == self.COL_NAME and match.stale:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def setData(  # noqa: N802 (Qt override)
        self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if (
            not index.isValid()
            or index.column() != self.COL_CHOSEN
            or role != Qt.ItemDataRole.CheckStateRole
            or index.row() >= len(self._matches)
        ):
            return False
        instrument_id = self._matches[index.row()].instrument.id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._chosen.add(instrument_id)
        else:
            self._chosen.discard(instrument_id)
        self.dataChanged.emit(index, index, [role])
        self.chosen_changed.emit()
        return True

    def _display(self, match: InstrumentMatch, column: int) -> str | None:
        instrument = match.instrument
        if column == self.COL_NAME:
            return instrument.name
        if column == self.COL_CHECKED:
            checked = short_date(instrument.last_checked)
            return f"{checked}: mogelijk verouderd" if match.stale else checked
        if column == self.COL_ROUTE:
            return match.route.short_label if match.route else "Intake"
        if column == self.COL_COST:
            return cost_text(instrument.cost, instrument.cost_note)
        if column == self.COL_CONTACT:
            return contact_text(instrument.contact)
        return None


class InstrumentFilter(QSortFilterProxyModel):
    """Shows the instruments whose name, provider, description or reasons hold the text
    (ignoring case and diacritics), for one route or all. Without a search text, only the
    short list and what was chosen, unless the rest is unfolded (or there is no short list)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._route: Route | None = None
        self._show_all = False

    def set_show_all(self, show_all: bool) -> None:
        self.beginFilterChange()
        self._show_all = show_all
        self.endFilterChange()

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = fold(text.strip())
        self.endFilterChange()

    def set_route(self, route: Route | None) -> None:
        self.beginFilterChange()
        self._route = route
        self.endFilterChange()

    def filterAcceptsRow(  # noqa: N802 (Qt override)
        self, source_row: int, source_parent: AnyIndex
    ) -> bool:
        model = self.sourceModel()
        if not isinstance(model, InstrumentsModel):
            return True
        match = model.match_at(source_row)
        if self._route is not None and match.route is not self._route:
            return False
        if not self._needle:
            return (
                self._show_all
                or model.short_list_size == 0
                or model.short_list_reason(source_row) is not None
                or model.is_chosen(source_row)
            )
        instrument = match.instrument
        haystack = " ".join(
            (instrument.name, instrument.provider, instrument.description, *match.fits)
        )
        return self._needle in fold(haystack)
