"""Read-only tables of the dossier view: referrals, follow-ups, documents and the log."""

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, QObject, Qt

from casedesk.domain.dossier import DocumentLine, FollowUpLine, LogLine, ReferralLine
from casedesk.ui.shared.display_text import date_and_time, local_time, long_date, weekday_date
from casedesk.ui.shared.tables import AnyIndex, HeadedTableModel

Row = TypeVar("Row")


class RowsModel(HeadedTableModel, Generic[Row]):
    """A read-only table: one row per item, one text function per column."""

    def __init__(
        self,
        columns: Sequence[tuple[str, Callable[[Row], str]]],
        rows: Sequence[Row] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self.HEADERS = tuple(title for title, _text in self._columns)
        self._rows = list(rows)

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._columns[index.column()][1](self._rows[index.row()])
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._columns[index.column()][1](self._rows[index.row()]) or "leeg"
        return None


def referrals_model(
    rows: Sequence[ReferralLine], parent: QObject | None = None
) -> RowsModel[ReferralLine]:
    return RowsModel(
        [
            ("Partner", lambda r: r.partner_name),
            ("Wat is gevraagd", lambda r: r.request),
            ("Verwezen op", lambda r: long_date(r.referred_on)),
            ("Status", lambda r: r.status_label),
        ],
        rows,
        parent,
    )


def follow_ups_model(
    rows: Sequence[FollowUpLine], parent: QObject | None = None
) -> RowsModel[FollowUpLine]:
    return RowsModel(
        [
            ("Wanneer", lambda f: weekday_date(f.due_date)),
            ("Wat", lambda f: f.note),
            ("Gedaan", lambda f: _done_text(f)),
        ],
        rows,
        parent,
    )


def _done_text(follow_up: FollowUpLine) -> str:
    if follow_up.done_at is None:
        return "nog open"
    done = f"gedaan op {long_date(local_time(follow_up.done_at).date())}"
    return f"{done}: {follow_up.done_note}" if follow_up.done_note else done


def documents_model(
    rows: Sequence[DocumentLine], parent: QObject | None = None
) -> RowsModel[DocumentLine]:
    return RowsModel(
        [
            ("Document", lambda d: d.kind_label),
            ("Gemaakt op", lambda d: date_and_time(d.created_at)),
            ("Door", lambda d: d.caseworker),
            ("Controlegetal", lambda d: d.sha256[:12]),
        ],
        rows,
        parent,
    )


def log_model(rows: Sequence[LogLine], parent: QObject | None = None) -> RowsModel[LogLine]:
    return RowsModel(
        [
            ("Wanneer", lambda line: date_and_time(line.at)),
            ("Wie", lambda line: line.who),
            ("Wat", lambda line: line.text),
        ],
        rows,
        parent,
    )
