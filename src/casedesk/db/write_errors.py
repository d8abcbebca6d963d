"""SQLite's refusals to write, as the Dutch reason a caseworker can act on.

SQLite reports a full disk, a read-only folder or a failing disk as an error code; the
driver's message text may also carry the SQL and its parameters (names, BSN), so it is
never shown or logged: only the code is read here.
"""

import shutil
from pathlib import Path
from typing import Any

from casedesk.errors import KnownError

_REASONS = {
    "SQLITE_FULL": "de schijf is vol",
    "SQLITE_READONLY": "de map of de schijf kan alleen gelezen worden",
    "SQLITE_PERM": "geen toestemming om te schrijven",
    "SQLITE_CANTOPEN": "een bestand van de opslag kon niet worden geopend of gemaakt",
    "SQLITE_IOERR": "de schijf gaf een schrijffout",
}


class StoreWriteError(KnownError):
    """The disk refused a change; the store still holds everything committed before it."""


# SQLite's fixed texts (sqlite3_errstr) for the same codes: the backup API raises its
# errors without the code, so only the text tells what happened.
_TEXTS = {
    "database or disk is full": "SQLITE_FULL",
    "attempt to write a readonly database": "SQLITE_READONLY",
    "unable to open database file": "SQLITE_CANTOPEN",
    "disk I/O error": "SQLITE_IOERR",
    "access permission denied": "SQLITE_PERM",
}

# Less free space than this makes a failed write a full disk: SQLite then often reports
# an I/O error (the -shm index cannot grow) instead of SQLITE_FULL.
_NEARLY_FULL_BYTES = 1024 * 1024


def write_failure_reason(error: BaseException, folder: Path | None = None) -> str | None:
    """The Dutch reason when ``error`` (a driver or SQLAlchemy error) is a refused write.

    ``folder`` is where the write went; its free space tells a full disk from a failing one.
    """
    driver_error: Any = getattr(error, "orig", None) or error
    name = str(getattr(driver_error, "sqlite_errorname", "") or "")
    if not name:
        name = _TEXTS.get(str(driver_error.args[0]) if driver_error.args else "", "")
    for prefix, reason in _REASONS.items():
        # Extended codes carry the base name first: SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED.
        if name == prefix or name.startswith(prefix + "_"):
            if prefix == "SQLITE_IOERR" and folder is not None and _nearly_full(folder):
                return _REASONS["SQLITE_FULL"]
            return reason
    return None


def _nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < _NEARLY_FULL_BYTES
    except OSError:
        return False


def change_not_saved(reason: str) -> StoreWriteError:
    return StoreWriteError(
        f"De wijziging kon niet worden opgeslagen: {reason}. Van deze wijziging is niets "
        "bewaard; alles wat eerder was opgeslagen, is er nog. Maak ruimte vrij op de schijf "
        "(of vraag uw beheerder om hulp) en probeer het daarna opnieuw."
    )
