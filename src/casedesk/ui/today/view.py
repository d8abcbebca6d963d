"""The Vandaag view: follow-ups overdue (oldest first), due today, and the coming week.

Three short tables with a heading each. Enter or a double-click opens the dossier
(``case_activated``); "Markeren als gedaan…" asks for a short note before anything is
stored. The view only shows and asks: loading and storing are injected callables (the
services ``today_overview`` and ``mark_follow_up_done``).
"""

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QLocale,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.followups import (
    ActionItem,
    AppointmentItem,
    FollowUpItem,
    TodayOverview,
    check_done_note,
)
from casedesk.errors import KnownError
from casedesk.ui.dossier.models import RowsModel
from casedesk.ui.shared.dialog_parts import (
    date_edit,
    dates_can_be_kept,
    error_label,
    show_dialog_error,
)
from casedesk.ui.shared.display_text import clock_time, escape, local_time, weekday_date
from casedesk.ui.shared.errors import show_error
from casedesk.ui.shared.screen_fit import fit_to_screen
from casedesk.ui.shared.tables import ActivatingTableView, AnyIndex, HeadedTableModel


def group_heading(name: str, shown: int, total: int) -> str:
    """"Te laat (3)", or "Te laat (6.098; de oudste 200 staan hieronder)"."""
    if total <= shown:
        return f"{name} ({shown})"
    count = QLocale().toString(total)
    return f"{name} ({count}; de oudste {shown} staan hieronder)"


def days_late_text(due: date, today: date) -> str:
    days = (today - due).days
    return "1 dag te laat" if days == 1 else f"{days} dagen te laat"


