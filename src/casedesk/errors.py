"""Errors sorted by who is at fault.

A ``KnownError`` is something the user or the machine can do something about (a wrong key,
a locked file, a full disk, a bad import file). Its message is plain Dutch, says what is
wrong and what to do, and is shown as is. Anything else that escapes is a bug of ours.
This module imports only the standard library, so every layer may use it.
"""

from pathlib import Path


class KnownError(Exception):
    """A problem the user can act on; ``str(error)`` is the Dutch message to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class KeptForLaterError(KnownError):
    """What was typed could not be saved now, but waits on this computer and is saved
    later: closing the window loses none of it."""


class RestorableError(KnownError):
    """The store cannot be used, but a good backup can replace it.

    Attributes:
        newest_good_backup: the backup to offer for restore; None when there is none.
    """

    def __init__(self, message: str, newest_good_backup: Path | None) -> None:
        super().__init__(message)
        self.newest_good_backup = newest_good_backup
