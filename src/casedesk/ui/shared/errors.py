"""Showing errors: a KnownError as its Dutch message, anything else as our fault.

A bug writes a crash report (``casedesk.crash_report``) and the box names its file. The
technical detail of a bug names only the exception type and where it happened, never
the exception's message: that message may quote a name, a BSN or an SQL parameter.
"""

import sys
import traceback
from collections.abc import Callable
from pathlib import PurePath
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from casedesk.errors import KnownError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]

TITLE = "casedesk"
BUG_TEXT = "Er ging iets mis in casedesk"
BUG_INFORMATIVE_TEXT = (
    "Uw gegevens zijn veilig opgeslagen tot aan de laatste wijziging. "
    "Sluit casedesk en start het opnieuw."
)


def technical_detail(error: BaseException) -> str:
    """Exception type and the innermost frames of its traceback, without any values."""
    frames = traceback.extract_tb(error.__traceback__)[-3:]
    where = [f"{PurePath(frame.filename).name}:{frame.lineno} in {frame.name}" for frame in frames]
    kind = f"{type(error).__module__}.{type(error).__qualname__}"
    return "\n".join([kind, *where])


def error_box(parent: QWidget | None, error: BaseException) -> "QMessageBox":
    """A message box for ``error``, not yet shown."""
    # Here, not at the top: the main window shows before QMessageBox is made (PySide makes a
    # Qt class and its enums when first used).
    from PySide6.QtWidgets import QMessageBox

    if isinstance(error, KnownError):
        box = QMessageBox(
            QMessageBox.Icon.Warning, TITLE, error.message, QMessageBox.StandardButton.Ok, parent
        )
    else:
        from casedesk.crash_report import report_advice, write_crash_report  # a bug only

        report = write_crash_report(error)
        box = QMessageBox(
            QMessageBox.Icon.Critical, TITLE, BUG_TEXT, QMessageBox.StandardButton.Ok, parent
        )
        box.setInformativeText(f"{BUG_INFORMATIVE_TEXT} {report_advice(report)}")
        box.setDetailedText(technical_detail(error))
    box.setObjectName("errorBox")
    box.setAccessibleName("Foutmelding")
    return box


_BOXES_WITHOUT_PARENT: "set[QMessageBox]" = set()
"""Keeps a box without a parent alive until it is closed (Python would delete it at once)."""


def show_error(parent: QWidget | None, error: BaseException) -> "QMessageBox":
    """Show ``error`` window-modally without blocking the caller; returns the box."""
    box = error_box(parent, error)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if parent is None:
        _BOXES_WITHOUT_PARENT.add(box)
        box.finished.connect(lambda _result: _BOXES_WITHOUT_PARENT.discard(box))
    box.open()
    return box


def install_crash_hook() -> ExceptHook:
    """Route exceptions that escape a Qt slot or event handler to an error box (and a crash
    report) instead of a traceback on stderr; returns the hook it replaced."""
    previous = sys.excepthook

    def show_escaped(
        kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if not isinstance(error, Exception):  # KeyboardInterrupt, SystemExit: not ours
            previous(kind, error, trace)
            return
        show_error(QApplication.activeWindow(), error.with_traceback(trace))

    sys.excepthook = show_escaped
    return previous
