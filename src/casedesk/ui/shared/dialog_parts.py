"""What the app's dialogs and editors share: dates to and from ``QDate``, a date field, and
a Dutch error line.

A dialog calls an injected service; when that raises a ``KnownError`` the dialog shows the
message in its error line and stays open with everything typed (``show_dialog_error``).
"""

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from casedesk.ui.shared.date_input import DateInput
from casedesk.ui.shared.screen_fit import fit_to_screen

ERROR_STYLE = "color: #a4000f;"


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def date_edit(parent: QWidget, today: date, accessible_name: str) -> DateInput:
    """A date field that starts at ``today``, typed the way a caseworker types it."""
    edit = DateInput(parent, today, accessible_name)
    edit.set_value(today)
    return edit


def dates_can_be_kept(dialog: QDialog, label: QLabel, *fields: DateInput) -> bool:
    """Whether every date field holds a date to keep; if not, the first field's problem is
    shown in ``label`` and that field gets the focus."""
    for field in fields:
        message = field.check()
        if message is not None:
            show_dialog_error(dialog, label, message)
            field.setFocus()
            return False
    return True


def documents_folder() -> Path:
    """The caseworker's Documents folder (their home when the system names none): where
    save dialogs start, never the folder the app happened to start in."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


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
    fit_to_screen(dialog)
