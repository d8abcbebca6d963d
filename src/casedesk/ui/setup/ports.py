"""What the set-up dialogs need: the first run's answers and the regional server's
connection (Bestand › Verbinden met regionale server…).

Apart from ``ui/ports.py`` so the main window shows without them (``tests/ui/
test_start_imports.py``).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casedesk.domain.regions import Municipality
    from casedesk.domain.server_address import ServerFields


@dataclass(frozen=True, slots=True)
class FirstRunAnswers:
    """What the caseworker fills in on first start."""

    caseworker_name: str
    municipality: "Municipality"
    printed_name: str = ""
    """The municipality's name as plans print it ("Gemeente Súdwest-Fryslân")."""
    address: str = ""
    phone: str = ""
    caseworker_email: str = ""


CreateStore = Callable[[FirstRunAnswers], str]
"""Creates the store for these answers and returns the recovery key, formatted for reading.

Raises ``KnownError`` when the caseworker can do something about a failure (e.g. no
keychain); the first-run dialog then shows the message and lets them try again.
"""


@dataclass(frozen=True, slots=True)
class ServerConnectionPorts:
    """Bestand › Verbinden met regionale server…: the same use case as ``casedesk connect``."""

    saved: "ServerFields | None"
    """The connection this computer has now, without its secrets; None: working locally."""
    check: "Callable[[ServerFields], tuple[bool, Sequence[str]]]"
    """Tries the login without saving anything: whether all is well, and Dutch lines (the
    server answers, the encryption, the schema, a login fit for the app). Raises
    ``KnownError`` when there is no connection at all."""
    connect: "Callable[[ServerFields], str]"
    """Connects and keeps the choice for the next start; returns the Dutch confirmation.
    Raises ``KnownError`` and keeps nothing when the server or login is refused."""
