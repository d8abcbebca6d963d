"""Showing errors: a KnownError as its Dutch message, anything else as our fault.

The technical detail of a bug names only the exception type and where it happened, never
the exception's message: that message may quote a name, a BSN or an SQL parameter.
"""

import traceback
from dataclasses import dataclass
from pathlib import PurePath

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from casedesk.errors import KnownError

TITLE = "casedesk"
BUG_TEXT = "Er ging iets mis in casedesk"
BUG_INFORMATIVE_TEXT = (
    "Uw gegevens zijn veilig opgeslagen tot aan de laatste wijziging. "
    "Sluit casedesk en start het opnieuw. Gebeurt dit vaker? "
    "Geef dan de technische gegevens hieronder door aan uw beheerder."
)


@dataclass(frozen=True, slots=True)
class ErrorReport:
    """What the caseworker sees about one error."""

    text: str
    informative_text: str = ""
    technical_detail: str = ""


def describe_error(error: BaseException) -> ErrorReport:
    if isinstance(error, KnownError):
        return ErrorReport(text=error.message)
    return ErrorReport(
        text=BUG_TEXT,
        informative_text=BUG_INFORMATIVE_TEXT,
        technical_detail=technical_detail(error),
    )


def technical_detail(error: BaseException) -> str:
    """Exception type and the innermost frames of its traceback, without any values."""
    frames = traceback.extract_tb(error.__traceback__)[-3:]
    where = [f"{PurePath(frame.filename).name}:{frame.lineno} in {frame.name}" for frame in frames]
    kind = f"{type(error).__module__}.{type(error).__qualname__}"
    return "\n".join([kind, *where])


def error_box(parent: QWidget | None, error: BaseException) -> QMessageBox:
    """A message box for ``error``, not yet shown."""
    report = describe_error(error)
    is_known = isinstance(error, KnownError)
    box = QMessageBox(
        QMessageBox.Icon.Warning if is_known else QMessageBox.Icon.Critical,
        TITLE,
        report.text,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("errorBox")
    box.setAccessibleName("Foutmelding")
    if report.informative_text:
        box.setInformativeText(report.informative_text)
    if report.technical_detail:
        box.setDetailedText(report.technical_detail)
    return box


def show_error(parent: QWidget | None, error: BaseException) -> QMessageBox:
    """Show ``error`` window-modally without blocking the caller; returns the box."""
    box = error_box(parent, error)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
