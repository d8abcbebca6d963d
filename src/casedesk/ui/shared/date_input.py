"""The one date input of the app: a line where a date is typed the Dutch way, in any of
the forms ``domain.dates`` reads, with a calendar on Alt+Down (or F4) and its button.

Every date field (dialogs, the intake, the appointment) is a ``DateInput``; every date cell
(an action's *Wanneer*) edits through ``DateInputDelegate``. A text that is not a date is
never stored as a guess: the field says what is wrong. A date more than two years ahead is
asked about once before it is kept (``check``).
"""

from collections.abc import Callable
from datetime import date
from typing import cast

from PySide6.QtCore import QAbstractItemModel, QDate, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from casedesk.domain.dates import DateReading, far_ahead, far_ahead_question, read_date
from casedesk.ui.shared.display_text import short_date
from casedesk.ui.shared.tables import AnyIndex

PLACEHOLDER = "dd-mm-jjjj"
_COMMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


class DateInput(QLineEdit):
    """A typed date. ``value()`` is the date, or ``None`` while empty or unreadable;
    ``problem()`` says why a typed text is not a date.

    ``today`` is a date or a function giving it (an intake open past midnight); it places a
    two-digit year and tells what is far ahead. ``in_the_past`` is for birth and start
    dates: a two-digit year then never lies ahead.

    Signals:
        value_changed: the typed text changed (the value may not have).
    """

    value_changed = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        today: date | Callable[[], date],
        accessible_name: str = "",
        *,
        in_the_past: bool = False,
    ) -> None:
        super().__init__(parent)
        self._today = today if callable(today) else (lambda: today)
        self._in_the_past = in_the_past
        self._confirmed: date | None = None
        self.shown_problem = ""
        """The last message ``show_problem`` gave (also the accessible description)."""
        self.setPlaceholderText(PLACEHOLDER)
        self.setMaxLength(30)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("30 september 2026") + 48)
        if accessible_name:
            self.setAccessibleName(accessible_name)
        self.setToolTip("Typ de datum, zoals 27-11-2026, 27112026 of 27 nov 2026. "
                        "Alt+Pijl omlaag opent de kalender.")  # fmt: skip
        calendar_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown)
        self.calendar_action = self.addAction(
            calendar_icon, QLineEdit.ActionPosition.TrailingPosition
        )
        self.calendar_action.setToolTip("Kalender (Alt+Pijl omlaag)")
        self.calendar_action.triggered.connect(self.open_calendar)
        self.calendar: QCalendarWidget | None = None
        self.textChanged.connect(self.value_changed)
        self.editingFinished.connect(self._tidy)

    def reading(self) -> DateReading:
        return read_date(self.text(), self._today(), in_the_past=self._in_the_past)

    def value(self) -> date | None:
        return self.reading().day

    def problem(self) -> str | None:
        return self.reading().problem

    def kept_value(self) -> date:
        """The date, once ``check`` (required) has passed."""
        day = self.value()
        if day is None:
            raise ValueError("kept_value() before a passing check()")
        return day

    def set_value(self, day: date | None) -> None:
        if day != self.value() or (day is None and self.text()):
            self.setText(short_date(day) if day is not None else "")

    def check(self, *, required: bool = True) -> str | None:
        """What stops the date from being kept now, as a sentence to show; ``None`` when it
        can be kept. A date far ahead stops it once: a second check of that date passes."""
        reading = self.reading()
        if reading.problem is not None:
            return f"{self.accessibleName() or 'Datum'}: {reading.problem}"
        if reading.day is None:
            if not required:
                return None
            return f"{self.accessibleName() or 'Datum'}: typ een datum, zoals 27-11-2026."
        if far_ahead(reading.day, self._today()) and self._confirmed != reading.day:
            self._confirmed = reading.day
            return f"{far_ahead_question(reading.day)} Bevestig nog een keer om het zo te bewaren."
        return None

    def show_problem(self, message: str) -> None:
        """Say ``message`` next to the field (for a cell, where no error line fits)."""
        self.shown_problem = message
        self.setAccessibleDescription(message)
        QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), message, self)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        opens_calendar = event.key() == Qt.Key.Key_F4 or (
            event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if opens_calendar:
            self.open_calendar()
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> None:
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setAccessibleName(f"Kalender: {self.accessibleName()}")
        calendar.setGridVisible(True)
        day = self.value() or self._today()
        calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        calendar.activated.connect(self._choose)
        calendar.clicked.connect(self._choose)
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar = calendar
        calendar.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _choose(self, chosen: QDate) -> None:
        self.set_value(date(chosen.year(), chosen.month(), chosen.day()))
        if self.calendar is not None:
            self.calendar.close()
            self.calendar.deleteLater()
            self.calendar = None
        self.setFocus(Qt.FocusReason.PopupFocusReason)

    def _tidy(self) -> None:
        # Show what was understood ("1 dec 26" becomes 01-12-2026), so a misread shows.
        day = self.value()
        if day is not None and self.text() != short_date(day):
            self.setText(short_date(day))


class DateInputDelegate(QStyledItemDelegate):
    """A date cell edited with a ``DateInput``; an empty text stores no date. Enter or Tab on
    an unreadable date, or once on a date far ahead, keeps the editor open and says why."""

    def __init__(
        self, today: date | Callable[[], date], accessible_name: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._accessible_name = accessible_name

    def createEditor(  # noqa: N802 (Qt override)
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        editor = DateInput(parent, self._today, self._accessible_name)
        editor.setPlaceholderText(f"{PLACEHOLDER} (leeg: geen datum)")
        editor.setMaximumWidth(16777215)
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        date_input = cast(DateInput, editor)
        date_input.set_value(value if isinstance(value, date) else None)
        date_input.selectAll()

    def setModelData(  # noqa: N802 (Qt override)
        self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex
    ) -> None:
        reading = cast(DateInput, editor).reading()
        if reading.problem is None:
            model.setData(index, reading.day, Qt.ItemDataRole.EditRole)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (
            isinstance(watched, DateInput)
            and event.type() == QEvent.Type.KeyPress
            and cast(QKeyEvent, event).key() in _COMMIT_KEYS
        ):
            message = watched.check(required=False)
            if message is not None:
                watched.show_problem(message)
                return True
        return super().eventFilter(watched, event)
