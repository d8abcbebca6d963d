"""Errors sorted by who is at fault.

A ``KnownError`` is something the user or the machine can do something about (a wrong key,
a locked file, a full disk, a bad import file). Its message is plain Dutch, says what is
wrong and what to do, and is shown as is. Anything else that escapes is a bug of ours.
This module imports nothing, so every layer may use it.
"""


class KnownError(Exception):
    """A problem the user can act on; ``str(error)`` is the Dutch message to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
