"""What the app's dialogs and editors share: dates to and from ``QDate``, a date field, and
a Dutch error line.

A dialog calls an injected service; when that raises a ``KnownError`` the dialog shows the
message in its error line and stays open with everything typed (``show_dialog_error``).
"""

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QLabel, QWidget

ERROR_STYLE = "color: #a4000f;"


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def date_edit(parent: QWidget, day: date, accessible_name: str) -> QDateEdit:
    """A date field with a calendar pop-up, shown the way a caseworker types it."""
    edit = QDateEdit(to_qdate(day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d-M-yyyy")
    edit.setAccessibleName(accessible_name)
    return edit


def error_label(parent: QWidget, name: str) -> QLabel:
    """A hidden error line; ``show_dialog_error`` fills and shows it."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setAccessibleName("Melding")
    label.hide()
    return label


def show_dialog_error(dialog: QDialog, label: QLabel, message: str) -> None:
    """Show ``message`` in ``label`` and let ``dialog`` grow so the whole text fits."""
    label.setText(message)
    label.show()
    dialog.resize(dialog.width(), max(dialog.height(), dialog.sizeHint().height()))
