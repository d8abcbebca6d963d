"""Reading a text file a coordinator chose, with every failure as a Dutch problem."""

from collections.abc import Callable
from pathlib import Path

from casedesk.catalog.problems import Problem
from casedesk.errors import KnownError
from casedesk.files import os_error_reason


def read_chosen_text_file(
    path: Path, max_bytes: int, refuse: Callable[[Problem], KnownError]
) -> str:
    """The UTF-8 text of ``path`` (a byte order mark is allowed).

    A missing, unreadable, far too big or non-UTF-8 file raises ``refuse(problem)``: the
    caller's own KnownError, so the message names the kind of file that was expected.
    """

    def problem(reason: str, line: int | None = None) -> KnownError:
        return refuse(Problem(line, None, "bestand", reason))

    try:
        if path.stat().st_size > max_bytes:
            raise problem("het bestand is veel te groot. Is dit het goede bestand?")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise problem(
            f"het bestand bestaat niet ({path}). Kijk of de naam en de map kloppen."
        ) from None
    except IsADirectoryError:
        raise problem("dit is een map, geen bestand.") from None
    except OSError as error:
        raise problem(f"het bestand kan niet worden gelezen ({os_error_reason(error)}).") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise problem("het bestand is geen UTF-8-tekst. Sla het op als UTF-8.", line) from None