class FollowUpTableModel(HeadedTableModel):
    """Read-only rows of open follow-ups (one group of the Vandaag view)."""

    COL_DUE = 0
    COL_NAME = 1
    COL_WHAT = 2
    COL_CASE = 3
    HEADERS = ("Datum", "Ondernemer", "Wat", "Dossier")

    def __init__(self, show_days_late: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[FollowUpItem] = []
        self._today: date | None = None
        self._show_days_late = show_days_late

    def set_items(self, items: Sequence[FollowUpItem], today: date) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._today = today
        self.endResetModel()

    def item_at(self, row: int) -> FollowUpItem:
        return self._items[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._items):
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self._text(item, index.column())
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return text or "leeg"
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == self.COL_WHAT and item.partner_name:
                return f"{item.note}\nVerwijzing naar {item.partner_name}"
            return self._text(item, index.column()) or None
        return None

    def _text(self, item: FollowUpItem, column: int) -> str:
        if column == self.COL_DUE:
            text = weekday_date(item.due_date)
            if self._show_days_late and self._today is not None:
                text += f" · {days_late_text(item.due_date, self._today)}"
            return text
        if column == self.COL_NAME:
            if item.trade_name:
                return f"{item.entrepreneur_name} ({item.trade_name})"
            return item.entrepreneur_name
        if column == self.COL_WHAT:
            return f"{item.note} – {item.partner_name}" if item.partner_name else item.note
        if column == self.COL_CASE:
            return str(item.case_id)
        return ""


def own_actions_model(parent: QObject | None = None) -> RowsModel[ActionItem]:
    return RowsModel(
        [
            ("Wanneer", lambda a: weekday_date(a.due_date) if a.due_date else "geen datum"),
            ("Wat", lambda a: a.description),
            ("Ondernemer", lambda a: _who(a.entrepreneur_name, a.trade_name)),
        ],
        (),
        parent,
    )


def appointments_model(parent: QObject | None = None) -> RowsModel[AppointmentItem]:
    return RowsModel(
        [
            ("Wanneer", lambda a: f"{weekday_date(local_time(a.starts_at).date())} "
                                  f"{clock_time(a.starts_at)}"),
            ("Hoe en waar", lambda a: f"{a.how}, {a.where}" if a.where else a.how),
            ("Ondernemer", lambda a: _who(a.entrepreneur_name, a.trade_name)),
        ],
        (),
        parent,
    )  # fmt: skip


def _who(name: str, trade_name: str) -> str:
    return f"{name} ({trade_name})" if trade_name else name


class FollowUpTableView(ActivatingTableView):
    """One group's table; Enter opens the dossier on every platform."""


class DoneNoteDialog(QDialog):
    """Asks for the short note that marking a follow-up done needs."""

    def __init__(
        self, item: FollowUpItem, save: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("doneNoteDialog")
        self.setWindowTitle("Opvolging afronden")
        self._save = save
        intro = QLabel(
            f"<b>{escape(item.note)}</b><br>{escape(item.entrepreneur_name)}, dossier "
            f"{item.case_id}<br><br>Wat is er gedaan of afgesproken? (kort)",
            self,
        )
        intro.setWordWrap(True)
        self.note_field = QPlainTextEdit(self)
        self.note_field.setObjectName("doneNote")
        self.note_field.setAccessibleName("Notitie bij afronden")
        self.note_field.setPlaceholderText("Bijvoorbeeld: Gebeld, coaching is gestart.")
        self.note_field.setTabChangesFocus(True)
        self.note_field.setFixedHeight(self.note_field.fontMetrics().lineSpacing() * 4 + 12)
        intro.setBuddy(self.note_field)
        self.error_label = error_label(self, "doneNoteError")
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(
            "Markeren als gedaan", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._try_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.note_field)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())
        fit_to_screen(self)

    def _try_save(self) -> None:
        try:
            note = check_done_note(self.note_field.toPlainText())
            self._save(note)
        except KnownError as error:
            show_dialog_error(self, self.error_label, error.message)
            self.note_field.setFocus()
            return
        self.accept()


class FollowUpDialog(QDialog):
    """A caseworker's own follow-up on a dossier: a due date and a note.

    ``add(due_date, note)`` is the service ``add_follow_up`` bound to the dossier.
    """

    def __init__(
        self,
        case_id: int,
        today: date,
        add: Callable[[date, str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("followUpDialog")
        self.setWindowTitle(f"Opvolging toevoegen – dossier {case_id}")
        self._add = add
        self.date_field = date_edit(self, today, "Datum")
        self.date_field.setObjectName("followUpDate")
        # Two weeks ahead is the usual moment to check back.
        self.date_field.set_value(today + timedelta(days=14))
        self.note_field = QLineEdit(self)
        self.note_field.setObjectName("followUpNote")
        self.note_field.setAccessibleName("Wat moet er gebeuren")
        self.note_field.setPlaceholderText("Bijvoorbeeld: bellen over de offerte")
        self.note_field.setMaxLength(2000)
        self.error_label = error_label(self, "followUpError")
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton("Toevoegen", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._try_add)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Datum:", self.date_field)
        form.addRow("&Wat:", self.note_field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())
        fit_to_screen(self)

    def _try_add(self) -> None:
        if not dates_can_be_kept(self, self.error_label, self.date_field):
            return
        try:
            self._add(self.date_field.kept_value(), self.note_field.text())
        except KnownError as error:
            show_dialog_error(self, self.error_label, error.message)
            return
        self.accept()


class TodayView(QWidget):
    """Follow-ups that ask for attention, in three groups.

    Attributes:
        overdue_model, today_model, week_model: the groups' models.
        overdue_view, today_view, week_view: their tables.
        done_dialog: the open "mark as done" dialog, if any.

    Signals:
        case_activated(int): open this dossier (Enter or double-click on a row, or the
            "Dossier openen" button).
        follow_up_done(int): a follow-up was marked done (its id); the view reloaded.
    """

    case_activated = Signal(int)
    follow_up_done = Signal(int)

    def __init__(
        self,
        load: Callable[[], TodayOverview],
        mark_done: Callable[[int, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("todayView")
        self.setAccessibleName("Vandaag")
        self._load = load
        self._mark_done = mark_done
        self.done_dialog: DoneNoteDialog | None = None
        self.overview: TodayOverview | None = None

        self.title = QLabel(self)
        self.title.setObjectName("todayTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)

        self.overdue_model = FollowUpTableModel(show_days_late=True, parent=self)
        self.today_model = FollowUpTableModel(parent=self)
        self.week_model = FollowUpTableModel(parent=self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        columns = QHBoxLayout()
        follow_ups = QVBoxLayout()
        own_work = QVBoxLayout()
        columns.addLayout(follow_ups, 5)
        columns.addLayout(own_work, 3)
        layout.addLayout(columns, 1)
        self.overdue_heading, self.overdue_empty, self.overdue_view = self._add_group(
            follow_ups, self.overdue_model, "overdue", "Te laat"
        )
        self.today_heading, self.today_empty, self.today_view = self._add_group(
            follow_ups, self.today_model, "today", "Vandaag"
        )
        self.week_heading, self.week_empty, self.week_view = self._add_group(
            follow_ups, self.week_model, "week", "Komende week"
        )
        follow_ups.addStretch(1)
        self.actions_model = own_actions_model(self)
        self.appointments_model = appointments_model(self)
        self.actions_heading, self.actions_empty, self.actions_view = self._add_list(
            own_work, self.actions_model, "myActions", "Mijn acties", "Geen open acties."
        )
        self.appointments_heading, self.appointments_empty, self.appointments_view = (
            self._add_list(
                own_work, self.appointments_model, "appointments", "Afspraken",
                "Geen afspraken deze week.",
            )
        )  # fmt: skip
        own_work.addStretch(1)
        self._stale = False

        buttons = QHBoxLayout()
        self.refresh_button = QPushButton("Ver&nieuwen", self)
        self.refresh_button.setObjectName("refreshToday")
        self.open_button = QPushButton("Dossier &openen", self)
        self.open_button.setObjectName("openFromToday")
        self.done_button = QPushButton("&Markeren als gedaan…", self)
        self.done_button.setObjectName("markDone")
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.done_button)
        layout.addLayout(buttons)

        self.refresh_button.clicked.connect(self.refresh)
        self.open_button.clicked.connect(self.open_current)
        self.done_button.clicked.connect(self.ask_done_note)
        self._last_view: FollowUpTableView = self.overdue_view
        self._last_own_view: ActivatingTableView | None = None
        self._update_buttons()

    # -- public --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Load the overview again (after a change, or when the day has turned)."""
        try:
            overview = self._load()
        except Exception as error:
            show_error(self, error)
            return
        self.overview = overview
        self.title.setText(f"Vandaag, {weekday_date(overview.today)}")
        for model, items, total, heading, empty, view, name in (
            (self.overdue_model, overview.overdue, overview.overdue_total,
             self.overdue_heading, self.overdue_empty, self.overdue_view, "Te laat"),
            (self.today_model, overview.due_today, overview.due_today_total,
             self.today_heading, self.today_empty, self.today_view, "Vandaag"),
            (self.week_model, overview.coming_week, overview.coming_week_total,
             self.week_heading, self.week_empty, self.week_view, "Komende week"),
        ):  # fmt: skip
            model.set_items(items, overview.today)
            heading.setText(group_heading(name, len(items), total))
            view.setVisible(bool(items))
            empty.setVisible(not items)
            _fit_height(view, len(items))
        self.actions_model.set_rows(overview.my_actions)
        self.appointments_model.set_rows(overview.appointments)
        for count, heading, empty, own_view, name in (
            (len(overview.my_actions), self.actions_heading, self.actions_empty,
             self.actions_view, "Mijn acties"),
            (len(overview.appointments), self.appointments_heading, self.appointments_empty,
             self.appointments_view, "Afspraken"),
        ):  # fmt: skip
            heading.setText(f"{name} ({count})")
            own_view.setVisible(bool(count))
            empty.setVisible(not count)
            _fit_height(own_view, count)
        self._stale = False
        # One selection at a time: the first row of the first group that has one.
        first = next((v for v in self._views() if v.model().rowCount()), None)
        if first is not None:
            first.selectRow(0)
            self._last_view = first
        self._update_buttons()

    def refresh_soon(self) -> None:
        """Refresh now when shown, else when the page is next shown (after a change)."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def current_item(self) -> FollowUpItem | None:
        """The selected follow-up of the table last used."""
        view = self._last_view
        index = view.currentIndex()
        if not index.isValid() or (not view.isVisible() and not view.model().rowCount()):
            return None
        model = view.model()
        assert isinstance(model, FollowUpTableModel)
        if index.row() >= model.rowCount():
            return None
        return model.item_at(index.row())

    def open_current(self) -> None:
        case_id = self._current_case_id()
        if case_id is not None:
            self.case_activated.emit(case_id)

    def _current_case_id(self) -> int | None:
        item = self.current_item()
        if item is not None:
            return item.case_id
        view = self._last_own_view
        index = view.currentIndex() if view is not None else QModelIndex()
        if view is None or not index.isValid():
            return None
        model = view.model()
        assert isinstance(model, RowsModel)
        return int(model.row_at(index.row()).case_id)

    def ask_done_note(self) -> None:
        """Opens the note dialog for the selected follow-up (window-modal, not blocking)."""
        item = self.current_item()
        if item is None:
            return

        def save(note: str) -> None:
            self._mark_done(item.follow_up_id, note)

        dialog = DoneNoteDialog(item, save, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._done(item.follow_up_id))
        dialog.finished.connect(self._forget_dialog)
        self.done_dialog = dialog
        dialog.open()

    # -- building and behaviour ----------------------------------------------------------

    def _add_list(
        self, layout: QVBoxLayout, model: "RowsModel[Any]", name: str, title: str,
        empty_text: str,
    ) -> tuple[QLabel, QLabel, ActivatingTableView]:  # fmt: skip
        """The caseworker's own actions or appointments: Enter opens the dossier."""
        heading, empty = self._heading_and_empty(name, title, empty_text)
        view = _list_view(ActivatingTableView(self), name, title, model)
        header = view.horizontalHeader()
        # What it is about gets the room; when and who take what they need.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        metrics = view.fontMetrics()
        padding = 3 * metrics.averageCharWidth()
        header.resizeSection(2, metrics.horizontalAdvance("Jan-Willem van den Bergh") + padding)
        view.activated.connect(
            lambda index: self.case_activated.emit(int(model.row_at(index.row()).case_id))
        )
        view.installEventFilter(self)
        layout.addSpacing(6)
        layout.addWidget(heading)
        layout.addWidget(empty)
        layout.addWidget(view)
        return heading, empty, view

    def _heading_and_empty(self, name: str, title: str, empty_text: str) -> tuple[QLabel, QLabel]:
        heading = QLabel(title, self)
        heading.setObjectName(f"{name}Heading")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        empty = QLabel(empty_text, self)
        empty.setObjectName(f"{name}Empty")
        empty.setIndent(8)
        return heading, empty

    def _add_group(
        self, layout: QVBoxLayout, model: FollowUpTableModel, name: str, title: str
    ) -> tuple[QLabel, QLabel, FollowUpTableView]:
        heading, empty = self._heading_and_empty(name, title, "Geen opvolgingen.")
        layout.addSpacing(6)
        view = _list_view(FollowUpTableView(self), name, f"Opvolgingen: {title.lower()}", model)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        metrics = view.fontMetrics()
        padding = 3 * metrics.averageCharWidth()
        # The same widths in every group, so the three tables line up as one list.
        sample = "wo 30 sep. 2026 · 100 dagen te laat"
        header.resizeSection(
            FollowUpTableModel.COL_DUE, metrics.horizontalAdvance(sample) + padding
        )
        header.resizeSection(
            FollowUpTableModel.COL_NAME,
            metrics.horizontalAdvance("Jan-Willem van den Bergh") + padding,
        )
        header.setSectionResizeMode(FollowUpTableModel.COL_WHAT, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(
            FollowUpTableModel.COL_CASE, metrics.horizontalAdvance("Dossier 00000") + padding
        )
        view.activated.connect(self._activate)  # Qt also activates on a double-click
        view.clicked.connect(lambda _index, v=view: self._remember(v))
        view.installEventFilter(self)
        layout.addWidget(heading)
        layout.addWidget(empty)
        # Overdue work may be a long list and gets the spare room; the others fit their rows.
        layout.addWidget(view, 1 if model is self.overdue_model else 0)
        return heading, empty, view

    def eventFilter(self, watched: QObject, event: Any) -> bool:  # noqa: N802 (Qt override)
        if isinstance(watched, FollowUpTableView) and event.type() == event.Type.FocusIn:
            self._remember(watched)
        elif isinstance(watched, ActivatingTableView) and event.type() == event.Type.FocusIn:
            self._last_own_view = watched
            self._last_view.clearSelection()
            self._last_view.setCurrentIndex(QModelIndex())
            if not watched.currentIndex().isValid() and watched.model().rowCount():
                watched.selectRow(0)
            self._update_buttons()
        return super().eventFilter(watched, event)

    def _remember(self, view: FollowUpTableView) -> None:
        self._last_view = view
        self._last_own_view = None
        for other in self._views():
            if other is not view:
                other.clearSelection()
                other.setCurrentIndex(QModelIndex())
        if not view.currentIndex().isValid() and view.model().rowCount():
            view.selectRow(0)
        self._update_buttons()

    def _views(self) -> tuple[FollowUpTableView, ...]:
        return (self.overdue_view, self.today_view, self.week_view)

    def _activate(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        model = index.model()
        assert isinstance(model, FollowUpTableModel)
        self.case_activated.emit(model.item_at(index.row()).case_id)

    def _done(self, follow_up_id: int) -> None:
        self.refresh()
        self.follow_up_done.emit(follow_up_id)

    def _forget_dialog(self) -> None:
        self.done_dialog = None

    def _update_buttons(self) -> None:
        if self.current_item() is None:
            # Fall back to the first group with a selected row, so the buttons work at once.
            for view in self._views():
                if view.model().rowCount() and view.currentIndex().isValid():
                    self._last_view = view
                    break
        has_item = self.current_item() is not None
        self.open_button.setEnabled(self._current_case_id() is not None)
        self.done_button.setEnabled(has_item)


ListView = TypeVar("ListView", bound=QTableView)


def _list_view(view: ListView, name: str, accessible: str, model: QAbstractItemModel) -> ListView:
    """A read-only list of rows, one selected at a time; Enter opens its dossier."""
    view.setObjectName(f"{name}List")
    view.setAccessibleName(accessible)
    view.setAccessibleDescription("Enter opent het dossier.")
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    return view


MAX_FITTED_ROWS = 8
"""Groups up to this many rows show them all without scrolling; longer ones scroll."""


def _fit_height(view: QTableView, rows: int) -> None:
    shown = max(1, min(rows, MAX_FITTED_ROWS))
    height = (
        view.horizontalHeader().sizeHint().height()
        + shown * view.verticalHeader().defaultSectionSize()
        + 2 * view.frameWidth()
    )
    view.setMinimumHeight(height)
    if rows <= MAX_FITTED_ROWS:
        view.setMaximumHeight(height)
    else:
        view.setMaximumHeight(16_777_215)  # QWIDGETSIZE_MAX: let the long list grow

