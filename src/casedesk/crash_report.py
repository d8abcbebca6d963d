"""Crash reports: what a bug of ours leaves behind, for the administrator to pass on.

A bug (any exception that is not a ``KnownError``) is written to one small text file in the
user's log folder, and the user is told its name. The report holds versions and where the
error happened (file, line, function, exception type) and nothing else: no exception
messages (SQLAlchemy quotes SQL parameters and row data in them, other errors quote a name
or a BSN), no local variables, no paths outside the program. The folder is 0700 and the
file 0600 on POSIX, set explicitly rather than left to the umask.

Qt-free: the command line and the desktop app both use it.
"""

import errno
import os
import sys
import traceback
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path, PurePath

import casedesk
from casedesk.files import make_private_folder

LOG_DIR_ENV = "CASEDESK_LOG_DIR"
"""Overrides the platform's user log folder (tests, and administrators who want them kept
elsewhere)."""

KEPT_REPORTS = 50
"""The newest reports kept; older ones are removed when a new one is written."""

FRAMES_KEPT_AT_EACH_END = 25
"""A RecursionError has a thousand frames; the first and last ones say where it happened."""

CHAINED_ERRORS_KEPT = 5

_PREFIX = "casedesk-crash-"


def log_folder() -> Path:
    """Where crash reports go: ``CASEDESK_LOG_DIR``, else the platform's user log folder."""
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_log_dir("casedesk", appauthor=False))


def write_crash_report(error: BaseException, folder: Path | None = None) -> Path | None:
    """Write a report of ``error`` and return its path; None when it could not be written
    (a full disk, no permission): the caller still tells the user, without a file name."""
    target = folder if folder is not None else log_folder()
    now = datetime.now(UTC)
    try:
        make_private_folder(target)
        path = _write_private_file(target, now, crash_report_text(error, now).encode("utf-8"))
        _remove_old_reports(target)
    except OSError:
        return None
    return path


def crash_message(report: Path | None) -> str:
    """The one Dutch message the user sees about a bug on the command line."""
    return (
        "Er ging iets mis in casedesk: dit is een fout in het programma, niet in wat u deed. "
        f"Wat u al had opgeslagen, is bewaard. {report_advice(report)}"
    )


def report_advice(report: Path | None) -> str:
    """What to do with the report, in Dutch; the app puts it under its own first line."""
    if report is None:
        return (
            "Er kon geen foutrapport worden geschreven. Meld de fout aan uw beheerder, "
            "met wat u deed en hoe laat het was."
        )
    return (
        f"Er is een foutrapport gemaakt: {report}. Stuur dat bestand naar uw beheerder. "
        "Er staan geen persoonsgegevens in."
    )


def crash_report_text(error: BaseException, now: datetime) -> str:
    import platform  # only for a report: the desktop app's window shows without it

    lines = [
        "casedesk crash report",
        f"time: {now.isoformat(timespec='seconds')}",
        f"casedesk: {casedesk.__version__}",
        f"python: {platform.python_version()} ({platform.python_implementation()})",
        f"qt: {_qt_versions()}",
        f"platform: {platform.platform()}",
        "",
        "Exception messages and variable values are left out on purpose: they may hold",
        "personal data or SQL parameters.",
        "",
    ]
    for index, link in enumerate(_chain(error)):
        if index:
            lines += ["", "which happened while handling, or was caused by:"]
        lines.append(f"exception: {_error_kind(link)}")
        lines += [f"  {line}" for line in _frame_lines(link)]
    return "\n".join(lines) + "\n"


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The error and what caused it, innermost last, as Python prints them; cycles cut."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen and len(seen) < CHAINED_ERRORS_KEPT:
        seen.add(id(current))
        yield current
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )


def _error_kind(error: BaseException) -> str:
    kind = f"{type(error).__module__}.{type(error).__qualname__}"
    # The errno names the cause (ENOSPC, EACCES) without the file name in the message.
    code = error.errno if isinstance(error, OSError) else None
    if code is not None and code in errno.errorcode:
        kind += f" [{errno.errorcode[code]}]"
    return kind


def _frame_lines(error: BaseException) -> list[str]:
    frames = traceback.extract_tb(error.__traceback__)
    lines = [f"{_program_path(frame.filename)}:{frame.lineno} in {frame.name}" for frame in frames]
    if len(lines) <= 2 * FRAMES_KEPT_AT_EACH_END:
        return lines
    left_out = len(lines) - 2 * FRAMES_KEPT_AT_EACH_END
    return [
        *lines[:FRAMES_KEPT_AT_EACH_END],
        f"... {left_out} frames left out ...",
        *lines[-FRAMES_KEPT_AT_EACH_END:],
    ]


def _program_path(filename: str) -> str:
    """The file's path inside its package: the user name in ``/home/…`` stays out."""
    parts = PurePath(filename).parts
    if "casedesk" in parts:
        return "/".join(parts[_last_index(parts, "casedesk") :])
    if "site-packages" in parts:
        return "/".join(parts[_last_index(parts, "site-packages") + 1 :])
    return "/".join(parts[-2:])


def _last_index(parts: tuple[str, ...], name: str) -> int:
    return len(parts) - 1 - parts[::-1].index(name)


def _qt_versions() -> str:
    """Qt's versions when the app loaded it; a command-line crash never loads Qt for this."""
    pyside = sys.modules.get("PySide6")
    core = sys.modules.get("PySide6.QtCore")
    if pyside is None or core is None:
        return "not loaded"
    return f"PySide6 {getattr(pyside, '__version__', '?')}, Qt {core.qVersion()}"


def _write_private_file(folder: Path, now: datetime, data: bytes) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    for attempt in range(100):
        path = folder / f"{_PREFIX}{stamp}-{os.getpid()}-{attempt}.txt"
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(descriptor, "wb") as file:
            if os.name == "posix":
                os.fchmod(file.fileno(), 0o600)
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        return path
    raise FileExistsError(errno.EEXIST, "no free crash report name")


def _remove_old_reports(folder: Path) -> None:
    reports = sorted(folder.glob(f"{_PREFIX}*.txt"), key=lambda path: path.stat().st_mtime)
    for old in reports[:-KEPT_REPORTS]:
        old.unlink(missing_ok=True)
